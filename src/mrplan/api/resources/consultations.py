"""Endpoints for consultations (remisser): list, read, send, and a recipient's decline.

Not public: every endpoint needs a signed-in caller (token or session); anonymous callers
get 401. Reads and writes use the same permission helpers and actions as the web pages:
what a caller may not see is 404, what they see but may not change is 403, and a refusal
by an action is 400 with a Swedish message, with nothing changed.
"""

from django.http import HttpRequest
from ninja import Router

from mrplan.accounts.models import User
from mrplan.accounts.permissions import roles_for
from mrplan.api.auth import USER_AUTH
from mrplan.api.common import (
    CHANGE_ERRORS,
    DETAIL_ERRORS,
    signed_in,
)
from mrplan.api.schemas.consultations import (
    ConsultationOut,
    ConsultationSummaryOut,
    DeclineIn,
    RecipientOut,
)
from mrplan.consultations import permissions, selectors
from mrplan.consultations.actions import consultations as consultation_actions
from mrplan.consultations.models import Consultation

router = Router(tags=["Remisser och ärenden"], auth=USER_AUTH)


def _consultation_out(user: User, consultation: Consultation) -> ConsultationOut:
    consultation = selectors.consultation_page(consultation)
    roles_visible = None
    if not permissions.may_manage_consultations(user):
        roles_visible = list(roles_for(user).by_organisation)
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


@router.get(
    "/consultations/",
    operation_id="mrplan_api_consultations_consultation_list",
    response={200: list[ConsultationSummaryOut], **DETAIL_ERRORS},
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
        for consultation in selectors.consultation_list(signed_in(request))
    ]


@router.get(
    "/consultations/{consultation_id}/",
    operation_id="mrplan_api_consultations_consultation_detail",
    response={200: ConsultationOut, **DETAIL_ERRORS},
    summary="Visa en remiss",
    description="Med remissinstanserna: vem som svarat (med länk till svaret), vem som är "
    "försenad och vem som avstått.",
)
def consultation_detail(request: HttpRequest, consultation_id: int) -> ConsultationOut:
    user = signed_in(request)
    consultation = permissions.get_consultation_for_actor(user, consultation_id)
    return _consultation_out(user, consultation)


@router.post(
    "/consultations/{consultation_id}/send/",
    operation_id="mrplan_api_consultations_consultation_send",
    response={200: ConsultationOut, **CHANGE_ERRORS},
    summary="Skicka en remiss",
    description="Bara samordnare. Varje remissinstans får ett ärende i sitt diarium och "
    "e-post till redaktörer och administratörer.",
)
def consultation_send(request: HttpRequest, consultation_id: int) -> ConsultationOut:
    user = signed_in(request)
    consultation = permissions.get_consultation_for_actor(user, consultation_id, write=True)
    consultation_actions.consultation_send(actor=user, consultation=consultation)
    return _consultation_out(user, consultation)


@router.post(
    "/consultations/recipients/{recipient_id}/decline/",
    operation_id="mrplan_api_consultations_recipient_decline",
    response={200: ConsultationOut, **CHANGE_ERRORS},
    summary="Avstå från att svara på en remiss",
)
def recipient_decline(request: HttpRequest, recipient_id: int, body: DeclineIn) -> ConsultationOut:
    user = signed_in(request)
    recipient = permissions.get_recipient_for_actor(user, recipient_id, write=True)
    consultation_actions.recipient_decline(actor=user, recipient=recipient, reason=body.reason)
    return _consultation_out(user, recipient.consultation)
