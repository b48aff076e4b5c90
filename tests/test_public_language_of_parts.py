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
