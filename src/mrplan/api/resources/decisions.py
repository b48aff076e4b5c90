"""Endpoints for the committee's decision on a statement, which sends the answer.

Not public: the organisation's editors and administrators, and coordinators, record it,
and only once every approver has attested the current version (otherwise 400).
"""

from django.http import HttpRequest
from ninja import Router, Status

from mrplan.api.auth import USER_AUTH
from mrplan.api.common import (
    CHANGE_ERRORS,
    signed_in,
)
from mrplan.api.schemas.consultations import DecisionIn, DecisionOut
from mrplan.consultations import permissions
from mrplan.consultations.actions.decisions import decision_record
from mrplan.consultations.models import Decision
from mrplan.organisations.models import Organisation

router = Router(tags=["Remisser och ärenden"], auth=USER_AUTH)


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


@router.post(
    "/statements/{statement_id}/decision/",
    operation_id="mrplan_api_consultations_decision_create",
    response={201: DecisionOut, **CHANGE_ERRORS},
    summary="Registrera nämndens beslut",
    description="Bara när alla attesterare har godkänt den aktuella versionen. Svaret går "
    "då till remissen.",
)
def decision_create(request: HttpRequest, statement_id: int, body: DecisionIn) -> Status:
    user = signed_in(request)
    statement = permissions.get_statement_for_actor(user, statement_id, write=True)
    committee = Organisation.objects.filter(pk=body.committee_id).first()
    decision = decision_record(
        actor=user,
        statement=statement,
        committee=committee,
        meeting_date=body.meeting_date,
        paragraph=body.paragraph,
        text=body.text,
        decided_on=body.decided_on,
    )
    return Status(201, _decision_out(decision))
