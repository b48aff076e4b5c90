"""Endpoints for an organisation's plan for a year, as the plan page shows it.

Not public: every signed-in caller who works in the city reads every organisation's plan.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from mrplan.api.auth import USER_AUTH
from mrplan.api.common import (
    INTERNAL_DETAIL_ERRORS,
    plan_for,
    signed_in,
)
from mrplan.api.schemas.planning import PlanOut
from mrplan.planning.selectors import plan_page

router = Router(tags=["Planering och uppföljning"], auth=USER_AUTH)


@router.get(
    "/organisations/{organisation_id}/plan/{year}",
    operation_id="mrplan_api_planning_plan_detail",
    response={200: PlanOut, **INTERNAL_DETAIL_ERRORS},
    summary="Visa en organisations plan för ett år",
    description="Målen med utvecklingsområden, målgrupper, indikatorer och aktiviteter, "
    "aktiviteter utan mål, samt framdriften per mål och handlingsplan med sin "
    "bedömning i text.",
)
def plan_detail(request: HttpRequest, organisation_id: int, year: int) -> dict[str, Any]:
    """Return an organisation's plan for a year, built by the plan page's selector."""
    organisation, planning_year = plan_for(signed_in(request), organisation_id, year)
    page = plan_page(organisation=organisation, planning_year=planning_year)
    goals = []
    for row in page.goals:
        row.goal.planning_year = planning_year
        row.goal.plan_activities = [item.activity for item in row.activities]  # type: ignore[attr-defined]
        goals.append(row.goal)
    activities = [item.activity for row in page.goals for item in row.activities]
    other = [item.activity for item in page.other_activities]
    for activity in [*activities, *other]:
        activity.planning_year = planning_year
    return {
        "organisation_id": organisation.pk,
        "organisation_name": organisation.name,
        "year": planning_year.year,
        "is_open": page.is_open,
        "periods": page.periods,
        "goals": goals,
        "other_activities": other,
        "action_plans": [
            {
                "action_plan_id": part.action_plan.pk,
                "title": part.action_plan.title,
                "progress": part.rollup,
            }
            for part in page.action_plans
        ],
    }
