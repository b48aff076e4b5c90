from django.urls import reverse

from mrplan.core.models import AuditEvent
from mrplan.programmes.models import TargetGroup
from tests.factories import ActionPlanFactory, TargetGroupFactory
from tests.test_programmes_base import ProgrammeTestCase

LIST_URL = reverse("programmes-target-group-list")
CREATE_URL = reverse("programmes-target-group-create")


class TargetGroupListTests(ProgrammeTestCase):
    def test_it_groups_the_target_groups_by_category(self) -> None:
        response = self.client.get(LIST_URL)
        self.assertContains(
            response, '<h2 id="kategori-ground">Diskrimineringsgrund</h2>', html=True
        )
        self.assertContains(
            response, '<h2 id="kategori-form_of_racism">Form av rasism</h2>', html=True
        )
        self.assertNotContains(response, "Nationell minoritet</h2>")
        self.assertContains(response, "Etnisk tillhörighet")
        self.assertContains(response, 'id="malgrupp-antisemitism"')
        self.assertContains(response, "Handlingsplan mot rasism")
        self.assertNotContains(response, CREATE_URL)
        self.assertNotContains(response, "/historik/")

    def test_it_does_not_reveal_draft_plans_to_anonymous_visitors(self) -> None:
        self.draft_plan.special_focus.add(self.racism)
        self.assertNotContains(self.client.get(LIST_URL), "Hemlig handlingsplan")
        self.assertContains(self.client_for(self.reader).get(LIST_URL), "Hemlig handlingsplan")

    def test_it_gives_coordinators_edit_buttons(self) -> None:
        response = self.client_for(self.coordinator).get(LIST_URL)
        self.assertContains(response, CREATE_URL)
        self.assertContains(
            response, reverse("programmes-target-group-edit", args=[self.racism.pk])
        )
        self.assertContains(response, f"/historik/target-group/{self.racism.pk}/")

    def test_it_costs_the_same_queries_whatever_the_number_of_groups(self) -> None:
        client = self.client_for(self.reader)
        before = self.count_queries(client, LIST_URL)
        for number in range(6):
            group = TargetGroupFactory(
                category="national_minority" if number % 2 else "age", parent=self.ground
            )
            ActionPlanFactory(programme=self.programme).special_focus.add(group)
        self.assertEqual(self.count_queries(client, LIST_URL), before)


class TargetGroupCreateTests(ProgrammeTestCase):
    def test_it_sends_anonymous_visitors_to_the_login_page(self) -> None:
        self.assert_login_redirect(self.client.get(CREATE_URL))

    def test_it_refuses_everyone_but_coordinators(self) -> None:
        response = self.client_for(self.org_admin).post(
            CREATE_URL, {"name": "Romer", "category": "national_minority", "position": 0}
        )
        self.assertEqual(response.status_code, 403)
        self.assertFalse(TargetGroup.objects.filter(name="Romer").exists())

    def test_it_adds_a_target_group(self) -> None:
        response = self.client_for(self.coordinator).post(
            CREATE_URL, {"name": "Romer", "category": "national_minority", "position": 2}
        )
        group = TargetGroup.objects.get(name="Romer")
        self.assertRedirects(response, group.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual(group.slug, "romer")
        self.assertTrue(AuditEvent.objects.filter(verb="create", object_id=str(group.pk)).exists())

    def test_it_shows_swedish_errors_and_adds_nothing(self) -> None:
        count = TargetGroup.objects.count()
        response = self.client_for(self.coordinator).post(
            CREATE_URL, {"name": "Antisemitism", "category": "", "position": 0}
        )
        self.assertContains(response, "Detta fält måste fyllas i.", status_code=400)
        self.assertContains(response, "finns redan", status_code=400)
        self.assertEqual(TargetGroup.objects.count(), count)


class TargetGroupEditTests(ProgrammeTestCase):
    def url(self) -> str:
        return reverse("programmes-target-group-edit", args=[self.ground.pk])

    def test_it_sends_anonymous_visitors_to_the_login_page(self) -> None:
        self.assert_login_redirect(self.client.get(self.url()))

    def test_it_refuses_editors(self) -> None:
        self.assertEqual(self.client_for(self.editor).get(self.url()).status_code, 403)

    def test_it_changes_a_target_group(self) -> None:
        response = self.client_for(self.coordinator).post(
            self.url(),
            {
                "name": "Etnisk tillhörighet",
                "slug": self.ground.slug,
                "category": "ground",
                "description": "Diskrimineringsgrund enligt diskrimineringslagen.",
                "position": 3,
            },
        )
        self.assertEqual(response.status_code, 302)
        event = self.last_event(verb="update", object_id=str(self.ground.pk))
        self.assertEqual(
            event.changes["description"], ["", "Diskrimineringsgrund enligt diskrimineringslagen."]
        )

    def test_it_does_not_offer_the_group_as_its_own_parent(self) -> None:
        response = self.client_for(self.coordinator).get(self.url())
        self.assertNotContains(response, f'<option value="{self.ground.pk}">')

    def test_it_refuses_a_parent_cycle_in_swedish(self) -> None:
        self.racism.parent = self.ground
        self.racism.save()
        response = self.client_for(self.coordinator).post(
            self.url(),
            {
                "name": "Etnisk tillhörighet",
                "category": "ground",
                "parent": self.racism.pk,
                "position": 0,
            },
        )
        self.assertContains(
            response,
            "En målgrupp kan inte höra till sig själv eller sina undergrupper.",
            status_code=400,
        )
        self.ground.refresh_from_db()
        self.assertIsNone(self.ground.parent)
