"""Endpoints for the indicators that measure a goal: read, add, change, remove.

Not public: every signed-in caller who works in the city reads them; the organisation's
editors and administrators, and coordinators, change them through the planning actions.
"""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from mrplan.api.auth import USER_AUTH
from mrplan.api.common import (
    DELETE_ERRORS,
    INTERNAL_DETAIL_ERRORS,
    WRITE_ERRORS,
    Refusal,
    attempt,
    found,
    signed_in,
)
from mrplan.api.schemas.planning import IndicatorIn, IndicatorOut, IndicatorPatch
from mrplan.planning import actions
from mrplan.planning.models import Indicator
from mrplan.planning.permissions import get_goal_for_actor, get_indicator_for_actor

router = Router(tags=["Planering och uppföljning"], auth=USER_AUTH)


@router.get(
    "/indicators/{indicator_id}",
    operation_id="mrplan_api_planning_indicator_detail",
    response={200: IndicatorOut, **INTERNAL_DETAIL_ERRORS},
    summary="Visa en indikator",
)
def indicator_detail(request: HttpRequest, indicator_id: int) -> Indicator:
    """Return one indicator."""
    return found(
        _("Indikatorn finns inte."), get_indicator_for_actor, signed_in(request), indicator_id
    )


@router.patch(
    "/indicators/{indicator_id}",
    operation_id="mrplan_api_planning_write_indicator_update",
    response={200: IndicatorOut, **WRITE_ERRORS},
    summary="Ändra en indikator",
    description="Skicka bara de fält som ska ändras; `null` tar bort ett utgångs- eller "
    "målvärde. Värden som redan rapporterats för borttagna kategorier sparas. Kräver rollen "
    "redaktör eller administratör i organisationen, eller samordnare.",
)
def indicator_update(
    request: HttpRequest, indicator_id: int, payload: IndicatorPatch
) -> Indicator | Refusal:
    """Change an indicator through the planning action."""
    user = signed_in(request)
    indicator = found(
        _("Indikatorn finns inte."), get_indicator_for_actor, user, indicator_id, write=True
    )
    data = payload.model_dump(exclude_unset=True)
    refusal = attempt(lambda: actions.indicator_update(actor=user, indicator=indicator, data=data))
    return refusal or Indicator.objects.get(pk=indicator_id)


@router.delete(
    "/indicators/{indicator_id}",
    operation_id="mrplan_api_planning_write_indicator_delete",
    response=DELETE_ERRORS,
    summary="Ta bort en indikator",
    description="Tar bort indikatorn och utkastens värden för den. En indikator med värden i "
    "en inskickad, godkänd eller stängd rapport kan inte tas bort (409). Kräver rollen "
    "redaktör eller administratör i organisationen, eller samordnare.",
)
def indicator_delete(request: HttpRequest, indicator_id: int) -> Status[None] | Refusal:
    """Remove an indicator through the planning action."""
    user = signed_in(request)
    indicator = found(
        _("Indikatorn finns inte."), get_indicator_for_actor, user, indicator_id, write=True
    )
    refusal = attempt(
        lambda: actions.indicator_delete(actor=user, indicator=indicator), any_refusal=True
    )
    return refusal or Status(204, None)


@router.post(
    "/goals/{goal_id}/indicators",
    operation_id="mrplan_api_planning_write_indicator_create",
    response={201: IndicatorOut, **WRITE_ERRORS},
    summary="Lägg till en indikator",
    description="Lägger till en indikator som mäter målet. Ett utgångsvärde kräver ett "
    "utgångsår och ett målvärde ett målår; en uppdelning kräver minst två kategorier. Kräver "
    "rollen redaktör eller administratör i organisationen, eller samordnare.",
)
def indicator_create(
    request: HttpRequest, goal_id: int, payload: IndicatorIn
) -> Status[Indicator] | Refusal:
    """Add an indicator through the planning action."""
    user = signed_in(request)
    goal = found(_("Målet finns inte."), get_goal_for_actor, user, goal_id, write=True)
    data = payload.model_dump()
    created: list[Indicator] = []
    refusal = attempt(
        lambda: created.append(actions.indicator_create(actor=user, goal=goal, data=data))
    )
    if refusal:
        return refusal
    return Status(201, Indicator.objects.get(pk=created[0].pk))
