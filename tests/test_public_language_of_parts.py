"""WCAG 3.1.2: Swedish content on English pages carries lang="sv"; Swedish pages need none."""

from io import StringIO

from django.core.management import call_command
from django.template import Context, Template
from django.test import TestCase
from django.utils import translation

from mrplan.programmes.models import ActionPlan
from tests.base import BaseTestCase


class LanguageOfPartsTests(BaseTestCase):
    def test_the_sv_filter_marks_text_only_on_pages_in_another_language(self) -> None:
        template = Template("{{ text|sv }}")
        with translation.override("en"):
            assert template.render(Context({"text": "Åtgärd & mål"})) == (
                '<span lang="sv">Åtgärd &amp; mål</span>'
            )
            assert template.render(Context({"text": ""})) == ""
        with translation.override("sv"):
            assert template.render(Context({"text": "Åtgärd"})) == "Åtgärd"


class DemoLanguageOfPartsTests(TestCase):
    def test_an_english_public_page_marks_the_swedish_titles(self) -> None:
        call_command("load_demo", stdout=StringIO())
        plan = ActionPlan.objects.exclude(status="draft").first()
        assert plan is not None
        response = self.client.get(f"/en/oppet/handlingsplaner/{plan.slug}/")
        assert response.status_code == 200
        assert f'<h1><span lang="sv">{plan.title}</span></h1>' in response.text
        swedish = self.client.get(f"/oppet/handlingsplaner/{plan.slug}/")
        assert f"<h1>{plan.title}</h1>" in swedish.text

    def test_a_decision_without_a_known_paragraph_shows_no_empty_paragraph_sign(self) -> None:
        from mrplan.consultations.models import Decision

        call_command("load_demo", stdout=StringIO())
        decision = Decision.objects.filter(paragraph="–").select_related("statement").first()
        assert decision is not None
        consultation_pages = [
            f"/oppet/remisser/{pk}/"
            for pk in Decision.objects.values_list(
                "statement__case__consultation_recipient__consultation_id", flat=True
            )
            if pk
        ]
        assert consultation_pages
        for url in consultation_pages:
            response = self.client.get(url)
            assert response.status_code == 200
            assert "§ –" not in response.text and "§ <" not in response.text

    def test_every_action_plan_has_an_easy_read_summary_linked_from_the_header(self) -> None:
        from mrplan.programmes.models import ActionPlan
        from mrplan.public.models import EasyReadSummary

        call_command("load_demo", stdout=StringIO())
        for plan in ActionPlan.objects.all():
            assert EasyReadSummary.objects.filter(action_plan=plan).exists(), plan.title
        home = self.client.get("/")
        assert 'href="/oppet/lattlast/"' in home.content.decode()


class AccessibilityReportFormTests(BaseTestCase):
    def test_the_form_states_the_response_time_and_focuses_the_error_summary(self) -> None:
        page = self.client.get("/oppet/tillganglighet/")
        assert "Vi svarar inom 10 arbetsdagar" in page.content.decode()
        refused = self.client.post("/oppet/tillganglighet/", {})
        assert refused.status_code == 400
        html = refused.content.decode()
        assert 'class="error-summary" role="alert" tabindex="-1" autofocus' in html
        english = self.client.get("/en/oppet/tillganglighet/").content.decode()
        assert "We answer within 10 working days" in english
