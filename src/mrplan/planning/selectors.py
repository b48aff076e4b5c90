"""Reads of the plans and reports, each with its related rows fetched up front.

Every page built from these costs a fixed number of queries whatever the data size: the
rows are fetched in one query per kind and put together in Python.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from mrplan.organisations.models import Organisation
from mrplan.planning.models import (
    Activity,
    ActivityUpdate,
    Goal,
    GoalAnalysis,
    Indicator,
    IndicatorValue,
    PeriodStatus,
    PlanningYear,
    Report,
    ReportAttachment,
    ReportingPeriod,
    ReportSnapshot,
    ReportStatus,
)
from mrplan.planning.rollup import (
    Level,
    Rollup,
    activity_level,
    assessment_date,
    rollup,
)
from mrplan.planning.snapshots import (
    approved_snapshot,
    frozen_activity,
    frozen_goal,
    frozen_indicator,
    frozen_values,
)
from mrplan.programmes.models import ActionPlan, DevelopmentArea

# Scope: which of an organisation's goals and activities a report on an action plan covers.


def activities_in_plan(action_plan_id: int) -> Q:
    """Match activities tied to the action plan through their goal, area or city activity."""
    return (
        Q(goal__development_areas__action_plan_id=action_plan_id)
        | Q(development_area__action_plan_id=action_plan_id)
        | Q(city_activity__development_area__action_plan_id=action_plan_id)
    )


def scope_activities(report: Report) -> QuerySet[Activity]:
    """Return the activities REPORT covers: the organisation's, that year, in its plan."""
    matching = Activity.objects.filter(
        activities_in_plan(report.action_plan_id),
        organisation_id=report.organisation_id,
        planning_year_id=report.period.planning_year_id,
    )
    return Activity.objects.filter(pk__in=matching.values("pk"))


def scope_goals(report: Report) -> QuerySet[Goal]:
    """Return the goals REPORT covers: linked to a development area of its action plan."""
    matching = Goal.objects.filter(
        organisation_id=report.organisation_id,
        planning_year_id=report.period.planning_year_id,
        development_areas__action_plan_id=report.action_plan_id,
    )
    return Goal.objects.filter(pk__in=matching.values("pk"))


def scope_indicators(report: Report) -> QuerySet[Indicator]:
    """Return the indicators of the goals REPORT covers."""
    return Indicator.objects.filter(goal__in=scope_goals(report).values("pk"))


def period_key(period: ReportingPeriod) -> tuple[int, int, datetime.date]:
    """Return a key that orders periods in time."""
    return (period.planning_year.year, period.position, period.deadline)


def later_periods(period: ReportingPeriod, prefix: str = "") -> Q:
    """Match rows whose period (at PREFIX) comes after PERIOD."""
    year = period.planning_year.year
    return Q(**{f"{prefix}planning_year__year__gt": year}) | Q(
        **{f"{prefix}planning_year__year": year, f"{prefix}position__gt": period.position}
    )


def earlier_periods(period: ReportingPeriod, prefix: str = "") -> Q:
    """Match rows whose period (at PREFIX) comes before PERIOD."""
    year = period.planning_year.year
    return Q(**{f"{prefix}planning_year__year__lt": year}) | Q(
        **{f"{prefix}planning_year__year": year, f"{prefix}position__lt": period.position}
    )


def last_indicator_values(
    *, organisation_id: int, indicator_ids: Iterable[int], before: ReportingPeriod
) -> dict[tuple[int, str], Decimal]:
    """Return the latest value reported before BEFORE for each (indicator, category)."""
    values = (
        IndicatorValue.objects.filter(
            earlier_periods(before, "report__period__"),
            report__organisation_id=organisation_id,
            indicator_id__in=list(indicator_ids),
            value__isnull=False,
        )
        .select_related("report__period__planning_year")
        .order_by()
    )
    latest: dict[tuple[int, str], tuple[tuple[int, int, datetime.date], Decimal]] = {}
    for row in values:
        key = (row.indicator_id, row.category)
        when = period_key(row.report.period)
        if row.value is not None and (key not in latest or latest[key][0] < when):
            latest[key] = (when, row.value)
    return {key: value for key, (_, value) in latest.items()}


# Who must report


def reporting_obligations(
    year_ids: Iterable[int], *, organisation_ids: Iterable[int] | None = None
) -> dict[tuple[int, int], set[int]]:
    """Return who must report: (organisation, year) -> the action plans it plans against.

    The organisation that plans reports: the one whose goals or activities are tied to the
    action plan that year. In a district that is the förvaltning, which holds the plan, and
    not also its nämnd. The overview, the reminders and the compiled report all use this.
    Two queries whatever the data size; ORGANISATION_IDS, if given, limits them to those.
    """
    year_ids = list(year_ids)
    obligations: dict[tuple[int, int], set[int]] = defaultdict(set)
    goals = Goal.objects.filter(planning_year_id__in=year_ids)
    activities = Activity.objects.filter(planning_year_id__in=year_ids)
    if organisation_ids is not None:
        organisation_ids = list(organisation_ids)
        goals = goals.filter(organisation_id__in=organisation_ids)
        activities = activities.filter(organisation_id__in=organisation_ids)
    # DISTINCT in the database: a handful of rows per organisation and year, not one per
    # goal and activity (a city has tens of thousands).
    goal_rows = (
        goals.filter(development_areas__isnull=False)
        .order_by()
        .values_list("organisation_id", "planning_year_id", "development_areas__action_plan_id")
        .distinct()
    )
    activity_rows = (
        activities.order_by()
        .values_list(
            "organisation_id",
            "planning_year_id",
            "goal__development_areas__action_plan_id",
            "development_area__action_plan_id",
            "city_activity__development_area__action_plan_id",
        )
        .distinct()
    )
    for organisation_id, year_id, *plans in [*goal_rows, *activity_rows]:
        found = {plan for plan in plans if plan is not None}
        if found:
            obligations[(organisation_id, year_id)] |= found
    return dict(obligations)


# The planning cycle


def current_period(periods: list[ReportingPeriod], today: datetime.date) -> ReportingPeriod | None:
    """Return the open period due next, else the latest open one, else the last period."""
    ordered = sorted(periods, key=lambda p: (p.position, p.deadline))
    open_periods = [p for p in ordered if p.status == PeriodStatus.OPEN]
    upcoming = [p for p in open_periods if p.deadline >= today]
    if upcoming:
        return upcoming[0]
    if open_periods:
        return open_periods[-1]
    return ordered[-1] if ordered else None


def unreviewed_reports(period: ReportingPeriod) -> QuerySet[Report]:
    """Return PERIOD's reports still waiting for sign-off or review, with their organisation."""
    return (
        Report.objects.filter(
            period=period,
            status__in=[ReportStatus.AWAITING_SIGN_OFF, ReportStatus.SUBMITTED],
        )
        .select_related("organisation", "action_plan", "period__planning_year")
        .order_by("organisation__name", "action_plan__title")
    )


def writes_to_live_plan(period: ReportingPeriod, today: datetime.date) -> bool:
    """Whether a report in PERIOD updates the live plan: only the year's current period (or
    a later one) does; an earlier period's values stay with that period."""
    current = current_period(list(period.planning_year.periods.all()), today)
    if current is None or current.pk == period.pk:
        return True
    return (period.position, period.deadline) > (current.position, current.deadline)


def planning_years() -> QuerySet[PlanningYear]:
    """Return every planning year, newest first, with its periods in order."""
    return PlanningYear.objects.prefetch_related(
        Prefetch("periods", queryset=ReportingPeriod.objects.order_by("position", "deadline"))
    )


def organisations_with_plans(planning_year: PlanningYear) -> QuerySet[Organisation]:
    """Return the organisations with goals or activities in PLANNING_YEAR, with counts."""
    return (
        Organisation.objects.annotate(
            goal_count=Count(
                "planning_goals",
                filter=Q(planning_goals__planning_year=planning_year),
                distinct=True,
            ),
            activity_count=Count(
                "planning_activities",
                filter=Q(planning_activities__planning_year=planning_year),
                distinct=True,
            ),
        )
        .filter(Q(goal_count__gt=0) | Q(activity_count__gt=0))
        .order_by("name")
    )


# An organisation's plan page


@dataclass
class ActivityRow:
    activity: Activity
    level: Level


@dataclass
class IndicatorRow:
    indicator: Indicator
    # (category, latest value, the period it was reported in), total ("") first.
    latest: list[tuple[str, Decimal | None, ReportingPeriod | None]]


@dataclass
class GoalRow:
    goal: Goal
    activities: list[ActivityRow]
    indicators: list[IndicatorRow]
    rollup: Rollup


@dataclass
class PlanRollup:
    action_plan: ActionPlan
    rollup: Rollup


@dataclass
class DueRow:
    period: ReportingPeriod
    action_plan: ActionPlan
    report: Report | None
    overdue: bool


@dataclass
class PlanPage:
    organisation: Organisation
    planning_year: PlanningYear
    periods: list[ReportingPeriod]
    goals: list[GoalRow]
    other_activities: list[ActivityRow]
    action_plans: list[PlanRollup]
    reports: list[Report]
    due: list[DueRow]
    next_period: ReportingPeriod | None
    years: list[int] = field(default_factory=list)
    # The live plan is assessed today (a report at its period's end).
    assessed_on: datetime.date | None = None

    @property
    def is_open(self) -> bool:
        """Whether the year's plan may still change: some period is open."""
        return any(period.status == PeriodStatus.OPEN for period in self.periods)

    @property
    def open_periods(self) -> list[ReportingPeriod]:
        return [period for period in self.periods if period.status == PeriodStatus.OPEN]


def _activities(organisation: Organisation, planning_year: PlanningYear) -> QuerySet[Activity]:
    return (
        Activity.objects.filter(organisation=organisation, planning_year=planning_year)
        .select_related(
            "responsible_department",
            "development_area__action_plan",
            "city_activity__development_area__action_plan",
        )
        .prefetch_related("target_groups", "milestones")
        .order_by("start_date", "title", "pk")
    )


def _goals(organisation: Organisation, planning_year: PlanningYear) -> QuerySet[Goal]:
    return (
        Goal.objects.filter(organisation=organisation, planning_year=planning_year)
        .prefetch_related(
            Prefetch(
                "development_areas",
                queryset=DevelopmentArea.objects.select_related("action_plan").order_by(
                    "action_plan__position", "position", "title"
                ),
            ),
            "target_groups",
            "sdg_targets",
            Prefetch(
                "indicators",
                queryset=Indicator.objects.prefetch_related(
                    Prefetch(
                        "values",
                        queryset=IndicatorValue.objects.filter(value__isnull=False)
                        .select_related("report__period__planning_year")
                        .order_by(),
                    )
                ),
            ),
        )
        .order_by("position", "title", "pk")
    )


def _indicator_row(indicator: Indicator) -> IndicatorRow:
    latest: dict[str, IndicatorValue] = {}
    for value in indicator.values.all():
        current = latest.get(value.category)
        if current is None or period_key(current.report.period) < period_key(value.report.period):
            latest[value.category] = value
    rows: list[tuple[str, Decimal | None, ReportingPeriod | None]] = []
    for category in indicator.categories:
        found = latest.get(category)
        rows.append(
            (category, found.value if found else None, found.report.period if found else None)
        )
    return IndicatorRow(indicator, rows)


def plans_of_activity(activity: Activity, goal_plans: dict[int, set[int]]) -> set[int]:
    """Return the ids of the action plans ACTIVITY counts towards (relations fetched)."""
    plans = set(goal_plans.get(activity.goal_id, set())) if activity.goal_id else set()
    if activity.development_area is not None:
        plans.add(activity.development_area.action_plan_id)
    if activity.city_activity is not None:
        plans.add(activity.city_activity.development_area.action_plan_id)
    return plans


def _due(
    periods: list[ReportingPeriod],
    action_plans: list[ActionPlan],
    reports: list[Report],
    today: datetime.date,
) -> list[DueRow]:
    by_key = {(report.period_id, report.action_plan_id): report for report in reports}
    rows = []
    for period in periods:
        if period.status != PeriodStatus.OPEN:
            continue
        for action_plan in action_plans:
            report = by_key.get((period.pk, action_plan.pk))
            done = report is not None and report.status in (
                ReportStatus.SUBMITTED,
                ReportStatus.APPROVED,
            )
            rows.append(
                DueRow(period, action_plan, report, overdue=not done and period.deadline < today)
            )
    return rows


def plan_page(
    *, organisation: Organisation, planning_year: PlanningYear, today: datetime.date | None = None
) -> PlanPage:
    """Return everything the organisation's plan page for a year shows."""
    today = today or timezone.localdate()
    periods = list(planning_year.periods.order_by("position", "deadline"))
    for period in periods:
        period.planning_year = planning_year
    goals = list(_goals(organisation, planning_year))
    activities = list(_activities(organisation, planning_year))
    reports = list(
        Report.objects.filter(organisation=organisation, period__planning_year=planning_year)
        .select_related("action_plan", "period__planning_year")
        .order_by("period__position", "action_plan__position", "action_plan__title")
    )

    for report in reports:
        report.organisation = organisation  # for its URL, without a query per report
    goal_plans: dict[int, set[int]] = {
        goal.pk: {area.action_plan_id for area in goal.development_areas.all()} for goal in goals
    }
    plans: dict[int, ActionPlan] = {}
    for goal in goals:
        for area in goal.development_areas.all():
            plans[area.action_plan_id] = area.action_plan
    by_goal: dict[int | None, list[Activity]] = defaultdict(list)
    by_plan: dict[int, list[Activity]] = defaultdict(list)
    for activity in activities:
        by_goal[activity.goal_id].append(activity)
        if activity.development_area is not None:
            plans[activity.development_area.action_plan_id] = activity.development_area.action_plan
        if activity.city_activity is not None:
            area = activity.city_activity.development_area
            plans[area.action_plan_id] = area.action_plan
        for plan_id in plans_of_activity(activity, goal_plans):
            by_plan[plan_id].append(activity)
    ordered_plans = sorted(plans.values(), key=lambda plan: (plan.position, plan.title))

    def rows(items: list[Activity]) -> list[ActivityRow]:
        return [ActivityRow(activity, activity_level(activity, today)) for activity in items]

    goal_rows = [
        GoalRow(
            goal=goal,
            activities=rows(by_goal.get(goal.pk, [])),
            indicators=[_indicator_row(indicator) for indicator in goal.indicators.all()],
            rollup=rollup(by_goal.get(goal.pk, []), on=today),
        )
        for goal in goals
    ]
    upcoming = [p for p in periods if p.status == PeriodStatus.OPEN and p.deadline >= today]
    open_periods = [p for p in periods if p.status == PeriodStatus.OPEN]
    return PlanPage(
        organisation=organisation,
        planning_year=planning_year,
        periods=periods,
        goals=goal_rows,
        other_activities=rows(by_goal.get(None, [])),
        action_plans=[
            PlanRollup(plan, rollup(by_plan.get(plan.pk, []), on=today)) for plan in ordered_plans
        ],
        reports=reports,
        due=_due(periods, ordered_plans, reports, today),
        next_period=(upcoming or open_periods)[0] if (upcoming or open_periods) else None,
        years=list(PlanningYear.objects.order_by("year").values_list("year", flat=True)),
        assessed_on=assessment_date(None, today),
    )


# A report page


@dataclass
class ActivityEntry:
    activity: Activity
    update: ActivityUpdate | None
    # The assessment at the report's period end, set by ReportPage.
    level: Level | None = None


@dataclass
class IndicatorEntry:
    indicator: Indicator
    # (index in indicator.categories, category, reported value)
    values: list[tuple[int, str, Decimal | None]]


@dataclass
class GoalSection:
    goal: Goal
    analysis: str
    activities: list[ActivityEntry]
    indicators: list[IndicatorEntry]


@dataclass
class ReportPage:
    report: Report
    goals: list[GoalSection]
    other_activities: list[ActivityEntry]
    # Set when the page is read from the snapshot taken on approval.
    snapshot: ReportSnapshot | None = None

    def __post_init__(self) -> None:
        for entry in self.activity_entries:
            entry.level = self.level(entry)

    @property
    def assessed_on(self) -> datetime.date:
        """Return the date the report's activities are assessed on: its period's end."""
        return assessment_date(self.report.period, timezone.localdate())

    def level(self, entry: "ActivityEntry") -> Level:
        """Return ENTRY's assessment at the report's period end."""
        source = entry.update or entry.activity
        state = _ReportedState(
            source.status,
            source.progress,
            entry.activity.weight,
            entry.activity.start_date,
            entry.activity.end_date,
        )
        return activity_level(state, self.assessed_on)

    @property
    def activity_entries(self) -> list[ActivityEntry]:
        return [entry for section in self.goals for entry in section.activities] + list(
            self.other_activities
        )

    @property
    def indicator_entries(self) -> list[IndicatorEntry]:
        return [entry for section in self.goals for entry in section.indicators]


@dataclass
class _ReportedState:
    status: str
    progress: int
    weight: int
    start_date: datetime.date | None
    end_date: datetime.date | None


def report_page(report: Report) -> ReportPage:
    """Return a report's page: an approved report as approved, any other as it stands."""
    snapshot = approved_snapshot(report)
    if snapshot is not None:
        return snapshot_page(report, snapshot)
    return live_report_page(report)


def snapshot_page(report: Report, snapshot: ReportSnapshot) -> ReportPage:
    """Return REPORT's page read from SNAPSHOT, whatever has changed in the plan since."""
    data = snapshot.data
    sections = []
    for goal_data in data["goals"]:
        goal = frozen_goal(goal_data, report)
        sections.append(
            GoalSection(
                goal=goal,
                analysis=goal_data["analysis"],
                activities=[
                    ActivityEntry(*frozen_activity(item, report))
                    for item in goal_data["activities"]
                ],
                indicators=[
                    IndicatorEntry(frozen_indicator(item, goal), frozen_values(item))
                    for item in goal_data["indicators"]
                ],
            )
        )
    other = [ActivityEntry(*frozen_activity(item, report)) for item in data["other_activities"]]
    return ReportPage(report=report, goals=sections, other_activities=other, snapshot=snapshot)


def live_report_page(report: Report) -> ReportPage:
    """Return what a report covers, with what it holds, grouped by goal.

    It shows what the report holds and what its scope holds now, so an activity added to
    the plan after the report was made appears too, with the activity's own status.
    """
    updates = {
        update.activity_id: update
        for update in ActivityUpdate.objects.filter(report=report).order_by()
    }
    values = {
        (value.indicator_id, value.category): value.value
        for value in IndicatorValue.objects.filter(report=report).order_by()
    }
    analyses = {
        analysis.goal_id: analysis.text
        for analysis in GoalAnalysis.objects.filter(report=report).order_by()
    }
    goal_ids = set(scope_goals(report).values_list("pk", flat=True)) | set(analyses)
    activities = list(
        # The scope's ids and the reported ones as one UNION: an OR of the two made PostgreSQL
        # scan every activity of the city (18,000 at scale 1, 180,000 at scale 10).
        Activity.objects.filter(
            pk__in=scope_activities(report)
            .order_by()
            .values("pk")
            .union(ActivityUpdate.objects.filter(report=report).order_by().values("activity_id"))
        )
        .select_related("responsible_department")
        .prefetch_related("target_groups", "milestones")
        .order_by(*_ACTIVITY_ORDER)
    )
    goals = list(_goals_with_indicators(Goal.objects.filter(pk__in=goal_ids)))
    return _assemble_report_page(report, updates, values, analyses, goal_ids, activities, goals)


_ACTIVITY_ORDER = ("start_date", "title", "pk")


def _goals_with_indicators(goals: QuerySet[Goal]) -> QuerySet[Goal]:
    return goals.prefetch_related(
        Prefetch("indicators", queryset=Indicator.objects.order_by("position", "name"))
    ).order_by("position", "title", "pk")


def _assemble_report_page(
    report: Report,
    updates: dict[int, ActivityUpdate],
    values: dict[tuple[int, str], Decimal | None],
    analyses: dict[int, str],
    goal_ids: set[int],
    activities: Iterable[Activity],
    goals: Iterable[Goal],
) -> ReportPage:
    """Put a report's page together from its rows (shared by the one- and many-report reads)."""
    in_goal: dict[int, list[ActivityEntry]] = defaultdict(list)
    other: list[ActivityEntry] = []
    for activity in activities:
        entry = ActivityEntry(activity, updates.get(activity.pk))
        if activity.goal_id in goal_ids:
            in_goal[activity.goal_id].append(entry)
        else:
            other.append(entry)
    sections = [
        GoalSection(
            goal=goal,
            analysis=analyses.get(goal.pk, ""),
            activities=in_goal.get(goal.pk, []),
            indicators=[
                IndicatorEntry(
                    indicator,
                    [
                        (index, category, values.get((indicator.pk, category)))
                        for index, category in enumerate(indicator.categories)
                    ],
                )
                for indicator in goal.indicators.all()
            ],
        )
        for goal in goals
    ]
    return ReportPage(report=report, goals=sections, other_activities=other)


def live_report_pages(reports: list[Report]) -> list[ReportPage]:
    """Return live_report_page() of each of REPORTS, reading the rows of all of them at once.

    The same scope rules as scope_goals() and scope_activities(), applied in Python to rows
    fetched in a fixed number of queries (used to snapshot many reports in bulk; tests check
    it gives what live_report_page gives). REPORTS need period loaded.
    """
    report_ids = [report.pk for report in reports]
    updates: dict[int, dict[int, ActivityUpdate]] = defaultdict(dict)
    for update in ActivityUpdate.objects.filter(report_id__in=report_ids).order_by():
        updates[update.report_id][update.activity_id] = update
    values: dict[int, dict[tuple[int, str], Decimal | None]] = defaultdict(dict)
    for value in IndicatorValue.objects.filter(report_id__in=report_ids).order_by():
        values[value.report_id][(value.indicator_id, value.category)] = value.value
    analyses: dict[int, dict[int, str]] = defaultdict(dict)
    for analysis in GoalAnalysis.objects.filter(report_id__in=report_ids).order_by():
        analyses[analysis.report_id][analysis.goal_id] = analysis.text
    pairs = {(report.organisation_id, report.period.planning_year_id) for report in reports}
    in_pairs = Q(
        organisation_id__in={org for org, _year in pairs},
        planning_year_id__in={year for _org, year in pairs},
    )
    # Goals in scope: (organisation, year, action plan) -> goal ids, via development areas.
    scoped_goals: dict[tuple[int, int, int], set[int]] = defaultdict(set)
    for goal_id, org, year, plan in Goal.objects.filter(
        in_pairs, development_areas__isnull=False
    ).values_list("pk", "organisation_id", "planning_year_id", "development_areas__action_plan_id"):
        scoped_goals[(org, year, plan)].add(goal_id)
    # Activities in scope: tied to a plan through their goal, area or city activity.
    activity_plans: dict[int, set[int]] = defaultdict(set)
    for row in Activity.objects.filter(in_pairs).values_list(
        "pk",
        "goal__development_areas__action_plan_id",
        "development_area__action_plan_id",
        "city_activity__development_area__action_plan_id",
    ):
        activity_plans[row[0]].update(plan for plan in row[1:] if plan is not None)
    # Ids first, then one plain pk__in query: an OR with a subquery makes PostgreSQL scan
    # the whole activity table, once per batch.
    activity_ids = set(activity_plans)
    for report_updates in updates.values():
        activity_ids.update(report_updates)
    activities = list(
        Activity.objects.filter(pk__in=activity_ids)
        .select_related("responsible_department")
        .prefetch_related("target_groups", "milestones")
        .order_by(*_ACTIVITY_ORDER)
    )
    goal_ids_all = {pk for ids in scoped_goals.values() for pk in ids}
    for report_analyses in analyses.values():
        goal_ids_all.update(report_analyses)
    goals = list(_goals_with_indicators(Goal.objects.filter(pk__in=goal_ids_all)))
    # Index the rows so each report picks its own without scanning the others' rows.
    activity_position = {activity.pk: index for index, activity in enumerate(activities)}
    activity_by_pk = {activity.pk: activity for activity in activities}
    activities_by_pair: dict[tuple[int, int], list[Activity]] = defaultdict(list)
    for activity in activities:
        activities_by_pair[(activity.organisation_id, activity.planning_year_id)].append(activity)
    goal_position = {goal.pk: index for index, goal in enumerate(goals)}
    goal_by_pk = {goal.pk: goal for goal in goals}
    pages = []
    for report in reports:
        org, year, plan = (
            report.organisation_id,
            report.period.planning_year_id,
            report.action_plan_id,
        )
        report_updates = updates.get(report.pk, {})
        report_analyses = analyses.get(report.pk, {})
        goal_ids = scoped_goals.get((org, year, plan), set()) | set(report_analyses)
        activity_ids = {
            activity.pk
            for activity in activities_by_pair.get((org, year), [])
            if plan in activity_plans.get(activity.pk, ())
        } | set(report_updates)
        pages.append(
            _assemble_report_page(
                report,
                report_updates,
                values.get(report.pk, {}),
                report_analyses,
                goal_ids,
                [
                    activity_by_pk[pk]
                    for pk in sorted(activity_ids, key=activity_position.__getitem__)
                ],
                [goal_by_pk[pk] for pk in sorted(goal_ids, key=goal_position.__getitem__)],
            )
        )
    return pages


def report_attachments(report: Report) -> QuerySet[ReportAttachment]:
    """Return the files attached to REPORT, oldest first, with who uploaded them."""
    return ReportAttachment.objects.filter(report=report).select_related("uploaded_by")
