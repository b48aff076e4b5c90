"""Reading the target groups and the goals of Agenda 2030 through the API."""

from mrplan.programmes.models import SdgGoal, SdgTarget
from tests.base import BaseTestCase
from tests.factories import TargetGroupFactory


class TargetGroupListTests(BaseTestCase):
    def setUp(self) -> None:
        self.racism = TargetGroupFactory(name="Former av rasism", category="form_of_racism")
        self.antisemitism = TargetGroupFactory(
            name="Antisemitism", category="form_of_racism", parent=self.racism, position=2
        )
        self.sami = TargetGroupFactory(name="Samer", category="national_minority")

    def test_it_lists_the_target_groups_for_anyone(self) -> None:
        response = self.client.get("/api/v1/target-groups/")
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["count"], 3)
        by_name = {item["name"]: item for item in body["items"]}
        self.assertEqual(by_name["Antisemitism"]["parent_id"], self.racism.pk)
        self.assertEqual(by_name["Samer"]["category_label"], "Nationell minoritet")

    def test_it_filters_by_category(self) -> None:
        body = self.client.get("/api/v1/target-groups/?category=national_minority").json()
        self.assertEqual([item["id"] for item in body["items"]], [self.sami.pk])

    def test_it_refuses_an_unknown_category(self) -> None:
        response = self.client.get("/api/v1/target-groups/?category=okand")
        self.assertEqual(response.status_code, 422)
        self.assertIn("category", response.json()["errors"])

    def test_it_costs_a_fixed_number_of_queries(self) -> None:
        with self.assertNumQueries(2):
            self.client.get("/api/v1/target-groups/")


class SdgGoalListTests(BaseTestCase):
    def setUp(self) -> None:
        for number in (5, 10, 16):
            goal = SdgGoal.objects.create(number=number, title=f"Mål {number}")
            for position in (2, 1):
                SdgTarget.objects.create(
                    goal=goal,
                    code=f"{number}.{position}",
                    text=f"Delmål {number}.{position}",
                    position=position,
                )

    def test_it_lists_the_goals_with_their_targets(self) -> None:
        response = self.client.get("/api/v1/sdg/goals/")
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual([goal["number"] for goal in body["items"]], [5, 10, 16])
        self.assertEqual(
            body["items"][1]["targets"],
            [
                {"code": "10.1", "title": "", "text": "Delmål 10.1"},
                {"code": "10.2", "title": "", "text": "Delmål 10.2"},
            ],
        )

    def test_it_costs_a_fixed_number_of_queries(self) -> None:
        with self.assertNumQueries(3):  # count, goals, targets
            self.client.get("/api/v1/sdg/goals/")
