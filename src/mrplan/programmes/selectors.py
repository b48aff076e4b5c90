"""Reads of the programme structure, each with its related rows fetched up front."""

from typing import Any

from django.db.models import Prefetch, QuerySet

from mrplan.accounts.permissions import roles_for
from mrplan.programmes.models import ActionPlan, Programme, Status


def programmes_visible_to(user: Any) -> QuerySet[Programme]:
    """Return the programmes USER may see: all for signed-in users, published ones otherwise."""
    queryset = Programme.objects.select_related("adopted_by")
    if not roles_for(user).authenticated:
        queryset = queryset.published()
    return queryset


def action_plans_visible_to(user: Any) -> QuerySet[ActionPlan]:
    """Return the action plans USER may see."""
    queryset = ActionPlan.objects.select_related("programme")
    if not roles_for(user).authenticated:
        queryset = queryset.published().exclude(programme__status=Status.DRAFT)
    return queryset


def current_programme(*, user: Any) -> Programme | None:
    """Return the adopted programme in force (or the newest visible one) with its parts."""
    queryset = programmes_visible_to(user).prefetch_related(
        "focus_areas",
        Prefetch("action_plans", queryset=action_plans_visible_to(user)),
    )
    return queryset.filter(status=Status.ADOPTED).first() or queryset.first()
