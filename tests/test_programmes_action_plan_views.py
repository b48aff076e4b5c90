from django.urls import reverse

from mrplan.core.models import AuditEvent
from mrplan.programmes.models import ActionPlan
from tests.factories import CityActivityFactory, DevelopmentAreaFactory, TargetGroupFactory
from tests.test_programmes_base import ProgrammeTestCase


class ActionPlanDetailTests(ProgrammeTestCase):
    url = reverse("programmes-action-plan-detail", args=["mot-rasism"])

    def test_it_shows_the_plan_to_anyone(self) -> None:
        response = self.client.get(self.url)
        self.assertContains(response, "<h1>Handlingsplan mot rasism</h1>", html=True)
        self.assertContains(
            response, "Stadens verksamheter ska vara fria från alla former av rasism."
        )
        self.assertContains(response, "Antisemitism")
        self.assertContains(response, "Öka kunskapen om rasism och diskriminering")
        self.assertContains(response, "Kunskap och information")
        self.assertContains(response, "Informationsmaterial om rasism")
        self.assertContains(response, "10.2 Främja social, ekonomisk och politisk inkludering")
        self.assertNotContains(response, "Redigera")
        self.assertNotContains(response, "/historik/")

    def test_it_hides_draft_plans_from_anonymous_visitors(self) -> None:
        for slug in ("hemlig", "plan-i-utkast"):
            with self.subTest(slug=slug):
                url = reverse("programmes-action-plan-detail", args=[slug])
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_it_shows_draft_plans_to_those_who_work_in_the_city(self) -> None:
        url = reverse("programmes-action-plan-detail", args=["hemlig"])
        self.assertContains(self.client_for(self.outsider).get(url), "Hemligt område")
        self.assertEqual(self.client_for(self.nobody).get(url).status_code, 404)

    def test_it_gives_coordinators_edit_buttons(self) -> None:
        response = self.client_for(self.coordinator).get(self.url)
        self.assertContains(response, reverse("programmes-action-plan-edit", args=["mot-rasism"]))
        self.assertContains(
            response, reverse("programmes-development-area-create", args=["mot-rasism"])
        )
        self.assertContains(response, f"/historik/action-plan/{self.plan.pk}/")

    def test_it_gives_editors_the_history_but_no_edit_buttons(self) -> None:
        response = self.client_for(self.editor).get(self.url)
        self.assertNotContains(response, "Redigera handlingsplanen")
        self.assertContains(response, f"/historik/action-plan/{self.plan.pk}/")

    def test_it_costs_the_same_queries_whatever_the_size_of_the_plan(self) -> None:
        client = self.client_for(self.reader)
        before = self.count_queries(client, self.url)
        for _ in range(4):
            group = TargetGroupFactory()
            self.plan.special_focus.add(group)
            area = DevelopmentAreaFactory(action_plan=self.plan, focus_areas=[self.welfare])
            area.target_groups.set([group])
            area.sdg_targets.set([self.target])
            activity = CityActivityFactory(development_area=area, responsible=self.org)
            activity.target_groups.set([group])
        self.assertEqual(self.count_queries(client, self.url), before)


class ActionPlanCreateTests(ProgrammeTestCase):
    url = reverse("programmes-action-plan-create", args=["mr"])

    def test_it_sends_anonymous_visitors_to_the_login_page(self) -> None:
        self.assert_login_redirect(self.client.get(self.url))

    def test_it_refuses_editors(self) -> None:
        response = self.client_for(self.editor).post(
            self.url, {"title": "X", "status": "draft", "position": 0}
        )
        self.assertEqual(response.status_code, 403)
        self.assertFalse(ActionPlan.objects.filter(title="X").exists())

    def test_it_adds_a_plan(self) -> None:
        response = self.client_for(self.coordinator).post(
            self.url,
            {
                "title": "Handlingsplan för ett jämställt Stockholm",
                "status": "draft",
                "special_focus": [self.ground.pk],
                "sdg_targets": [self.target.pk],
                "position": 4,
            },
        )
        plan = ActionPlan.objects.get(title="Handlingsplan för ett jämställt Stockholm")
        self.assertRedirects(response, plan.get_absolute_url())
        self.assertEqual(plan.programme, self.programme)
        self.assertEqual(plan.slug, "handlingsplan-for-ett-jamstallt-stockholm")
        event = self.last_event(verb="create", object_id=str(plan.pk))
        self.assertEqual(event.changes["special_focus"], [None, ["Etnisk tillhörighet"]])

    def test_it_shows_swedish_errors_and_adds_nothing(self) -> None:
        count = ActionPlan.objects.count()
        response = self.client_for(self.coordinator).post(
            self.url, {"title": "X", "status": "adopted", "slug": "mot-rasism", "position": 0}
        )
        self.assertContains(response, "finns redan", status_code=400)
        self.assertEqual(ActionPlan.objects.count(), count)


class ActionPlanEditTests(ProgrammeTestCase):
    url = reverse("programmes-action-plan-edit", args=["mot-rasism"])

    def _data(self, **changes: object) -> dict[str, object]:
        data: dict[str, object] = {
            "title": "Handlingsplan mot rasism",
            "slug": "mot-rasism",
            "goal": self.plan.goal,
            "summary": "",
            "status": "adopted",
            "is_published": "on",
            "special_focus": [self.racism.pk],
            "sdg_targets": [self.target.pk],
            "position": 0,
        }
        data.update(changes)
        return data

    def test_it_sends_anonymous_visitors_to_the_login_page(self) -> None:
        self.assert_login_redirect(self.client.post(self.url, self._data()))

    def test_it_refuses_readers(self) -> None:
        response = self.client_for(self.reader).post(self.url, self._data(status="draft"))
        self.assertEqual(response.status_code, 403)
        self.plan.refresh_from_db()
        self.assertEqual(self.plan.status, "adopted")

    def test_it_changes_the_status_and_records_it(self) -> None:
        response = self.client_for(self.coordinator).post(
            self.url, self._data(status="on_consultation")
        )
        self.assertRedirects(response, self.plan.get_absolute_url())
        event = self.last_event(verb="update", object_id=str(self.plan.pk))
        self.assertEqual(event.changes, {"status": ["adopted", "on_consultation"]})

    def test_it_shows_swedish_errors_and_changes_nothing(self) -> None:
        response = self.client_for(self.coordinator).post(
            self.url, self._data(title="", valid_from="2026-01-01", valid_until="2020-01-01")
        )
        self.assertContains(response, "Detta fält måste fyllas i.", status_code=400)
        self.assertContains(
            response, "Slutdatumet kan inte ligga före startdatumet.", status_code=400
        )
        self.plan.refresh_from_db()
        self.assertEqual(self.plan.title, "Handlingsplan mot rasism")
        self.assertFalse(AuditEvent.objects.exists())
