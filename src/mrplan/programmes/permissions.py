"""Who may see and change the programme structure.

Read: anyone for published content (each model's `published()`: programmes and action
plans a coordinator has published, and their parts); signed-in users also see drafts. What
an anonymous visitor may not see does not exist for them (404). Write: coordinators only.
Write views sit behind @login_required, so anonymous visitors are sent to the login page
before they get here.
"""

from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest

from mrplan.accounts.permissions import roles_for
from mrplan.accounts.types import Actor
from mrplan.core.lookups import get_or_404, primary_key
from mrplan.programmes import selectors
from mrplan.programmes.models import (
    ActionPlan,
    CityActivity,
    DevelopmentArea,
    FocusArea,
    Programme,
    TargetGroup,
)

M = TypeVar("M", bound=models.Model)


def may_edit(user: Actor) -> bool:
    """Only coordinators change the programme structure and the target groups."""
    return roles_for(user).is_coordinator


def may_see_history(user: Actor) -> bool:
    """Coordinators and signed-in users with any membership see the history."""
    roles = roles_for(user)
    return roles.is_coordinator or bool(roles.by_organisation)


def check_may_edit(actor: Actor) -> None:
    """Raise PermissionDenied unless ACTOR may change the programme structure."""
    if not may_edit(actor):
        raise PermissionDenied


def _checked(actor: Actor, obj: M, *, write: bool) -> M:
    if write:
        check_may_edit(actor)
    return obj


def _key(key: int | str) -> dict[str, Any]:
    """Return the lookup of KEY: a slug if it is a str, an id if it is an int."""
    return {"slug": key} if isinstance(key, str) else {"pk": primary_key(key)}


def get_programme_for_actor(actor: Actor, key: int | str, *, write: bool = False) -> Programme:
    """Return the programme KEY (its slug, or its id if an int) if ACTOR may see it (and,
    with WRITE, change it)."""
    programme = get_or_404(selectors.programmes_visible_to(actor), **_key(key))
    return _checked(actor, programme, write=write)


def get_programme_for_user(request: HttpRequest, slug: str, *, write: bool = False) -> Programme:
    """Return the programme SLUG if the user may see it (and, with WRITE, change it)."""
    return get_programme_for_actor(request.user, slug, write=write)


def get_focus_area_for_actor(actor: Actor, pk: Any, *, write: bool = False) -> FocusArea:
    """Return focus area PK if ACTOR may see it (and, with WRITE, change it)."""
    focus_area = get_or_404(selectors.focus_areas_visible_to(actor), pk=primary_key(pk))
    return _checked(actor, focus_area, write=write)


def get_focus_area_for_user(request: HttpRequest, pk: Any, *, write: bool = False) -> FocusArea:
    """Return focus area PK if the user may see it (and, with WRITE, change it)."""
    return get_focus_area_for_actor(request.user, pk, write=write)


def get_action_plan_for_actor(actor: Actor, key: int | str, *, write: bool = False) -> ActionPlan:
    """Return the action plan KEY (its slug, or its id if an int) if ACTOR may see it (and,
    with WRITE, change it)."""
    action_plan = get_or_404(selectors.action_plans_visible_to(actor), **_key(key))
    return _checked(actor, action_plan, write=write)


def get_action_plan_for_user(request: HttpRequest, slug: str, *, write: bool = False) -> ActionPlan:
    """Return the action plan SLUG if the user may see it (and, with WRITE, change it)."""
    return get_action_plan_for_actor(request.user, slug, write=write)


def get_development_area_for_actor(
    actor: Actor, pk: Any, *, write: bool = False
) -> DevelopmentArea:
    """Return development area PK if ACTOR may see it (and, with WRITE, change it)."""
    development_area = get_or_404(selectors.development_areas_visible_to(actor), pk=primary_key(pk))
    return _checked(actor, development_area, write=write)


def get_development_area_for_user(
    request: HttpRequest, pk: Any, *, write: bool = False
) -> DevelopmentArea:
    """Return development area PK if the user may see it (and, with WRITE, change it)."""
    return get_development_area_for_actor(request.user, pk, write=write)


def get_city_activity_for_actor(actor: Actor, pk: Any, *, write: bool = False) -> CityActivity:
    """Return city activity PK if ACTOR may see it (and, with WRITE, change it)."""
    city_activity = get_or_404(selectors.city_activities_visible_to(actor), pk=primary_key(pk))
    return _checked(actor, city_activity, write=write)


def get_city_activity_for_user(
    request: HttpRequest, pk: Any, *, write: bool = False
) -> CityActivity:
    """Return city activity PK if the user may see it (and, with WRITE, change it)."""
    return get_city_activity_for_actor(request.user, pk, write=write)


def get_target_group_for_actor(actor: Actor, pk: Any, *, write: bool = False) -> TargetGroup:
    """Return target group PK (the taxonomy is public; WRITE is for coordinators)."""
    target_group = get_or_404(TargetGroup.objects.select_related("parent"), pk=primary_key(pk))
    return _checked(actor, target_group, write=write)


def get_target_group_for_user(request: HttpRequest, pk: Any, *, write: bool = False) -> TargetGroup:
    """Return target group PK (the taxonomy is public; WRITE is for coordinators)."""
    return get_target_group_for_actor(request.user, pk, write=write)


def _history(request: HttpRequest, obj: M) -> M:
    if not may_see_history(request.user):
        raise PermissionDenied
    return obj


def get_programme_history_for_user(request: HttpRequest, key: str) -> Programme:
    """Return programme KEY (its id) if the user may see its history."""
    programme = get_or_404(selectors.programmes_visible_to(request.user), pk=primary_key(key))
    return _history(request, programme)


def get_focus_area_history_for_user(request: HttpRequest, key: str) -> FocusArea:
    """Return focus area KEY if the user may see its history."""
    return _history(request, get_focus_area_for_user(request, key))


def get_action_plan_history_for_user(request: HttpRequest, key: str) -> ActionPlan:
    """Return action plan KEY (its id) if the user may see its history."""
    action_plan = get_or_404(selectors.action_plans_visible_to(request.user), pk=primary_key(key))
    return _history(request, action_plan)


def get_development_area_history_for_user(request: HttpRequest, key: str) -> DevelopmentArea:
    """Return development area KEY if the user may see its history."""
    return _history(request, get_development_area_for_user(request, key))


def get_city_activity_history_for_user(request: HttpRequest, key: str) -> CityActivity:
    """Return city activity KEY if the user may see its history."""
    return _history(request, get_city_activity_for_user(request, key))


def get_target_group_history_for_user(request: HttpRequest, key: str) -> TargetGroup:
    """Return target group KEY if the user may see its history."""
    return _history(request, get_target_group_for_user(request, key))
