"""Reads for the statement pages, each a fixed number of queries."""

from django.db.models import Prefetch, QuerySet

from mrplan.consultations.models import (
    Approval,
    ApprovalStep,
    ConsultationQuestion,
    Statement,
    StatementVersion,
)


def with_attestation(queryset: "QuerySet[Statement]") -> "QuerySet[Statement]":
    """Add the ordered steps, their approvers and approvals (with versions) to QUERYSET."""
    return queryset.prefetch_related(
        Prefetch(
            "approval_steps",
            queryset=ApprovalStep.objects.select_related("approver").prefetch_related(
                Prefetch(
                    "approvals",
                    queryset=Approval.objects.select_related("version", "step").order_by(
                        "approved_at"
                    ),
                )
            ),
        )
    )


def statement_for_page(pk: int) -> Statement:
    """Return statement PK with its case, preparation and attestation loaded."""
    return with_attestation(
        Statement.objects.select_related(
            "case__organisation__parent",
            "case__case_officer",
            "case__consultation_recipient__consultation",
        )
    ).get(pk=pk)


def questions_for(statement: Statement) -> list[ConsultationQuestion]:
    """Return the questions of the consultation the statement answers (none for other cases)."""
    recipient = statement.case.consultation_recipient
    if recipient is None:
        return []
    return list(ConsultationQuestion.objects.filter(consultation_id=recipient.consultation_id))


def versions_for(statement: Statement) -> "QuerySet[StatementVersion]":
    """Return the statement's versions, newest first, without their content."""
    return (
        StatementVersion.objects.filter(statement=statement)
        .select_related("created_by")
        .defer("content")
        .order_by("-number")
    )


def version_pair(
    statement: Statement, old: int, new: int
) -> tuple[StatementVersion, StatementVersion] | None:
    """Return versions OLD and NEW of the statement, or None when either is missing."""
    found = {
        version.number: version
        for version in StatementVersion.objects.filter(statement=statement, number__in=[old, new])
    }
    if old not in found or new not in found:
        return None
    return found[old], found[new]
