"""Endpoints for consultations (remisser), the diary's cases and decisions.

Not public: every endpoint needs a signed-in caller (token or session); anonymous callers
get 401. Reads and writes use the same permission helpers and actions as the web pages:
what a caller may not see is 404, what they see but may not change is 403, and a refusal
by an action (a duplicate diary number, a decision before attestation) is 400 with a
Swedish message, with nothing changed.
"""

import datetime
from typing import cast

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from mrplan.accounts.models import User
from mrplan.accounts.permissions import roles_for
from mrplan.api.auth import USER_AUTH
from mrplan.api.schemas import DatabaseId, ErrorOut
from mrplan.consultations import permissions, selectors
from mrplan.consultations.actions import consultations as consultation_actions
from mrplan.consultations.actions.decisions import decision_record
from mrplan.consultations.diary import register_case
from mrplan.consultations.models import Case, Consultation, Decision
from mrplan.organisations.models import Organisation

router = Router(tags=["Remisser och ärenden"], auth=USER_AUTH)

READ = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
WRITE = {**READ, 400: ErrorOut, 403: ErrorOut}


class RecipientOut(Schema):
    id: int
    organisation_id: int
    organisation: str
    status: str = Field(description="pending, answered, declined eller late (försenad).")
    declined_reason: str
    answered_at: datetime.datetime | None
    case_id: int | None
    diary_number: str | None
    statement_id: int | None


class ConsultationOut(Schema):
    id: int
    title: str
    description: str
    sender: str
    sender_diary_number: str
    programme_id: int | None
    action_plan_id: int | None
    deadline: datetime.date
    status: str
    sent_at: datetime.datetime | None
    questions: list[str]
    recipients: list[RecipientOut]


class ConsultationSummaryOut(Schema):
    id: int
    title: str
    sender: str
    deadline: datetime.date
    status: str
    recipient_count: int
    answered_count: int
    declined_count: int


class CaseOut(Schema):
    id: int
    organisation_id: int
    diary_number: str
    year: int
    serial: int
    title: str
    registered_on: datetime.date
    sender: str
    recipient: str
    case_officer: str | None
    status: str
    consultation_id: int | None


class CaseIn(Schema):
    title: str = Field(max_length=300)
    registered_on: datetime.date
    sender: str = Field("", max_length=200)
    recipient: str = Field("", max_length=200)
    diary_number: str = Field(
        "", max_length=40, description="Ett befintligt nummer vid import, t.ex. HÄ 2024/427."
    )


class DeclineIn(Schema):
    reason: str = Field(max_length=2000)


class DecisionIn(Schema):
    committee_id: DatabaseId
    meeting_date: datetime.date
    paragraph: str = Field(max_length=20)
    text: str
    decided_on: datetime.date


class DecisionOut(Schema):
    id: int
    statement_id: int
    committee_id: int
    committee: str
    meeting_date: datetime.date
    paragraph: str
    text: str
    decided_on: datetime.date


def _consultation_out(request: HttpRequest, consultation: Consultation) -> ConsultationOut:
    consultation = selectors.consultation_page(consultation)
    roles_visible = None
    if not permissions.may_manage_consultations(request.user):
        roles_visible = list(roles_for(request.user).by_organisation)
    rows = selectors.recipient_rows(consultation, organisation_ids=roles_visible)
    return ConsultationOut(
        id=consultation.pk,
        title=consultation.title,
        description=consultation.description,
        sender=consultation.sender.name,
        sender_diary_number=consultation.sender_diary_number,
        programme_id=consultation.programme_id,
        action_plan_id=consultation.action_plan_id,
        deadline=consultation.deadline,
        status=consultation.status,
        sent_at=consultation.sent_at,
        questions=[question.text for question in consultation.questions.all()],
        recipients=[
            RecipientOut(
                id=row.recipient.pk,
                organisation_id=row.recipient.organisation_id,
                organisation=row.recipient.organisation.name,
                status=row.state,
                declined_reason=row.recipient.declined_reason,
                answered_at=row.recipient.answered_at,
                case_id=row.case.pk if row.case else None,
                diary_number=row.case.diary_number if row.case else None,
                statement_id=row.statement.pk if row.statement else None,
            )
            for row in rows
        ],
    )


def _case_out(case: Case) -> CaseOut:
    officer = case.case_officer
    recipient = case.consultation_recipient
    return CaseOut(
        id=case.pk,
        organisation_id=case.organisation_id,
        diary_number=case.diary_number,
        year=case.year,
        serial=case.serial,
        title=case.title,
        registered_on=case.registered_on,
        sender=case.sender,
        recipient=case.recipient,
        case_officer=(officer.get_full_name() or officer.username) if officer else None,
        status=case.status,
        consultation_id=recipient.consultation_id if recipient else None,
    )


def _decision_out(decision: Decision) -> DecisionOut:
    return DecisionOut(
        id=decision.pk,
        statement_id=decision.statement_id,
        committee_id=decision.committee_id,
        committee=decision.committee.name,
        meeting_date=decision.meeting_date,
        paragraph=decision.paragraph,
        text=decision.text,
        decided_on=decision.decided_on,
    )


@router.get(
    "/consultations/",
    response={200: list[ConsultationSummaryOut], **READ},
    summary="Lista remisser",
    description="Samordnare ser alla remisser; andra ser de skickade remisser som gått till "
    "deras organisationer.",
)
def consultation_list(request: HttpRequest) -> list[ConsultationSummaryOut]:
    """Return the consultations the caller sees, with answer counts."""
    return [
        ConsultationSummaryOut(
            id=consultation.pk,
            title=consultation.title,
            sender=consultation.sender.name,
            deadline=consultation.deadline,
            status=consultation.status,
            recipient_count=consultation.recipient_count,  # type: ignore[attr-defined]
            answered_count=consultation.answered_count,  # type: ignore[attr-defined]
            declined_count=consultation.declined_count,  # type: ignore[attr-defined]
        )
        for consultation in selectors.consultation_list(request.user)
    ]


@router.get(
    "/consultations/{consultation_id}/",
    response={200: ConsultationOut, **READ},
    summary="Visa en remiss",
    description="Med remissinstanserna: vem som svarat (med länk till svaret), vem som är "
    "försenad och vem som avstått.",
)
def consultation_detail(request: HttpRequest, consultation_id: int) -> ConsultationOut:
    consultation = permissions.get_consultation_for_user(request, consultation_id)
    return _consultation_out(request, consultation)


@router.post(
    "/consultations/{consultation_id}/send/",
    response={200: ConsultationOut, **WRITE},
    summary="Skicka en remiss",
    description="Bara samordnare. Varje remissinstans får ett ärende i sitt diarium och "
    "e-post till redaktörer och administratörer.",
)
def consultation_send(request: HttpRequest, consultation_id: int) -> ConsultationOut:
    consultation = permissions.get_consultation_for_user(request, consultation_id, write=True)
    consultation_actions.consultation_send(
        actor=cast(User, request.user), consultation=consultation
    )
    return _consultation_out(request, consultation)


@router.post(
    "/consultations/recipients/{recipient_id}/decline/",
    response={200: ConsultationOut, **WRITE},
    summary="Avstå från att svara på en remiss",
)
def recipient_decline(request: HttpRequest, recipient_id: int, body: DeclineIn) -> ConsultationOut:
    recipient = permissions.get_recipient_for_user(request, recipient_id, write=True)
    consultation_actions.recipient_decline(
        actor=cast(User, request.user), recipient=recipient, reason=body.reason
    )
    return _consultation_out(request, recipient.consultation)


class CaseQuery(Schema):
    q: str = Field("", max_length=100, description="Sök på diarienummer, rubrik eller avsändare.")


@router.get(
    "/organisations/{slug}/cases/",
    response={200: list[CaseOut], **READ},
    summary="Lista en organisations diarium",
)
def case_list(request: HttpRequest, slug: str, filters: Query[CaseQuery]) -> list[CaseOut]:
    organisation = permissions.get_organisation_diary_for_user(request, slug)
    cases = selectors.diary_cases(organisation, filters.q).select_related("consultation_recipient")
    return [_case_out(case) for case in cases]


@router.post(
    "/organisations/{slug}/cases/",
    response={201: CaseOut, **WRITE},
    summary="Registrera ett ärende",
    description="Får nästa diarienummer, eller ett angivet befintligt nummer vid import.",
)
def case_create(request: HttpRequest, slug: str, body: CaseIn) -> Status:
    organisation: Organisation = permissions.get_organisation_diary_for_user(
        request, slug, write=True
    )
    case = register_case(
        actor=cast(User, request.user),
        organisation=organisation,
        title=body.title,
        registered_on=body.registered_on,
        sender=body.sender,
        recipient=body.recipient,
        diary_number=body.diary_number,
    )
    return Status(201, _case_out(case))


@router.get("/cases/{case_id}/", response={200: CaseOut, **READ}, summary="Visa ett ärende")
def case_detail(request: HttpRequest, case_id: int) -> CaseOut:
    return _case_out(permissions.get_case_for_user(request, case_id))


@router.post(
    "/statements/{statement_id}/decision/",
    response={201: DecisionOut, **WRITE},
    summary="Registrera nämndens beslut",
    description="Bara när alla attesterare har godkänt den aktuella versionen. Svaret går "
    "då till remissen.",
)
def decision_create(request: HttpRequest, statement_id: int, body: DecisionIn) -> Status:
    statement = permissions.get_statement_for_user(request, statement_id, write=True)
    committee = Organisation.objects.filter(pk=body.committee_id).first()
    decision = decision_record(
        actor=cast(User, request.user),
        statement=statement,
        committee=committee,
        meeting_date=body.meeting_date,
        paragraph=body.paragraph,
        text=body.text,
        decided_on=body.decided_on,
    )
    return Status(201, _decision_out(decision))
