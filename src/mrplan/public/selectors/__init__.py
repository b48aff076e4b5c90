"""Reads for the public site: published rows only, each page in a fixed number of queries.

What the public sees of an activity's status and progress, and of an indicator's values,
comes only from reports that are both approved and published: an activity's own fields
change while a draft report is saved, so they are never shown here.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from mrplan.knowledge.charts import Chart, Series, TargetLine, format_number
from mrplan.organisations.models import Organisation
from mrplan.planning.models import (
    Activity,
    ActivityStatus,
    ActivityUpdate,
    Goal,
    GoalAnalysis,
    Indicator,
    IndicatorValue,
    PlanningYear,
    Report,
    ReportingPeriod,
)
from mrplan.planning.rollup import (
    NO_ASSESSMENT,
    Level,
    Rollup,
    activity_level,
    assessment_date,
    rollup,
)
from mrplan.planning.selectors import period_key
from mrplan.planning.snapshots import latest_snapshots
from mrplan.programmes.models import CityActivity, DevelopmentArea, TargetGroup

# What the public may see is each model's `published()` (core/publication.py); these
# short names are kept for the many reads below.


def published_reports() -> QuerySet[Report]:
    """Return the reports the public may see (`ReportQuerySet.published_rule`)."""
    return Report.objects.published()


def published_goals() -> QuerySet[Goal]:
    return Goal.objects.published()


def published_activities() -> QuerySet[Activity]:
    return Activity.objects.published()


def published_indicators() -> QuerySet[Indicator]:
    """Return the public indicators: published, of a published goal."""
    return Indicator.objects.published()


def published_counts() -> dict[str, int]:
    """Return how many goals, activities, indicators and reports are published."""
    return {
        "goals": published_goals().count(),
        "activities": published_activities().count(),
        "indicators": published_indicators().count(),
        "reports": published_reports().count(),
    }


# The start page


@dataclass
class PublishedPlan:
    slug: str
    name: str
    year: int
    goals: int = 0
    activities: int = 0


@dataclass
class Overview:
    plans: list[PublishedPlan]
    report_count: int

    @property
    def years(self) -> list[int]:
        return sorted({plan.year for plan in self.plans}, reverse=True)


def overview() -> Overview:
    """Return which organisations have published plans for which years, with counts."""
    plans: dict[tuple[str, int], PublishedPlan] = {}
    for queryset, attribute in (
        (published_goals(), "goals"),
        (published_activities(), "activities"),
    ):
        rows = (
            queryset.values("organisation__slug", "organisation__name", "planning_year__year")
            .annotate(count=Count("pk"))
            .order_by()
        )
        for row in rows:
            key = (row["organisation__slug"], row["planning_year__year"])
            plan = plans.setdefault(key, PublishedPlan(key[0], row["organisation__name"], key[1]))
            setattr(plan, attribute, row["count"])
    ordered = sorted(plans.values(), key=lambda plan: (-plan.year, plan.name.casefold()))
    return Overview(plans=ordered, report_count=published_reports().count())


# An organisation's plan for a year


@dataclass
class ReportedState:
    """An activity as an approved, published report has it (the rollup reads these)."""

    status: str
    progress: int
    weight: int
    start_date: datetime.date | None
    end_date: datetime.date | None
    comment: str
    period: ReportingPeriod
    # A reported status is assessed at its period's end, not today.
    assessed_on: datetime.date | None = None
    # The milestones as the approved report froze them (None: the report has no snapshot).
    milestones: list["ApprovedMilestone"] | None = None

    @property
    def status_label(self) -> str:
        return str(ActivityStatus(self.status).label)


@dataclass
class PublicActivity:
    activity: Activity
    reported: ReportedState | None
    level: Level


@dataclass
class IndicatorPoint:
    period: ReportingPeriod
    # One value per category, in the order of indicator.categories ("" = total first), then
    # any category reported under a name the indicator no longer has.
    values: list[Decimal | None]
    categories: list[str] = field(default_factory=list)


@dataclass
class PublicIndicator:
    indicator: Indicator
    points: list[IndicatorPoint]
    chart: Chart | None
    svg: str = ""

    @property
    def category_labels(self) -> list[str]:
        categories = self.points[0].categories if self.points else self.indicator.categories
        return [category or _("Totalt") for category in categories]


@dataclass
class PublicGoal:
    goal: Goal
    activities: list[PublicActivity]
    indicators: list[PublicIndicator]
    rollup: Rollup
    analysis: str = ""
    analysis_period: ReportingPeriod | None = None


@dataclass
class OrganisationPlan:
    organisation: Organisation
    planning_year: PlanningYear
    goals: list[PublicGoal]
    other_activities: list[PublicActivity]
    reports: list[Report]
    rollup: Rollup
    years: list[int] = field(default_factory=list)


@dataclass
class ApprovedMilestone:
    """A milestone as an approved report has it ("klart" as approved, not as edited since)."""

    date: datetime.date | None
    title: str
    done: bool


def _approved_milestones(
    updates: dict[int, ActivityUpdate], reports: "QuerySet[Any] | None" = None
) -> dict[int, list[ApprovedMilestone]]:
    """Return, per activity, its milestones in the snapshot of the report its status comes
    from (one query); activities whose report has no snapshot are left out.

    REPORTS, a subquery of report ids that holds those of UPDATES, is read instead when
    there are no updates (it then finds nothing): Django skips a query on an empty list,
    and a page should cost the same queries whatever its data. With updates, only their
    reports' snapshots are read (a year has four periods of them, each a whole report)."""
    wanted = list({update.report_id for update in updates.values()})
    snapshots = latest_snapshots(wanted if wanted or reports is None else reports)
    found: dict[int, list[ApprovedMilestone]] = {}
    for activity_id, update in updates.items():
        snapshot = snapshots.get(update.report_id)
        if snapshot is None:
            continue
        data = snapshot.data
        entries = [entry for goal in data.get("goals", []) for entry in goal["activities"]]
        for entry in [*entries, *data.get("other_activities", [])]:
            if entry["id"] == activity_id:
                found[activity_id] = [
                    ApprovedMilestone(
                        datetime.date.fromisoformat(stone["date"]) if stone["date"] else None,
                        stone["title"],
                        bool(stone["done"]),
                    )
                    for stone in entry.get("milestones", [])
                ]
    return found


def _latest_updates(activity_ids: "list[int] | QuerySet[Any]") -> dict[int, ActivityUpdate]:
    """Return each activity's update from the latest public report (ACTIVITY_IDS a list, or
    a subquery, which always runs: Django skips a query on an empty list)."""
    latest: dict[int, ActivityUpdate] = {}
    updates = (
        ActivityUpdate.objects.published()
        .filter(activity_id__in=activity_ids)
        .select_related("report__period__planning_year")
        # Only what the page shows and orders by: a full report row per update costs more
        # to build than the rest of the query.
        .only(*UPDATE_FIELDS)
        .order_by()
    )
    for update in updates:
        current = latest.get(update.activity_id)
        if current is None or period_key(current.report.period) < period_key(update.report.period):
            latest[update.activity_id] = update
    return latest


# The fields of an update and its report's period that the public pages read.
PERIOD_FIELDS = ("code", "name", "deadline", "position", "status", "planning_year__year")
UPDATE_FIELDS = (
    "activity_id",
    "status",
    "progress",
    "comment",
    *(f"report__period__{name}" for name in PERIOD_FIELDS),
)


def _public_activity(
    activity: Activity,
    update: ActivityUpdate | None,
    today: datetime.date,
    milestones: list[ApprovedMilestone] | None = None,
) -> PublicActivity:
    if update is None:
        return PublicActivity(activity, None, NO_ASSESSMENT)
    state = ReportedState(
        status=update.status,
        progress=update.progress,
        weight=activity.weight,
        start_date=activity.start_date,
        end_date=activity.end_date,
        comment=update.comment,
        period=update.report.period,
        assessed_on=assessment_date(update.report.period, today),
        milestones=milestones,
    )
    return PublicActivity(activity, state, activity_level(state, state.assessed_on or today))


def _rollup(items: list[PublicActivity], today: datetime.date) -> Rollup:
    return rollup([item.reported for item in items if item.reported is not None], on=today)


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _indicator(indicator: Indicator, values: list[IndicatorValue]) -> PublicIndicator:
    # A category renamed after approval keeps its approved values under the name they were
    # reported with, rather than turning them into "–".
    categories = list(indicator.categories)
    for value in values:
        if value.category not in categories:
            categories.append(value.category)
    by_period: dict[int, dict[str, Decimal | None]] = defaultdict(dict)
    periods: dict[int, ReportingPeriod] = {}
    for value in values:
        periods[value.report.period_id] = value.report.period
        by_period[value.report.period_id][value.category] = value.value
    ordered = sorted(periods.values(), key=period_key)
    points = [
        IndicatorPoint(
            period,
            [by_period[period.pk].get(category) for category in categories],
            categories,
        )
        for period in ordered
    ]
    if not points:
        return PublicIndicator(indicator, [], None)
    labels = [category or str(_("Totalt")) for category in categories]
    targets = []
    if indicator.baseline_value is not None:
        targets.append(
            TargetLine(
                _("Utgångsvärde %(value)s (%(year)s)")
                % {
                    "value": format_number(float(indicator.baseline_value)),
                    "year": indicator.baseline_year,
                },
                float(indicator.baseline_value),
            )
        )
    if indicator.target_value is not None:
        targets.append(
            TargetLine(
                _("Målvärde %(value)s (%(year)s)")
                % {
                    "value": format_number(float(indicator.target_value)),
                    "year": indicator.target_year,
                },
                float(indicator.target_value),
            )
        )
    period_labels = [f"{period.code} {period.planning_year.year}" for period in ordered]
    chart = Chart(
        title=indicator.name,
        description=_(
            "Linjediagram: %(name)s per rapportperiod (%(periods)s). Samma värden finns i "
            "tabellen under diagrammet."
        )
        % {"name": indicator.name, "periods": ", ".join(period_labels)},
        periods=period_labels,
        series=[
            Series(label, [_number(point.values[index]) for point in points])
            for index, label in enumerate(labels)
        ],
        unit=indicator.unit,
        targets=targets,
    )
    return PublicIndicator(indicator, points, chart)


def _goals(organisation: Organisation, planning_year: PlanningYear) -> QuerySet[Goal]:
    return (
        published_goals()
        .filter(organisation=organisation, planning_year=planning_year)
        .prefetch_related(
            Prefetch(
                "development_areas",
                queryset=DevelopmentArea.objects.published()
                .select_related("action_plan")
                .order_by("action_plan__position", "position", "title"),
            ),
            "target_groups",
            "sdg_targets",
            Prefetch(
                "indicators",
                queryset=Indicator.objects.published().order_by("position", "name"),
            ),
        )
        .order_by("position", "title", "pk")
    )


def _activities(organisation: Organisation, planning_year: PlanningYear) -> QuerySet[Activity]:
    return (
        published_activities()
        .filter(organisation=organisation, planning_year=planning_year)
        .annotate(
            development_area_public=DevelopmentArea.objects.is_published_ref("development_area"),
            city_activity_public=CityActivity.objects.is_published_ref("city_activity"),
        )
        .select_related(
            "responsible_department",
            "development_area__action_plan",
            "city_activity__development_area__action_plan",
        )
        # Target groups show only their names (a full row carries a description).
        .prefetch_related(
            Prefetch("target_groups", queryset=TargetGroup.objects.only("name")), "milestones"
        )
        .order_by("start_date", "title", "pk")
    )


def _hide_unpublished_areas(activities: list[Activity]) -> list[Activity]:
    """Drop from (read-only) ACTIVITIES, annotated by `_activities`, the links to a
    development area or city activity whose action plan the public may not see."""
    for activity in activities:
        if not activity.development_area_public:  # type: ignore[attr-defined]
            activity.development_area = None
        if not activity.city_activity_public:  # type: ignore[attr-defined]
            activity.city_activity = None
    return activities


def organisation_plan(
    *, slug: str, year: int, today: datetime.date | None = None
) -> OrganisationPlan | None:
    """Return the published part of organisation SLUG's plan for YEAR, or None if none is."""
    today = today or timezone.localdate()
    organisation = Organisation.objects.filter(slug=slug).first()
    planning_year = PlanningYear.objects.filter(year=year).first()
    if organisation is None or planning_year is None:
        return None
    goals = list(_goals(organisation, planning_year))
    activities = _hide_unpublished_areas(list(_activities(organisation, planning_year)))
    if not goals and not activities:
        return None
    published_goal_ids = {goal.pk for goal in goals}
    # The reads below filter by the organisation and year, not by lists of ids taken from
    # the rows above: Django skips a query whose list is empty, and the page would then cost
    # fewer queries for an organisation without, say, indicators or approved reports.
    in_plan = {"organisation": organisation, "planning_year": planning_year}
    plan_activities = published_activities().filter(**in_plan).values("pk")
    updates = _latest_updates(plan_activities)
    approved_milestones = _approved_milestones(
        updates,
        ActivityUpdate.objects.published()
        .filter(activity_id__in=plan_activities)
        .values("report_id"),
    )
    values: dict[int, list[IndicatorValue]] = defaultdict(list)
    for value in (
        IndicatorValue.objects.published()
        .filter(
            indicator__goal__organisation=organisation,
            indicator__goal__planning_year=planning_year,
            report__organisation=organisation,
            value__isnull=False,
        )
        .select_related("report__period__planning_year")
        .only(
            "indicator_id",
            "category",
            "value",
            *(f"report__period__{name}" for name in PERIOD_FIELDS),
        )
        .order_by()
    ):
        values[value.indicator_id].append(value)
    analyses: dict[int, GoalAnalysis] = {}
    for analysis in (
        GoalAnalysis.objects.published()
        .filter(goal__organisation=organisation, goal__planning_year=planning_year)
        .exclude(text="")
        .select_related("report__period__planning_year")
        .order_by()
    ):
        current = analyses.get(analysis.goal_id)
        if current is None or period_key(current.report.period) < period_key(
            analysis.report.period
        ):
            analyses[analysis.goal_id] = analysis
    reports = list(
        published_reports()
        .filter(organisation=organisation, period__planning_year=planning_year)
        .select_related("action_plan", "period__planning_year")
        .order_by("period__position", "action_plan__position", "action_plan__title")
    )

    by_goal: dict[int | None, list[PublicActivity]] = defaultdict(list)
    every: list[PublicActivity] = []
    for activity in activities:
        item = _public_activity(
            activity, updates.get(activity.pk), today, approved_milestones.get(activity.pk)
        )
        every.append(item)
        # An activity under an unpublished goal is shown on its own, without the goal.
        goal_id = activity.goal_id if activity.goal_id in published_goal_ids else None
        by_goal[goal_id].append(item)
    goal_rows = []
    for goal in goals:
        latest = analyses.get(goal.pk)
        items = by_goal.get(goal.pk, [])
        goal_rows.append(
            PublicGoal(
                goal=goal,
                activities=items,
                indicators=[
                    _indicator(indicator, values.get(indicator.pk, []))
                    for indicator in goal.indicators.all()
                ],
                rollup=_rollup(items, today),
                analysis=latest.text if latest else "",
                analysis_period=latest.report.period if latest else None,
            )
        )
    years = sorted(
        set(
            published_goals()
            .filter(organisation=organisation)
            .order_by()
            .values_list("planning_year__year", flat=True)
            .union(
                published_activities()
                .filter(organisation=organisation)
                .order_by()
                .values_list("planning_year__year", flat=True)
            )
        )
    )
    return OrganisationPlan(
        organisation=organisation,
        planning_year=planning_year,
        goals=goal_rows,
        other_activities=by_goal.get(None, []),
        reports=reports,
        rollup=_rollup(every, today),
        years=years,
    )


# Lämna ingen utanför: target groups over the published activities


@dataclass
class GroupRow:
    target_group: TargetGroup
    counts: list[int]

    @property
    def total(self) -> int:
        """Return how many published activities reach the group (each counted once)."""
        return sum(self.counts)

    @property
    def reached(self) -> bool:
        return self.total > 0


@dataclass
class Coverage:
    years: list[int]
    year: int | None
    category: str
    organisations: list[Organisation]
    rows: list[GroupRow]

    @property
    def unreached(self) -> list[TargetGroup]:
        return [row.target_group for row in self.rows if not row.reached]


def coverage_years() -> list[int]:
    """Return the years with published activities, newest first."""
    # A semi-join per planning year (a handful of rows) that stops at the first published
    # activity, rather than a DISTINCT over every published activity of every year.
    return list(
        PlanningYear.objects.filter(
            Exists(published_activities().filter(planning_year=OuterRef("pk")))
        )
        .order_by("-year")
        .values_list("year", flat=True)
    )


def target_group_coverage(*, year: int | None, category: str = "") -> Coverage:
    """Return, for YEAR (the latest with published activities if None), how many published
    activities reach each target group, per organisation."""
    years = coverage_years()
    if year is None:
        year = years[0] if years else None
    in_year = published_activities().filter(planning_year__year=year or 0)
    groups = TargetGroup.objects.order_by("category", "position", "name")
    if category:
        groups = groups.filter(category=category)
    rows = {group.pk: GroupRow(group, []) for group in groups}
    # Only counts, grouped in the database in one query that also names the organisations
    # (those with a published activity in the year, reaching a target group or not: the
    # LEFT JOIN gives them a row with no target group). At city scale a year has tens of
    # thousands of activity × target group pairs, so the activities are listed one target
    # group and one page at a time (`target_group_activities`), not on this page.
    counted = list(
        in_year.order_by()
        .values_list("organisation_id", "organisation__name", "organisation__slug", "target_groups")
        .annotate(n=Count("pk"))
    )
    names = {pk: (name, slug) for pk, name, slug, _group, _n in counted}
    ordered = [
        Organisation(pk=pk, name=name, slug=slug)
        for pk, (name, slug) in sorted(names.items(), key=lambda item: item[1][0].casefold())
    ]
    index = {organisation.pk: position for position, organisation in enumerate(ordered)}
    for row in rows.values():
        row.counts = [0] * len(ordered)
    for organisation_id, _name, _slug, group_id, n in counted:
        if group_id in rows:
            rows[group_id].counts[index[organisation_id]] = n
    return Coverage(
        years=years,
        year=year,
        category=category,
        organisations=ordered,
        rows=list(rows.values()),
    )


def target_group_activities(*, year: int, target_group: TargetGroup) -> QuerySet[Activity]:
    """Return YEAR's published activities that reach TARGET_GROUP, with just the columns the
    list shows, in a stable order for paging."""
    return (
        published_activities()
        .filter(planning_year__year=year, target_groups=target_group)
        .select_related("organisation")
        .only("title", "organisation__name", "organisation__slug")
        .order_by("organisation__name", "title", "pk")
    )


@dataclass
class PublicYear:
    year: int
    goals: int = 0
    activities: int = 0
    reports: int = 0


def organisation_public_years(organisation: Organisation) -> list[PublicYear]:
    """Return the years ORGANISATION has a public plan or approved reports for, newest first."""
    years: dict[int, PublicYear] = {}
    for queryset, attribute, year_field in (
        (published_goals(), "goals", "planning_year__year"),
        (published_activities(), "activities", "planning_year__year"),
        (published_reports(), "reports", "period__planning_year__year"),
    ):
        rows = (
            queryset.filter(organisation=organisation)
            .values(year_field)
            .annotate(count=Count("pk"))
            .order_by()
        )
        for row in rows:
            year = row[year_field]
            setattr(years.setdefault(year, PublicYear(year)), attribute, row["count"])
    return sorted(years.values(), key=lambda found: -found.year)
