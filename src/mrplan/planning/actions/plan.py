"""Writes to an organisation's plan: goals, activities with their milestones, indicators."""

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mrplan.accounts.models import User
from mrplan.core import audit
from mrplan.core.actions import delete_audited, save_audited
from mrplan.organisations.models import Organisation
from mrplan.planning.actions._checks import check_fields, check_year_open, stripped
from mrplan.planning.models import (
    EDITABLE_REPORT_STATUSES,
    Activity,
    ActivityUpdate,
    Goal,
    GoalAnalysis,
    Indicator,
    IndicatorValue,
    Milestone,
    PeriodStatus,
    PlanningYear,
    Report,
)
from mrplan.planning.permissions import check_write

GOAL_FIELDS = frozenset(
    {"title", "description", "development_areas", "target_groups", "sdg_targets", "position"}
)
# In the order of the activity form (planning/imports.py compares a row on these, in order).
ACTIVITY_FIELDS = (
    "title",
    "description",
    "goal",
    "development_area",
    "city_activity",
    "responsible_department",
    "start_date",
    "end_date",
    "status",
    "progress",
    "weight",
    "target_groups",
)
INDICATOR_FIELDS = frozenset(
    {
        "name",
        "unit",
        "direction",
        "baseline_value",
        "baseline_year",
        "target_value",
        "target_year",
        "breakdown_dimension",
        "breakdown_categories",
        "decimals",
        "position",
    }
)
TEXT_FIELDS = frozenset({"title", "description", "name", "unit", "breakdown_dimension"})

STALE_ACTIVITY = gettext_lazy(
    "Aktiviteten har ändrats sedan du öppnade den. Ingenting sparades: "
    "öppna aktiviteten igen för att se den senaste versionen och gör om din ändring."
)


def _require(data: Mapping[str, Any], name: str, message: str, *, creating: bool) -> None:
    if (creating or name in data) and not data.get(name):
        raise ValidationError({name: message})


def _locked_reports(reports: "QuerySet[Report]") -> "QuerySet[Report]":
    """Return those of REPORTS whose contents may no longer change."""
    return reports.filter(
        ~Q(status__in=EDITABLE_REPORT_STATUSES) | Q(period__status=PeriodStatus.CLOSED)
    )


# Goals


@transaction.atomic
def goal_create(
    *, actor: User, organisation: Organisation, planning_year: PlanningYear, data: Mapping[str, Any]
) -> Goal:
    """Add a goal (nämndmål) to an organisation's plan for a year."""
    check_write(actor, organisation.pk)
    check_year_open(planning_year)
    check_fields(data, GOAL_FIELDS, "goal")
    data = stripped(data, TEXT_FIELDS)
    _require(data, "title", _("Målet måste ha en titel."), creating=True)
    goal = Goal(organisation=organisation, planning_year=planning_year)
    return save_audited(goal, actor=actor, data=data)


@transaction.atomic
def goal_update(*, actor: User, goal: Goal, data: Mapping[str, Any]) -> Goal:
    """Change a goal's text and what it is linked to."""
    check_write(actor, goal.organisation_id)
    check_year_open(goal.planning_year)
    check_fields(data, GOAL_FIELDS, "goal")
    data = stripped(data, TEXT_FIELDS)
    _require(data, "title", _("Målet måste ha en titel."), creating=False)
    return save_audited(goal, actor=actor, data=data)


@transaction.atomic
def goal_delete(*, actor: User, goal: Goal) -> None:
    """Remove a goal with its indicators, unless activities or locked reports refer to it."""
    check_write(actor, goal.organisation_id)
    check_year_open(goal.planning_year)
    if goal.activities.exists():
        raise ValidationError(
            _("Målet har aktiviteter. Flytta dem till ett annat mål eller ta bort dem först.")
        )
    reports = Report.objects.filter(
        Q(goal_analyses__goal=goal) | Q(indicator_values__indicator__goal=goal)
    )
    if _locked_reports(reports).exists():
        raise ValidationError(
            _(
                "Målet finns i en inskickad, godkänd eller stängd periodrapport "
                "och kan inte tas bort."
            )
        )
    # What draft reports hold about the goal goes with it.
    GoalAnalysis.objects.filter(goal=goal).delete()
    IndicatorValue.objects.filter(indicator__goal=goal).delete()
    delete_audited(goal, actor=actor)


# Activities and milestones


@dataclass(frozen=True)
class MilestoneInput:
    """One milestone row from a form: PK None for a new one; DELETE to remove it."""

    pk: int | None
    date: datetime.date | None
    title: str
    done: bool = False
    delete: bool = False


def _milestone_summary(activity: Activity) -> list[str]:
    return [
        f"{milestone}{' ✓' if milestone.done else ''}"
        for milestone in Milestone.objects.filter(activity=activity).order_by("date", "title")
    ]


def _save_milestones(
    *, actor: User, activity: Activity, milestones: Sequence[MilestoneInput]
) -> None:
    if not milestones:
        return
    before = _milestone_summary(activity)
    existing = {milestone.pk: milestone for milestone in activity.milestones.all()}
    for number, row in enumerate(milestones, start=1):
        milestone = existing.get(row.pk) if row.pk is not None else Milestone(activity=activity)
        if milestone is None:
            raise ValidationError(
                {"milestones": _("Delmål %(number)d finns inte längre.") % {"number": number}}
            )
        if row.delete:
            if milestone.pk is not None:
                delete_audited(milestone, actor=actor)
            continue
        title = row.title.strip()
        if not title or row.date is None:
            raise ValidationError(
                {
                    "milestones": _("Delmål %(number)d behöver både datum och titel.")
                    % {"number": number}
                }
            )
        save_audited(
            milestone, actor=actor, data={"date": row.date, "title": title, "done": row.done}
        )
    after = _milestone_summary(activity)
    if before != after:
        audit.record(
            actor=actor,
            verb="update",
            instance=activity,
            changes={"delmål": [before, after]},
        )


def _validate_activity_text(data: Mapping[str, Any], *, creating: bool) -> None:
    _require(data, "title", _("Aktiviteten måste ha en titel."), creating=creating)


@transaction.atomic
def activity_create(
    *,
    actor: User,
    organisation: Organisation,
    planning_year: PlanningYear,
    data: Mapping[str, Any],
    milestones: Sequence[MilestoneInput] = (),
) -> Activity:
    """Add an activity, under a goal or directly under a development area or city activity."""
    check_write(actor, organisation.pk)
    check_year_open(planning_year)
    check_fields(data, ACTIVITY_FIELDS, "activity")
    data = stripped(data, TEXT_FIELDS)
    _validate_activity_text(data, creating=True)
    activity = Activity(organisation=organisation, planning_year=planning_year)
    activity = save_audited(activity, actor=actor, data=data)
    _save_milestones(actor=actor, activity=activity, milestones=milestones)
    return activity


def claim_activity_version(activity: Activity, version: int) -> None:
    """Move ACTIVITY to the next version if it is still at VERSION; refuse a stale edit.

    A conditional UPDATE, so that of two concurrent saves exactly one wins on every database.
    """
    claimed = Activity.objects.filter(pk=activity.pk, version=version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise ValidationError(STALE_ACTIVITY, code="stale")
    activity.version = version + 1


@transaction.atomic
def activity_update(
    *,
    actor: User,
    activity: Activity,
    data: Mapping[str, Any],
    version: int,
    milestones: Sequence[MilestoneInput] = (),
) -> Activity:
    """Change an activity opened at VERSION; refused if someone saved it in between."""
    check_write(actor, activity.organisation_id)
    check_year_open(activity.planning_year)
    check_fields(data, ACTIVITY_FIELDS, "activity")
    data = stripped(data, TEXT_FIELDS)
    _validate_activity_text(data, creating=False)
    claim_activity_version(activity, version)
    activity = save_audited(activity, actor=actor, data=data)
    _save_milestones(actor=actor, activity=activity, milestones=milestones)
    return activity


@transaction.atomic
def activity_delete(*, actor: User, activity: Activity) -> None:
    """Remove an activity unless a submitted, approved or closed report holds it."""
    check_write(actor, activity.organisation_id)
    check_year_open(activity.planning_year)
    if _locked_reports(Report.objects.filter(activity_updates__activity=activity)).exists():
        raise ValidationError(
            _(
                "Aktiviteten finns i en inskickad, godkänd eller stängd periodrapport och kan "
                "inte tas bort. Ändra dess status till Inställd i stället."
            )
        )
    ActivityUpdate.objects.filter(activity=activity).delete()
    delete_audited(activity, actor=actor)


# Indicators


def _categories(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.splitlines()
    return [str(item).strip() for item in value if str(item).strip()]


def _indicator_data(data: Mapping[str, Any], *, creating: bool) -> dict[str, Any]:
    data = stripped(data, TEXT_FIELDS)
    if "breakdown_categories" in data:
        data["breakdown_categories"] = _categories(data["breakdown_categories"])
    _require(data, "name", _("Indikatorn måste ha ett namn."), creating=creating)
    return data


@transaction.atomic
def indicator_create(*, actor: User, goal: Goal, data: Mapping[str, Any]) -> Indicator:
    """Add an indicator that measures a goal."""
    check_write(actor, goal.organisation_id)
    check_year_open(goal.planning_year)
    check_fields(data, INDICATOR_FIELDS, "indicator")
    data = _indicator_data(data, creating=True)
    return save_audited(Indicator(goal=goal), actor=actor, data=data)


@transaction.atomic
def indicator_update(*, actor: User, indicator: Indicator, data: Mapping[str, Any]) -> Indicator:
    """Change an indicator; values already reported for dropped categories stay stored."""
    goal = indicator.goal
    check_write(actor, goal.organisation_id)
    check_year_open(goal.planning_year)
    check_fields(data, INDICATOR_FIELDS, "indicator")
    data = _indicator_data(data, creating=False)
    return save_audited(indicator, actor=actor, data=data)


@transaction.atomic
def indicator_delete(*, actor: User, indicator: Indicator) -> None:
    """Remove an indicator unless a submitted, approved or closed report has values for it."""
    goal = indicator.goal
    check_write(actor, goal.organisation_id)
    check_year_open(goal.planning_year)
    if _locked_reports(Report.objects.filter(indicator_values__indicator=indicator)).exists():
        raise ValidationError(
            _(
                "Indikatorn har värden i en inskickad, godkänd eller stängd periodrapport "
                "och kan inte tas bort."
            )
        )
    IndicatorValue.objects.filter(indicator=indicator).delete()
    delete_audited(indicator, actor=actor)
