"""The consultations' four status tables: every status change is a named, audited move."""

import datetime
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

import mrplan.consultations
from mrplan.consultations.actions.cases import CASE_MOVES, case_cancel
from mrplan.consultations.actions.consultations import CONSULTATION_MOVES, RECIPIENT_MOVES
from mrplan.consultations.actions.decisions import decision_record
from mrplan.consultations.actions.statements import (
    STATEMENT_MOVES,
    approval_steps_set,
    statement_approve,
)
from mrplan.consultations.models import Case, CaseStatus, Consultation
from mrplan.core.models import AuditEvent
from mrplan.core.transitions import table_for
from tests.consultations_statement_base import StatementTestCase

MEETING = datetime.date(2024, 12, 10)
# A status written anywhere but through a table: `.status = X` or a literal "status" key
# with a *Status.X value (choices, filters and table definitions are not writes).
INLINE = re.compile(r'\.status\s*=[^=]|"status":\s*\w*Status\.')


def test_each_status_field_has_its_registered_table() -> None:
    for table in (CONSULTATION_MOVES, RECIPIENT_MOVES, CASE_MOVES, STATEMENT_MOVES):
        assert table_for(table.model) is table


def test_no_status_is_set_outside_the_tables() -> None:
    root = Path(mrplan.consultations.__file__).parent
    offenders = [
        f"{path.relative_to(root)}:{number}: {line.strip()}"
        for path in root.rglob("*.py")
        if "migrations" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if INLINE.search(line)
    ]
    assert offenders == []


class MovesTests(StatementTestCase):
    def test_the_decision_moves_statement_case_and_recipient_under_their_kinds(self) -> None:
        statement = self.make_statement()
        approval_steps_set(
            actor=self.editor, statement=statement, steps=[(self.approver, ""), (self.director, "")]
        )
        statement_approve(actor=self.approver, statement=statement, version=1)
        statement_approve(actor=self.director, statement=statement, version=1)
        decision_record(
            actor=self.editor,
            statement=statement,
            committee=self.district,
            meeting_date=MEETING,
            paragraph="§ 1",
            text="Nämnden godkänner.",
            decided_on=MEETING,
        )
        kinds = set(AuditEvent.objects.exclude(kind="").values_list("kind", flat=True))
        assert {
            "statement.attest_step",
            "statement.attest_last",
            "statement.decide",
            "case.decide",
            "consultationrecipient.answer",
        } <= kinds

    def test_a_refused_move_changes_nothing_and_keeps_its_message(self) -> None:
        Case.objects.filter(pk=self.case.pk).update(status=CaseStatus.DECIDED)
        with pytest.raises(ValidationError, match="beslutat ärende kan inte makuleras"):
            case_cancel(actor=self.editor, case=self.case, reason="Fel.")
        self.case.refresh_from_db()
        assert self.case.status == CaseStatus.DECIDED
        assert not AuditEvent.objects.filter(kind="case.cancel").exists()

    def test_the_table_refuses_a_move_its_action_did_not_check(self) -> None:
        consultation = Consultation.objects.get(pk=self.consultation.pk)
        with pytest.raises(ValidationError, match="redan skickad"):
            CONSULTATION_MOVES.apply(consultation, actor=self.coordinator, name="send")
        assert not AuditEvent.objects.filter(kind="consultation.send").exists()


class HistoryLabelTests(StatementTestCase):
    def test_the_history_shows_status_labels_and_local_times(self) -> None:
        statement = self.make_statement()
        approval_steps_set(
            actor=self.editor, statement=statement, steps=[(self.approver, ""), (self.director, "")]
        )
        statement_approve(actor=self.approver, statement=statement, version=1)
        statement_approve(actor=self.director, statement=statement, version=1)
        decision_record(
            actor=self.editor,
            statement=statement,
            committee=self.district,
            meeting_date=MEETING,
            paragraph="§ 1",
            text="Nämnden godkänner.",
            decided_on=MEETING,
        )
        url = reverse("core-history", args=["statement", statement.pk])
        response = self.client_for(self.reader).get(url)
        text = re.sub(r"<[^>]+>|före: |efter: ", "", response.content.decode())
        assert "Attesterad → Beslutad" in text
        assert "approved → decided" not in text
        event = AuditEvent.objects.filter(kind="statement.decide").get()
        local = timezone.localtime(event.created_at).strftime("%Y-%m-%d %H:%M")
        self.assertContains(response, local)
        assert event.created_at.strftime("%z") == "+0000"  # stored in UTC, shown locally
        assert self.client_for(self.outsider).get(url).status_code == 404
