"""The compiled follow-up report for the city executive board (KS).

One compilation covers one action plan in one reporting period: every organisation with
goals, activities or a report on the plan that year. Where an organisation's report is
approved, its goals, activities, indicators, values and analyses come from the snapshot
taken on approval, so later changes to the plan never change what KS reads. Organisations
without an approved report are listed with their report's status only: no live values.
Activities are assessed at the period's end (rollup.assessment_date).

The data is fetched with a fixed number of queries whatever the data size.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from mrplan.organisations.models import Organisation
from mrplan.planning.charts import bar_chart
from mrplan.planning.models import (
    Activity,
    ActivityStatus,
    CompiledReportText,
    Goal,
    Indicator,
    Report,
    ReportingPeriod,
    ReportSnapshot,
    ReportStatus,
)
from mrplan.planning.rollup import (
    Level,
    Rollup,
    activity_level,
    assessment_date,
    combine,
    rollup,
)
from mrplan.planning.selectors import reporting_obligations
from mrplan.planning.snapshots import (
    build_snapshot_data,
    frozen_activity,
    frozen_goal,
    frozen_indicator,
    frozen_values,
    latest_snapshots,
)
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
    target_group_ids: frozenset[int] = frozenset()

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
    assessed_on: datetime.date | None = None
    text: CompiledReportText | None = None

    @property
    def diary_number(self) -> str:
        return self.text.diary_number if self.text is not None else ""

    @property
    def status_chart(self) -> SafeString:
        """Return the distribution of the approved activities' statuses as an SVG chart."""
        return bar_chart(
            chart_id="diagram-status",
            title=str(_("Aktiviteternas status")),
            bars=[(str(label), count) for _value, label, count in self.status_counts],
            maximum=max([count for _v, _l, count in self.status_counts] + [1]),
        )

    @property
    def progress_chart(self) -> SafeString:
        """Return each reporting organisation's progress on the action plan as an SVG chart."""
        bars = [
            (section.organisation.name, section.rollup.percent or 0)
            for section in self.organisations
            if section.approved and section.rollup.percent is not None
        ]
        if self.rollup.percent is not None:
            bars.append((str(_("Hela handlingsplanen")), self.rollup.percent))
        return bar_chart(
            chart_id="diagram-framdrift",
            title=str(_("Framdrift per organisation")),
            bars=bars,
            maximum=100,
            unit="%",
        )

    @property
    def not_reported(self) -> list[OrganisationSection]:
        """Return the organisations without an approved report: listed, not shown."""
        return [section for section in self.organisations if not section.approved]

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


def _frozen_entry(data: dict, report: Report, on: datetime.date) -> ReportedActivity:
    activity, update = frozen_activity(data, report)
    state = _State(
        activity.status, activity.progress, activity.weight, activity.start_date, activity.end_date
    )
    return ReportedActivity(
        activity,
        activity.status,
        activity.progress,
        update.comment if update else "",
        activity_level(state, on),
        state,
        frozenset(group["id"] for group in data["target_groups"]),
    )


def _frozen_section(
    organisation: Organisation, report: Report, snapshot: ReportSnapshot, on: datetime.date
) -> OrganisationSection:
    goals = []
    for goal_data in snapshot.data["goals"]:
        goal = frozen_goal(goal_data, report)
        entries = [_frozen_entry(item, report, on) for item in goal_data["activities"]]
        lines = []
        for item in goal_data["indicators"]:
            indicator = frozen_indicator(item, goal)
            for _index, category, value in frozen_values(item):
                total = category == ""
                lines.append(
                    IndicatorLine(
                        indicator=indicator,
                        category=category,
                        baseline=indicator.baseline_value if total else None,
                        target=indicator.target_value if total else None,
                        value=value,
                    )
                )
        goals.append(
            CompiledGoal(
                goal=goal,
                analysis=goal_data["analysis"],
                activities=entries,
                indicators=lines,
                rollup=rollup([e.state for e in entries], on=on),
            )
        )
    other = [_frozen_entry(item, report, on) for item in snapshot.data["other_activities"]]
    every = [e for g in goals for e in g.activities] + other
    return OrganisationSection(
        organisation=organisation,
        report=report,
        goals=goals,
        other_activities=other,
        rollup=rollup([e.state for e in every], on=on),
    )


def compile_report(
    *, action_plan: ActionPlan, period: ReportingPeriod, today: datetime.date
) -> Compilation:
    """Gather everything the compiled report on ACTION_PLAN in PERIOD shows."""
    planning_year = period.planning_year
    on = assessment_date(period, today)
    reports = list(
        Report.objects.filter(action_plan=action_plan, period=period).select_related(
            "organisation", "period__planning_year"
        )
    )
    report_by_org = {report.organisation_id: report for report in reports}
    # Who must report (the organisation that plans), and anyone who reported all the same.
    obligations = reporting_obligations([planning_year.pk])
    owner_ids = {
        organisation_id
        for (organisation_id, _year), plans in obligations.items()
        if action_plan.pk in plans
    } | set(report_by_org)
    owners = Organisation.objects.filter(pk__in=owner_ids).order_by("name")
    snapshots = latest_snapshots(
        [report.pk for report in reports if report.status == ReportStatus.APPROVED]
    )
    target_groups = list(TargetGroup.objects.order_by("position", "name"))

    sections = []
    for organisation in owners:
        report = report_by_org.get(organisation.pk)
        snapshot = snapshots.get(report.pk) if report is not None else None
        if report is not None and report.status == ReportStatus.APPROVED and snapshot is None:
            # Approved before snapshots existed: read it as it stands, in the same shape.
            snapshot = ReportSnapshot(
                report=report,
                data=build_snapshot_data(report, approved_at=report.reviewed_at, approver=None),
            )
        if report is not None and snapshot is not None:
            report.organisation = organisation
            sections.append(_frozen_section(organisation, report, snapshot, on))
            continue
        sections.append(
            OrganisationSection(
                organisation=organisation,
                report=report,
                overdue=period.deadline < today
                and (report is None or report.status not in DONE_STATUSES),
                goals=[],
                other_activities=[],
                rollup=rollup([], on=on),
            )
        )

    entries = [entry for section in sections for entry in section.activities]
    counts = Counter(item.status for item in entries)
    reach: Counter[int] = Counter()
    for item in entries:
        for group_id in item.target_group_ids:
            reach[group_id] += 1
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
        assessed_on=on,
        text=CompiledReportText.objects.filter(action_plan=action_plan, period=period).first(),
    )
