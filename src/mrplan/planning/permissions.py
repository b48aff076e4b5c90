"""Who may see and change the plans, the reports and the planning cycle.

Read: members of any organisation and coordinators see every organisation's plan and its
approved reports (read-only unless they may write); an account without a membership sees
only the public site. Reports that are not approved (drafts, submitted, returned with
comments) and their attachments: the organisation's own members, coordinators and
city-wide readers (see Roles.reads_internal_of); for others they do not exist (404).
Write: the organisation's editors and administrators, and coordinators.
Review (return, approve, reopen) and the planning cycle: coordinators only. History: the
organisation's own members and coordinators. Every view sits behind @login_required, so
anonymous visitors are sent to the login page before they get here.
"""

from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest

from mrplan.accounts.models import Role
from mrplan.accounts.permissions import WRITE_ROLES, roles_for
from mrplan.accounts.types import Actor
from mrplan.core.lookups import get_or_404, primary_key
from mrplan.organisations.models import Organisation
from mrplan.planning.models import (
    FIRST_YEAR,
    LAST_YEAR,
    Activity,
    Goal,
    Indicator,
    PlanningYear,
    Report,
    ReportAttachment,
    ReportingPeriod,
    ReportStatus,
)

M = TypeVar("M", bound=models.Model)


def may_read(user: Actor) -> bool:
    """Everyone who works in the city reads every plan: the city's work is shared."""
    return roles_for(user).is_internal


def may_read_report(user: Actor, report: Report) -> bool:
    """Approved reports for every reader; unfinished ones for those who read the drafts."""
    if not may_read(user):
        return False
    return report.status == ReportStatus.APPROVED or roles_for(user).reads_internal_of(
        report.organisation_id
    )


def reports_visible_to(
    user: Actor, reports: "models.QuerySet[Report]"
) -> "models.QuerySet[Report]":
    """Narrow REPORTS to those USER may read (see may_read_report)."""
    roles = roles_for(user)
    if not may_read(user):
        return reports.none()
    if roles.is_coordinator or roles.citywide_reader:
        return reports
    return reports.filter(
        models.Q(status=ReportStatus.APPROVED)
        | models.Q(organisation_id__in=list(roles.by_organisation))
    )


def may_write(user: Actor, organisation_id: int | None) -> bool:
    """The organisation's editors and administrators, and coordinators, change its plan."""
    roles = roles_for(user)
    return roles.is_coordinator or roles.has(organisation_id, *WRITE_ROLES)


def may_review(user: Actor) -> bool:
    """Only coordinators return, approve and reopen reports."""
    return roles_for(user).is_coordinator


def may_sign_off(user: Actor, organisation_id: int | None) -> bool:
    """The organisation's approvers (attestanter) sign its reports off before SLK sees them."""
    return roles_for(user).has(organisation_id, Role.APPROVER)


def may_configure_sign_off(user: Actor, organisation_id: int | None) -> bool:
    """The organisation's administrators and coordinators decide whether sign-off is needed."""
    roles = roles_for(user)
    return roles.is_coordinator or roles.has(organisation_id, Role.ORG_ADMIN)


def check_sign_off(actor: Actor, organisation_id: int | None) -> None:
    if not may_sign_off(actor, organisation_id):
        raise PermissionDenied


def check_configure_sign_off(actor: Actor, organisation_id: int | None) -> None:
    if not may_configure_sign_off(actor, organisation_id):
        raise PermissionDenied


def may_manage_cycle(user: Actor) -> bool:
    """Only coordinators create planning years and open, close or change periods."""
    return roles_for(user).is_coordinator


def may_see_history(user: Actor, organisation_id: int | None) -> bool:
    """The organisation's own members and coordinators see the history of its plan."""
    roles = roles_for(user)
    return roles.is_coordinator or roles.is_member(organisation_id)


def check_write(actor: Actor, organisation_id: int | None) -> None:
    """Raise PermissionDenied unless ACTOR may change the organisation's plan and reports."""
    if not may_write(actor, organisation_id):
        raise PermissionDenied


def check_review(actor: Actor) -> None:
    if not may_review(actor):
        raise PermissionDenied


def check_manage_cycle(actor: Actor) -> None:
    if not may_manage_cycle(actor):
        raise PermissionDenied


def check_read(actor: Actor) -> None:
    """Raise PermissionDenied unless ACTOR reads the plans."""
    if not may_read(actor):
        raise PermissionDenied


def _in_plan(prefix: str, year_path: str, slug: str | None, year: int | None) -> dict[str, Any]:
    """Return the lookup that keeps a row to organisation SLUG's plan for YEAR, when given."""
    lookup: dict[str, Any] = {}
    if slug is not None:
        lookup[f"{prefix}organisation__slug"] = slug
    if year is not None:
        lookup[f"{prefix}{year_path}__year"] = year
    return lookup


def get_plan_for_actor(
    actor: Actor, organisation_key: int | str, year: int, *, write: bool = False
) -> tuple[Organisation, PlanningYear]:
    """Return the organisation (its id, or its slug if a str) and the planning year YEAR;
    with WRITE, for the organisation's writers."""
    check_read(actor)
    organisations = Organisation.objects.select_related("parent")
    if isinstance(organisation_key, str):
        organisation = get_or_404(organisations, slug=organisation_key)
    else:
        organisation = get_or_404(organisations, pk=primary_key(organisation_key))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    planning_year = get_or_404(PlanningYear.objects.all(), year=year)
    if write:
        check_write(actor, organisation.pk)
    return organisation, planning_year


def get_plan_for_user(
    request: HttpRequest, slug: str, year: int, *, write: bool = False
) -> tuple[Organisation, PlanningYear]:
    """Return the organisation SLUG and the planning year YEAR; with WRITE, for its writers."""
    return get_plan_for_actor(request.user, slug, year, write=write)


def get_goal_for_actor(
    actor: Actor,
    pk: Any,
    *,
    write: bool = False,
    slug: str | None = None,
    year: int | None = None,
) -> Goal:
    """Return goal PK (of organisation SLUG's plan for YEAR, when given); with WRITE, for
    the organisation's writers."""
    check_read(actor)
    goal = get_or_404(
        Goal.objects.select_related("organisation", "planning_year"),
        pk=primary_key(pk),
        **_in_plan("", "planning_year", slug, year),
    )
    if write:
        check_write(actor, goal.organisation_id)
    return goal


def get_goal_for_user(
    request: HttpRequest, slug: str, year: int, pk: Any, *, write: bool = False
) -> Goal:
    """Return goal PK of organisation SLUG's plan for YEAR; with WRITE, for its writers."""
    return get_goal_for_actor(request.user, pk, write=write, slug=slug, year=year)


def get_activity_for_actor(
    actor: Actor,
    pk: Any,
    *,
    write: bool = False,
    slug: str | None = None,
    year: int | None = None,
) -> Activity:
    """Return activity PK (of organisation SLUG's plan for YEAR, when given); with WRITE,
    for the organisation's writers."""
    check_read(actor)
    activity = get_or_404(
        Activity.objects.select_related("organisation", "planning_year"),
        pk=primary_key(pk),
        **_in_plan("", "planning_year", slug, year),
    )
    if write:
        check_write(actor, activity.organisation_id)
    return activity


def get_activity_for_user(
    request: HttpRequest, slug: str, year: int, pk: Any, *, write: bool = False
) -> Activity:
    """Return activity PK of organisation SLUG's plan for YEAR; with WRITE, for its writers."""
    return get_activity_for_actor(request.user, pk, write=write, slug=slug, year=year)


def get_indicator_for_actor(
    actor: Actor,
    pk: Any,
    *,
    write: bool = False,
    slug: str | None = None,
    year: int | None = None,
) -> Indicator:
    """Return indicator PK (of organisation SLUG's plan for YEAR, when given); with WRITE,
    for the organisation's writers."""
    check_read(actor)
    indicator = get_or_404(
        Indicator.objects.select_related("goal__organisation", "goal__planning_year"),
        pk=primary_key(pk),
        **_in_plan("goal__", "planning_year", slug, year),
    )
    if write:
        check_write(actor, indicator.goal.organisation_id)
    return indicator


def get_indicator_for_user(
    request: HttpRequest, slug: str, year: int, pk: Any, *, write: bool = False
) -> Indicator:
    """Return indicator PK of organisation SLUG's plan for YEAR; with WRITE, for its writers."""
    return get_indicator_for_actor(request.user, pk, write=write, slug=slug, year=year)


def get_report_for_actor(
    actor: Actor,
    pk: Any,
    *,
    write: bool = False,
    review: bool = False,
    slug: str | None = None,
    year: int | None = None,
) -> Report:
    """Return report PK (of organisation SLUG in YEAR, when given) if ACTOR may read it;
    WRITE for the organisation's writers, REVIEW for coordinators."""
    check_read(actor)
    report = get_or_404(
        Report.objects.select_related(
            "organisation", "action_plan", "period__planning_year", "submitted_by", "reviewed_by"
        ),
        pk=primary_key(pk),
        **_in_plan("", "period__planning_year", slug, year),
    )
    if not may_read_report(actor, report):
        raise Http404
    if write:
        check_write(actor, report.organisation_id)
    if review:
        check_review(actor)
    return report


def get_report_for_user(
    request: HttpRequest,
    slug: str,
    year: int,
    pk: Any,
    *,
    write: bool = False,
    review: bool = False,
) -> Report:
    """Return report PK of organisation SLUG in YEAR; WRITE for its writers, REVIEW for
    coordinators."""
    return get_report_for_actor(request.user, pk, write=write, review=review, slug=slug, year=year)


def get_attachment_for_actor(
    actor: Actor, slug: str, year: int, report_pk: Any, pk: Any, *, write: bool = False
) -> ReportAttachment:
    """Return attachment PK of report REPORT_PK (organisation SLUG, YEAR); readers see it,
    WRITE is for the organisation's writers."""
    check_read(actor)
    attachment = get_or_404(
        ReportAttachment.objects.select_related(
            "report__organisation", "report__action_plan", "report__period__planning_year"
        ),
        pk=primary_key(pk),
        report_id=primary_key(report_pk),
        **_in_plan("report__", "period__planning_year", slug, year),
    )
    if not may_read_report(actor, attachment.report):
        raise Http404
    if write:
        check_write(actor, attachment.report.organisation_id)
    return attachment


def get_attachment_for_user(
    request: HttpRequest,
    slug: str,
    year: int,
    report_pk: Any,
    pk: Any,
    *,
    write: bool = False,
) -> ReportAttachment:
    """Return attachment PK of report REPORT_PK (organisation SLUG, YEAR); readers see it,
    WRITE is for the organisation's writers."""
    return get_attachment_for_actor(request.user, slug, year, report_pk, pk, write=write)


def get_period_for_actor(actor: Actor, pk: Any, *, write: bool = False) -> ReportingPeriod:
    """Return reporting period PK; with WRITE, for coordinators only."""
    check_read(actor)
    period = get_or_404(ReportingPeriod.objects.select_related("planning_year"), pk=primary_key(pk))
    if write:
        check_manage_cycle(actor)
    return period


def get_period_for_user(request: HttpRequest, pk: Any, *, write: bool = False) -> ReportingPeriod:
    """Return reporting period PK; with WRITE, for coordinators only."""
    return get_period_for_actor(request.user, pk, write=write)


def _history(request: HttpRequest, obj: M, organisation_id: int) -> M:
    if not may_see_history(request.user, organisation_id):
        raise PermissionDenied
    return obj


def get_goal_history_for_user(request: HttpRequest, key: str) -> Goal:
    """Return goal KEY (its id) if the user may see its history."""
    goal = get_or_404(
        Goal.objects.select_related("organisation", "planning_year"), pk=primary_key(key)
    )
    return _history(request, goal, goal.organisation_id)


def get_activity_history_for_user(request: HttpRequest, key: str) -> Activity:
    """Return activity KEY (its id) if the user may see its history."""
    activity = get_or_404(
        Activity.objects.select_related("organisation", "planning_year"), pk=primary_key(key)
    )
    return _history(request, activity, activity.organisation_id)


def get_indicator_history_for_user(request: HttpRequest, key: str) -> Indicator:
    """Return indicator KEY (its id) if the user may see its history."""
    indicator = get_or_404(
        Indicator.objects.select_related("goal__organisation", "goal__planning_year"),
        pk=primary_key(key),
    )
    return _history(request, indicator, indicator.goal.organisation_id)


def get_report_history_for_user(request: HttpRequest, key: str) -> Report:
    """Return report KEY (its id) if the user may see its history."""
    report = get_or_404(
        Report.objects.select_related("organisation", "action_plan", "period__planning_year"),
        pk=primary_key(key),
    )
    return _history(request, report, report.organisation_id)


def get_period_history_for_user(request: HttpRequest, key: str) -> ReportingPeriod:
    """Return reporting period KEY if the user is a coordinator or has any membership."""
    period = get_or_404(
        ReportingPeriod.objects.select_related("planning_year"), pk=primary_key(key)
    )
    roles = roles_for(request.user)
    if not (roles.is_coordinator or roles.by_organisation):
        raise PermissionDenied
    return period
