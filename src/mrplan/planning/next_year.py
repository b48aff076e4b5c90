"""Start next year's plan from last year's: goals, unfinished activities and indicators.

A preview says what will be copied, what will not and why; the copy itself is the action
plan_copy_to_year. Reports, values, analyses, milestones and publication never follow: they
belong to the year they were made in.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mrplan.accounts.models import User
from mrplan.core.actions import save_audited
from mrplan.organisations.models import Organisation
from mrplan.planning.actions._checks import check_year_open
from mrplan.planning.actions.plan import INDICATOR_FIELDS
from mrplan.planning.models import Activity, ActivityStatus, Goal, Indicator, PlanningYear
from mrplan.planning.permissions import check_write

# Finished activities stay in their year.
FINISHED = {ActivityStatus.COMPLETED, ActivityStatus.CANCELLED}


@dataclass
class CopyPreview:
    organisation: Organisation
    source: PlanningYear
    target: PlanningYear
    goals: list[Goal] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    # (what, why) for each thing that stays behind.
    skipped: list[tuple[str, str]] = field(default_factory=list)
    refusal: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.goals or self.activities)


def _shifted(value: datetime.date | None, years: int) -> datetime.date | None:
    """Return VALUE moved YEARS years on (29 February becomes 28 February)."""
    if value is None:
        return None
    try:
        return value.replace(year=value.year + years)
    except ValueError:
        return value.replace(year=value.year + years, day=28)


def refusal(organisation: Organisation, source: PlanningYear, target: PlanningYear) -> str:
    """Return why the plan cannot be copied from SOURCE to TARGET, or ""."""
    if target.year <= source.year:
        return _("Planen kan bara kopieras till ett senare år.")
    try:
        check_year_open(target)
    except ValidationError as error:
        return " ".join(error.messages)
    has_content = (
        Goal.objects.filter(organisation=organisation, planning_year=target).exists()
        or Activity.objects.filter(organisation=organisation, planning_year=target).exists()
    )
    if has_content:
        return _(
            "%(organisation)s har redan mål eller aktiviteter för %(year)s. Kopieringen "
            "görs bara till ett tomt år."
        ) % {"organisation": organisation.name, "year": target.year}
    return ""


def copy_preview(
    organisation: Organisation, source: PlanningYear, target: PlanningYear
) -> CopyPreview:
    """Return what copying SOURCE's plan into TARGET would copy, and what not and why."""
    preview = CopyPreview(organisation=organisation, source=source, target=target)
    preview.refusal = refusal(organisation, source, target)
    goals = list(
        Goal.objects.filter(organisation=organisation, planning_year=source)
        .prefetch_related("indicators")
        .order_by("position", "title", "pk")
    )
    preview.goals = goals
    preview.indicators = [indicator for goal in goals for indicator in goal.indicators.all()]
    activities = Activity.objects.filter(
        organisation=organisation, planning_year=source
    ).prefetch_related("milestones")
    for activity in activities.order_by("title", "pk"):
        if activity.status in FINISHED:
            preview.skipped.append(
                (
                    activity.title,
                    _("Aktiviteten är %(status)s och stannar i %(year)s.")
                    % {"status": activity.get_status_display().lower(), "year": source.year},
                )
            )
            continue
        preview.activities.append(activity)
        if activity.milestones.all():
            preview.skipped.append(
                (
                    _("Delmålen för %(title)s") % {"title": activity.title},
                    _("Delmålen har datum i %(year)s; lägg in nya för det nya året.")
                    % {"year": source.year},
                )
            )
    preview.skipped.append(
        (
            _("Rapporter, indikatorvärden och analyser"),
            _("De hör till året de lämnades för."),
        )
    )
    preview.skipped.append((_("Publicering"), _("Det nya årets plan publiceras när den är klar.")))
    return preview


@transaction.atomic
def plan_copy_to_year(
    *, actor: User, organisation: Organisation, source: PlanningYear, target: PlanningYear
) -> CopyPreview:
    """Copy the organisation's goals, indicators and unfinished activities into TARGET.

    Each copy is recorded in the history with where it came from. Raises ValidationError,
    with nothing written, when TARGET is closed, not later or already has a plan.
    """
    check_write(actor, organisation.pk)
    # Lock the organisation's row so that two copies at once cannot both pass the check.
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    preview = copy_preview(organisation, source, target)
    if preview.refusal:
        raise ValidationError(preview.refusal, code="refused")
    if preview.is_empty:
        raise ValidationError(
            _("Det finns inga mål eller aktiviteter att kopiera från %(year)s.")
            % {"year": source.year},
            code="empty",
        )
    message = _("Kopierad från planen för %(year)s.") % {"year": source.year}
    years = target.year - source.year
    new_goals: dict[int, Goal] = {}
    for goal in preview.goals:
        new_goals[goal.pk] = save_audited(
            Goal(organisation=organisation, planning_year=target),
            actor=actor,
            data={
                "title": goal.title,
                "description": goal.description,
                "position": goal.position,
                "development_areas": list(goal.development_areas.all()),
                "target_groups": list(goal.target_groups.all()),
                "sdg_targets": list(goal.sdg_targets.all()),
            },
            message=message,
        )
    for indicator in preview.indicators:
        # Every field an editor may set on an indicator is carried over.
        data = {name: getattr(indicator, name) for name in sorted(INDICATOR_FIELDS)}
        save_audited(
            Indicator(goal=new_goals[indicator.goal_id]), actor=actor, data=data, message=message
        )
    for activity in preview.activities:
        save_audited(
            Activity(organisation=organisation, planning_year=target),
            actor=actor,
            data={
                "title": activity.title,
                "description": activity.description,
                "goal": new_goals.get(activity.goal_id) if activity.goal_id else None,
                "development_area": activity.development_area,
                "city_activity": activity.city_activity,
                "responsible_department": activity.responsible_department,
                "start_date": _shifted(activity.start_date, years),
                "end_date": _shifted(activity.end_date, years),
                "status": activity.status,
                "progress": activity.progress,
                "weight": activity.weight,
                "target_groups": list(activity.target_groups.all()),
            },
            message=message,
        )
    return preview
