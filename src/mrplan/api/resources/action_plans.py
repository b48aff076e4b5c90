"""Endpoints for the action plans, each with its development areas.

Anonymous callers see only published action plans of published programmes; signed-in
callers also see drafts. Hidden rows answer 404, exactly like missing ones.
"""

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import paginate

from mrplan.accounts.types import Actor
from mrplan.api.auth import OPTIONAL_AUTH
from mrplan.api.common import (
    DETAIL_ERRORS,
    READ_ERRORS,
    Pagination,
    development_area_rows,
    found,
)
from mrplan.api.schemas.programmes import ActionPlanDetailOut, ActionPlanOut
from mrplan.programmes.models import ActionPlan
from mrplan.programmes.permissions import get_action_plan_for_actor
from mrplan.programmes.selectors import action_plans_visible_to

router = Router(tags=["Program och handlingsplaner"])

# What ActionPlanOut shows besides the row itself.
ACTION_PLAN_PREFETCHES = ("special_focus", "sdg_targets")


def _action_plans(user: Actor) -> QuerySet[ActionPlan]:
    return (
        action_plans_visible_to(user)
        .prefetch_related(*ACTION_PLAN_PREFETCHES)
        .order_by("programme_id", "position", "title", "pk")
    )


@router.get(
    "/action-plans/",
    operation_id="mrplan_api_programmes_action_plan_list",
    response={200: list[ActionPlanOut], **READ_ERRORS},
    summary="Lista handlingsplaner",
    description="Handlingsplanerna i programordning. Filtrera på program med `?programme_id=`.",
    openapi_extra=OPTIONAL_AUTH,
)
@paginate(Pagination)
def action_plan_list(request: HttpRequest, programme_id: int | None = None) -> QuerySet[ActionPlan]:
    """Return the action plans the caller may see, of one programme if given."""
    action_plans = _action_plans(request.user)
    if programme_id is not None:
        action_plans = action_plans.filter(programme_id=programme_id)
    return action_plans


@router.get(
    "/action-plans/{action_plan_id}",
    operation_id="mrplan_api_programmes_action_plan_detail",
    response={200: ActionPlanDetailOut, **DETAIL_ERRORS},
    summary="Visa en handlingsplan",
    description="Mål, status, målgrupper i särskilt fokus, delmål i Agenda 2030 och "
    "utvecklingsområdena med sina fokusområden och stadsgemensamma aktiviteter.",
    openapi_extra=OPTIONAL_AUTH,
)
def action_plan_detail(request: HttpRequest, action_plan_id: int) -> ActionPlan:
    """Return one action plan with its development areas and their city activities."""
    action_plan = found(
        _("Handlingsplanen finns inte."), get_action_plan_for_actor, request.user, action_plan_id
    )
    prefetch_related_objects(
        [action_plan],
        *ACTION_PLAN_PREFETCHES,
        Prefetch("development_areas", queryset=development_area_rows()),
    )
    return action_plan
