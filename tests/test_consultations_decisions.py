"""Decisions: recorded only on a fully attested statement; the answer reaches the remiss."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from mrplan.consultations.actions.decisions import decision_record
from mrplan.consultations.models import (
    Approval,
    CaseStatus,
    ConsultationStatus,
    Decision,
    RecipientStatus,
    StatementStatus,
)
from mrplan.core.models import AuditEvent
from tests.base import BaseTestCase
from tests.consultations_support import (
    make_case,
    make_consultation,
    make_director,
    make_statement,
)
from tests.factories import OrganisationFactory

MEETING = datetime.date(2024, 9, 19)


class DecisionTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.ks = OrganisationFactory(name="Kommunstyrelsen", kind="executive_board")
        cls.director = make_director(cls.org)

    def setUp(self) -> None:
        self.consultation = make_consultation(self.ks, [self.org], status=ConsultationStatus.SENT)
        self.recipient = self.consultation.recipients.get()
        self.case = make_case(self.org, 689, consultation_recipient=self.recipient)
        self.statement = make_statement(self.case, approvers=[self.approver, self.director])
        self.url = reverse("consultations-decision-create", args=[self.statement.pk])

    def form_data(self, **overrides):  # type: ignore[no-untyped-def]
        data = {
            "committee": self.district.pk,
            "meeting_date": MEETING.isoformat(),
            "paragraph": "§ 12",
            "text": "Stadsdelsnämnden godkänner förvaltningens tjänsteutlåtande.",
            "decided_on": MEETING.isoformat(),
        }
        data.update(overrides)
        return data


class DecisionRecordTests(DecisionTestCase):
    def test_it_records_the_decision_and_answers_the_consultation(self) -> None:
        page = self.client_for(self.editor).get(self.url)
        self.assertContains(page, "Stadsdelsnämnden godkänner förvaltningens tjänsteutlåtande.")
        response = self.client_for(self.editor).post(self.url, self.form_data())
        self.assertRedirects(response, self.case.get_absolute_url())
        decision = Decision.objects.get()
        self.assertEqual((decision.paragraph, decision.committee), ("12", self.district))
        self.assertEqual(decision.recorded_by, self.editor)
        self.statement.refresh_from_db()
        self.case.refresh_from_db()
        self.recipient.refresh_from_db()
        self.assertEqual(self.statement.status, StatementStatus.DECIDED)
        self.assertEqual(self.case.status, CaseStatus.DECIDED)
        self.assertEqual(self.recipient.status, RecipientStatus.ANSWERED)
        self.assertIsNotNone(self.recipient.answered_at)
        for instance in (decision, self.statement, self.case, self.recipient):
            self.assertTrue(AuditEvent.objects.filter(object_id=str(instance.pk)).exists())
        # The coordinator's status page links to the answer.
        status_page = self.client_for(self.coordinator).get(self.consultation.get_absolute_url())
        self.assertContains(status_page, "Har svarat: 1.")
        self.assertContains(status_page, self.statement.get_absolute_url())
        case_page = self.client_for(self.reader).get(self.case.get_absolute_url())
        self.assertContains(case_page, "§ 12")

    def test_it_refuses_a_statement_without_every_approval(self) -> None:
        Approval.objects.update(voided_at=timezone.now())
        response = self.client_for(self.editor).post(self.url, self.form_data())
        self.assertContains(response, "måste vara attesterat av alla", status_code=400)
        self.assertFalse(Decision.objects.exists())
        self.recipient.refresh_from_db()
        self.assertEqual(self.recipient.status, RecipientStatus.PENDING)

    def test_it_refuses_a_statement_whose_content_changed_after_approval(self) -> None:
        self.statement.summary = "Ändrat i efterhand."
        self.statement.save()
        with self.assertRaises(ValidationError):
            decision_record(
                actor=self.editor,
                statement=self.statement,
                committee=self.district,
                meeting_date=MEETING,
                paragraph="12",
                text="Beslut.",
                decided_on=MEETING,
            )
        self.assertFalse(Decision.objects.exists())

    def test_it_refuses_a_second_decision(self) -> None:
        self.client_for(self.editor).post(self.url, self.form_data())
        response = self.client_for(self.editor).post(self.url, self.form_data(paragraph="13"))
        self.assertContains(response, "Beslutet är redan registrerat.", status_code=400)
        self.assertEqual(Decision.objects.get().paragraph, "12")

    def test_it_refuses_missing_fields_in_swedish(self) -> None:
        response = self.client_for(self.editor).post(
            self.url, self.form_data(paragraph="§", decided_on="2024-09-01")
        )
        self.assertContains(response, "Ange paragrafen (§).", status_code=400)
        self.assertContains(
            response, "Beslutsdatum kan inte vara före sammanträdet.", status_code=400
        )
        self.assertFalse(Decision.objects.exists())
        self.statement.refresh_from_db()
        self.assertEqual(self.statement.status, StatementStatus.APPROVED)

    def test_it_refuses_readers_approvers_outsiders_and_anonymous(self) -> None:
        for user, status in ((self.reader, 403), (self.approver, 403), (self.outsider, 404)):
            with self.subTest(user=user.username):
                response = self.client_for(user).post(self.url, self.form_data())
                self.assertEqual(response.status_code, status)
        self.assertEqual(self.client_for(None).post(self.url, self.form_data()).status_code, 302)
        with self.assertRaises(PermissionDenied):
            decision_record(
                actor=self.reader,
                statement=self.statement,
                committee=self.district,
                meeting_date=MEETING,
                paragraph="1",
                text="x",
                decided_on=MEETING,
            )
        self.assertFalse(Decision.objects.exists())

    def test_the_coordinator_may_record_it(self) -> None:
        response = self.client_for(self.coordinator).post(self.url, self.form_data())
        self.assertEqual(response.status_code, 302)
        self.assertTrue(Decision.objects.exists())

    def test_the_decision_history_is_for_members(self) -> None:
        self.client_for(self.editor).post(self.url, self.form_data())
        decision = Decision.objects.get()
        url = reverse("core-history", args=["decision", decision.pk])
        self.assertEqual(self.client_for(self.reader).get(url).status_code, 200)
        self.assertEqual(self.client_for(self.outsider).get(url).status_code, 404)
