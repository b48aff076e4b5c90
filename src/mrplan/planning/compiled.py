"""The compiled follow-up report for the city executive board (KS).

One compilation covers one action plan in one reporting period: every organisation with
goals, activities or a report on the plan that year. Where an organisation's report is
approved, the activities' status and progress, the indicator values and the goal analyses
come from that report; otherwise the plan's own status and progress are shown and no
reported values (only approved reports' data goes to KS).

The data is fetched with a fixed number of queries whatever the data size.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from mrplan.organisations.models import Organisation
from mrplan.planning.models import (
    Activity,
    ActivityStatus,
    ActivityUpdate,
    Goal,
    GoalAnalysis,
    Indicator,
    IndicatorValue,
    Report,
    ReportingPeriod,
    ReportStatus,
)
from mrplan.planning.rollup import Level, Rollup, activity_level, combine, rollup
from mrplan.planning.selectors import activities_in_plan
from mrplan.programmes.models import ActionPlan, TargetGroup

NO_REPORT = _("Ingen rapport")
OVERDUE = _("sista dagen har passerat")
DONE_STATUSES = frozenset({ReportStatus.SUBMITTED, ReportStatus.APPROVED})


@dataclass
class _State:
    """The attributes the roll-up reads, with the reported status and progress."""

    status: str
    progress: int
    weight: int
    start_date: datetime.date | None
    end_date: datetime.date | None


@dataclass(frozen=True)
class ReportedActivity:
    """An activity with the status and progress the compilation uses."""

    activity: Activity
    status: str
    progress: int
    comment: str
    level: Level
    state: _State

    @property
    def status_label(self) -> str | Promise:
        return ActivityStatus(self.status).label


@dataclass
class IndicatorLine:
    """One row of an indicator table: a category ("" is the total) and its values."""

    indicator: Indicator
    category: str
    baseline: Decimal | None
    target: Decimal | None
    value: Decimal | None


@dataclass
class CompiledGoal:
    goal: Goal
    analysis: str
    activities: list[ReportedActivity]
    indicators: list[IndicatorLine]
    rollup: Rollup


@dataclass
class OrganisationSection:
    organisation: Organisation
    report: Report | None
    goals: list[CompiledGoal]
    other_activities: list[ReportedActivity]
    rollup: Rollup
    overdue: bool = False

    @property
    def approved(self) -> bool:
        return self.report is not None and self.report.status == ReportStatus.APPROVED

    @property
    def status_value(self) -> str:
        return self.report.status if self.report is not None else "none"

    @property
    def status_label(self) -> str:
        label = str(self.report.get_status_display() if self.report is not None else NO_REPORT)
        return f"{label} ({OVERDUE})" if self.overdue else label

    @property
    def activities(self) -> list[ReportedActivity]:
        return [entry for goal in self.goals for entry in goal.activities] + list(
            self.other_activities
        )

    @property
    def goal_count(self) -> int:
        return len(self.goals)

    @property
    def activity_count(self) -> int:
        return len(self.activities)


@dataclass
class Compilation:
    action_plan: ActionPlan
    period: ReportingPeriod
    generated_on: datetime.date
    organisations: list[OrganisationSection]
    status_counts: list[tuple[str, str | Promise, int]]
    reached: list[tuple[TargetGroup, int]]
    not_reached: list[TargetGroup]
    rollup: Rollup = field(default_factory=lambda: combine([]))

    @property
    def title(self) -> str:
        return f"{self.action_plan.title} – {self.period.name} {self.period.planning_year.year}"

    @property
    def approved_count(self) -> int:
        return sum(1 for section in self.organisations if section.approved)


def periods_for_compilation() -> QuerySet[ReportingPeriod]:
    """Return every reporting period, newest year first, with its year."""
    return ReportingPeriod.objects.select_related("planning_year").order_by(
        "-planning_year__year", "position", "deadline"
    )


def action_plans_for_compilation() -> QuerySet[ActionPlan]:
    return ActionPlan.objects.order_by("position", "title")


def _indicator_lines(
    indicator: Indicator, values: dict[tuple[int, str], Decimal | None]
) -> list[IndicatorLine]:
    lines = []
    for category in indicator.categories:
        total = category == ""
        lines.append(
            IndicatorLine(
                indicator=indicator,
                category=category,
                baseline=indicator.baseline_value if total else None,
                target=indicator.target_value if total else None,
                value=values.get((indicator.pk, category)),
            )
        )
    return lines


def compile_report(
    *, action_plan: ActionPlan, period: ReportingPeriod, today: datetime.date
) -> Compilation:
    """Gather everything the compiled report on ACTION_PLAN in PERIOD shows."""
    planning_year = period.planning_year
    on = min(today, period.deadline)
    matching = Activity.objects.filter(
        activities_in_plan(action_plan.pk), planning_year=planning_year
    )
    activities = list(
        Activity.objects.filter(pk__in=matching.values("pk"))
        .select_related("organisation")
        .prefetch_related("target_groups")
        .order_by("start_date", "title", "pk")
    )
    goal_matching = Goal.objects.filter(
        planning_year=planning_year, development_areas__action_plan=action_plan
    )
    goals = list(
        Goal.objects.filter(pk__in=goal_matching.values("pk"))
        .select_related("organisation")
        .prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("position", "name"))
        )
        .order_by("position", "title", "pk")
    )
    reports = list(
        Report.objects.filter(action_plan=action_plan, period=period).select_related("organisation")
    )
    approved_ids = [report.pk for report in reports if report.status == ReportStatus.APPROVED]
    updates = {
        update.activity_id: update
        for update in ActivityUpdate.objects.filter(report_id__in=approved_ids).order_by()
    }
    values: dict[tuple[int, str], Decimal | None] = {
        (value.indicator_id, value.category): value.value
        for value in IndicatorValue.objects.filter(report_id__in=approved_ids).order_by()
    }
    analyses = {
        analysis.goal_id: analysis.text
        for analysis in GoalAnalysis.objects.filter(report_id__in=approved_ids).order_by()
    }
    target_groups = list(TargetGroup.objects.order_by("position", "name"))

    organisations: dict[int, Organisation] = {}
    for owner in [
        *(activity.organisation for activity in activities),
        *(goal.organisation for goal in goals),
        *(report.organisation for report in reports),
    ]:
        organisations[owner.pk] = owner
    report_by_org = {report.organisation_id: report for report in reports}
    goal_ids = {goal.pk for goal in goals}

    def entry(activity: Activity) -> ReportedActivity:
        update = updates.get(activity.pk)
        status = update.status if update else activity.status
        progress = update.progress if update else activity.progress
        state = _State(status, progress, activity.weight, activity.start_date, activity.end_date)
        return ReportedActivity(
            activity,
            status,
            progress,
            update.comment if update else "",
            activity_level(state, on),
            state,
        )

    entries = [entry(activity) for activity in activities]
    in_goal: dict[int, list[ReportedActivity]] = defaultdict(list)
    other: dict[int, list[ReportedActivity]] = defaultdict(list)
    for item in entries:
        if item.activity.goal_id in goal_ids:
            in_goal[item.activity.goal_id].append(item)
        else:
            other[item.activity.organisation_id].append(item)
    goals_by_org: dict[int, list[CompiledGoal]] = defaultdict(list)
    for goal in goals:
        goal_entries = in_goal.get(goal.pk, [])
        goals_by_org[goal.organisation_id].append(
            CompiledGoal(
                goal=goal,
                analysis=analyses.get(goal.pk, ""),
                activities=goal_entries,
                indicators=[
                    line
                    for indicator in goal.indicators.all()
                    for line in _indicator_lines(indicator, values)
                ],
                rollup=rollup([e.state for e in goal_entries], on=on),
            )
        )
    sections = []
    for organisation in sorted(organisations.values(), key=lambda org: org.name):
        section_goals = goals_by_org.get(organisation.pk, [])
        section_other = other.get(organisation.pk, [])
        all_entries = [e for g in section_goals for e in g.activities] + section_other
        report = report_by_org.get(organisation.pk)
        sections.append(
            OrganisationSection(
                organisation=organisation,
                report=report,
                overdue=period.deadline < today
                and (report is None or report.status not in DONE_STATUSES),
                goals=section_goals,
                other_activities=section_other,
                rollup=rollup([e.state for e in all_entries], on=on),
            )
        )

    counts = Counter(item.status for item in entries)
    reach: Counter[int] = Counter()
    for item in entries:
        for group in item.activity.target_groups.all():
            reach[group.pk] += 1
    return Compilation(
        action_plan=action_plan,
        period=period,
        generated_on=today,
        organisations=sections,
        status_counts=[
            (status.value, status.label, counts.get(status.value, 0)) for status in ActivityStatus
        ],
        reached=[(group, reach[group.pk]) for group in target_groups if reach[group.pk]],
        not_reached=[group for group in target_groups if not reach[group.pk]],
        rollup=combine([section.rollup for section in sections if section.activities]),
    )
