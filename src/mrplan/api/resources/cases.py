"""Endpoints for an organisation's diary: its cases, listed, registered and read.

Not public: coordinators and the organisation's members read the diary; its editors and
administrators, and coordinators, register cases (the next diary number, or a given one
at import). Hidden is 404, not allowed 403, a refused registration 400.
"""

from django.http import HttpRequest
from ninja import Query, Router, Status

from mrplan.api.auth import USER_AUTH
from mrplan.api.common import (
    CHANGE_ERRORS,
    DETAIL_ERRORS,
    signed_in,
)
from mrplan.api.schemas.consultations import CaseIn, CaseOut, CaseQuery
from mrplan.consultations import permissions, selectors
from mrplan.consultations.diary import register_case
from mrplan.consultations.models import Case
from mrplan.organisations.models import Organisation

router = Router(tags=["Remisser och ärenden"], auth=USER_AUTH)


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


@router.get(
    "/organisations/{slug}/cases/",
    operation_id="mrplan_api_consultations_case_list",
    response={200: list[CaseOut], **DETAIL_ERRORS},
    summary="Lista en organisations diarium",
)
def case_list(request: HttpRequest, slug: str, filters: Query[CaseQuery]) -> list[CaseOut]:
    organisation = permissions.get_organisation_diary_for_actor(signed_in(request), slug)
    cases = selectors.diary_cases(organisation, filters.q).select_related("consultation_recipient")
    return [_case_out(case) for case in cases]


@router.post(
    "/organisations/{slug}/cases/",
    operation_id="mrplan_api_consultations_case_create",
    response={201: CaseOut, **CHANGE_ERRORS},
    summary="Registrera ett ärende",
    description="Får nästa diarienummer, eller ett angivet befintligt nummer vid import.",
)
def case_create(request: HttpRequest, slug: str, body: CaseIn) -> Status:
    user = signed_in(request)
    organisation: Organisation = permissions.get_organisation_diary_for_actor(
        user, slug, write=True
    )
    case = register_case(
        actor=user,
        organisation=organisation,
        title=body.title,
        registered_on=body.registered_on,
        sender=body.sender,
        recipient=body.recipient,
        diary_number=body.diary_number,
    )
    return Status(201, _case_out(case))


@router.get(
    "/cases/{case_id}/",
    operation_id="mrplan_api_consultations_case_detail",
    response={200: CaseOut, **DETAIL_ERRORS},
    summary="Visa ett ärende",
)
def case_detail(request: HttpRequest, case_id: int) -> CaseOut:
    return _case_out(permissions.get_case_for_actor(signed_in(request), case_id))
