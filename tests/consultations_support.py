"""Test data for consultations, cases and decisions (built directly, not through actions)."""

import datetime
from typing import Any

from django.utils import timezone

from mrplan.consultations import signing
from mrplan.consultations.content import content_hash, statement_content
from mrplan.consultations.models import (
    Approval,
    ApprovalStep,
    Case,
    Consultation,
    ConsultationRecipient,
    ConsultationStatus,
    Statement,
    StatementStatus,
    StatementVersion,
)
from mrplan.organisations.models import Organisation


def make_consultation(
    sender: Organisation,
    recipients: list[Organisation],
    *,
    status: str = ConsultationStatus.DRAFT,
    deadline: datetime.date | None = None,
    title: str = "Handlingsplan mot rasism",
) -> Consultation:
    consultation = Consultation.objects.create(
        title=title,
        sender=sender,
        deadline=deadline or timezone.localdate() + datetime.timedelta(days=30),
        status=status,
        sent_at=None if status == ConsultationStatus.DRAFT else timezone.now(),
    )
    for organisation in recipients:
        ConsultationRecipient.objects.create(consultation=consultation, organisation=organisation)
    return consultation


def make_case(organisation: Organisation, serial: int, **kwargs: Any) -> Case:
    values: dict[str, Any] = {
        "year": 2024,
        "serial": serial,
        "diary_number": f"{organisation.diary_prefix} 2024/{serial}",
        "title": f"Ärende {serial}",
        "registered_on": datetime.date(2024, 5, 17),
    }
    values.update(kwargs)
    return Case.objects.create(organisation=organisation, **values)


def make_statement(case: Case, *, approvers: list[Any] = (), approved: bool = True) -> Statement:  # type: ignore[assignment]
    """Return a statement of CASE with version 1 and one approval step per approver."""
    statement = Statement.objects.create(
        case=case,
        title="Svar på remiss",
        diary_number=case.diary_number,
        decision_proposal="Stadsdelsnämnden godkänner förvaltningens tjänsteutlåtande.",
        summary="Förvaltningen ställer sig bakom förslaget.",
        current_version=1,
        status=StatementStatus.APPROVED if approved and approvers else StatementStatus.DRAFT,
    )
    content = statement_content(statement)
    version = StatementVersion(
        statement=statement, number=1, content=content, content_hash=content_hash(content)
    )
    version.signature = signing.sign_version(version)
    version.save()
    previous = ""
    for position, approver in enumerate(approvers, start=1):
        step = ApprovalStep.objects.create(
            statement=statement, position=position, approver=approver, title="avdelningschef"
        )
        if approved:
            approval = Approval(
                step=step,
                version=version,
                approver_name=approver.get_full_name(),
                approver_title="avdelningschef",
                content_hash=version.content_hash,
                approved_at=timezone.now(),
                previous_signature=previous,
            )
            approval.signature = signing.sign_approval(approval, statement.pk)
            approval.save()
            previous = approval.signature
    return statement


def make_director(organisation: Organisation, username: str = "dana") -> Any:
    """Return a second approver (stadsdelsdirektör) of ORGANISATION: two must attest."""
    from tests.factories import MembershipFactory, UserFactory

    user = UserFactory(username=username, first_name="Dana", last_name="Lind")
    MembershipFactory(
        user=user, organisation=organisation, role="approver", title="stadsdelsdirektör"
    )
    return user
