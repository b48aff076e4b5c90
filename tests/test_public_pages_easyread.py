"""Easy-read (lättläst) summaries: coordinators write them, everyone reads the published."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from mrplan.core.models import AuditEvent
from mrplan.public.easyread import easy_read_summary_save
from mrplan.public.models import EasyReadSummary
from tests.base import BaseTestCase
from tests.factories import ActionPlanFactory, ProgrammeFactory

TEXT = "Staden har en plan mot rasism.\nPlanen gäller alla nämnder.\n\nDu kan läsa mer här."
LONG_SENTENCE = " ".join(["ord"] * 30) + "."


class EasyReadTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.programme = ProgrammeFactory(title="MR-programmet", slug="mr-programmet")
        cls.plan = ActionPlanFactory(programme=cls.programme, title="Handlingsplan mot rasism")
        cls.draft_plan = ActionPlanFactory(
            programme=cls.programme, title="Utkastplan", status="draft"
        )

    def edit_url(self, kind: str = "handlingsplan", slug: str | None = None) -> str:
        return reverse("public-easy-read-edit", args=[kind, slug or self.plan.slug])

    def public_url(self, kind: str = "handlingsplan", slug: str | None = None) -> str:
        return reverse("public-easy-read", args=[kind, slug or self.plan.slug])


class EasyReadEditTests(EasyReadTestCase):
    def test_a_coordinator_writes_and_changes_the_summary_with_an_audit_trail(self) -> None:
        client = self.client_for(self.coordinator)
        self.assertEqual(client.get(self.edit_url()).status_code, 200)
        response = client.post(self.edit_url(), {"text": TEXT})
        self.assertRedirects(response, self.public_url())
        summary = EasyReadSummary.objects.get(action_plan=self.plan)
        self.assertEqual(summary.text, TEXT)
        self.assertEqual(summary.language, "sv")
        self.assertEqual(summary.updated_by, self.coordinator)

        client.post(self.edit_url(), {"text": "Planen är ny.\nLäs den."})
        summary.refresh_from_db()
        self.assertEqual(summary.text, "Planen är ny.\nLäs den.")
        verbs = list(
            AuditEvent.objects.filter(object_id=str(summary.pk), object_repr__startswith="Lättläst")
            .order_by("pk")
            .values_list("verb", flat=True)
        )
        self.assertEqual(verbs, ["create", "update"])
        history = client.get(reverse("core-history", args=["easy-read", summary.pk]))
        self.assertEqual(history.status_code, 200)

    def test_a_coordinator_writes_one_for_the_programme_and_for_an_unpublished_plan(self) -> None:
        client = self.client_for(self.coordinator)
        client.post(self.edit_url("program", self.programme.slug), {"text": TEXT})
        self.assertTrue(EasyReadSummary.objects.filter(programme=self.programme).exists())
        response = client.post(self.edit_url(slug=self.draft_plan.slug), {"text": TEXT})
        self.assertRedirects(response, self.edit_url(slug=self.draft_plan.slug))
        self.assertEqual(
            self.client_for(None).get(self.public_url(slug=self.draft_plan.slug)).status_code,
            404,
        )

    def test_it_refuses_everyone_but_coordinators(self) -> None:
        for user in (self.org_admin, self.editor, self.reader, self.outsider, self.nobody):
            with self.subTest(user=user.username):
                client = self.client_for(user)
                self.assertEqual(client.get(self.edit_url()).status_code, 403)
                self.assertEqual(client.post(self.edit_url(), {"text": TEXT}).status_code, 403)
        response = self.client_for(None).post(self.edit_url(), {"text": TEXT})
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("accounts-login"), response["Location"])
        self.assertFalse(EasyReadSummary.objects.exists())
        with self.assertRaises(PermissionDenied):
            easy_read_summary_save(actor=self.editor, target=self.plan, text=TEXT)

    def test_bad_input_is_refused_in_swedish_and_nothing_is_saved(self) -> None:
        client = self.client_for(self.coordinator)
        for text, message in (
            ("", "Skriv den lättlästa texten."),
            ("   ", "Skriv den lättlästa texten."),
            (LONG_SENTENCE, "har 30 ord"),
            ("x" * 6001, "högst 6000 tecken"),
        ):
            with self.subTest(message=message):
                response = client.post(self.edit_url(), {"text": text})
                self.assertContains(response, message, status_code=400)
        self.assertFalse(EasyReadSummary.objects.exists())
        self.assertFalse(AuditEvent.objects.filter(object_repr__startswith="Lättläst").exists())

    def test_unknown_kinds_and_slugs_are_404(self) -> None:
        client = self.client_for(self.coordinator)
        for url in (self.edit_url("annat"), self.edit_url(slug="finns-inte")):
            with self.subTest(url=url):
                self.assertEqual(client.get(url).status_code, 404)


class EasyReadPublicTests(EasyReadTestCase):
    def test_anyone_reads_the_summaries_of_published_plans(self) -> None:
        summary = easy_read_summary_save(actor=self.coordinator, target=self.plan, text=TEXT)
        easy_read_summary_save(actor=self.coordinator, target=self.programme, text="Programmet.")
        response = self.client_for(None).get(self.public_url())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Staden har en plan mot rasism.<br>Planen gäller")
        self.assertContains(response, 'lang="sv"')
        self.assertNotContains(response, self.edit_url())
        listing = self.client_for(None).get(reverse("public-easy-read-list"))
        self.assertContains(listing, summary.get_absolute_url())
        self.assertContains(listing, self.public_url("program", self.programme.slug))
        coordinator_view = self.client_for(self.coordinator).get(self.public_url())
        self.assertContains(coordinator_view, self.edit_url())

    def test_unpublished_targets_and_missing_summaries_are_404(self) -> None:
        easy_read_summary_save(actor=self.coordinator, target=self.draft_plan, text=TEXT)
        for url in (
            self.public_url(slug=self.draft_plan.slug),
            self.public_url(),  # published, but no summary yet
            self.public_url("annat"),
            self.public_url(slug="finns-inte"),
        ):
            with self.subTest(url=url):
                self.assertEqual(self.client_for(None).get(url).status_code, 404)
        listing = self.client_for(None).get(reverse("public-easy-read-list"))
        self.assertNotContains(listing, "Utkastplan")

    def test_the_list_costs_a_fixed_number_of_queries(self) -> None:
        url = reverse("public-easy-read-list")
        easy_read_summary_save(actor=self.coordinator, target=self.plan, text=TEXT)
        with self.assertNumQueries(1):
            self.client_for(None).get(url)
        for number in range(3):
            plan = ActionPlanFactory(programme=self.programme, title=f"Plan {number}")
            easy_read_summary_save(actor=self.coordinator, target=plan, text=TEXT)
        with self.assertNumQueries(1):
            response = self.client_for(None).get(url)
        self.assertContains(response, "Plan 2")


class EasyReadDemoTests(BaseTestCase):
    def test_the_demo_adds_easy_swedish_texts_and_publishes_both_consultations_once(self) -> None:
        from mrplan.consultations.models import ConsultationStatus
        from mrplan.demo import publication as demo
        from mrplan.public.easyread import long_sentences
        from tests.consultations_support import make_consultation

        for text in (demo.EASY_READ_PROGRAMME, demo.EASY_READ_RACISM_PLAN):
            self.assertEqual(long_sentences(text), [])
        programme = ProgrammeFactory(slug="mr-programmet")
        ActionPlanFactory(programme=programme, slug="handlingsplan-mot-rasism")
        consultations = [
            make_consultation(self.slk, [self.org], status=ConsultationStatus.SENT, title=title)
            for title in (
                "Stockholms stads program för de mänskliga rättigheterna",
                "Handlingsplan mot rasism",
            )
        ]
        self.assertEqual(demo.publish_demo_content(), 2)
        self.assertEqual(demo.publish_demo_content(), 0)
        for consultation in consultations:
            consultation.refresh_from_db()
            self.assertTrue(consultation.is_published)
        self.assertEqual(EasyReadSummary.objects.count(), 2)
        response = self.client_for(None).get(
            reverse("public-easy-read", args=["program", "mr-programmet"])
        )
        self.assertContains(response, "Alla ska behandlas lika.")
