from django.urls import reverse

from mrplan.accounts.models import Membership
from mrplan.core.models import AuditEvent
from tests.base import BaseTestCase
from tests.factories import MembershipFactory, UserFactory


class MemberListTests(BaseTestCase):
    def url(self, organisation=None) -> str:  # type: ignore[no-untyped-def]
        return reverse("organisations-members", args=[(organisation or self.org).slug])

    def test_an_org_admin_sees_the_members_and_the_form(self) -> None:
        response = self.client_for(self.org_admin).get(self.url())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(response.context["memberships"]), 4)
        self.assertContains(response, "avdelningschef")
        self.assertIsNotNone(response.context["form"])
        roles = [value for value, _ in response.context["form"].fields["role"].choices]
        self.assertNotIn("coordinator", roles)

    def test_members_see_the_list_without_the_form(self) -> None:
        response = self.client_for(self.reader).get(self.url())
        self.assertEqual(response.status_code, 200)
        self.assertIsNone(response.context["form"])
        self.assertNotContains(response, "Ge någon en roll")

    def test_only_coordinators_at_the_coordinating_office_may_grant_the_coordinator_role(
        self,
    ) -> None:
        response = self.client_for(self.coordinator).get(self.url(self.slk))
        roles = [value for value, _ in response.context["form"].fields["role"].choices]
        self.assertIn("coordinator", roles)
        response = self.client_for(self.coordinator).get(self.url())
        roles = [value for value, _ in response.context["form"].fields["role"].choices]
        self.assertNotIn("coordinator", roles)

    def test_outsiders_may_not_see_the_members(self) -> None:
        for user in (self.outsider, self.nobody):
            self.assertEqual(self.client_for(user).get(self.url()).status_code, 403)

    def test_anonymous_visitors_are_sent_to_log_in(self) -> None:
        response = self.client.get(self.url())
        self.assertRedirects(response, f"{reverse('accounts-login')}?next={self.url()}")

    def test_an_unknown_organisation_is_not_found(self) -> None:
        response = self.client_for(self.coordinator).get(
            reverse("organisations-members", args=["finns-inte"])
        )
        self.assertEqual(response.status_code, 404)

    def test_it_costs_a_fixed_number_of_queries(self) -> None:
        for _ in range(10):
            MembershipFactory(organisation=self.org, user=UserFactory(), role="reader")
        client = self.client_for(self.org_admin)
        client.get(self.url())
        # Session, user, organisation with parent, roles, memberships with users.
        with self.assertNumQueries(5):
            client.get(self.url())


class MemberAddTests(BaseTestCase):
    def url(self, organisation=None) -> str:  # type: ignore[no-untyped-def]
        return reverse("organisations-members", args=[(organisation or self.org).slug])

    def test_an_org_admin_adds_a_user_by_username(self) -> None:
        newcomer = UserFactory(username="jens", first_name="Jens", last_name="Westlund")
        response = self.client_for(self.org_admin).post(
            self.url(), {"user": "Jens", "role": "editor", "title": " handläggare "}
        )
        self.assertRedirects(response, self.url())
        membership = Membership.objects.get(user=newcomer, organisation=self.org)
        self.assertEqual((membership.role, membership.title), ("editor", "handläggare"))
        self.assertTrue(
            AuditEvent.objects.filter(verb="grant", object_id=str(self.org.pk)).exists()
        )

    def test_an_org_admin_adds_a_user_by_email(self) -> None:
        newcomer = UserFactory(username="dl", email="daniel.lauridsen@example.org")
        self.client_for(self.org_admin).post(
            self.url(), {"user": "Daniel.Lauridsen@example.org", "role": "approver", "title": ""}
        )
        self.assertTrue(Membership.objects.filter(user=newcomer, role="approver").exists())

    def test_a_coordinator_grants_the_coordinator_role_at_the_coordinating_office(self) -> None:
        newcomer = UserFactory(username="sara")
        self.client_for(self.coordinator).post(
            self.url(self.slk), {"user": "sara", "role": "coordinator", "title": "utredare"}
        )
        self.assertTrue(
            Membership.objects.filter(
                user=newcomer, organisation=self.slk, role="coordinator"
            ).exists()
        )

    def test_it_refuses_members_without_the_admin_role_and_outsiders(self) -> None:
        newcomer = UserFactory(username="ny")
        for user in (self.editor, self.reader, self.outsider, self.nobody):
            response = self.client_for(user).post(self.url(), {"user": "ny", "role": "reader"})
            self.assertEqual(response.status_code, 403)
        self.assertFalse(Membership.objects.filter(user=newcomer).exists())

    def test_anonymous_visitors_are_sent_to_log_in(self) -> None:
        response = self.client.post(self.url(), {"user": "rita", "role": "org_admin"})
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Membership.objects.filter(user=self.reader, role="org_admin").exists())

    def test_bad_input_is_shown_in_swedish_and_nothing_is_saved(self) -> None:
        UserFactory(username="a", email="delad@example.org")
        UserFactory(username="b", email="delad@example.org")
        client = self.client_for(self.org_admin)
        count = Membership.objects.count()
        cases = [
            ({"user": "erik", "role": "editor"}, "redan den rollen"),
            ({"user": "a", "role": "coordinator"}, "Välj ett giltigt alternativ"),
            ({"user": "a", "role": "reader", "title": "x" * 121}, "som mest 120 tecken"),
            ({"user": "", "role": ""}, "Detta fält måste fyllas i."),
        ]
        for data, message in cases:
            response = client.post(self.url(), data)
            self.assertContains(response, message, status_code=400)
        self.assertEqual(Membership.objects.count(), count)
        self.assertFalse(AuditEvent.objects.exists())

    def test_the_answer_does_not_reveal_whether_a_username_exists(self) -> None:
        UserFactory(username="a", email="delad@example.org")
        UserFactory(username="b", email="delad@example.org")
        client = self.client_for(self.org_admin)
        count = Membership.objects.count()
        pages = []
        for text in ("okänd", "okand@example.org", "delad@example.org"):
            response = client.post(self.url(), {"user": text, "role": "reader"}, follow=True)
            self.assertContains(response, "Om det finns ett konto")
            pages.append(response)
        self.assertEqual(Membership.objects.count(), count)
        # An existing account gets the role and the very same message.
        UserFactory(username="jens")
        response = client.post(self.url(), {"user": "jens", "role": "reader"}, follow=True)
        self.assertRedirects(response, self.url())
        self.assertContains(response, "Om det finns ett konto")
        self.assertEqual(Membership.objects.count(), count + 1)
        self.assertNotContains(pages[0], "Det finns inget konto")
        self.assertNotContains(pages[2], "Flera konton")


class MemberDeleteTests(BaseTestCase):
    def url(self, membership: Membership) -> str:
        return reverse(
            "organisations-member-delete", args=[membership.organisation.slug, membership.pk]
        )

    def test_an_org_admin_takes_a_role_away(self) -> None:
        membership = Membership.objects.get(user=self.reader)
        response = self.client_for(self.org_admin).post(self.url(membership))
        self.assertRedirects(response, reverse("organisations-members", args=[self.org.slug]))
        self.assertFalse(Membership.objects.filter(pk=membership.pk).exists())
        self.assertTrue(AuditEvent.objects.filter(verb="revoke").exists())

    def test_removing_ones_own_role_leads_back_to_the_organisation(self) -> None:
        membership = Membership.objects.get(user=self.org_admin)
        response = self.client_for(self.org_admin).post(self.url(membership))
        self.assertRedirects(response, self.org.get_absolute_url())

    def test_a_get_request_changes_nothing(self) -> None:
        membership = Membership.objects.get(user=self.reader)
        response = self.client_for(self.org_admin).get(self.url(membership))
        self.assertEqual(response.status_code, 405)
        self.assertTrue(Membership.objects.filter(pk=membership.pk).exists())

    def test_it_refuses_editors_outsiders_and_admins_of_other_organisations(self) -> None:
        membership = Membership.objects.get(user=self.reader)
        for user in (self.editor, self.reader, self.outsider, self.nobody):
            self.assertEqual(self.client_for(user).post(self.url(membership)).status_code, 403)
        foreign = Membership.objects.get(user=self.outsider)
        self.assertEqual(self.client_for(self.org_admin).post(self.url(foreign)).status_code, 403)
        self.assertEqual(Membership.objects.filter(pk__in=[membership.pk, foreign.pk]).count(), 2)
        self.assertFalse(AuditEvent.objects.exists())

    def test_an_org_admin_at_the_coordinating_office_cannot_remove_a_coordinator(self) -> None:
        admin = UserFactory(username="slkadmin")
        MembershipFactory(user=admin, organisation=self.slk, role="org_admin")
        coordinator = Membership.objects.get(user=self.coordinator)
        self.assertEqual(self.client_for(admin).post(self.url(coordinator)).status_code, 403)
        self.assertTrue(Membership.objects.filter(pk=coordinator.pk).exists())

    def test_a_membership_of_another_organisation_is_not_found_under_this_one(self) -> None:
        foreign = Membership.objects.get(user=self.outsider)
        url = reverse("organisations-member-delete", args=[self.org.slug, foreign.pk])
        self.assertEqual(self.client_for(self.coordinator).post(url).status_code, 404)
        self.assertTrue(Membership.objects.filter(pk=foreign.pk).exists())

    def test_anonymous_visitors_are_sent_to_log_in(self) -> None:
        membership = Membership.objects.get(user=self.reader)
        response = self.client.post(self.url(membership))
        self.assertEqual(response.status_code, 302)
        self.assertTrue(Membership.objects.filter(pk=membership.pk).exists())
