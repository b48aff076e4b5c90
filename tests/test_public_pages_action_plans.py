"""The public action plan pages: development areas and progress from published reports."""

from django.urls import reverse

from mrplan.planning.models import ActivityUpdate, Goal
from mrplan.programmes.models import ActionPlan
from tests.factories import ActionPlanFactory
from tests.test_public_views import PublicPlanTestCase


class ActionPlanPageTests(PublicPlanTestCase):
    def url(self, slug: str | None = None, year: int | None = None) -> str:  # type: ignore[override]
        url = reverse("public-action-plan", args=[slug or self.action_plan.slug])
        return f"{url}?ar={year}" if year else url

    def test_anyone_reads_the_plan_with_its_areas_and_progress_as_text(self) -> None:
        self.publish_plan()
        response = self.client_for(None).get(self.url())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "<h1>Handlingsplan mot rasism</h1>", html=True)
        self.assertContains(response, "Öka kunskapen om rasism och diskriminering")
        self.assertContains(response, "Utbildningsinsatser för chefer och medarbetare")
        self.assertContains(response, "Hur det går 2026")
        self.assertContains(response, "Hägersten-Älvsjö stadsdelsförvaltning: planen 2026")
        self.assertContains(response, "<strong>40 %</strong>", html=True)
        # The assessment is a text label, not a colour alone.
        html = response.content.decode()
        self.assertTrue(
            any(label in html for label in ("I fas", "Risk för försening", "Försenad")), html
        )

    def test_draft_reports_and_unpublished_activities_do_not_count(self) -> None:
        self.publish_plan()
        activity = Goal.objects.get(title="Publicerat mål 0").activities.get()
        draft = self.make_report("T2")
        ActivityUpdate.objects.filter(report=draft, activity=activity).update(progress=77)
        self.make_activity(title="Opublicerad aktivitet", progress=90)
        html = self.client_for(None).get(self.url()).content.decode()
        self.assertNotIn("77 %", html)
        self.assertNotIn("90 %", html)
        self.assertNotIn("Opublicerad aktivitet", html)
        self.assertIn("40 %", html)

    def test_without_published_activities_it_says_so(self) -> None:
        response = self.client_for(None).get(self.url())
        self.assertContains(response, "Inga aktiviteter under handlingsplanen är publicerade ännu.")

    def test_unpublished_and_unknown_plans_are_404(self) -> None:
        draft = ActionPlanFactory(
            programme=self.action_plan.programme, title="Utkastplan", status="draft"
        )
        self.assertFalse(draft.is_published)
        for url in (self.url(draft.slug), self.url("finns-inte")):
            with self.subTest(url=url):
                self.assertEqual(self.client_for(self.coordinator).get(url).status_code, 404)
        listing = self.client_for(None).get(reverse("public-action-plan-list"))
        self.assertContains(listing, "Handlingsplan mot rasism")
        self.assertNotContains(listing, "Utkastplan")

    def test_a_malformed_year_is_400_with_a_message(self) -> None:
        for value in ("abc", "20266", "1900"):
            with self.subTest(value=value):
                response = self.client_for(None).get(
                    reverse("public-action-plan", args=[self.action_plan.slug]), {"ar": value}
                )
                self.assertEqual(response.status_code, 400)
                self.assertContains(response, "Året", status_code=400)

    def test_the_list_costs_a_fixed_number_of_queries(self) -> None:
        url = reverse("public-action-plan-list")
        with self.assertNumQueries(1):
            self.client_for(None).get(url)
        for number in range(3):
            ActionPlanFactory(programme=self.action_plan.programme, title=f"Plan {number}")
        with self.assertNumQueries(1):
            response = self.client_for(None).get(url)
        self.assertEqual(
            len(response.context["action_plans"]),
            ActionPlan.objects.filter(is_published=True).count(),
        )

    def test_the_page_costs_a_fixed_number_of_queries(self) -> None:
        self.publish_plan(goals=1)
        client = self.client_for(None)
        with self.assertNumQueries(10) as first:
            client.get(self.url())
        self.publish_plan(self.other_org, goals=2, suffix=" (kultur)")
        with self.assertNumQueries(len(first.captured_queries)):
            response = client.get(self.url())
        self.assertContains(response, "Kulturförvaltningen")
