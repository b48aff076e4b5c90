"""The coordinator's city-wide view: coverage, target groups, alignment and report status.

Every table is counted in the database, one grouped query per table, so the page costs a
fixed number of queries and fetches rows in proportion to its cells, not to the activities.
"""

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
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
from mrplan.programmes.models import (
    ActionPlan,
    CityActivity,
    DevelopmentArea,
    FocusArea,
    TargetGroup,
)

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
    # A plain dict: a city-wide page makes ten thousand cells, and a Counter costs more.
    statuses: dict[str, int] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.goals or self.activities)

    @property
    def summary(self) -> list[tuple[str, str, int]]:
        """Return (status, label, count) for each activity status present, in order."""
        # Translates only the statuses present: a page has a thousand cells.
        return [
            (str(status.value), str(status.label), self.statuses[status.value])
            for status in ActivityStatus
            if self.statuses.get(status.value)
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
    # The activities reaching the group in each organisation of the page shown.
    counts: list[int]
    # Whether any activity of any organisation in the filter reaches it, not only the page's.
    reached: bool


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
    # Over every organisation in the filter, not only the page shown.
    organisations_without_plan: list[Organisation]
    unreached: list[TargetGroup]
    page_number: int = 1
    page_count: int = 1


# The tables show this many organisations at a time: a national installation has hundreds,
# and a page with every one of them in three tables took seconds to render.
ORGANISATIONS_PER_PAGE = 60


def parse_page(params: Mapping[str, str]) -> int:
    """Return the page number in PARAMS ("sida", 1 if absent), or raise ValidationError."""
    value = params.get("sida", "").strip()
    if not value:
        return 1
    if not value.isdigit() or int(value) < 1:
        raise ValidationError(_("Sidan finns inte."))
    return int(value)


def _organisations(filters: Filters) -> QuerySet[Organisation]:
    organisations = Organisation.objects.order_by("name", "pk")
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


# Organisations to read goals and activities of: ids, a subquery, or the outer query's row.
Organisations = Iterable[int] | QuerySet[Any] | OuterRef


def _of(organisations: Organisations) -> Q:
    if isinstance(organisations, OuterRef):
        return Q(organisation_id=organisations)
    return Q(organisation_id__in=organisations)


def _goals(filters: Filters, organisations: Organisations) -> QuerySet[Goal]:
    """Return the goals of the year in FILTERS of ORGANISATIONS."""
    goals = Goal.objects.filter(_of(organisations), planning_year=filters.planning_year)
    if filters.target_group is not None:
        goals = goals.filter(target_groups=filters.target_group)
    return goals


def _activities(filters: Filters, organisations: Organisations) -> QuerySet[Activity]:
    """Return the activities of the year in FILTERS of ORGANISATIONS."""
    activities = Activity.objects.filter(_of(organisations), planning_year=filters.planning_year)
    if filters.target_group is not None:
        activities = activities.filter(target_groups=filters.target_group)
    return activities


def _report_labels() -> dict[str, str]:
    """Return the label of every report cell status, translated once per page.

    get_status_display() rebuilds the choices on every call: a few hundred microseconds,
    which a page with thousands of cells notices.
    """
    return {
        NOT_REQUIRED: _("Ingen plan – ingen rapport krävs"),
        NOT_STARTED: _("Ej påbörjad"),
        OVERDUE: _("Försenad"),
        **{str(value): str(label) for value, label in ReportStatus.choices},
    }


def _activity_area_counts(
    activities: QuerySet[Activity], area_ids: list[int]
) -> list[tuple[int, int, str, int]]:
    """Return (organisation, area, status, activities) for the activities counting towards
    each of AREA_IDS (through their goal, their own area or their city activity).

    Counted in the database: an activity reaches an area through up to three routes, and
    the UNION keeps one row per activity and area, so the one that reaches an area twice
    counts once. Django cannot group a union, so the grouping wraps the ORM's SQL.
    """
    if not area_ids:
        return []  # the ORM cannot write SQL for an empty IN list
    pairs = _area_routes(activities, area_ids, ("pk", "organisation_id", "status", "area"))
    sql, params = pairs.query.sql_with_params()
    with connections[pairs.db].cursor() as cursor:
        # SQL is the ORM's own, with every value passed separately in PARAMS.
        grouped = f"SELECT organisation_id, area, status, COUNT(*) FROM ({sql}) pairs"  # noqa: S608
        cursor.execute(f"{grouped} GROUP BY organisation_id, area, status", params)
        return [(int(o), int(a), str(s), int(n)) for o, a, s, n in cursor.fetchall()]


def _area_routes(
    activities: QuerySet[Activity], area_ids: list[int], fields: tuple[str, ...]
) -> QuerySet[Activity]:
    """Return FIELDS ("area" among them) of each activity and area of AREA_IDS it reaches,
    through its goal, its own area or its city activity, as one UNION (duplicates dropped)."""
    base = activities.order_by()
    return (
        base.filter(goal__development_areas__in=area_ids)
        .annotate(area=F("goal__development_areas"))
        .values_list(*fields)
        .union(
            base.filter(development_area__in=area_ids)
            .annotate(area=F("development_area"))
            .values_list(*fields),
            base.filter(city_activity__development_area__in=area_ids)
            .annotate(area=F("city_activity__development_area"))
            .values_list(*fields),
        )
    )


def _reaching(year: PlanningYear, area_ids: list[int], prefix: str = "") -> Q:
    """Return a filter for YEAR's activities (under PREFIX) that reach one of AREA_IDS.

    By subqueries on the areas, not joins: a join through the goal's areas repeats an
    activity once per area, and an OR of joins makes PostgreSQL join every activity.
    """
    goals = Goal.development_areas.through.objects.filter(
        developmentarea_id__in=area_ids, goal__planning_year=year
    )
    city_activities = CityActivity.objects.filter(development_area_id__in=area_ids)
    return (
        Q(**{f"{prefix}development_area_id__in": area_ids})
        | Q(**{f"{prefix}goal_id__in": goals.values("goal_id")})
        | Q(**{f"{prefix}city_activity_id__in": city_activities.values("pk")})
    )


def _reaches(area_ids: list[int], prefix: str = "") -> Q:
    """Return a filter for the activities (under PREFIX) that reach one of AREA_IDS, by joins.

    For a lookup that stops at the first match (see _first): the joins repeat an activity
    once per area its goal has, which does not matter there, and each is an index lookup.
    """
    return (
        Q(**{f"{prefix}development_area_id__in": area_ids})
        | Q(**{f"{prefix}goal__development_areas__in": area_ids})
        | Q(**{f"{prefix}city_activity__development_area_id__in": area_ids})
    )


def _first(rows: QuerySet[Any]) -> Subquery:
    """Return the first row's pk of ROWS as a subquery, to ask whether there is one.

    LIMIT 1 in the select list makes PostgreSQL look up each outer row by an index and stop
    at the first match; EXISTS in WHERE lets it join every goal or activity of the year
    instead. ROWS must not hold a subquery of its own: PostgreSQL then charges its whole
    cost once per outer row, and a query estimated that high is JIT-compiled (about a
    second at scale 10) before it runs for 20 ms.
    """
    return Subquery(rows.order_by().values("pk")[:1])


def _report_status(
    status: str | None, period: ReportingPeriod, today: datetime.date, *, required: bool
) -> str:
    """Return what a report cell shows for a report in STATUS (None: no report)."""
    if status is None and not required:
        # Organisations report on what they plan: nothing planned, nothing to report.
        return NOT_REQUIRED
    if (status is None or status not in DONE_STATUSES) and period.deadline < today:
        return OVERDUE
    return NOT_STARTED if status is None else status


def _report_cell(
    report: Report | None,
    period: ReportingPeriod,
    today: datetime.date,
    *,
    required: bool,
    labels: Mapping[str, str],
) -> ReportCell:
    status = _report_status(report.status if report else None, period, today, required=required)
    if status == NOT_REQUIRED:
        return ReportCell(status, labels[status], None)
    underlying = ""
    if status == OVERDUE:
        underlying = labels[report.status] if report else labels[NOT_STARTED]
    return ReportCell(status, labels[status], report, underlying)


def citywide_page(
    filters: Filters, *, page: int = 1, today: datetime.date | None = None
) -> CitywidePage:
    """Return everything the city-wide view shows for FILTERS.

    The tables show one PAGE of organisations and are counted for those organisations only
    (grouped rows in the database, not one object per goal and activity). The summaries
    (organisations without a plan, unreached target groups, report status counts) cover every
    organisation in the filter; they ask whether there is a goal or an activity, by index
    lookups that stop at the first one, rather than counting the whole year.
    """
    today = today or timezone.localdate()
    year = filters.planning_year
    areas = list(_areas(filters))
    area_ids = [area.pk for area in areas]
    area_index = {area.pk: index for index, area in enumerate(areas)}

    # Every organisation in the filter, by a subquery rather than hundreds of ids.
    in_filter = _organisations(filters).order_by().values("pk")
    goals = _goals(filters, in_filter)
    activities = _activities(filters, in_filter)

    # Each organisation with whether it has a goal or an activity in the areas shown (the
    # "without a plan" summary), in the same query.
    with_plan: set[int] = set()
    organisations_query = _organisations(filters)
    if area_ids:
        organisations_query = organisations_query.annotate(
            first_goal=_first(
                _goals(filters, OuterRef("pk")).filter(development_areas__in=area_ids)
            ),
            first_activity=_first(_activities(filters, OuterRef("pk")).filter(_reaches(area_ids))),
        )
    organisations = list(organisations_query)
    org_ids = [organisation.pk for organisation in organisations]
    if area_ids:
        with_plan = {
            o.pk
            for o in organisations
            if getattr(o, "first_goal", None) or getattr(o, "first_activity", None)
        }

    # Report status per organisation and action plan, for the chosen period: counted for
    # every organisation (the summary), shown for the page.
    plans: dict[int, ActionPlan] = {}
    for area in areas:
        plans.setdefault(area.action_plan_id, area.action_plan)
    report_plans = sorted(plans.values(), key=lambda plan: (plan.position, plan.title))
    period = filters.period
    listed = organisations
    found: dict[tuple[int, int], str] = {}
    in_period = Report.objects.none()
    if period is not None:
        period.planning_year = year
        in_period = Report.objects.filter(period=period, action_plan_id__in=list(plans))
        if filters.kind:
            in_period = in_period.filter(organisation_id__in=org_ids)
        found = {
            (organisation_id, plan_id): status
            for organisation_id, plan_id, status in in_period.order_by().values_list(
                "organisation_id", "action_plan_id", "status"
            )
        }
        # Every report in the period is listed, also one from an organisation outside the
        # usual kinds, so that no submitted report goes unseen.
        extra_ids = {org_id for org_id, _plan in found} - set(org_ids)
        if extra_ids:
            listed = sorted(
                [*organisations, *Organisation.objects.filter(pk__in=extra_ids)],
                key=lambda organisation: (organisation.name, organisation.pk),
            )

    page_count = max(1, -(-max(len(organisations), len(listed)) // ORGANISATIONS_PER_PAGE))
    page = min(page, page_count)
    shown = slice((page - 1) * ORGANISATIONS_PER_PAGE, page * ORGANISATIONS_PER_PAGE)
    shown_organisations = organisations[shown]
    shown_ids = [organisation.pk for organisation in shown_organisations]

    # Coverage: the page's organisations × development areas.
    page_goals = _goals(filters, shown_ids)
    page_activities = _activities(filters, shown_ids)
    cells: dict[int, list[Cell]] = {pk: [Cell() for _area in areas] for pk in shown_ids}
    goal_counts = (
        page_goals.filter(development_areas__in=area_ids)
        .order_by()
        .values_list("organisation_id", "development_areas")
        .annotate(n=Count("pk", distinct=True))
    )
    for organisation_id, area_id, n in goal_counts:
        cells[organisation_id][area_index[area_id]].goals += n
    for organisation_id, area_id, status, n in _activity_area_counts(page_activities, area_ids):
        cell = cells[organisation_id][area_index[area_id]]
        cell.activities += n
        cell.statuses[status] = cell.statuses.get(status, 0) + n
    coverage = [CoverageRow(o, cells[o.pk]) for o in shown_organisations]

    # Lämna ingen utanför: target groups × the page's organisations, over the activities in
    # scope (those that reach one of the areas shown); each group with whether an activity
    # of any organisation in the filter reaches it (in the same query).
    groups_query = TargetGroup.objects.order_by("category", "position", "name")
    if filters.target_group is not None:
        # An activity naming this group passes the target-group filter by itself.
        groups_query = groups_query.filter(pk=filters.target_group.pk)
    if area_ids:
        groups_query = groups_query.annotate(
            first_activity=_first(
                Activity.target_groups.through.objects.filter(
                    _reaches(area_ids, "activity__"),
                    targetgroup_id=OuterRef("pk"),
                    activity__planning_year=year,
                    activity__organisation_id__in=in_filter,
                )
            )
        )
    groups = list(groups_query)
    org_index = {pk: index for index, pk in enumerate(shown_ids)}
    counts: dict[int, list[int]] = {g.pk: [0] * len(shown_ids) for g in groups}
    if area_ids:
        # One join from the groups to the page's activities (a through row is one activity
        # and one group); with a target-group filter only that group's rows count.
        group_rows = Activity.target_groups.through.objects.filter(
            _reaching(year, area_ids, "activity__"),
            activity__planning_year=year,
            activity__organisation_id__in=shown_ids,
        )
        if filters.target_group is not None:
            group_rows = group_rows.filter(targetgroup_id=filters.target_group.pk)
        group_counts = (
            group_rows.order_by()
            .values_list("targetgroup_id", "activity__organisation_id")
            .annotate(n=Count("activity_id"))
        )
        for group_id, organisation_id, n in group_counts:
            if group_id in counts:
                counts[group_id][org_index[organisation_id]] += n
    target_rows = [
        TargetGroupRow(g, counts[g.pk], bool(getattr(g, "first_activity", None))) for g in groups
    ]

    # Alignment (over every organisation: these lists are short).
    goals_without_area = list(
        goals.filter(development_areas__isnull=True)
        .select_related("organisation", "planning_year")
        .order_by("organisation__name", "position", "title", "pk")
    )
    activities_without_goal = list(
        activities.filter(goal__isnull=True)
        .select_related("organisation")
        .order_by("organisation__name", "title", "pk")
    )

    report_rows: list[ReportRow] = []
    status_counts: Counter[str] = Counter()
    labels = _report_labels()
    if period is not None:
        shown_listed = listed[shown]
        # Whether a plan is required matters only where there is no report: ask for those
        # organisations (and the page's), not the whole city's goals and activities.
        asked = {o.pk for o in shown_listed} | {
            o.pk for o in listed for plan in report_plans if (o.pk, plan.pk) not in found
        }
        obligations = reporting_obligations([year.pk], organisation_ids=asked)
        for organisation in listed:
            required = obligations.get((organisation.pk, year.pk), set())
            for plan in report_plans:
                status = _report_status(
                    found.get((organisation.pk, plan.pk)),
                    period,
                    today,
                    required=plan.pk in required,
                )
                if status != NOT_REQUIRED:
                    status_counts[status] += 1
        # Only what a cell shows, and only for the page.
        reports = {
            (r.organisation_id, r.action_plan_id): r
            for r in in_period.filter(organisation_id__in=[o.pk for o in shown_listed])
            .only("organisation", "action_plan", "period", "status")
            .order_by()
        }
        for organisation in shown_listed:
            required = obligations.get((organisation.pk, year.pk), set())
            row = []
            for plan in report_plans:
                report = reports.get((organisation.pk, plan.pk))
                if report is not None:
                    report.organisation = organisation
                    report.period = period
                row.append(
                    _report_cell(report, period, today, required=plan.pk in required, labels=labels)
                )
            report_rows.append(ReportRow(organisation, row))
    order = [NOT_STARTED, *[str(s) for s in ReportStatus.values], OVERDUE]
    return CitywidePage(
        filters=filters,
        organisations=shown_organisations,
        areas=areas,
        coverage=coverage,
        target_groups=target_rows,
        goals_without_area=goals_without_area,
        activities_without_goal=activities_without_goal,
        report_plans=report_plans,
        reports=report_rows,
        status_counts=[(s, labels[s], status_counts[s]) for s in order if status_counts[s]],
        organisations_without_plan=[o for o in organisations if o.pk not in with_plan],
        unreached=[row.target_group for row in target_rows if not row.reached],
        page_number=page,
        page_count=page_count,
    )
