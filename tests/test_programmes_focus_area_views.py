from django.urls import reverse

from mrplan.core.models import AuditEvent
from mrplan.programmes.models import FocusArea
from tests.test_programmes_base import ProgrammeTestCase


class FocusAreaCreateTests(ProgrammeTestCase):
    url = reverse("programmes-focus-area-create", args=["mr"])

    def test_it_sends_anonymous_visitors_to_the_login_page(self) -> None:
        self.assert_login_redirect(self.client.post(self.url, {"title": "X", "position": 0}))

    def test_it_refuses_editors(self) -> None:
        response = self.client_for(self.editor).post(self.url, {"title": "X", "position": 0})
        self.assertEqual(response.status_code, 403)
        self.assertFalse(FocusArea.objects.filter(title="X").exists())

    def test_it_adds_a_focus_area(self) -> None:
        client = self.client_for(self.coordinator)
        self.assertContains(client.get(self.url), "Nytt fokusområde")
        response = client.post(
            self.url, {"title": "Delaktighet och inflytande", "description": "", "position": 3}
        )
        area = FocusArea.objects.get(title="Delaktighet och inflytande")
        self.assertRedirects(response, area.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual(area.programme, self.programme)
        self.assertTrue(AuditEvent.objects.filter(verb="create", object_id=str(area.pk)).exists())

    def test_it_refuses_a_duplicate_title_in_swedish(self) -> None:
        response = self.client_for(self.coordinator).post(
            self.url, {"title": "Kunskap och information", "position": 0}
        )
        self.assertContains(
            response, "Programmet har redan ett fokusområde med den titeln.", status_code=400
        )
        self.assertEqual(FocusArea.objects.filter(programme=self.programme).count(), 2)

    def test_it_answers_404_for_a_draft_programme_it_cannot_find(self) -> None:
        url = reverse("programmes-focus-area-create", args=["finns-inte"])
        self.assertEqual(self.client_for(self.coordinator).get(url).status_code, 404)


class FocusAreaEditTests(ProgrammeTestCase):
    def url(self) -> str:
        return reverse("programmes-focus-area-edit", args=[self.knowledge.pk])

    def test_it_sends_anonymous_visitors_to_the_login_page(self) -> None:
        self.assert_login_redirect(self.client.get(self.url()))

    def test_it_refuses_readers(self) -> None:
        self.assertEqual(self.client_for(self.reader).get(self.url()).status_code, 403)

    def test_it_renames_a_focus_area(self) -> None:
        response = self.client_for(self.coordinator).post(
            self.url(), {"title": "Kunskap", "description": "Ny text.", "position": 1}
        )
        self.assertEqual(response.status_code, 302)
        self.knowledge.refresh_from_db()
        self.assertEqual(self.knowledge.title, "Kunskap")
        event = self.last_event(verb="update", object_id=str(self.knowledge.pk))
        self.assertEqual(event.changes["title"], ["Kunskap och information", "Kunskap"])
        self.assertEqual(event.changes["description"], ["", "Ny text."])

    def test_it_shows_swedish_errors_and_changes_nothing(self) -> None:
        client = self.client_for(self.coordinator)
        response = client.post(self.url(), {"title": "Välfärd och service", "position": 1})
        self.assertContains(
            response, "Programmet har redan ett fokusområde med den titeln.", status_code=400
        )
        response = client.post(self.url(), {"title": "Kunskap", "position": "-2"})
        self.assertContains(
            response,
            "Kontrollera att detta värde är större än eller lika med 0.",
            status_code=400,
        )
        self.knowledge.refresh_from_db()
        self.assertEqual(self.knowledge.title, "Kunskap och information")
        self.assertFalse(AuditEvent.objects.exists())

    def test_it_answers_404_for_an_id_that_cannot_exist(self) -> None:
        response = self.client_for(self.coordinator).get("/program/fokusomraden/99999/redigera/")
        self.assertEqual(response.status_code, 404)
