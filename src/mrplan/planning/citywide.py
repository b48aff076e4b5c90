"""The coordinator's city-wide view: coverage, target groups, alignment and report status.

Every table is built from one query per kind of row (organisations, development areas,
goals, activities, target groups, periods, reports), put together in Python, so the page
costs a fixed number of queries whatever the data size.
"""

import datetime
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from mrplan.organisations.models import Organisation, OrganisationKind
from mrplan.planning.models import (
    HANDED_IN_STATUSES,
    Activity,
    ActivityStatus,
    Goal,
    PlanningYear,
    Report,
    ReportingPeriod,
    ReportStatus,
)
from mrplan.planning.selectors import current_period, reporting_obligations
from mrplan.programmes.models import ActionPlan, DevelopmentArea, FocusArea, TargetGroup

# Organisations that plan and report themselves (not the council, the executive board or
# the coordinating office).
REPORTING_KINDS = (
    OrganisationKind.DISTRICT_COMMITTEE,
    OrganisationKind.SPECIALIST_COMMITTEE,
    OrganisationKind.COMPANY_BOARD,
    OrganisationKind.ADMINISTRATION,
)

NOT_STARTED = "not_started"
NOT_REQUIRED = "not_required"
OVERDUE = "overdue"
DONE_STATUSES = HANDED_IN_STATUSES


@dataclass
class Filters:
    planning_year: PlanningYear
    action_plan: ActionPlan | None = None
    focus_area: FocusArea | None = None
    kind: str = ""
    target_group: TargetGroup | None = None
    period: ReportingPeriod | None = None


def _pick(
    params: Mapping[str, str], name: str, options: Mapping[str, object], message: str
) -> object | None:
    value = params.get(name, "").strip()
    if not value:
        return None
    if value not in options:
        raise ValidationError(message)
    return options[value]


@dataclass
class Options:
    years: list[PlanningYear]
    action_plans: list[ActionPlan]
    focus_areas: list[FocusArea]
    kinds: list[tuple[str, str]]
    target_groups: list[TargetGroup]


def filter_options() -> Options:
    """Return the choices of the filter form (three queries and the years)."""
    return Options(
        years=list(PlanningYear.objects.prefetch_related("periods").order_by("-year")),
        action_plans=list(ActionPlan.objects.order_by("position", "title")),
        focus_areas=list(FocusArea.objects.order_by("position", "title")),
        kinds=[(str(value), str(label)) for value, label in OrganisationKind.choices],
        target_groups=list(TargetGroup.objects.order_by("category", "position", "name")),
    )


def parse_filters(
    params: Mapping[str, str], options: Options, *, today: datetime.date | None = None
) -> Filters | None:
    """Return the filters in PARAMS, or raise ValidationError with a Swedish message.

    Return None when there is no planning year at all.
    """
    today = today or timezone.localdate()
    years = {str(year.year): year for year in options.years}
    chosen = _pick(params, "ar", dict(years), _("Det finns inget planeringsår med det året."))
    if chosen is None:
        if not options.years:
            return None
        chosen = next((y for y in options.years if y.year == today.year), options.years[0])
    assert isinstance(chosen, PlanningYear)
    action_plan = _pick(
        params,
        "handlingsplan",
        {str(plan.pk): plan for plan in options.action_plans},
        _("Handlingsplanen finns inte."),
    )
    focus_area = _pick(
        params,
        "fokusomrade",
        {str(area.pk): area for area in options.focus_areas},
        _("Fokusområdet finns inte."),
    )
    kind = _pick(
        params,
        "typ",
        {value: value for value, _label in options.kinds},
        _("Okänd typ av organisation."),
    )
    target_group = _pick(
        params,
        "malgrupp",
        {group.slug: group for group in options.target_groups}
        | {str(group.pk): group for group in options.target_groups},
        _("Målgruppen finns inte."),
    )
    periods = list(chosen.periods.all())
    period = _pick(
        params,
        "period",
        {period.code: period for period in periods},
        _("Perioden finns inte det året."),
    )
    if period is None:
        period = current_period(periods, today)
    return Filters(
        planning_year=chosen,
        action_plan=action_plan if isinstance(action_plan, ActionPlan) else None,
        focus_area=focus_area if isinstance(focus_area, FocusArea) else None,
        kind=kind if isinstance(kind, str) else "",
        target_group=target_group if isinstance(target_group, TargetGroup) else None,
        period=period if isinstance(period, ReportingPeriod) else None,
    )


@dataclass
class Cell:
    goals: int = 0
    activities: int = 0
    statuses: Counter[str] = field(default_factory=Counter)

    @property
    def empty(self) -> bool:
        return not (self.goals or self.activities)

    @property
    def summary(self) -> list[tuple[str, str, int]]:
        """Return (status, label, count) for each activity status present, in order."""
        return [
            (str(value), str(label), self.statuses[value])
            for value, label in ActivityStatus.choices
            if self.statuses[value]
        ]


@dataclass
class CoverageRow:
    organisation: Organisation
    cells: list[Cell]

    @property
    def empty(self) -> bool:
        return all(cell.empty for cell in self.cells)


@dataclass
class TargetGroupRow:
    target_group: TargetGroup
    counts: list[int]

    @property
    def reached(self) -> bool:
        return any(self.counts)


@dataclass
class ReportCell:
    status: str
    label: str
    report: Report | None
    underlying: str = ""


@dataclass
class ReportRow:
    organisation: Organisation
    cells: list[ReportCell]


@dataclass
class CitywidePage:
    filters: Filters
    organisations: list[Organisation]
    areas: list[DevelopmentArea]
    coverage: list[CoverageRow]
    target_groups: list[TargetGroupRow]
    goals_without_area: list[Goal]
    activities_without_goal: list[Activity]
    report_plans: list[ActionPlan]
    reports: list[ReportRow]
    status_counts: list[tuple[str, str, int]]

    @property
    def organisations_without_plan(self) -> list[Organisation]:
        return [row.organisation for row in self.coverage if row.empty]

    @property
    def unreached(self) -> list[TargetGroup]:
        return [row.target_group for row in self.target_groups if not row.reached]


def _organisations(filters: Filters) -> QuerySet[Organisation]:
    organisations = Organisation.objects.order_by("name")
    if filters.kind:
        return organisations.filter(kind=filters.kind)
    return organisations.filter(kind__in=REPORTING_KINDS)


def _areas(filters: Filters) -> QuerySet[DevelopmentArea]:
    areas = DevelopmentArea.objects.select_related("action_plan").order_by(
        "action_plan__position", "action_plan__title", "position", "title"
    )
    if filters.action_plan is not None:
        areas = areas.filter(action_plan=filters.action_plan)
    if filters.focus_area is not None:
        areas = areas.filter(focus_areas=filters.focus_area)
    return areas.distinct()


def activity_area_ids(activity: Activity, goal_areas: dict[int, set[int]]) -> set[int]:
    """Return the development areas ACTIVITY counts towards (relations fetched)."""
    ids = set(goal_areas.get(activity.goal_id, set())) if activity.goal_id else set()
    if activity.development_area_id:
        ids.add(activity.development_area_id)
    if activity.city_activity is not None:
        ids.add(activity.city_activity.development_area_id)
    return ids


def _report_cell(
    report: Report | None, period: ReportingPeriod, today: datetime.date, *, required: bool
) -> ReportCell:
    if report is None and not required:
        # Organisations report on what they plan: nothing planned, nothing to report.
        return ReportCell(NOT_REQUIRED, _("Ingen plan – ingen rapport krävs"), None)
    done = report is not None and report.status in DONE_STATUSES
    underlying = report.get_status_display() if report else _("Ej påbörjad")
    if not done and period.deadline < today:
        return ReportCell(OVERDUE, _("Försenad"), report, str(underlying))
    if report is None:
        return ReportCell(NOT_STARTED, _("Ej påbörjad"), None)
    return ReportCell(report.status, str(report.get_status_display()), report)


def citywide_page(filters: Filters, *, today: datetime.date | None = None) -> CitywidePage:
    """Return everything the city-wide view shows for FILTERS."""
    today = today or timezone.localdate()
    year = filters.planning_year
    organisations = list(_organisations(filters))
    org_ids = [organisation.pk for organisation in organisations]
    areas = list(_areas(filters))
    area_index = {area.pk: index for index, area in enumerate(areas)}

    goals = list(
        Goal.objects.filter(planning_year=year, organisation_id__in=org_ids)
        .select_related("organisation")
        .prefetch_related(
            Prefetch("development_areas", queryset=DevelopmentArea.objects.only("pk")),
            Prefetch("target_groups", queryset=TargetGroup.objects.only("pk")),
        )
        .order_by("organisation__name", "position", "title", "pk")
    )
    goal_areas = {goal.pk: {area.pk for area in goal.development_areas.all()} for goal in goals}
    goal_groups = {goal.pk: {group.pk for group in goal.target_groups.all()} for goal in goals}
    activities = list(
        Activity.objects.filter(planning_year=year, organisation_id__in=org_ids)
        .select_related("organisation", "city_activity")
        .prefetch_related(Prefetch("target_groups", queryset=TargetGroup.objects.only("pk")))
        .order_by("organisation__name", "title", "pk")
    )
    wanted_group = filters.target_group.pk if filters.target_group else None
    if wanted_group is not None:
        activities = [
            a for a in activities if wanted_group in {g.pk for g in a.target_groups.all()}
        ]
        goals = [g for g in goals if wanted_group in goal_groups[g.pk]]

    # Coverage: organisations × development areas.
    cells: dict[int, list[Cell]] = {pk: [Cell() for _area in areas] for pk in org_ids}
    for goal in goals:
        for area_id in goal_areas[goal.pk]:
            if area_id in area_index:
                cells[goal.organisation_id][area_index[area_id]].goals += 1
    in_scope: list[Activity] = []
    for activity in activities:
        hit = False
        for area_id in activity_area_ids(activity, goal_areas):
            if area_id in area_index:
                cell = cells[activity.organisation_id][area_index[area_id]]
                cell.activities += 1
                cell.statuses[activity.status] += 1
                hit = True
        if hit:
            in_scope.append(activity)
    coverage = [CoverageRow(o, cells[o.pk]) for o in organisations]

    # Lämna ingen utanför: target groups × organisations, over the activities in scope.
    groups = list(TargetGroup.objects.order_by("category", "position", "name"))
    if filters.target_group is not None:
        groups = [g for g in groups if g.pk == filters.target_group.pk]
    org_index = {pk: index for index, pk in enumerate(org_ids)}
    counts: dict[int, list[int]] = {g.pk: [0] * len(org_ids) for g in groups}
    for activity in in_scope:
        for group in activity.target_groups.all():
            if group.pk in counts:
                counts[group.pk][org_index[activity.organisation_id]] += 1
    target_rows = [TargetGroupRow(g, counts[g.pk]) for g in groups]

    # Alignment.
    goals_without_area = [goal for goal in goals if not goal_areas[goal.pk]]
    activities_without_goal = [activity for activity in activities if not activity.goal_id]

    # Report status per organisation and action plan, for the chosen period.
    plans: dict[int, ActionPlan] = {}
    for area in areas:
        plans.setdefault(area.action_plan_id, area.action_plan)
    report_plans = sorted(plans.values(), key=lambda plan: (plan.position, plan.title))
    report_rows: list[ReportRow] = []
    status_counts: Counter[str] = Counter()
    labels: dict[str, str] = {}
    period = filters.period
    if period is not None:
        period.planning_year = year
        in_period = Report.objects.filter(period=period, action_plan_id__in=list(plans))
        if filters.kind:
            in_period = in_period.filter(organisation_id__in=org_ids)
        found = {(r.organisation_id, r.action_plan_id): r for r in in_period.order_by()}
        obligations = reporting_obligations([year.pk])
        # Every report in the period is listed, also one from an organisation outside the
        # usual kinds, so that no submitted report goes unseen.
        listed = list(organisations)
        extra_ids = {org_id for org_id, _plan in found} - set(org_ids)
        if extra_ids:
            listed = sorted(
                [*listed, *Organisation.objects.filter(pk__in=extra_ids)],
                key=lambda organisation: organisation.name,
            )
        for organisation in listed:
            required = obligations.get((organisation.pk, year.pk), set())
            row = []
            for plan in report_plans:
                report = found.get((organisation.pk, plan.pk))
                if report is not None:
                    report.organisation = organisation
                    report.period = period
                report_cell = _report_cell(report, period, today, required=plan.pk in required)
                row.append(report_cell)
                if report_cell.status != NOT_REQUIRED:
                    status_counts[report_cell.status] += 1
                    labels[report_cell.status] = report_cell.label
            report_rows.append(ReportRow(organisation, row))
    order = [NOT_STARTED, *[str(s) for s in ReportStatus.values], OVERDUE]
    return CitywidePage(
        filters=filters,
        organisations=organisations,
        areas=areas,
        coverage=coverage,
        target_groups=target_rows,
        goals_without_area=goals_without_area,
        activities_without_goal=activities_without_goal,
        report_plans=report_plans,
        reports=report_rows,
        status_counts=[(s, labels[s], status_counts[s]) for s in order if status_counts[s]],
    )
