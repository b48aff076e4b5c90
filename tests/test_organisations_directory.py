from django.urls import reverse

from tests.base import BaseTestCase
from tests.factories import OrganisationFactory

URL = reverse("organisations-list")


class DirectoryTests(BaseTestCase):
    def test_anonymous_visitors_see_every_organisation_grouped_by_kind(self) -> None:
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "<h1>Organisationer</h1>", html=True)
        self.assertContains(response, "Hägersten-Älvsjö stadsdelsförvaltning")
        self.assertContains(response, "Kulturnämnden")
        titles = [group.label for group in response.context["groups"]]
        # In the order of the city's structure, not alphabetically.
        self.assertEqual(
            titles,
            [
                "Kommunfullmäktige",
                "Samordnande kontor",
                "Stadsdelsnämnd",
                "Facknämnd",
                "Förvaltning",
            ],
        )
        administrations = response.context["groups"][-1]
        self.assertEqual(administrations.count, 2)
        self.assertContains(response, 'Förvaltning <span class="muted">(2)</span>', html=True)
        self.assertNotContains(response, reverse("organisations-create"))

    def test_coordinators_get_a_link_to_add_an_organisation(self) -> None:
        response = self.client_for(self.coordinator).get(URL)
        self.assertContains(response, reverse("organisations-create"))
        response = self.client_for(self.org_admin).get(URL)
        self.assertNotContains(response, reverse("organisations-create"))

    def test_it_filters_by_kind(self) -> None:
        response = self.client.get(URL, {"typ": "administration"})
        self.assertEqual(response.status_code, 200)
        groups = response.context["groups"]
        self.assertEqual([group.kind for group in groups], ["administration"])
        self.assertNotContains(response, "Kommunfullmäktige</a>")
        self.assertContains(response, "Visar 2 av 6 organisationer.")

    def test_it_searches_names_without_regard_to_case_even_for_swedish_letters(self) -> None:
        response = self.client.get(URL, {"q": "ÄLVSJÖ"})
        names = [o.name for group in response.context["groups"] for o in group.organisations]
        self.assertEqual(
            names,
            ["Hägersten-Älvsjö stadsdelsnämnd", "Hägersten-Älvsjö stadsdelsförvaltning"],
        )

    def test_it_searches_short_names_and_diary_prefixes(self) -> None:
        OrganisationFactory(
            name="Stockholms Stadshus AB", short_name="Stadshus", kind="company_board"
        )
        response = self.client.get(URL, {"q": "stadshus"})
        names = [o.name for group in response.context["groups"] for o in group.organisations]
        self.assertEqual(names, ["Stockholms Stadshus AB"])
        response = self.client.get(URL, {"q": "hä", "typ": "administration"})
        names = [o.name for group in response.context["groups"] for o in group.organisations]
        self.assertEqual(names, ["Hägersten-Älvsjö stadsdelsförvaltning"])

    def test_it_says_so_when_nothing_matches(self) -> None:
        response = self.client.get(URL, {"q": "finns inte"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Inga organisationer matchar sökningen.")

    def test_an_unknown_kind_gets_a_swedish_message_and_the_whole_directory(self) -> None:
        response = self.client.get(URL, {"typ": "bogus"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Okänd typ av organisation", status_code=400)
        self.assertEqual(len(response.context["groups"]), 5)

    def test_a_too_long_search_gets_a_swedish_message(self) -> None:
        response = self.client.get(URL, {"q": "x" * 101, "typ": "council"})
        self.assertContains(response, "högst 100 tecken", status_code=400)
        # The valid filter still applies.
        self.assertEqual([g.kind for g in response.context["groups"]], ["council"])

    def test_a_null_character_never_breaks_the_page(self) -> None:
        response = self.client.get(URL, {"q": "a\x00b"})
        self.assertEqual(response.status_code, 400)

    def test_it_costs_a_fixed_number_of_queries(self) -> None:
        for number in range(20):
            OrganisationFactory(
                name=f"Förvaltning {number}", kind="administration", parent=self.district
            )
        self.client.get(URL)  # warm up ContentType and similar caches
        with self.assertNumQueries(2):
            self.client.get(URL)
        client = self.client_for(self.coordinator)
        # Session, user, roles, then the directory and the counts.
        with self.assertNumQueries(5):
            client.get(URL, {"typ": "administration", "q": "förvaltning"})

    def test_it_accepts_only_get(self) -> None:
        response = self.client_for(self.coordinator).post(URL)
        self.assertEqual(response.status_code, 405)
