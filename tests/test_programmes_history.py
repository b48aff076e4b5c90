from mrplan.programmes import actions
from tests.test_programmes_base import ProgrammeTestCase


class ProgrammeHistoryTests(ProgrammeTestCase):
    def url(self, kind: str, pk: int) -> str:
        return f"/historik/{kind}/{pk}/"

    def test_every_kind_is_registered_for_members(self) -> None:
        objects = {
            "programme": self.programme,
            "focus-area": self.knowledge,
            "action-plan": self.plan,
            "development-area": self.area,
            "city-activity": self.activity,
            "target-group": self.racism,
        }
        client = self.client_for(self.reader)
        for kind, obj in objects.items():
            with self.subTest(kind=kind):
                response = client.get(self.url(kind, obj.pk))
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, obj.get_absolute_url())

    def test_it_shows_the_changes_before_and_after(self) -> None:
        actions.development_area_update(
            actor=self.coordinator, development_area=self.area, data={"title": "Kunskap om rasism"}
        )
        response = self.client_for(self.coordinator).get(self.url("development-area", self.area.pk))
        self.assertContains(response, "Öka kunskapen om rasism och diskriminering</del>")
        self.assertContains(response, "Kunskap om rasism</ins>")

    def test_it_refuses_users_without_membership_and_anonymous_visitors(self) -> None:
        url = self.url("programme", self.programme.pk)
        self.assertEqual(self.client_for(self.nobody).get(url).status_code, 404)
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_it_hides_drafts_from_anonymous_visitors(self) -> None:
        for kind, pk in (
            ("programme", self.draft.pk),
            ("action-plan", self.draft_plan.pk),
            ("development-area", self.draft_area.pk),
            ("city-activity", self.draft_activity.pk),
            ("focus-area", self.draft_focus_area.pk),
        ):
            with self.subTest(kind=kind):
                self.assertEqual(self.client.get(self.url(kind, pk)).status_code, 404)

    def test_it_answers_404_for_keys_that_cannot_exist(self) -> None:
        client = self.client_for(self.coordinator)
        self.assertEqual(client.get("/historik/programme/abc/").status_code, 404)
        self.assertEqual(client.get("/historik/target-group/999999/").status_code, 404)
