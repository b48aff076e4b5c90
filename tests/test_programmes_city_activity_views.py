from django.urls import reverse

from mrplan.core.models import AuditEvent
from mrplan.programmes.models import CityActivity
from tests.test_programmes_base import ProgrammeTestCase


class CityActivityCreateTests(ProgrammeTestCase):
    def url(self) -> str:
        return reverse("programmes-city-activity-create", args=[self.area.pk])

    def test_it_sends_anonymous_visitors_to_the_login_page(self) -> None:
        self.assert_login_redirect(self.client.get(self.url()))

    def test_it_refuses_editors(self) -> None:
        response = self.client_for(self.editor).post(self.url(), {"title": "X", "position": 0})
        self.assertEqual(response.status_code, 403)
        self.assertFalse(CityActivity.objects.filter(title="X").exists())

    def test_it_adds_an_activity(self) -> None:
        client = self.client_for(self.coordinator)
        self.assertContains(client.get(self.url()), "Ny stadsgemensam aktivitet")
        response = client.post(
            self.url(),
            {
                "title": "Utbildningsinsatser för chefer",
                "responsible": self.slk.pk,
                "target_groups": [self.racism.pk],
                "position": 2,
            },
        )
        activity = CityActivity.objects.get(title="Utbildningsinsatser för chefer")
        self.assertRedirects(response, activity.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual(activity.development_area, self.area)
        event = self.last_event(verb="create", object_id=str(activity.pk))
        self.assertEqual(event.changes["responsible"], [None, "Stadsledningskontoret"])

    def test_it_shows_swedish_errors_and_adds_nothing(self) -> None:
        count = CityActivity.objects.count()
        response = self.client_for(self.coordinator).post(
            self.url(), {"title": "  ", "position": 0}
        )
        self.assertContains(response, "Detta fält måste fyllas i.", status_code=400)
        self.assertEqual(CityActivity.objects.count(), count)


class CityActivityEditTests(ProgrammeTestCase):
    def url(self) -> str:
        return reverse("programmes-city-activity-edit", args=[self.activity.pk])

    def test_it_sends_anonymous_visitors_to_the_login_page(self) -> None:
        self.assert_login_redirect(self.client.get(self.url()))

    def test_it_refuses_readers(self) -> None:
        response = self.client_for(self.reader).post(self.url(), {"title": "Kapad", "position": 0})
        self.assertEqual(response.status_code, 403)
        self.activity.refresh_from_db()
        self.assertEqual(self.activity.title, "Informationsmaterial om rasism")

    def test_it_changes_an_activity(self) -> None:
        response = self.client_for(self.coordinator).post(
            self.url(), {"title": "Informationsmaterial", "responsible": "", "position": 1}
        )
        self.assertEqual(response.status_code, 302)
        event = self.last_event(verb="update", object_id=str(self.activity.pk))
        self.assertEqual(
            event.changes["title"], ["Informationsmaterial om rasism", "Informationsmaterial"]
        )
        self.assertEqual(event.changes["responsible"], ["Stadsledningskontoret", None])

    def test_it_shows_swedish_errors_and_changes_nothing(self) -> None:
        response = self.client_for(self.coordinator).post(
            self.url(), {"title": "Nytt", "responsible": "999999", "position": 0}
        )
        self.assertContains(response, "Välj ett giltigt alternativ.", status_code=400)
        self.activity.refresh_from_db()
        self.assertEqual(self.activity.title, "Informationsmaterial om rasism")

    def test_it_hides_a_draft_activity_from_a_missing_id(self) -> None:
        url = reverse("programmes-city-activity-edit", args=[987654])
        self.assertEqual(self.client_for(self.coordinator).get(url).status_code, 404)


class CityActivityDeleteTests(ProgrammeTestCase):
    def url(self) -> str:
        return reverse("programmes-city-activity-delete", args=[self.activity.pk])

    def test_it_sends_anonymous_visitors_to_the_login_page(self) -> None:
        self.assert_login_redirect(self.client.post(self.url()))
        self.assertTrue(CityActivity.objects.filter(pk=self.activity.pk).exists())

    def test_it_refuses_editors(self) -> None:
        self.assertEqual(self.client_for(self.editor).post(self.url()).status_code, 403)
        self.assertTrue(CityActivity.objects.filter(pk=self.activity.pk).exists())

    def test_it_asks_before_removing(self) -> None:
        response = self.client_for(self.coordinator).get(self.url())
        self.assertContains(
            response, "Vill du ta bort aktiviteten ”Informationsmaterial om rasism”"
        )
        self.assertTrue(CityActivity.objects.filter(pk=self.activity.pk).exists())

    def test_it_removes_the_activity_and_records_it(self) -> None:
        response = self.client_for(self.coordinator).post(self.url())
        self.assertRedirects(response, self.area.get_absolute_url())
        self.assertFalse(CityActivity.objects.filter(pk=self.activity.pk).exists())
        event = AuditEvent.objects.get(verb="delete")
        self.assertEqual(event.object_repr, "Informationsmaterial om rasism")
        self.assertEqual(event.actor, self.coordinator)
