from django.urls import reverse

from mrplan.core.models import AuditEvent
from mrplan.programmes.models import Programme
from tests.factories import ActionPlanFactory, FocusAreaFactory, ProgrammeFactory
from tests.test_programmes_base import ProgrammeTestCase

LIST_URL = reverse("programmes-programme-list")
CREATE_URL = reverse("programmes-programme-create")


class ProgrammeListTests(ProgrammeTestCase):
    def test_it_lists_published_programmes_to_anyone(self) -> None:
        response = self.client.get(LIST_URL)
        self.assertContains(response, "Stockholms stads program för de mänskliga rättigheterna")
        self.assertContains(response, "Program för ett jämställt Stockholm 2018-2022")
        self.assertContains(response, "Ersatt")
        self.assertNotContains(response, "Hemligt utkast")
        self.assertNotContains(response, CREATE_URL)

    def test_it_shows_drafts_to_those_who_work_in_the_city(self) -> None:
        self.assertNotContains(self.client_for(self.nobody).get(LIST_URL), "Hemligt utkast")
        response = self.client_for(self.outsider).get(LIST_URL)
        self.assertContains(response, "Hemligt utkast")
        self.assertContains(response, "Utkast")

    def test_it_offers_a_new_programme_to_coordinators_only(self) -> None:
        self.assertContains(self.client_for(self.coordinator).get(LIST_URL), CREATE_URL)
        self.assertNotContains(self.client_for(self.editor).get(LIST_URL), CREATE_URL)

    def test_it_costs_the_same_queries_whatever_the_number_of_programmes(self) -> None:
        client = self.client_for(self.reader)
        before = self.count_queries(client, LIST_URL)
        for number in range(5):
            newer = ProgrammeFactory(title=f"Extra {number}")
            ActionPlanFactory(programme=newer)
            newer.replaces.set([self.programme])
        self.assertEqual(self.count_queries(client, LIST_URL), before)
        self.assertLessEqual(before, 8)


class ProgrammeDetailTests(ProgrammeTestCase):
    url = reverse("programmes-programme-detail", args=["mr"])

    def test_it_shows_the_programme_to_anyone(self) -> None:
        response = self.client.get(self.url)
        self.assertContains(
            response, "<h1>Stockholms stads program för de mänskliga rättigheterna</h1>", html=True
        )
        self.assertContains(response, "Stockholms stad är en öppen, jämlik och jämställd stad.")
        self.assertContains(response, "Kommunfullmäktige")
        self.assertContains(response, "Antagen")
        self.assertContains(response, "Kunskap och information")
        self.assertContains(response, "Handlingsplan mot rasism")
        self.assertContains(response, "Program för ett jämställt Stockholm 2018-2022")
        self.assertContains(response, "Lämna ingen utanför")
        self.assertContains(response, "10.2 Främja social, ekonomisk och politisk inkludering")
        self.assertNotContains(response, "Hemlig handlingsplan")
        self.assertNotContains(response, "Redigera")
        self.assertNotContains(response, "Historik")

    def test_the_replaced_programme_names_what_replaced_it(self) -> None:
        response = self.client.get(reverse("programmes-programme-detail", args=["jamstallt-2018"]))
        self.assertContains(response, "Ersatt av")
        self.assertContains(response, self.programme.get_absolute_url())

    def test_it_hides_a_draft_from_anonymous_visitors(self) -> None:
        response = self.client.get(reverse("programmes-programme-detail", args=["utkast"]))
        self.assertEqual(response.status_code, 404)

    def test_it_shows_a_draft_to_signed_in_users(self) -> None:
        response = self.client_for(self.reader).get(
            reverse("programmes-programme-detail", args=["utkast"])
        )
        self.assertContains(response, "Hemligt utkast")

    def test_it_shows_draft_plans_to_signed_in_users(self) -> None:
        self.assertContains(self.client_for(self.reader).get(self.url), "Hemlig handlingsplan")

    def test_it_gives_coordinators_edit_buttons(self) -> None:
        response = self.client_for(self.coordinator).get(self.url)
        self.assertContains(response, reverse("programmes-programme-edit", args=["mr"]))
        self.assertContains(response, reverse("programmes-focus-area-create", args=["mr"]))
        self.assertContains(response, reverse("programmes-action-plan-create", args=["mr"]))
        self.assertContains(
            response, reverse("programmes-focus-area-edit", args=[self.knowledge.pk])
        )

    def test_it_gives_readers_no_edit_buttons_but_the_history(self) -> None:
        response = self.client_for(self.reader).get(self.url)
        self.assertNotContains(response, reverse("programmes-programme-edit", args=["mr"]))
        self.assertContains(response, f"/historik/programme/{self.programme.pk}/")
        self.assertContains(response, f"/historik/focus-area/{self.knowledge.pk}/")

    def test_it_shows_no_history_to_users_without_membership(self) -> None:
        self.assertNotContains(self.client_for(self.nobody).get(self.url), "/historik/")

    def test_it_costs_the_same_queries_whatever_the_size_of_the_programme(self) -> None:
        client = self.client_for(self.coordinator)
        before = self.count_queries(client, self.url)
        for _ in range(4):
            FocusAreaFactory(programme=self.programme)
            plan = ActionPlanFactory(programme=self.programme)
            plan.sdg_targets.set([self.target])
            ProgrammeFactory(status="replaced", adopted_on=None).replaced_by.add(self.programme)
        self.assertEqual(self.count_queries(client, self.url), before)


class ProgrammeCreateTests(ProgrammeTestCase):
    def test_it_sends_anonymous_visitors_to_the_login_page(self) -> None:
        self.assert_login_redirect(self.client.get(CREATE_URL))
        self.assert_login_redirect(self.client.post(CREATE_URL, {"title": "X"}))
        self.assertFalse(Programme.objects.filter(title="X").exists())

    def test_it_refuses_everyone_but_coordinators(self) -> None:
        for user in (self.editor, self.org_admin, self.reader, self.nobody):
            with self.subTest(user=user.username):
                client = self.client_for(user)
                self.assertEqual(client.get(CREATE_URL).status_code, 403)
                self.assertEqual(client.post(CREATE_URL, {"title": "X"}).status_code, 403)
        self.assertFalse(Programme.objects.filter(title="X").exists())

    def test_it_creates_a_programme(self) -> None:
        client = self.client_for(self.coordinator)
        self.assertContains(client.get(CREATE_URL), "Nytt program")
        response = client.post(
            CREATE_URL,
            {
                "title": "Program för äldres rättigheter",
                "status": "draft",
                "goal": "Alla äldre ska ha lika rättigheter.",
                "replaces": [self.old_programme.pk],
                "valid_from": "2025-01-01",
            },
        )
        programme = Programme.objects.get(title="Program för äldres rättigheter")
        self.assertRedirects(response, programme.get_absolute_url())
        self.assertEqual(list(programme.replaces.all()), [self.old_programme])
        event = self.last_event(verb="create", object_id=str(programme.pk))
        self.assertEqual(event.actor, self.coordinator)
        self.assertEqual(event.changes["title"], [None, "Program för äldres rättigheter"])

    def test_it_shows_swedish_errors_and_creates_nothing(self) -> None:
        count = Programme.objects.count()
        response = self.client_for(self.coordinator).post(
            CREATE_URL, {"title": "Nytt", "status": "adopted", "slug": "agenda-2030"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Formuläret innehåller fel", status_code=400)
        self.assertContains(response, "Ange när programmet antogs.", status_code=400)
        self.assertEqual(Programme.objects.count(), count)
        self.assertFalse(AuditEvent.objects.exists())

    def test_it_requires_a_title(self) -> None:
        response = self.client_for(self.coordinator).post(
            CREATE_URL, {"title": "", "status": "draft"}
        )
        self.assertContains(response, "Detta fält måste fyllas i.", status_code=400)

    def test_it_refuses_a_reserved_address(self) -> None:
        response = self.client_for(self.coordinator).post(
            CREATE_URL, {"title": "Nytt", "status": "draft", "slug": "agenda-2030"}
        )
        self.assertContains(response, "Adressnamnet är reserverat", status_code=400)
        self.assertFalse(Programme.objects.filter(title="Nytt").exists())


class ProgrammeEditTests(ProgrammeTestCase):
    url = reverse("programmes-programme-edit", args=["mr"])

    def _data(self, **changes: object) -> dict[str, object]:
        data: dict[str, object] = {
            "title": self.programme.title,
            "short_title": self.programme.short_title,
            "slug": self.programme.slug,
            "goal": self.programme.goal,
            "summary": "",
            "status": "adopted",
            "is_published": "on",
            "adopted_by": self.council.pk,
            "adopted_on": self.programme.adopted_on.isoformat(),
            "valid_from": "",
            "valid_until": "",
            "replaces": [self.old_programme.pk],
        }
        data.update(changes)
        return data

    def test_it_sends_anonymous_visitors_to_the_login_page_even_for_drafts(self) -> None:
        self.assert_login_redirect(self.client.get(self.url))
        self.assert_login_redirect(
            self.client.get(reverse("programmes-programme-edit", args=["utkast"]))
        )

    def test_it_refuses_editors_and_readers(self) -> None:
        for user in (self.editor, self.reader):
            with self.subTest(user=user.username):
                client = self.client_for(user)
                self.assertEqual(client.get(self.url).status_code, 403)
                self.assertEqual(client.post(self.url, self._data(title="Kapad")).status_code, 403)
        self.programme.refresh_from_db()
        self.assertNotEqual(self.programme.title, "Kapad")

    def test_it_answers_404_for_a_missing_programme(self) -> None:
        response = self.client_for(self.coordinator).get(
            reverse("programmes-programme-edit", args=["finns-inte"])
        )
        self.assertEqual(response.status_code, 404)

    def test_it_saves_a_change_and_records_before_and_after(self) -> None:
        client = self.client_for(self.coordinator)
        form = client.get(self.url)
        self.assertContains(form, 'value="Stockholms stads program för de mänskliga rättigheterna"')
        response = client.post(self.url, self._data(goal="Ett nytt mål."))
        self.assertRedirects(response, self.programme.get_absolute_url())
        self.programme.refresh_from_db()
        self.assertEqual(self.programme.goal, "Ett nytt mål.")
        event = self.last_event(verb="update", object_id=str(self.programme.pk))
        self.assertEqual(
            event.changes,
            {"goal": ["Stockholms stad är en öppen, jämlik och jämställd stad.", "Ett nytt mål."]},
        )

    def test_it_does_not_offer_the_programme_as_replacing_itself(self) -> None:
        response = self.client_for(self.coordinator).get(self.url)
        self.assertNotContains(response, f'name="replaces" value="{self.programme.pk}"')

    def test_it_shows_swedish_errors_and_changes_nothing(self) -> None:
        response = self.client_for(self.coordinator).post(
            self.url,
            self._data(title="Nytt namn", valid_from="2026-01-01", valid_until="2025-01-01"),
        )
        self.assertContains(
            response, "Slutdatumet kan inte ligga före startdatumet.", status_code=400
        )
        # The page still names the programme as it is saved.
        self.assertContains(response, "Redigera Stockholms stads program", status_code=400)
        self.programme.refresh_from_db()
        self.assertEqual(
            self.programme.title, "Stockholms stads program för de mänskliga rättigheterna"
        )
        self.assertFalse(AuditEvent.objects.exists())
