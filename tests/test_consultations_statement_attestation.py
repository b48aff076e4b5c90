"""Digital attestation: ordered approvers, one exact version each, voided by any edit."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mrplan.consultations.actions.statements import (
    approval_steps_set,
    statement_approve,
    statement_update,
)
from mrplan.consultations.models import Approval, Statement, StatementStatus
from mrplan.consultations.statements.attestation import is_fully_approved, verify
from mrplan.consultations.statements.text import join_swedish, long_date, preparation_text
from mrplan.core.models import AuditEvent
from tests.consultations_statement_base import StatementTestCase


class AttestationTestCase(StatementTestCase):
    def setUp(self) -> None:
        self.statement = self.make_statement(summary="Sammanfattningen.")
        approval_steps_set(
            actor=self.editor,
            statement=self.statement,
            steps=[(self.approver, "avdelningschef"), (self.director, "")],
        )


class ApprovalStepsTests(AttestationTestCase):
    def test_it_sets_the_ordered_steps_with_titles_from_the_memberships(self) -> None:
        steps = list(self.statement.approval_steps.values_list("position", "approver", "title"))
        assert steps == [
            (1, self.approver.pk, "avdelningschef"),
            (2, self.director.pk, "stadsdelsdirektör"),
        ]

    def test_it_refuses_an_approver_without_the_role(self) -> None:
        with pytest.raises(ValidationError, match="inte attesterare"):
            approval_steps_set(
                actor=self.editor, statement=self.statement, steps=[(self.reader, "chef")]
            )
        assert self.statement.approval_steps.count() == 2

    def test_it_refuses_a_reader(self) -> None:
        with pytest.raises(PermissionDenied):
            approval_steps_set(actor=self.reader, statement=self.statement, steps=[])

    def test_it_refuses_changes_once_attestation_has_begun(self) -> None:
        statement_approve(actor=self.approver, statement=self.statement, version=1)
        with pytest.raises(ValidationError, match="redan börjat"):
            approval_steps_set(
                actor=self.editor, statement=self.statement, steps=[(self.director, "x")]
            )


class ApproveTests(AttestationTestCase):
    def test_two_approvers_in_order_approve_the_statement(self) -> None:
        first = statement_approve(actor=self.approver, statement=self.statement, version=1)
        self.statement.refresh_from_db()
        assert self.statement.status == StatementStatus.IN_APPROVAL
        assert not is_fully_approved(self.statement)
        second = statement_approve(actor=self.director, statement=self.statement, version=1)
        self.statement.refresh_from_db()
        assert self.statement.status == StatementStatus.APPROVED
        assert is_fully_approved(self.statement)
        assert (first.approver_name, first.approver_title) == ("Lars Wennberg", "avdelningschef")
        assert (second.approver_name, second.approver_title) == (
            "Lee Orberson",
            "stadsdelsdirektör",
        )
        assert second.content_hash == self.statement.versions.get(number=1).content_hash
        assert AuditEvent.objects.filter(verb="create", object_repr__startswith="Lee").exists()

    def test_it_refuses_an_approval_out_of_order(self) -> None:
        with pytest.raises(ValidationError, match="inte din tur"):
            statement_approve(actor=self.director, statement=self.statement, version=1)
        assert not Approval.objects.exists()

    def test_it_refuses_a_stale_version(self) -> None:
        statement_update(
            actor=self.editor, statement=self.statement, data={"summary": "Ny."}, version=1
        )
        with pytest.raises(ValidationError, match="har ändrats"):
            statement_approve(actor=self.approver, statement=self.statement, version=1)
        assert not Approval.objects.exists()

    def test_it_refuses_anyone_not_in_the_list(self) -> None:
        for user in (self.editor, self.reader, self.outsider, self.nobody):
            with pytest.raises(PermissionDenied):
                statement_approve(actor=user, statement=self.statement, version=1)
        assert not Approval.objects.exists()

    def test_it_refuses_a_second_approval_by_the_same_person(self) -> None:
        statement_approve(actor=self.approver, statement=self.statement, version=1)
        with pytest.raises(ValidationError, match="redan attesterat"):
            statement_approve(actor=self.approver, statement=self.statement, version=1)
        assert Approval.objects.count() == 1

    def test_an_edit_voids_the_approvals(self) -> None:
        statement_approve(actor=self.approver, statement=self.statement, version=1)
        statement_approve(actor=self.director, statement=self.statement, version=1)
        statement_update(
            actor=self.editor, statement=self.statement, data={"views": "Ändrat."}, version=1
        )
        self.statement.refresh_from_db()
        assert self.statement.status == StatementStatus.DRAFT
        assert not is_fully_approved(self.statement)
        for approval in Approval.objects.all():
            assert approval.voided_at is not None
            assert approval.void_reason == "Dokumentet ändrades efter attesteringen"
        # The new version can be attested again, from the first step.
        statement_approve(actor=self.approver, statement=self.statement, version=2)
        assert Approval.objects.filter(voided_at__isnull=True).count() == 1


class VerificationTests(AttestationTestCase):
    def test_an_untouched_approved_document_is_intact(self) -> None:
        statement_approve(actor=self.approver, statement=self.statement, version=1)
        statement_approve(actor=self.director, statement=self.statement, version=1)
        result = verify(Statement.objects.get(pk=self.statement.pk))
        assert result.intact
        assert [check.valid for check in result.approvals] == [True, True]

    def test_a_change_behind_the_applications_back_breaks_the_document(self) -> None:
        statement_approve(actor=self.approver, statement=self.statement, version=1)
        statement_approve(actor=self.director, statement=self.statement, version=1)
        Statement.objects.filter(pk=self.statement.pk).update(views="Manipulerat.")
        statement = Statement.objects.get(pk=self.statement.pk)
        result = verify(statement)
        assert not result.intact
        assert not any(check.valid for check in result.approvals)
        assert not is_fully_approved(statement)

    def test_a_tampered_version_breaks_the_document(self) -> None:
        version = self.statement.versions.get()
        version.content["summary"] = "Manipulerat."
        version.save()
        assert not verify(Statement.objects.get(pk=self.statement.pk)).intact


def test_swedish_wording() -> None:
    assert long_date(datetime.date(2024, 9, 17)) == "17 september 2024"
    assert join_swedish(["a"]) == "a"
    assert join_swedish(["a", "b", "c"]) == "a, b samt c"
    assert preparation_text(
        prepared_by="Nämndkansliet",
        departments=["Avdelningen för förskola"],
        union_informed_on=None,
    ) == ("Ärendet har beretts inom nämndkansliet i samråd med avdelningen för förskola.")
