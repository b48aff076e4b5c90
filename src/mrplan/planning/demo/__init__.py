"""A lived-in planning cycle for `make run`: 2025 and 2026, plans and reports in every state.

Run after the organisations and the programmes (it needs the action plan against racism and
its development areas). Idempotent: an organisation that already has a plan for a year is
left alone, and periods are only closed in years it creates, so running it again neither
duplicates nor overwrites what someone has changed. The plans themselves are in demo.data
and demo.city.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from mrplan.organisations.models import Department, Organisation
from mrplan.planning.actions.cycle import DEFAULT_PERIODS, PERIOD_MOVES, default_deadline
from mrplan.planning.demo.city import CITY_PLANS
from mrplan.planning.demo.data import (
    CHILDREN,
    CIVIL_SOCIETY,
    CLOSED,
    HAGERSTEN_ALVSJO,
    KNOWLEDGE,
    PERIOD_CODES,
    PLANS,
    RACISM_PLAN_SLUG,
    SHARE,
    ActivitySpec,
    GoalSpec,
    PlanSpec,
)
from mrplan.planning.models import (
    Activity,
    ActivityStatus,
    ActivityUpdate,
    Goal,
    GoalAnalysis,
    Indicator,
    IndicatorValue,
    Milestone,
    PeriodStatus,
    PlanningYear,
    Report,
    ReportingPeriod,
    ReportStatus,
    SignOffSetting,
)
from mrplan.planning.snapshots import snapshot_create
from mrplan.programmes.models import (
    ActionPlan,
    CityActivity,
    DevelopmentArea,
    SdgTarget,
    TargetGroup,
)

__all__ = ["HAGERSTEN_ALVSJO", "load_planning"]


def _date(year: int, month_day: tuple[int, int]) -> datetime.date:
    return datetime.date(year, *month_day)


def _planning_year(year: int) -> tuple[PlanningYear, dict[str, ReportingPeriod]]:
    planning_year, _ = PlanningYear.objects.get_or_create(year=year)
    periods = {}
    for position, (code, name, offset) in enumerate(DEFAULT_PERIODS):
        periods[code], _ = ReportingPeriod.objects.get_or_create(
            planning_year=planning_year,
            code=code,
            defaults={
                "name": name,
                "deadline": default_deadline(year, offset),
                "position": position,
                "status": PeriodStatus.OPEN,
            },
        )
    return planning_year, periods


class _Lookups:
    """The programme's parts the demo ties into, fetched once."""

    def __init__(self, action_plan: ActionPlan) -> None:
        self.action_plan = action_plan
        self.areas = {
            area.title: area for area in DevelopmentArea.objects.filter(action_plan=action_plan)
        }
        self.city_activities = {
            activity.title: activity
            for activity in CityActivity.objects.filter(development_area__action_plan=action_plan)
        }
        self.groups = {group.slug: group for group in TargetGroup.objects.all()}
        self.targets = {target.code: target for target in SdgTarget.objects.all()}

    def area(self, title: str) -> DevelopmentArea:
        area = self.areas.get(title)
        if area is None:  # another city's titles: fall back to the plan's areas in order
            ordered = sorted(self.areas.values(), key=lambda a: (a.position, a.title))
            area = ordered[[KNOWLEDGE, CHILDREN, CIVIL_SOCIETY].index(title) % len(ordered)]
        return area

    def target_groups(self, slugs: list[str]) -> list[TargetGroup]:
        return [self.groups[slug] for slug in slugs if slug in self.groups]

    def sdg_targets(self, codes: list[str]) -> list[SdgTarget]:
        return [self.targets[code] for code in codes if code in self.targets]


def _activity(
    spec: ActivitySpec,
    *,
    organisation: Organisation,
    planning_year: PlanningYear,
    lookups: _Lookups,
    **links: Any,
) -> Activity:
    department = (
        Department.objects.filter(organisation=organisation, name=spec.department).first()
        if spec.department
        else None
    )
    year = planning_year.year
    activity, created = Activity.objects.get_or_create(
        organisation=organisation,
        planning_year=planning_year,
        title=spec.title,
        defaults={
            "description": spec.description,
            "status": spec.status,
            "progress": spec.progress,
            "weight": spec.weight,
            "start_date": _date(year, spec.start),
            "end_date": _date(year, spec.end),
            "responsible_department": department,
            **links,
        },
    )
    if created:
        activity.full_clean()
        activity.target_groups.set(lookups.target_groups(spec.target_groups))
        for month_day, title, done in spec.milestones:
            Milestone.objects.create(
                activity=activity, date=_date(year, month_day), title=title, done=done
            )
    return activity


def _snapshot(activity: Activity, spec: ActivitySpec, code: str) -> tuple[str, int, str]:
    """Return the activity's (status, progress, comment) as reported in period CODE."""
    share = SHARE[activity.planning_year.year][code]
    if share >= 1.0:
        return activity.status, activity.progress, spec.comment
    progress = round(activity.progress * share)
    if progress == 0:
        return ActivityStatus.NOT_STARTED, 0, ""
    status = (
        ActivityStatus.ONGOING if activity.status == ActivityStatus.COMPLETED else activity.status
    )
    if status == ActivityStatus.CANCELLED:
        status = ActivityStatus.ONGOING
    return status, progress, spec.comment if status == ActivityStatus.DELAYED else ""


def _report(
    plan: PlanSpec,
    code: str,
    status: str,
    *,
    organisation: Organisation,
    period: ReportingPeriod,
    lookups: _Lookups,
    made: list[tuple[Activity, ActivitySpec]],
    goals: list[tuple[Goal, GoalSpec, list[Indicator]]],
) -> None:
    deadline = timezone.make_aware(datetime.datetime.combine(period.deadline, datetime.time(9)))
    report, created = Report.objects.get_or_create(
        organisation=organisation,
        action_plan=lookups.action_plan,
        period=period,
        defaults={
            "status": status,
            "submitted_at": deadline if status != ReportStatus.DRAFT else None,
            "reviewed_at": deadline + datetime.timedelta(days=7)
            if status in (ReportStatus.APPROVED, ReportStatus.RETURNED)
            else None,
            "review_comment": plan.return_comment if status == ReportStatus.RETURNED else "",
        },
    )
    if not created:
        return
    for activity, spec in made:
        update_status, progress, comment = _snapshot(activity, spec, code)
        ActivityUpdate.objects.create(
            report=report,
            activity=activity,
            status=update_status,
            progress=progress,
            comment=comment,
        )
    for goal, goal_spec, indicators in goals:
        if code != "VP":
            GoalAnalysis.objects.create(report=report, goal=goal, text=goal_spec.analysis)
        for indicator, indicator_spec in zip(indicators, goal_spec.indicators, strict=True):
            reported = indicator_spec.values.get(code)
            if reported is None and status == ReportStatus.DRAFT:
                # A draft starts from the latest values, as report_create would fill it in.
                earlier = [
                    c
                    for c in PERIOD_CODES[: PERIOD_CODES.index(code)]
                    if c in indicator_spec.values
                ]
                reported = indicator_spec.values[earlier[-1]] if earlier else None
            if reported is None:
                continue
            by_category = reported if isinstance(reported, dict) else {"": reported}
            for category, raw in by_category.items():
                IndicatorValue.objects.create(
                    report=report, indicator=indicator, category=category, value=Decimal(raw)
                )
    if status == ReportStatus.AWAITING_SIGN_OFF:
        # This organisation signs its reports off internally before they go to SLK.
        SignOffSetting.objects.update_or_create(
            organisation=organisation, defaults={"required": True}
        )
    if status == ReportStatus.APPROVED:
        # Frozen as approved, as report_approve does.
        snapshot_create(report=report, actor=None)


def _plan(spec: PlanSpec, lookups: _Lookups) -> None:
    organisation = Organisation.objects.filter(slug=spec.slug).first()
    if organisation is None:
        return
    planning_year, periods = _planning_year(spec.year)
    if (
        Goal.objects.filter(organisation=organisation, planning_year=planning_year).exists()
        or Activity.objects.filter(organisation=organisation, planning_year=planning_year).exists()
    ):
        return  # The organisation has a plan for the year already: leave it as it is.
    made: list[tuple[Activity, ActivitySpec]] = []
    goals: list[tuple[Goal, GoalSpec, list[Indicator]]] = []
    for position, goal_spec in enumerate(spec.goals):
        goal, created = Goal.objects.get_or_create(
            organisation=organisation,
            planning_year=planning_year,
            title=goal_spec.title,
            defaults={"description": goal_spec.description, "position": position},
        )
        if created:
            goal.development_areas.set([lookups.area(title) for title in goal_spec.areas])
            goal.target_groups.set(lookups.target_groups(goal_spec.target_groups))
            goal.sdg_targets.set(lookups.sdg_targets(goal_spec.sdg_targets))
        for activity_spec in goal_spec.activities:
            activity = _activity(
                activity_spec,
                organisation=organisation,
                planning_year=planning_year,
                lookups=lookups,
                goal=goal,
            )
            made.append((activity, activity_spec))
        indicators = []
        for number, indicator_spec in enumerate(goal_spec.indicators):
            indicator, _ = Indicator.objects.get_or_create(
                goal=goal,
                name=indicator_spec.name,
                defaults={
                    "unit": indicator_spec.unit,
                    "direction": indicator_spec.direction,
                    "baseline_value": Decimal(indicator_spec.baseline[0]),
                    "baseline_year": indicator_spec.baseline[1],
                    "target_value": Decimal(indicator_spec.target[0]),
                    "target_year": indicator_spec.target[1],
                    "breakdown_dimension": indicator_spec.dimension,
                    "breakdown_categories": indicator_spec.categories,
                    "position": number,
                },
            )
            indicators.append(indicator)
        goals.append((goal, goal_spec, indicators))
    for area_title, city_activity_title, activity_spec in spec.loose:
        area = lookups.area(area_title)
        city_activity = lookups.city_activities.get(city_activity_title)
        links: dict[str, Any] = {"development_area": area}
        if city_activity is not None and city_activity.development_area_id == area.pk:
            links["city_activity"] = city_activity
        activity = _activity(
            activity_spec,
            organisation=organisation,
            planning_year=planning_year,
            lookups=lookups,
            **links,
        )
        made.append((activity, activity_spec))
    for code, status in spec.reports.items():
        _report(
            spec,
            code,
            status,
            organisation=organisation,
            period=periods[code],
            lookups=lookups,
            made=made,
            goals=goals,
        )


def _racism_plan() -> ActionPlan:
    plan = (
        ActionPlan.objects.filter(slug=RACISM_PLAN_SLUG).first()
        or ActionPlan.objects.filter(slug__contains="rasism").order_by("position").first()
    )
    if plan is None or not plan.development_areas.exists():
        raise LookupError(
            "The action plan against racism and its development areas must be loaded first."
        )
    return plan


@transaction.atomic
def load_planning() -> None:
    """Create the 2025 and 2026 cycles and the demo plans and reports (idempotent)."""
    lookups = _Lookups(_racism_plan())
    new_years = [year for year in CLOSED if not PlanningYear.objects.filter(year=year).exists()]
    for make in [*PLANS, *CITY_PLANS]:
        _plan(make(), lookups)
    # Close periods only in years made now, after their reports were written, so that a
    # period a coordinator has reopened since stays open.
    for year in new_years:
        for period in ReportingPeriod.objects.filter(
            planning_year__year=year, code__in=CLOSED[year], status=PeriodStatus.OPEN
        ):
            PERIOD_MOVES.apply(period, actor=None, name="close")
