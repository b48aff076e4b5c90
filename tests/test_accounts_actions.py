from django.core.exceptions import PermissionDenied, ValidationError

from mrplan.accounts import actions
from mrplan.accounts.models import Membership
from mrplan.accounts.permissions import roles_for
from mrplan.core.models import AuditEvent
from tests.base import BaseTestCase
from tests.factories import UserFactory


class MembershipActionTests(BaseTestCase):
    def test_an_org_admin_grants_a_role_in_their_organisation(self) -> None:
        newcomer = UserFactory(username="ny")
        membership = actions.membership_create(
            actor=self.org_admin, user=newcomer, organisation=self.org, role="editor"
        )
        self.assertEqual(membership.role, "editor")
        self.assertTrue(
            AuditEvent.objects.filter(verb="grant", object_id=str(self.org.pk)).exists()
        )

    def test_an_editor_cannot_grant_roles(self) -> None:
        newcomer = UserFactory(username="ny")
        with self.assertRaises(PermissionDenied):
            actions.membership_create(
                actor=self.editor, user=newcomer, organisation=self.org, role="editor"
            )
        self.assertFalse(Membership.objects.filter(user=newcomer).exists())

    def test_an_org_admin_cannot_grant_roles_elsewhere_or_make_coordinators(self) -> None:
        newcomer = UserFactory(username="ny")
        with self.assertRaises(PermissionDenied):
            actions.membership_create(
                actor=self.org_admin, user=newcomer, organisation=self.other_org, role="reader"
            )
        with self.assertRaises(PermissionDenied):
            actions.membership_create(
                actor=self.org_admin, user=newcomer, organisation=self.org, role="coordinator"
            )

    def test_coordinators_exist_only_at_the_coordinating_office(self) -> None:
        newcomer = UserFactory(username="ny")
        with self.assertRaises(ValidationError):
            actions.membership_create(
                actor=self.coordinator, user=newcomer, organisation=self.org, role="coordinator"
            )
        actions.membership_create(
            actor=self.coordinator, user=newcomer, organisation=self.slk, role="coordinator"
        )
        newcomer = type(newcomer).objects.get(pk=newcomer.pk)
        self.assertTrue(roles_for(newcomer).is_coordinator)

    def test_a_duplicate_role_is_refused_in_swedish(self) -> None:
        with self.assertRaisesMessage(ValidationError, "redan den rollen"):
            actions.membership_create(
                actor=self.org_admin, user=self.editor, organisation=self.org, role="editor"
            )

    def test_revoking_a_role_is_audited(self) -> None:
        membership = Membership.objects.get(user=self.reader)
        actions.membership_delete(actor=self.org_admin, membership=membership)
        self.assertFalse(Membership.objects.filter(pk=membership.pk).exists())
        self.assertTrue(AuditEvent.objects.filter(verb="revoke").exists())


class RolesTests(BaseTestCase):
    def test_roles_distinguish_coordinators_members_and_outsiders(self) -> None:
        self.assertTrue(roles_for(self.coordinator).is_coordinator)
        self.assertFalse(roles_for(self.org_admin).is_coordinator)
        self.assertTrue(roles_for(self.editor).has(self.org.pk, "editor"))
        self.assertFalse(roles_for(self.outsider).is_member(self.org.pk))
        self.assertFalse(roles_for(None).authenticated)
