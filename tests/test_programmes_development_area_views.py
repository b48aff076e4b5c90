from django.urls import reverse

from mrplan.core.models import AuditEvent
from mrplan.programmes.models import DevelopmentArea
from tests.factories import CityActivityFactory, TargetGroupFactory
from tests.test_programmes_base import ProgrammeTestCase


class DevelopmentAreaDetailTests(ProgrammeTestCase):
    def url(self, area: DevelopmentArea | None = None) -> str:
        return reverse("programmes-development-area-detail", args=[(area or self.area).pk])

    def test_it_shows_the_area_to_anyone(self) -> None:
        response = self.client.get(self.url())
        self.assertContains(
            response, "<h1>Öka kunskapen om rasism och diskriminering</h1>", html=True
        )
        self.assertContains(response, "Handlingsplan mot rasism")
        self.assertContains(response, "Kunskap och information")
        self.assertContains(response, "Informationsmaterial om rasism")
        self.assertContains(response, "Stadsledningskontoret")
        self.assertNotContains(response, "Redigera")

    def test_it_hides_an_area_of_a_draft_plan_from_anonymous_visitors(self) -> None:
        self.assertEqual(self.client.get(self.url(self.draft_area)).status_code, 404)
        self.assertEqual(
            self.client_for(self.reader).get(self.url(self.draft_area)).status_code, 200
        )

    def test_it_gives_coordinators_edit_buttons(self) -> None:
        response = self.client_for(self.coordinator).get(self.url())
        self.assertContains(
            response, reverse("programmes-development-area-edit", args=[self.area.pk])
        )
        self.assertContains(
            response, reverse("programmes-city-activity-create", args=[self.area.pk])
        )
        self.assertContains(
            response, reverse("programmes-city-activity-edit", args=[self.activity.pk])
        )
        self.assertContains(
            response, reverse("programmes-city-activity-delete", args=[self.activity.pk])
        )
        self.assertContains(response, f"/historik/city-activity/{self.activity.pk}/")

    def test_it_gives_readers_the_history_only(self) -> None:
        response = self.client_for(self.reader).get(self.url())
        self.assertNotContains(response, "Redigera")
        self.assertContains(response, f"/historik/development-area/{self.area.pk}/")

    def test_it_costs_the_same_queries_whatever_the_number_of_activities(self) -> None:
        client = self.client_for(self.coordinator)
        before = self.count_queries(client, self.url())
        for _ in range(5):
            group = TargetGroupFactory()
            self.area.target_groups.add(group)
            CityActivityFactory(development_area=self.area, responsible=self.org).target_groups.set(
                [group]
            )
        self.area.focus_areas.add(self.welfare)
        self.assertEqual(self.count_queries(client, self.url()), before)


class DevelopmentAreaCreateTests(ProgrammeTestCase):
    url = reverse("programmes-development-area-create", args=["mot-rasism"])

    def test_it_sends_anonymous_visitors_to_the_login_page(self) -> None:
        self.assert_login_redirect(self.client.get(self.url))

    def test_it_refuses_editors(self) -> None:
        response = self.client_for(self.editor).post(
            self.url, {"title": "X", "focus_areas": [self.welfare.pk], "position": 0}
        )
        self.assertEqual(response.status_code, 403)
        self.assertFalse(DevelopmentArea.objects.filter(title="X").exists())

    def test_it_offers_only_the_focus_areas_of_the_plans_programme(self) -> None:
        response = self.client_for(self.coordinator).get(self.url)
        self.assertContains(response, "Välfärd och service")
        self.assertNotContains(response, "Utkastets fokus")

    def test_it_adds_an_area(self) -> None:
        response = self.client_for(self.coordinator).post(
            self.url,
            {
                "title": "Motverka att barn och unga utsätts för rasism",
                "focus_areas": [self.welfare.pk],
                "target_groups": [self.racism.pk],
                "position": 2,
            },
        )
        area = DevelopmentArea.objects.get(title="Motverka att barn och unga utsätts för rasism")
        self.assertRedirects(response, area.get_absolute_url())
        self.assertEqual(list(area.focus_areas.all()), [self.welfare])
        self.assertTrue(AuditEvent.objects.filter(verb="create", object_id=str(area.pk)).exists())

    def test_it_requires_a_focus_area_in_swedish(self) -> None:
        response = self.client_for(self.coordinator).post(
            self.url, {"title": "Utan fokus", "position": 0}
        )
        self.assertContains(
            response,
            "Välj minst ett fokusområde som utvecklingsområdet svarar mot.",
            status_code=400,
        )
        self.assertFalse(DevelopmentArea.objects.filter(title="Utan fokus").exists())

    def test_it_refuses_a_focus_area_of_another_programme(self) -> None:
        response = self.client_for(self.coordinator).post(
            self.url,
            {"title": "Fel fokus", "focus_areas": [self.draft_focus_area.pk], "position": 0},
        )
        self.assertContains(response, "Välj ett giltigt alternativ.", status_code=400)
        self.assertFalse(DevelopmentArea.objects.filter(title="Fel fokus").exists())


class DevelopmentAreaEditTests(ProgrammeTestCase):
    def url(self) -> str:
        return reverse("programmes-development-area-edit", args=[self.area.pk])

    def _data(self, **changes: object) -> dict[str, object]:
        data: dict[str, object] = {
            "title": self.area.title,
            "description": "",
            "focus_areas": [self.knowledge.pk],
            "target_groups": [],
            "sdg_targets": [],
            "position": 0,
        }
        data.update(changes)
        return data

    def test_it_sends_anonymous_visitors_to_the_login_page(self) -> None:
        self.assert_login_redirect(self.client.post(self.url(), self._data()))

    def test_it_refuses_readers_and_editors(self) -> None:
        for user in (self.reader, self.editor):
            with self.subTest(user=user.username):
                response = self.client_for(user).post(self.url(), self._data(title="Kapad"))
                self.assertEqual(response.status_code, 403)
        self.area.refresh_from_db()
        self.assertNotEqual(self.area.title, "Kapad")

    def test_it_changes_the_focus_areas_and_records_them(self) -> None:
        response = self.client_for(self.coordinator).post(
            self.url(), self._data(focus_areas=[self.knowledge.pk, self.welfare.pk])
        )
        self.assertRedirects(response, self.area.get_absolute_url())
        event = self.last_event(verb="update", object_id=str(self.area.pk))
        self.assertEqual(
            event.changes,
            {
                "focus_areas": [
                    ["Kunskap och information"],
                    ["Kunskap och information", "Välfärd och service"],
                ]
            },
        )

    def test_it_shows_swedish_errors_and_changes_nothing(self) -> None:
        response = self.client_for(self.coordinator).post(
            self.url(), self._data(title="", focus_areas=[])
        )
        self.assertContains(response, "Detta fält måste fyllas i.", status_code=400)
        self.assertContains(response, "Välj minst ett fokusområde", status_code=400)
        self.area.refresh_from_db()
        self.assertEqual(self.area.title, "Öka kunskapen om rasism och diskriminering")
        self.assertEqual(list(self.area.focus_areas.all()), [self.knowledge])
