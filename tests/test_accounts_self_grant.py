"""Separation of duties (issue 10, item 3): nobody grants a role to themselves."""

from django.core.exceptions import ValidationError
from django.urls import reverse

from mrplan.accounts import actions
from mrplan.accounts.models import Membership
from tests.base import BaseTestCase


class SelfGrantTests(BaseTestCase):
    def test_an_org_admin_may_not_make_themselves_approver(self) -> None:
        with self.assertRaisesMessage(ValidationError, "Du kan inte ge dig själv en roll"):
            actions.membership_create(
                actor=self.org_admin, user=self.org_admin, organisation=self.org, role="approver"
            )
        assert not Membership.objects.filter(user=self.org_admin, role="approver").exists()

    def test_a_coordinator_may_not_grant_themselves_a_role_either(self) -> None:
        with self.assertRaises(ValidationError):
            actions.membership_create(
                actor=self.coordinator, user=self.coordinator, organisation=self.org, role="editor"
            )

    def test_an_org_admin_still_grants_roles_to_others(self) -> None:
        membership = actions.membership_create(
            actor=self.org_admin, user=self.reader, organisation=self.org, role="approver"
        )
        assert membership.role == "approver"

    def test_the_member_form_says_so_and_changes_nothing(self) -> None:
        url = reverse("organisations-members", args=[self.org.slug])
        response = self.client_for(self.org_admin).post(
            url, {"user": self.org_admin.username, "role": "approver", "title": "chef"}
        )
        self.assertContains(response, "Du kan inte ge dig själv en roll", status_code=400)
        assert not Membership.objects.filter(user=self.org_admin, role="approver").exists()
