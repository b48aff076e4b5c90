"""Declined then answered (issue 10, item 6) and declines on someone's behalf (item 11)."""

import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse

from mrplan.consultations.actions.consultations import recipient_decline, recipient_reopen
from mrplan.consultations.actions.decisions import decision_record
from mrplan.consultations.actions.statements import (
    approval_steps_set,
    statement_approve,
    statement_create,
)
from mrplan.consultations.models import (
    Case,
    CaseStatus,
    ConsultationStatus,
    RecipientStatus,
    Statement,
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


class DeclineReopenTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.ks = OrganisationFactory(name="Kommunstyrelsen", kind="executive_board")
        cls.director = make_director(cls.org)

    def setUp(self) -> None:
        self.consultation = make_consultation(self.ks, [self.org], status=ConsultationStatus.SENT)
        self.recipient = self.consultation.recipients.get()
        self.case = make_case(self.org, 77, consultation_recipient=self.recipient)

    def decline(self) -> None:
        recipient_decline(actor=self.editor, recipient=self.recipient, reason="Ingen tid.")
        self.recipient.refresh_from_db()
        self.case.refresh_from_db()

    def test_after_a_decline_no_statement_can_be_started(self) -> None:
        self.decline()
        assert self.case.status == CaseStatus.CLOSED
        response = self.client_for(self.editor).get(self.case.get_absolute_url())
        self.assertNotContains(response, "Skriv tjänsteutlåtande")
        with self.assertRaisesMessage(ValidationError, "har avstått"):
            statement_create(actor=self.editor, case=self.case)
        assert not Statement.objects.exists()

    def test_a_declined_recipient_is_not_answered_by_a_decision(self) -> None:
        statement = make_statement(self.case, approvers=[self.approver, self.director])
        self.decline()
        with self.assertRaisesMessage(ValidationError, "Öppna remissen igen"):
            decision_record(
                actor=self.editor,
                statement=statement,
                committee=self.district,
                meeting_date=datetime.date(2024, 9, 19),
                paragraph="5",
                text="Godkänt.",
                decided_on=datetime.date(2024, 9, 19),
            )
        self.recipient.refresh_from_db()
        assert self.recipient.status == RecipientStatus.DECLINED

    def test_reopening_is_explicit_audited_and_lets_them_answer(self) -> None:
        self.decline()
        page = self.client_for(self.editor).get(self.consultation.get_absolute_url())
        self.assertContains(page, "Öppna igen för svar")
        url = reverse("consultations-recipient-reopen", args=[self.recipient.pk])
        assert self.client_for(self.reader).post(url).status_code == 403
        assert self.client_for(self.outsider).post(url).status_code == 404
        response = self.client_for(self.editor).post(url)
        self.assertRedirects(response, self.consultation.get_absolute_url())
        self.recipient.refresh_from_db()
        self.case.refresh_from_db()
        assert self.recipient.status == RecipientStatus.PENDING
        assert self.case.status == CaseStatus.OPEN
        assert AuditEvent.objects.filter(
            object_id=str(self.recipient.pk), message__startswith="Öppnad igen"
        ).exists()
        statement = statement_create(actor=self.editor, case=self.case)
        assert statement.pk

    def test_only_a_declined_recipient_can_be_reopened(self) -> None:
        with self.assertRaisesMessage(ValidationError, "Bara en remissinstans som har avstått"):
            recipient_reopen(actor=self.editor, recipient=self.recipient)

    def test_empty_statements_are_refused_at_attestation_and_decision(self) -> None:
        statement = statement_create(actor=self.editor, case=self.case)
        approval_steps_set(
            actor=self.editor,
            statement=statement,
            steps=[(self.approver, ""), (self.director, "")],
        )
        with self.assertRaisesMessage(ValidationError, "Tjänsteutlåtandet är tomt"):
            statement_approve(actor=self.approver, statement=statement, version=1)
        empty = make_statement(make_case(self.org, 78), approvers=[self.approver, self.director])
        Statement.objects.filter(pk=empty.pk).update(summary="")
        with self.assertRaisesMessage(ValidationError, "Tjänsteutlåtandet är tomt"):
            decision_record(
                actor=self.editor,
                statement=Statement.objects.get(pk=empty.pk),
                committee=self.district,
                meeting_date=datetime.date(2024, 9, 19),
                paragraph="5",
                text="Godkänt.",
                decided_on=datetime.date(2024, 9, 19),
            )

    def test_the_coordinator_records_a_decline_on_their_behalf(self) -> None:
        page = self.client_for(self.coordinator).get(self.consultation.get_absolute_url())
        self.assertContains(
            page, reverse("consultations-recipient-decline", args=[self.recipient.pk])
        )
        url = reverse("consultations-recipient-decline", args=[self.recipient.pk])
        response = self.client_for(self.coordinator).post(url, {"reason": ""})
        self.assertContains(response, "Ange skälet", status_code=400)
        response = self.client_for(self.coordinator).post(url, {"reason": "Meddelat per telefon."})
        assert response.status_code == 302
        self.recipient.refresh_from_db()
        assert self.recipient.status == RecipientStatus.DECLINED
        assert self.recipient.declined_reason == "Meddelat per telefon."
        event = AuditEvent.objects.get(
            object_id=str(self.recipient.pk), message__startswith="Samordnaren"
        )
        assert event.actor == self.coordinator
        assert "Samordnaren registrerade" in event.message
        assert Case.objects.get(pk=self.case.pk).status == CaseStatus.CLOSED
