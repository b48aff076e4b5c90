"""Who may publish what, and the look-ups the publishing views use.

Coordinators publish and unpublish everything. An organisation's editors and administrators
publish and unpublish its own goals, activities and indicators. Reports only by coordinators,
and only when approved; consultations only by coordinators, and only once sent. The public
pages themselves need no permission: they show published rows only, and anything else is a
404 so that nobody learns that it exists.
"""

from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, HttpRequest

from mrplan.accounts.models import Role
from mrplan.accounts.permissions import roles_for
from mrplan.accounts.types import Actor
from mrplan.consultations.models import Consultation
from mrplan.core.lookups import primary_key
from mrplan.planning.models import Activity, Goal, Indicator, Report
from mrplan.public.models import PublicationRule

Publishable = Goal | Activity | Indicator | Report | Consultation

# The URL names of the kinds that can be published, and how to fetch each with its owner.
KINDS: dict[str, Any] = {
    "mal": Goal.objects.select_related("organisation", "planning_year"),
    "aktivitet": Activity.objects.select_related("organisation", "planning_year"),
    "indikator": Indicator.objects.select_related("goal__organisation", "goal__planning_year"),
    "rapport": Report.objects.select_related(
        "organisation", "action_plan", "period__planning_year"
    ),
    "remiss": Consultation.objects.all(),
}


def organisation_id_of(obj: Goal | Activity | Indicator | Report) -> int:
    """Return the id of the organisation OBJ belongs to."""
    if isinstance(obj, Indicator):
        return obj.goal.organisation_id
    return obj.organisation_id


def may_publish(user: Actor, obj: Publishable) -> bool:
    """Coordinators publish anything; the organisation's writers its own plan content."""
    roles = roles_for(user)
    if roles.is_coordinator:
        return True
    if isinstance(obj, Report | Consultation):
        return False
    return roles.has(organisation_id_of(obj), Role.ORG_ADMIN, Role.EDITOR)


def may_manage_rules(user: Actor) -> bool:
    """Only coordinators set the publication rules."""
    return roles_for(user).is_coordinator


def check_publish(actor: Actor, obj: Publishable) -> None:
    if not may_publish(actor, obj):
        raise PermissionDenied


def check_manage_rules(actor: Actor) -> None:
    if not may_manage_rules(actor):
        raise PermissionDenied


def get_publishable_for_user(request: HttpRequest, kind: str, pk: Any) -> Publishable:
    """Return object PK of KIND ("mal", "aktivitet", "indikator", "rapport", "remiss") if the user
    may publish it; 404 for an unknown kind or id, 403 for a user without the right."""
    queryset = KINDS.get(kind)
    if queryset is None:
        raise Http404
    try:
        obj: Publishable = queryset.get(pk=primary_key(pk))
    except ObjectDoesNotExist:
        raise Http404 from None
    check_publish(request.user, obj)
    return obj


def get_rule_history_for_user(request: HttpRequest, key: str) -> PublicationRule:
    """Return publication rule KEY (its id) for coordinators."""
    try:
        rule = PublicationRule.objects.get(pk=primary_key(key))
    except PublicationRule.DoesNotExist:
        raise Http404 from None
    check_manage_rules(request.user)
    return rule
