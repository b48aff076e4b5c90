"""Need-to-know: no membership means the public view; drafts and contacts stay with their owners."""

from typing import Any

from django.test import Client
from django.urls import reverse

from mrplan.collaboration import actions as collaboration_actions
from mrplan.planning.models import ReportStatus
from tests.factories import MembershipFactory, UserFactory
from tests.test_planning_support import PlanningTestCase


class NeedToKnowTestCase(PlanningTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # A city-wide reader: a reader membership at the coordinating office, which only
        # coordinators grant.
        cls.citywide = UserFactory(username="vera", first_name="Vera")
        MembershipFactory(user=cls.citywide, organisation=cls.slk, role="reader")
        cls.partner = collaboration_actions.partner_create(
            actor=cls.coordinator,
            data={
                "name": "Föreningen Exempel",
                "organisation_number": "802000-0009",
                "kind": "association",
                "registered_by": cls.org,
            },
        )
        cls.contact = collaboration_actions.contact_create(
            actor=cls.coordinator,
            partner=cls.partner,
            data={
                "name": "Testa Kontaktsson",
                "email": "testa@example.org",
                "legal_basis": "public_task",
                "purpose": "Kallelser",
            },
        )

    def api(self, user: Any, url: str) -> Any:
        client = self.client_for(user) if user is not None else Client()
        return client.get(url)


class NoMembershipTests(NeedToKnowTestCase):
    def test_a_user_without_membership_reads_no_internal_report_page(self) -> None:
        report = self.make_report("T1")
        url = reverse("planning-report", args=[self.org.slug, 2026, report.pk])
        assert self.client_for(self.nobody).get(url).status_code in (403, 404)
        assert self.api(self.nobody, f"/api/v1/reports/{report.pk}").status_code in (403, 404)
        assert self.api(self.nobody, "/api/v1/reports/").status_code == 403

    def test_a_user_without_membership_sees_no_plan_or_goal(self) -> None:
        self.make_goal(title="Hemligt mål")
        url = reverse("planning-plan", args=[self.org.slug, 2026])
        assert self.client_for(self.nobody).get(url).status_code == 403
        assert self.client_for(self.reader).get(url).status_code == 200

    def test_a_user_without_membership_sees_no_collaboration_pages(self) -> None:
        for name, args in [
            ("collaboration-partner-list", []),
            ("collaboration-partner-detail", [self.partner.pk]),
            ("collaboration-collaboration-list", []),
        ]:
            response = self.client_for(self.nobody).get(reverse(name, args=args))
            assert response.status_code == 403, name
        assert self.api(self.nobody, "/api/v1/collaboration/partners/").status_code == 403


class DraftReportTests(NeedToKnowTestCase):
    def test_another_organisation_does_not_read_a_draft_or_returned_report(self) -> None:
        for status in (ReportStatus.DRAFT, ReportStatus.RETURNED, ReportStatus.SUBMITTED):
            report = self.make_report("T1", status=status)
            url = reverse("planning-report", args=[self.org.slug, 2026, report.pk])
            assert self.client_for(self.outsider).get(url).status_code == 404, status
            api = f"/api/v1/reports/{report.pk}"
            assert self.api(self.outsider, api).status_code == 404, status
            assert self.client_for(self.reader).get(url).status_code == 200
            assert self.client_for(self.citywide).get(url).status_code == 200
            assert self.api(self.citywide, api).status_code == 200
            report.delete()

    def test_an_approved_report_is_read_by_every_member_of_the_city(self) -> None:
        report = self.make_report("T1", status=ReportStatus.APPROVED)
        url = reverse("planning-report", args=[self.org.slug, 2026, report.pk])
        assert self.client_for(self.outsider).get(url).status_code == 200

    def test_the_api_list_holds_only_the_reports_the_caller_may_read(self) -> None:
        own = self.make_report("T1")
        other = self.make_report("T1", organisation=self.other_org)
        ids = {item["id"] for item in self.api(self.outsider, "/api/v1/reports/").json()["items"]}
        assert ids == {other.pk}
        ids = {item["id"] for item in self.api(self.citywide, "/api/v1/reports/").json()["items"]}
        assert ids == {own.pk, other.pk}


class ContactPersonTests(NeedToKnowTestCase):
    def link_partner_to_outsiders_collaboration(self) -> None:
        collaboration_actions.collaboration_create(
            actor=self.outsider,
            data={
                "title": "Kulturprojekt",
                "organisations": [self.other_org],
                "partners": [self.partner],
                "form": "other",
                "start_date": "2026-01-01",
                "purpose": "Syfte",
            },
        )

    def test_linking_a_partner_gives_no_access_to_its_contacts(self) -> None:
        self.link_partner_to_outsiders_collaboration()
        url = f"/api/v1/collaboration/partners/{self.partner.pk}/contacts"
        assert self.api(self.outsider, url).status_code in (403, 404)
        detail = self.client_for(self.outsider).get(
            reverse("collaboration-partner-detail", args=[self.partner.pk])
        )
        assert detail.status_code == 200
        assert "testa@example.org" not in detail.content.decode()
        edit = reverse("collaboration-contact-edit", args=[self.contact.pk])
        assert self.client_for(self.outsider).get(edit).status_code == 403
        add = reverse("collaboration-contact-create", args=[self.partner.pk])
        assert self.client_for(self.outsider).get(add).status_code == 403

    def test_the_registering_organisation_and_coordinators_see_the_contacts(self) -> None:
        self.link_partner_to_outsiders_collaboration()
        url = f"/api/v1/collaboration/partners/{self.partner.pk}/contacts"
        for user in (self.reader, self.coordinator):
            response = self.api(user, url)
            assert response.status_code == 200
            assert response.json()[0]["email"] == "testa@example.org"


class HistoryPageTests(NeedToKnowTestCase):
    def test_a_hidden_history_and_a_missing_one_look_the_same(self) -> None:
        goal = self.make_goal()
        hidden = reverse("core-history", args=["goal", goal.pk])
        missing = reverse("core-history", args=["goal", 999999])
        for user in (self.outsider, self.nobody):
            assert self.client_for(user).get(hidden).status_code == 404
            assert self.client_for(user).get(missing).status_code == 404
        assert self.client_for(self.reader).get(hidden).status_code == 200
        partner = reverse("core-history", args=["partner", self.partner.pk])
        assert self.client_for(self.nobody).get(partner).status_code == 404
