"""Reads for the consultation, diary and decision pages, each a fixed number of queries."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Count, Q
from django.utils import timezone

from mrplan.accounts.models import Membership
from mrplan.accounts.permissions import WRITE_ROLES, roles_for
from mrplan.consultations.models import (
    Case,
    Consultation,
    ConsultationRecipient,
    ConsultationStatus,
    RecipientStatus,
    Statement,
)
from mrplan.consultations.permissions import consultations_visible_to
from mrplan.consultations.search import Fold, fold
from mrplan.organisations.models import Organisation, OrganisationKind

# Who may be asked for an answer: nämnder and bolag (and their förvaltningar).
RECIPIENT_KINDS = (
    OrganisationKind.DISTRICT_COMMITTEE,
    OrganisationKind.SPECIALIST_COMMITTEE,
    OrganisationKind.COMPANY_BOARD,
    OrganisationKind.ADMINISTRATION,
)
# Who sends consultations: the executive board and the coordinating office.
SENDER_KINDS = (OrganisationKind.EXECUTIVE_BOARD, OrganisationKind.COORDINATING_OFFICE)


def is_fully_approved(statement: Statement) -> bool:
    """Whether every approval step holds a valid approval of the current version."""
    from mrplan.consultations.statements.attestation import is_fully_approved as check

    return check(statement)


def recipient_organisations() -> "models.QuerySet[Organisation]":
    return Organisation.objects.filter(kind__in=RECIPIENT_KINDS).order_by("name")


def sender_organisations() -> "models.QuerySet[Organisation]":
    return Organisation.objects.filter(kind__in=SENDER_KINDS).order_by("name")


def consultation_list(user: Any) -> "models.QuerySet[Consultation]":
    """Return the consultations USER sees, with recipient counts per status."""
    return consultations_visible_to(user).annotate(
        recipient_count=Count("recipients", distinct=True),
        answered_count=Count(
            "recipients",
            filter=Q(recipients__status=RecipientStatus.ANSWERED),
            distinct=True,
        ),
        declined_count=Count(
            "recipients",
            filter=Q(recipients__status=RecipientStatus.DECLINED),
            distinct=True,
        ),
    )


@dataclass
class RecipientRow:
    recipient: ConsultationRecipient
    case: Case | None
    statement: Statement | None
    late: bool

    @property
    def state(self) -> str:
        """Return answered, declined, late or pending (status is never shown by colour alone)."""
        if self.recipient.status == RecipientStatus.PENDING and self.late:
            return "late"
        return self.recipient.status


def _case_of(recipient: ConsultationRecipient) -> Case | None:
    try:
        return recipient.case
    except Case.DoesNotExist:
        return None


def _statement_of(case: Case | None) -> Statement | None:
    if case is None:
        return None
    try:
        return case.statement
    except Statement.DoesNotExist:
        return None


def recipient_rows(
    consultation: Consultation,
    *,
    organisation_ids: list[int] | None = None,
    today: datetime.date | None = None,
) -> list[RecipientRow]:
    """Return the consultation's recipients with their case, statement and lateness."""
    today = today or timezone.localdate()
    recipients = ConsultationRecipient.objects.filter(consultation=consultation).select_related(
        "organisation",
        "preparing_organisation",
        "case__case_officer",
        "case__statement__decision__committee",
    )
    if organisation_ids is not None:
        recipients = recipients.filter(
            Q(organisation_id__in=organisation_ids)
            | Q(preparing_organisation_id__in=organisation_ids)
        )
    rows = []
    for recipient in recipients:
        case = _case_of(recipient)
        late = (
            consultation.status != ConsultationStatus.DRAFT
            and recipient.status == RecipientStatus.PENDING
            and today > consultation.deadline
        )
        rows.append(RecipientRow(recipient, case, _statement_of(case), late))
    return rows


def consultation_page(consultation: Consultation) -> Consultation:
    """Return CONSULTATION with its questions and documents prefetched."""
    return (
        Consultation.objects.select_related("sender", "programme", "action_plan", "sent_by")
        .prefetch_related("questions", "documents")
        .get(pk=consultation.pk)
    )


def diary_cases(organisation: Organisation, query: str = "") -> "models.QuerySet[Case]":
    """Return ORGANISATION's cases, newest first, matching QUERY in number, title or sender
    (case-insensitive, å/ä/ö included, on every database: search.py)."""
    cases = Case.objects.filter(organisation=organisation).select_related("case_officer")
    query = fold(query.strip())
    if query:
        cases = cases.annotate(
            folded_number=Fold("diary_number"),
            folded_title=Fold("title"),
            folded_sender=Fold("sender"),
            folded_recipient=Fold("recipient"),
        ).filter(
            Q(folded_number__contains=query)
            | Q(folded_title__contains=query)
            | Q(folded_sender__contains=query)
            | Q(folded_recipient__contains=query)
        )
    return cases.order_by("-year", "-serial")


def diaries_for(user: Any) -> "models.QuerySet[Organisation]":
    """Return the organisations with a diary prefix whose diary USER may read."""
    roles = roles_for(user)
    organisations = Organisation.objects.exclude(diary_prefix="").order_by("name")
    if roles.is_coordinator:
        return organisations
    return organisations.filter(pk__in=list(roles.by_organisation))


def case_page(case: Case) -> Case:
    """Return CASE with its officer, consultation, statement and decision loaded."""
    return Case.objects.select_related(
        "organisation",
        "case_officer",
        "consultation_recipient__consultation__sender",
        "statement__decision__committee",
        "statement__decision__recorded_by",
    ).get(pk=case.pk)


def case_officer_choices(organisation: Organisation) -> "models.QuerySet[Any]":
    """Return the users who may be case officers: the organisation's members."""
    from mrplan.accounts.models import User

    return (
        User.objects.filter(memberships__organisation=organisation, is_active=True)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def writer_emails(organisation_ids: list[int]) -> dict[int, list[str]]:
    """Return {organisation id: sorted e-mail addresses of its editors and administrators}."""
    result: dict[int, set[str]] = {}
    memberships = Membership.objects.filter(
        organisation_id__in=organisation_ids, role__in=WRITE_ROLES, user__is_active=True
    ).exclude(user__email="")
    for organisation_id, email in memberships.values_list("organisation_id", "user__email"):
        result.setdefault(organisation_id, set()).add(email)
    return {key: sorted(value) for key, value in result.items()}
