from django.urls import reverse

from mrplan.programmes.models import Programme
from tests.base import BaseTestCase
from tests.test_programmes_base import ProgrammeTestCase

HOME_URL = reverse("core-home")


class StartPageTests(ProgrammeTestCase):
    def test_it_explains_the_programme_at_a_glance(self) -> None:
        response = self.client.get(HOME_URL)
        self.assertContains(
            response, "<h1>Stockholms stads program för de mänskliga rättigheterna</h1>", html=True
        )
        self.assertContains(response, "Stockholms stad är en öppen, jämlik och jämställd stad.")
        self.assertContains(response, "Antaget av Kommunfullmäktige")
        self.assertContains(response, "2 fokusområden")
        self.assertContains(response, "Kunskap och information")
        self.assertContains(response, "Handlingsplan mot rasism")
        self.assertContains(response, "Antagen")
        self.assertContains(response, "Så fungerar det")
        self.assertContains(
            response, "verksamhetsplanen (VP), tertialrapport 1 (T1), tertialrapport 2 (T2)"
        )
        self.assertContains(response, "Lämna ingen utanför")
        self.assertContains(response, reverse("programmes-sdg-list"))
        self.assertNotContains(response, "Hemlig handlingsplan")

    def test_it_shows_draft_plans_with_their_status_to_signed_in_users(self) -> None:
        response = self.client_for(self.reader).get(HOME_URL)
        self.assertContains(response, "Hemlig handlingsplan")
        self.assertContains(response, "Utkast")

    def test_it_costs_few_queries(self) -> None:
        self.assertLessEqual(self.count_queries(self.client, HOME_URL), 4)


class EmptyStartPageTests(BaseTestCase):
    def test_it_says_no_programme_is_published_yet(self) -> None:
        Programme.objects.create(title="Utkast", slug="utkast", status="draft")
        response = self.client.get(HOME_URL)
        self.assertContains(response, "Inget program är publicerat ännu.")
        self.assertNotContains(response, reverse("programmes-programme-create"))

    def test_it_offers_coordinators_to_add_the_first_programme(self) -> None:
        response = self.client_for(self.coordinator).get(HOME_URL)
        self.assertContains(response, reverse("programmes-programme-create"))
