from django.urls import reverse

from mrplan.core.history import history_url
from tests.base import BaseTestCase
from tests.factories import DepartmentFactory, MembershipFactory, UserFactory


class DetailTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.org.address = "Kungsklippan 6, 112 25 Stockholm"
        cls.org.email = "hagersten-alvsjo@example.org"
        cls.org.phone = "08-508 00 000"
        cls.org.website = "https://example.org/ha"
        cls.org.save()
        DepartmentFactory(organisation=cls.org, name="Nämndkansliet")
        DepartmentFactory(organisation=cls.org, name="Avdelningen för äldreomsorg")

    def url(self, organisation=None) -> str:  # type: ignore[no-untyped-def]
        return reverse("organisations-detail", args=[(organisation or self.org).slug])

    def test_anonymous_visitors_see_contact_details_structure_and_departments(self) -> None:
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        for text in (
            "<h1>Hägersten-Älvsjö stadsdelsförvaltning</h1>",
            "Kungsklippan 6, 112 25 Stockholm",
            'href="mailto:hagersten-alvsjo@example.org"',
            'href="tel:0850800000"',
            "https://example.org/ha",
            "Förvaltning",
            "HÄ",
            "Nämndkansliet",
            "Avdelningen för äldreomsorg",
        ):
            self.assertContains(response, text)
        self.assertContains(response, self.url(self.district))  # "hör till"

    def test_anonymous_visitors_see_no_members_history_or_edit_links(self) -> None:
        response = self.client.get(self.url())
        self.assertIsNone(response.context["members"])
        self.assertNotContains(response, "Erik")
        self.assertNotContains(response, history_url(self.org))
        self.assertNotContains(response, reverse("organisations-edit", args=[self.org.slug]))

    def test_a_committee_lists_its_administrations(self) -> None:
        response = self.client.get(self.url(self.district))
        self.assertContains(response, "<h2>Förvaltningar</h2>", html=True)
        self.assertContains(response, self.url(self.org))

    def test_members_see_the_member_list_and_history_but_not_edit_links(self) -> None:
        response = self.client_for(self.reader).get(self.url())
        names = [str(m.user) for m in response.context["members"]]
        self.assertEqual(len(names), 4)
        self.assertContains(response, "avdelningschef")
        self.assertContains(response, history_url(self.org))
        self.assertNotContains(response, reverse("organisations-edit", args=[self.org.slug]))
        self.assertNotContains(response, reverse("organisations-members", args=[self.org.slug]))

    def test_org_admins_and_coordinators_get_edit_and_member_links(self) -> None:
        for user in (self.org_admin, self.coordinator):
            response = self.client_for(user).get(self.url())
            self.assertContains(response, reverse("organisations-edit", args=[self.org.slug]))
            self.assertContains(response, reverse("organisations-members", args=[self.org.slug]))
            self.assertContains(
                response, reverse("organisations-department-create", args=[self.org.slug])
            )
            self.assertIsNotNone(response.context["members"])

    def test_outsiders_see_the_public_page_without_members(self) -> None:
        for user in (self.outsider, self.nobody):
            response = self.client_for(user).get(self.url())
            self.assertEqual(response.status_code, 200)
            self.assertIsNone(response.context["members"])
            self.assertNotContains(response, history_url(self.org))

    def test_an_unknown_organisation_is_not_found(self) -> None:
        response = self.client.get(reverse("organisations-detail", args=["finns-inte"]))
        self.assertEqual(response.status_code, 404)

    def test_it_costs_a_fixed_number_of_queries(self) -> None:
        for number in range(10):
            DepartmentFactory(organisation=self.org, name=f"Avdelning {number}")
            MembershipFactory(organisation=self.org, user=UserFactory(), role="reader")
        client = self.client_for(self.reader)
        client.get(self.url())
        # Session, user, organisation with parent, children, departments, roles, members,
        # and the public plans: published goals, activities and reports per year.
        with self.assertNumQueries(10):
            client.get(self.url())
