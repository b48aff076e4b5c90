"""E-mails about statements: an approver's turn, voided approvals, an answer reaching the remiss."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from mrplan.consultations.actions.decisions import decision_record
from mrplan.consultations.actions.statements import (
    approval_steps_set,
    statement_approve,
    statement_update,
)
from mrplan.consultations.models import Consultation
from tests.consultations_statement_base import StatementTestCase
from tests.factories import MembershipFactory, UserFactory

MEETING = datetime.date(2024, 12, 10)


class NotificationTestCase(StatementTestCase):
    def setUp(self) -> None:
        self.statement = self.make_statement(summary="Sammanfattningen.")
        with self.captureOnCommitCallbacks(execute=True):
            approval_steps_set(
                actor=self.editor,
                statement=self.statement,
                steps=[(self.approver, "avdelningschef"), (self.director, "")],
            )

    def sent_to(self, user) -> list[mail.EmailMessage]:  # type: ignore[no-untyped-def]
        return [message for message in mail.outbox if user.email in message.to]


class ApproverTurnTests(NotificationTestCase):
    def test_the_first_approver_is_told_when_the_order_is_set(self) -> None:
        [message] = mail.outbox
        assert message.to == [self.approver.email]
        assert message.subject == "Din tur att attestera: " + self.statement.title
        link = settings.SITE_URL.rstrip("/") + self.statement.get_absolute_url()
        assert link in message.body
        assert "version 1" in message.body

    def test_the_next_approver_is_told_after_each_approval_and_nobody_after_the_last(self) -> None:
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            statement_approve(actor=self.approver, statement=self.statement, version=1)
        assert [m.to for m in mail.outbox] == [[self.director.email]]
        with self.captureOnCommitCallbacks(execute=True):
            statement_approve(actor=self.director, statement=self.statement, version=1)
        assert len(mail.outbox) == 1

    def test_setting_the_same_order_again_is_not_sent_twice(self) -> None:
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            approval_steps_set(
                actor=self.editor,
                statement=self.statement,
                steps=[(self.approver, "avdelningschef"), (self.director, "")],
            )
        assert mail.outbox == []

    def test_a_refused_approval_mails_nobody(self) -> None:
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            with pytest.raises(ValidationError, match="inte din tur"):
                statement_approve(actor=self.director, statement=self.statement, version=1)
            with pytest.raises(PermissionDenied):
                statement_approve(actor=self.reader, statement=self.statement, version=1)
        assert mail.outbox == []

    def test_an_approver_without_an_address_is_skipped(self) -> None:
        silent = UserFactory(username="tyst", email="")
        MembershipFactory(user=silent, organisation=self.org, role="approver", title="chef")
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            approval_steps_set(
                actor=self.editor, statement=self.statement, steps=[(silent, "chef")]
            )
        assert mail.outbox == []


class VoidedTests(NotificationTestCase):
    def test_an_edit_tells_the_voided_approvers_and_the_case_officer_once(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            statement_approve(actor=self.approver, statement=self.statement, version=1)
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            statement_update(
                actor=self.editor, statement=self.statement, data={"summary": "Ny."}, version=1
            )
        recipients = sorted(address for m in mail.outbox for address in m.to)
        assert recipients == sorted([self.approver.email, self.editor.email])
        assert all(m.subject.startswith("Attesteringen upphävd") for m in mail.outbox)
        assert "version 2" in mail.outbox[0].body
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            statement_update(
                actor=self.editor, statement=self.statement, data={"summary": "Nyare."}, version=2
            )
        assert mail.outbox == []  # nothing left to void: not sent twice

    def test_an_edit_before_any_approval_mails_nobody(self) -> None:
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            statement_update(
                actor=self.editor, statement=self.statement, data={"summary": "Ny."}, version=1
            )
        assert mail.outbox == []

    def test_a_stale_edit_mails_nobody(self) -> None:
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True), pytest.raises(ValidationError):
            statement_update(
                actor=self.editor, statement=self.statement, data={"summary": "x"}, version=9
            )
        assert mail.outbox == []


class AnswerArrivedTests(NotificationTestCase):
    def decide(self, actor=None):  # type: ignore[no-untyped-def]
        return decision_record(
            actor=actor or self.editor,
            statement=self.statement,
            committee=self.district,
            meeting_date=MEETING,
            paragraph="§ 12",
            text="Stadsdelsnämnden godkänner förvaltningens tjänsteutlåtande.",
            decided_on=MEETING,
        )

    def approve_all(self) -> None:
        statement_approve(actor=self.approver, statement=self.statement, version=1)
        statement_approve(actor=self.director, statement=self.statement, version=1)

    def test_the_sender_is_told_when_the_decided_answer_arrives(self) -> None:
        Consultation.objects.filter(pk=self.consultation.pk).update(sent_by=self.coordinator)
        self.approve_all()
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            self.decide()
        told = [m for m in mail.outbox if self.coordinator.email in m.to]
        assert len(told) == 1
        assert told[0].subject == f"Remissvar från {self.org.name}: {self.consultation.title}"
        link = settings.SITE_URL.rstrip("/") + self.consultation.get_absolute_url()
        assert link in told[0].body
        assert self.editor.email not in {a for m in mail.outbox for a in m.to}

    def test_a_refused_decision_mails_nobody_and_a_second_is_not_sent(self) -> None:
        Consultation.objects.filter(pk=self.consultation.pk).update(sent_by=self.coordinator)
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            with pytest.raises(ValidationError):
                self.decide()  # not attested yet
            with pytest.raises(PermissionDenied):
                self.decide(actor=self.reader)
        assert mail.outbox == []
        self.approve_all()
        with self.captureOnCommitCallbacks(execute=True):
            self.decide()
        count = len(mail.outbox)
        with (
            self.captureOnCommitCallbacks(execute=True),
            pytest.raises(ValidationError, match="redan registrerat"),
        ):
            self.decide()
        assert len(mail.outbox) == count
