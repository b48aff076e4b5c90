from django.urls import reverse

from mrplan.core.history import history_url
from mrplan.organisations import actions
from tests.base import BaseTestCase


class OrganisationHistoryTests(BaseTestCase):
    def test_members_and_coordinators_see_an_organisations_history(self) -> None:
        actions.organisation_update(
            actor=self.org_admin, organisation=self.org, data={"phone": "08-508 00 000"}
        )
        for user in (self.reader, self.coordinator):
            response = self.client_for(user).get(history_url(self.org))
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, "08-508 00 000")

    def test_outsiders_and_anonymous_visitors_may_not(self) -> None:
        for user in (self.outsider, self.nobody, None):
            response = self.client_for(user).get(history_url(self.org))
            self.assertEqual(response.status_code, 404)

    def test_unknown_keys_are_not_found(self) -> None:
        client = self.client_for(self.coordinator)
        for key in ("999999", "abc", "²", "9" * 40):
            response = client.get(reverse("core-history", args=["organisation", key]))
            self.assertEqual(response.status_code, 404, key)

    def test_a_departments_history_follows_its_organisation(self) -> None:
        department = actions.department_create(
            actor=self.org_admin, organisation=self.org, name="Nämndkansliet"
        )
        response = self.client_for(self.editor).get(history_url(department))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Nämndkansliet")
        response = self.client_for(self.outsider).get(history_url(department))
        self.assertEqual(response.status_code, 404)
