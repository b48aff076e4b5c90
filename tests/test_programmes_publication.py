from django.urls import reverse

from tests.base import BaseTestCase
from tests.factories import ActionPlanFactory, ProgrammeFactory


class PublicationTests(BaseTestCase):
    """Publication is explicit: a plan being drawn up can be public, an adopted one hidden."""

    def test_a_published_draft_plan_is_public(self) -> None:
        plan = ActionPlanFactory(
            programme=ProgrammeFactory(), status="draft", is_published=True, title="Synlig plan"
        )
        self.assertEqual(self.client.get(plan.get_absolute_url()).status_code, 200)
        self.assertContains(self.client.get("/api/v1/action-plans/"), "Synlig plan")

    def test_an_unpublished_plan_is_hidden_from_anonymous_visitors_only(self) -> None:
        plan = ActionPlanFactory(
            programme=ProgrammeFactory(), status="adopted", is_published=False, title="Dold plan"
        )
        self.assertEqual(self.client.get(plan.get_absolute_url()).status_code, 404)
        self.assertNotContains(self.client.get("/api/v1/action-plans/"), "Dold plan")
        self.assertEqual(self.client.get(f"/api/v1/action-plans/{plan.pk}").status_code, 404)
        response = self.client_for(self.reader).get(plan.get_absolute_url())
        self.assertEqual(response.status_code, 200)

    def test_a_coordinator_publishes_a_plan_through_the_form(self) -> None:
        plan = ActionPlanFactory(programme=ProgrammeFactory(), status="draft", is_published=False)
        response = self.client_for(self.coordinator).post(
            reverse("programmes-action-plan-edit", args=[plan.slug]),
            {
                "title": plan.title,
                "slug": plan.slug,
                "goal": "",
                "summary": "",
                "status": "draft",
                "is_published": "on",
                "position": 0,
            },
        )
        self.assertRedirects(response, plan.get_absolute_url())
        plan.refresh_from_db()
        self.assertTrue(plan.is_published)
        self.assertEqual(self.client.get(plan.get_absolute_url()).status_code, 200)
