"""Reading the city's organisations through the API."""

from tests.base import BaseTestCase
from tests.factories import DepartmentFactory, OrganisationFactory


class OrganisationListTests(BaseTestCase):
    def test_it_lists_every_organisation_by_name_for_anyone(self) -> None:
        response = self.client.get("/api/v1/organisations/")
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["count"], 6)
        names = [item["name"] for item in body["items"]]
        self.assertEqual(names, sorted(names))
        first = body["items"][0]
        self.assertEqual(
            set(first),
            {
                "id", "name", "short_name", "slug", "kind", "kind_label", "parent_id",
                "diary_prefix", "description", "email", "phone", "address", "website",
            },
        )  # fmt: skip

    def test_it_filters_by_kind(self) -> None:
        body = self.client.get("/api/v1/organisations/?kind=administration").json()
        self.assertEqual(
            [item["name"] for item in body["items"]],
            ["Hägersten-Älvsjö stadsdelsförvaltning", "Kulturförvaltningen"],
        )
        self.assertEqual(body["items"][0]["kind_label"], "Förvaltning")
        self.assertEqual(body["items"][0]["parent_id"], self.district.pk)
        self.assertEqual(body["items"][0]["diary_prefix"], "HÄ")

    def test_it_refuses_an_unknown_kind_in_swedish(self) -> None:
        response = self.client.get("/api/v1/organisations/?kind=kommun")
        self.assertEqual(response.status_code, 422)
        body = response.json()
        self.assertIn("Anropet stämmer inte", body["detail"])
        self.assertIn("Ange ett av värdena", body["errors"]["kind"][0])
        self.assertIn("eller", body["errors"]["kind"][0])

    def test_the_list_costs_a_fixed_number_of_queries(self) -> None:
        for number in range(5):
            OrganisationFactory(name=f"Bolag {number}", kind="company_board")
        with self.assertNumQueries(2):  # count, page
            self.client.get("/api/v1/organisations/")


class OrganisationDetailTests(BaseTestCase):
    def test_it_shows_an_organisation_with_departments_parent_and_children(self) -> None:
        DepartmentFactory(organisation=self.org, name="Avdelningen för äldreomsorg")
        DepartmentFactory(organisation=self.org, name="Avdelningen för förskola")
        response = self.client.get(f"/api/v1/organisations/{self.org.pk}")
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["parent_id"], self.district.pk)
        self.assertEqual(body["children_ids"], [])
        self.assertEqual(
            [department["name"] for department in body["departments"]],
            ["Avdelningen för förskola", "Avdelningen för äldreomsorg"],
        )
        district = self.client.get(f"/api/v1/organisations/{self.district.pk}").json()
        self.assertEqual(district["children_ids"], [self.org.pk])

    def test_it_answers_an_unknown_id_with_404_in_swedish(self) -> None:
        response = self.client.get("/api/v1/organisations/987654")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json(), {"detail": "Organisationen finns inte."})

    def test_it_costs_a_fixed_number_of_queries(self) -> None:
        DepartmentFactory(organisation=self.district)
        with self.assertNumQueries(3):  # organisation, children, departments
            self.client.get(f"/api/v1/organisations/{self.district.pk}")
