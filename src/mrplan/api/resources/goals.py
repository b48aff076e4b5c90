"""Endpoints for the goals (nämndmål) of an organisation's plan: read, add, change, remove.

Not public: every signed-in caller who works in the city reads them; the organisation's
editors and administrators, and coordinators, change them through the planning actions.
Order of checks: schema (422), unknown id in the path (404), role (403), ids in the body
(400), then the action: bad data 400, "not now" 409 (a closed year, a goal in a report).
"""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from mrplan.accounts.models import User
from mrplan.api.auth import USER_AUTH
from mrplan.api.common import (
    DELETE_ERRORS,
    INTERNAL_DETAIL_ERRORS,
    WRITE_ERRORS,
    Refusal,
    attempt,
    check_body_errors,
    found,
    missing,
    plan_activities,
    plan_for,
    resolve,
    signed_in,
)
from mrplan.api.schemas.planning import GoalIn, GoalOut, GoalPatch
from mrplan.planning import actions
from mrplan.planning.models import Goal, Indicator
from mrplan.planning.permissions import get_goal_for_actor
from mrplan.programmes.models import SdgTarget, TargetGroup
from mrplan.programmes.selectors import development_areas_visible_to

router = Router(tags=["Planering och uppföljning"], auth=USER_AUTH)


def _goals() -> QuerySet[Goal]:
    return Goal.objects.select_related("planning_year").prefetch_related(
        "development_areas",
        "target_groups",
        "sdg_targets",
        Prefetch("indicators", queryset=Indicator.objects.order_by("position", "name")),
    )


@router.get(
    "/goals/{goal_id}",
    operation_id="mrplan_api_planning_goal_detail",
    response={200: GoalOut, **INTERNAL_DETAIL_ERRORS},
    summary="Visa ett mål",
    description="Målet med indikatorer, aktiviteter och framdrift.",
)
def goal_detail(request: HttpRequest, goal_id: int) -> Goal:
    """Return one goal with its indicators, activities and roll-up."""
    goal = found(_("Målet finns inte."), get_goal_for_actor, signed_in(request), goal_id)
    return _goal_out(goal.pk)


def _goal_data(user: User, sent: dict[str, Any]) -> dict[str, Any]:
    """Turn the sent goal fields into the action's data, resolving ids to rows."""
    data: dict[str, Any] = {
        name: sent[name] for name in ("title", "description", "position") if name in sent
    }
    errors: dict[str, str] = {}
    if "development_area_ids" in sent:
        data["development_areas"], absent = resolve(
            development_areas_visible_to(user), sent["development_area_ids"]
        )
        if absent:
            errors |= missing(
                "development_area_ids",
                _("Det finns inget utvecklingsområde med id %(ids)s."),
                absent,
            )
    if "target_group_ids" in sent:
        data["target_groups"], absent = resolve(TargetGroup.objects.all(), sent["target_group_ids"])
        if absent:
            errors |= missing(
                "target_group_ids", _("Det finns ingen målgrupp med id %(ids)s."), absent
            )
    if "sdg_target_codes" in sent:
        codes = [code.strip() for code in sent["sdg_target_codes"]]
        targets = list(SdgTarget.objects.filter(code__in=set(codes)))
        known = {target.code for target in targets}
        data["sdg_targets"] = targets
        unknown = sorted(set(codes) - known)
        if unknown:
            errors |= missing(
                "sdg_target_codes",
                _("Det finns inget delmål i Agenda 2030 med kod %(ids)s."),
                unknown,
            )
    check_body_errors(errors)
    return data


def _goal_out(goal_id: int) -> Goal:
    """Return goal GOAL_ID with what GoalOut shows."""
    goal = _goals().get(pk=goal_id)
    goal.plan_activities = list(  # type: ignore[attr-defined]
        plan_activities().filter(goal=goal).order_by("start_date", "title", "pk")
    )
    return goal


@router.patch(
    "/goals/{goal_id}",
    operation_id="mrplan_api_planning_write_goal_update",
    response={200: GoalOut, **WRITE_ERRORS},
    summary="Ändra ett mål",
    description="Skicka bara de fält som ska ändras. Listorna med id ersätter de "
    "nuvarande kopplingarna. Kräver rollen redaktör eller administratör i organisationen, "
    "eller samordnare.",
)
def goal_update(request: HttpRequest, goal_id: int, payload: GoalPatch) -> Goal | Refusal:
    """Change a goal through the planning action."""
    user = signed_in(request)
    goal = found(_("Målet finns inte."), get_goal_for_actor, user, goal_id, write=True)
    data = _goal_data(user, payload.model_dump(exclude_unset=True))
    refusal = attempt(lambda: actions.goal_update(actor=user, goal=goal, data=data))
    return refusal or _goal_out(goal_id)


@router.delete(
    "/goals/{goal_id}",
    operation_id="mrplan_api_planning_write_goal_delete",
    response=DELETE_ERRORS,
    summary="Ta bort ett mål",
    description="Tar bort målet med dess indikatorer. Ett mål som har aktiviteter, eller "
    "som finns i en inskickad, godkänd eller stängd rapport, kan inte tas bort (409). "
    "Kräver rollen redaktör eller administratör i organisationen, eller samordnare.",
)
def goal_delete(request: HttpRequest, goal_id: int) -> Status[None] | Refusal:
    """Remove a goal through the planning action."""
    user = signed_in(request)
    goal = found(_("Målet finns inte."), get_goal_for_actor, user, goal_id, write=True)
    refusal = attempt(lambda: actions.goal_delete(actor=user, goal=goal), any_refusal=True)
    return refusal or Status(204, None)


@router.post(
    "/organisations/{organisation_id}/plan/{year}/goals",
    operation_id="mrplan_api_planning_write_goal_create",
    response={201: GoalOut, **WRITE_ERRORS},
    summary="Lägg till ett mål",
    description="Lägger till ett mål (nämndmål) i organisationens plan för året. Kräver "
    "rollen redaktör eller administratör i organisationen, eller samordnare. Planen för ett "
    "år där alla perioder är stängda kan inte ändras (409).",
)
def goal_create(
    request: HttpRequest, organisation_id: int, year: int, payload: GoalIn
) -> Status[Goal] | Refusal:
    """Add a goal through the planning action."""
    user = signed_in(request)
    organisation, planning_year = plan_for(user, organisation_id, year, write=True)
    data = _goal_data(user, payload.model_dump())
    created: list[Goal] = []
    refusal = attempt(
        lambda: created.append(
            actions.goal_create(
                actor=user, organisation=organisation, planning_year=planning_year, data=data
            )
        )
    )
    return refusal or Status(201, _goal_out(created[0].pk))
