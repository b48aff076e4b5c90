"""Endpoints for the planning cycle, each organisation's plan and its period reports.

Plans are not public: every endpoint needs a signed-in caller (token or session), and
anonymous callers get 401. Every signed-in user reads every organisation's plan; writes
go through the planning actions, which check the same permissions as the web pages.
Refusals of the workflow (a stale version, a report in the wrong state, a closed period)
answer 409 and change nothing.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from mrplan.accounts.models import User
from mrplan.api.auth import USER_AUTH, caller
from mrplan.api.common import Pagination, get_or_404
from mrplan.api.errors import NotFound
from mrplan.api.planning_schemas import (
    ActivityOut,
    ActivityPatch,
    GoalOut,
    IndicatorOut,
    PlanningYearOut,
    PlanOut,
    ReportDetailOut,
    ReportOut,
    ReportReturnIn,
)
from mrplan.api.schemas import MAX_ID, DatabaseId, ErrorOut
from mrplan.core.transitions import ALREADY_DONE
from mrplan.organisations.models import Department, Organisation
from mrplan.planning import actions
from mrplan.planning.actions import MilestoneInput
from mrplan.planning.actions.reports import REPORT_MOVES
from mrplan.planning.models import (
    FIRST_YEAR,
    LAST_YEAR,
    Activity,
    Goal,
    Indicator,
    PlanningYear,
    Report,
    ReportStatus,
)
from mrplan.planning.permissions import (
    check_review,
    check_write,
    may_read,
    may_read_report,
    reports_visible_to,
)
from mrplan.planning.selectors import plan_page, planning_years
from mrplan.programmes.models import TargetGroup

router = Router(tags=["Planering och uppföljning"], auth=USER_AUTH)

# Error codes of the planning actions' refusals that mean "not now" rather than "bad data".
CONFLICT_CODES = frozenset({"stale", "state", "closed", "locked", ALREADY_DONE, "empty"})

READ = {401: ErrorOut, 403: ErrorOut, 422: ErrorOut}
DETAIL = {**READ, 404: ErrorOut}
WRITE = {**DETAIL, 400: ErrorOut, 409: ErrorOut}


def _reader(request: HttpRequest) -> User:
    """Return the signed-in caller; every signed-in user may read the plans."""
    user = caller(request)
    if user is None or not may_read(user):
        raise PermissionDenied
    return user


def _conflict(error: ValidationError) -> str | None:
    """Return the message of a workflow refusal (answered 409), or None for bad data."""
    if hasattr(error, "error_dict"):
        return None
    for item in error.error_list:
        if item.code in CONFLICT_CODES:
            return " ".join(str(message) for message in error.messages)
    return None


def _activities() -> QuerySet[Activity]:
    return Activity.objects.select_related("planning_year").prefetch_related(
        "target_groups", "milestones"
    )


def _goals() -> QuerySet[Goal]:
    return Goal.objects.select_related("planning_year").prefetch_related(
        "development_areas",
        "target_groups",
        "sdg_targets",
        Prefetch("indicators", queryset=Indicator.objects.order_by("position", "name")),
    )


def _reports() -> QuerySet[Report]:
    return Report.objects.select_related("period__planning_year").order_by(
        "-period__planning_year__year", "period__position", "action_plan__position", "pk"
    )


# The planning cycle


@router.get(
    "/planning/years/",
    response={200: list[PlanningYearOut], **READ},
    summary="Lista planeringsår",
    description="Varje planeringsår, nyaste först, med sina rapportperioder "
    "(kod, namn, sista dag, status).",
)
@paginate(Pagination)
def planning_year_list(request: HttpRequest) -> QuerySet[PlanningYear]:
    """Return every planning year with its reporting periods."""
    _reader(request)
    return planning_years().order_by("-year")


# Plans


@router.get(
    "/organisations/{organisation_id}/plan/{year}",
    response={200: PlanOut, **DETAIL},
    summary="Visa en organisations plan för ett år",
    description="Målen med utvecklingsområden, målgrupper, indikatorer och aktiviteter, "
    "aktiviteter utan mål, samt framdriften per mål och handlingsplan med sin "
    "bedömning i text.",
)
def plan_detail(request: HttpRequest, organisation_id: int, year: int) -> dict[str, Any]:
    """Return an organisation's plan for a year, built by the plan page's selector."""
    _reader(request)
    organisation = get_or_404(
        Organisation.objects.all(), organisation_id, _("Organisationen finns inte.")
    )
    planning_year = None
    if FIRST_YEAR <= year <= LAST_YEAR:
        planning_year = PlanningYear.objects.filter(year=year).first()
    if planning_year is None:
        raise NotFound(_("Planeringsåret finns inte."))
    page = plan_page(organisation=organisation, planning_year=planning_year)
    goals = []
    for row in page.goals:
        row.goal.planning_year = planning_year
        row.goal.plan_activities = [item.activity for item in row.activities]  # type: ignore[attr-defined]
        goals.append(row.goal)
    activities = [item.activity for row in page.goals for item in row.activities]
    other = [item.activity for item in page.other_activities]
    for activity in [*activities, *other]:
        activity.planning_year = planning_year
    return {
        "organisation_id": organisation.pk,
        "organisation_name": organisation.name,
        "year": planning_year.year,
        "is_open": page.is_open,
        "periods": page.periods,
        "goals": goals,
        "other_activities": other,
        "action_plans": [
            {
                "action_plan_id": part.action_plan.pk,
                "title": part.action_plan.title,
                "progress": part.rollup,
            }
            for part in page.action_plans
        ],
    }


@router.get(
    "/goals/{goal_id}",
    response={200: GoalOut, **DETAIL},
    summary="Visa ett mål",
    description="Målet med indikatorer, aktiviteter och framdrift.",
)
def goal_detail(request: HttpRequest, goal_id: int) -> Goal:
    """Return one goal with its indicators, activities and roll-up."""
    _reader(request)
    goal = get_or_404(_goals(), goal_id, _("Målet finns inte."))
    goal.plan_activities = list(  # type: ignore[attr-defined]
        _activities().filter(goal=goal).order_by("start_date", "title", "pk")
    )
    return goal


@router.get(
    "/activities/{activity_id}",
    response={200: ActivityOut, **DETAIL},
    summary="Visa en aktivitet",
)
def activity_detail(request: HttpRequest, activity_id: int) -> Activity:
    """Return one activity with its milestones and today's assessment."""
    _reader(request)
    return get_or_404(_activities(), activity_id, _("Aktiviteten finns inte."))


@router.get(
    "/indicators/{indicator_id}",
    response={200: IndicatorOut, **DETAIL},
    summary="Visa en indikator",
)
def indicator_detail(request: HttpRequest, indicator_id: int) -> Indicator:
    """Return one indicator."""
    _reader(request)
    return get_or_404(Indicator.objects.all(), indicator_id, _("Indikatorn finns inte."))


def _resolve(queryset: QuerySet[Any], wanted: list[int]) -> tuple[list[Any], list[int]]:
    """Return the rows of QUERYSET with the WANTED ids, and the ids that matched none."""
    rows = list(queryset.filter(pk__in=set(wanted)))
    found = {row.pk for row in rows}
    return rows, sorted(set(wanted) - found)


def _activity_changes(activity: Activity, payload: ActivityPatch) -> dict[str, Any]:
    """Turn PAYLOAD into the model-field data the action takes, resolving ids to rows."""
    sent = payload.model_dump(exclude_unset=True)
    names = ("title", "description", "status", "progress", "weight", "start_date", "end_date")
    data: dict[str, Any] = {name: sent[name] for name in names if name in sent}
    errors: dict[str, str] = {}
    if "responsible_department_id" in sent:
        department = Department.objects.filter(
            pk=sent["responsible_department_id"], organisation_id=activity.organisation_id
        ).first()
        if department is None:
            errors["responsible_department_id"] = _(
                "Organisationen har ingen avdelning med id %(id)s."
            ) % {"id": sent["responsible_department_id"]}
        data["responsible_department"] = department
    if "target_group_ids" in sent:
        data["target_groups"], missing = _resolve(
            TargetGroup.objects.all(), sent["target_group_ids"]
        )
        if missing:
            errors["target_group_ids"] = _("Det finns ingen målgrupp med id %(ids)s.") % {
                "ids": ", ".join(map(str, missing))
            }
    if errors:
        raise ValidationError(errors)
    return data


@router.patch(
    "/activities/{activity_id}",
    response={200: ActivityOut, **WRITE},
    summary="Ändra en aktivitet",
    description="Skicka bara de fält som ska ändras, och alltid `version` som du läste. "
    "Har någon annan sparat aktiviteten sedan dess svarar API:et 409 och ingenting sparas. "
    "Kräver rollen redaktör eller administratör i organisationen, eller samordnare.",
)
def activity_update(
    request: HttpRequest, activity_id: int, payload: ActivityPatch
) -> Activity | Status[dict[str, str]]:
    """Change an activity through the planning action, and return it anew."""
    user = _reader(request)
    not_found = _("Aktiviteten finns inte.")
    activity = get_or_404(
        Activity.objects.select_related("planning_year", "organisation"), activity_id, not_found
    )
    # Refuse early, so that callers who may not write learn nothing from payload errors;
    # the action checks again.
    check_write(user, activity.organisation_id)
    data = _activity_changes(activity, payload)
    milestones = [
        MilestoneInput(pk=row.id, date=row.date, title=row.title, done=row.done, delete=row.delete)
        for row in payload.milestones or []
    ]
    try:
        actions.activity_update(
            actor=user,
            activity=activity,
            data=data,
            version=payload.version,
            milestones=milestones,
        )
    except ValidationError as error:
        message = _conflict(error)
        if message is None:
            raise
        return Status(409, {"detail": message})
    return get_or_404(_activities(), activity_id, not_found)


# Reports


class ReportFilter(Schema):
    organisation: DatabaseId | None = Field(None, description="Organisationens id.")
    period: DatabaseId | None = Field(None, description="Rapportperiodens id.")


@router.get(
    "/reports/",
    response={200: list[ReportOut], **READ},
    summary="Lista periodrapporter",
    description="Filtrera på organisation med `?organisation=` och på period med `?period=`.",
)
@paginate(Pagination)
def report_list(request: HttpRequest, filters: Query[ReportFilter]) -> QuerySet[Report]:
    """Return the reports, of one organisation and period if given."""
    user = _reader(request)
    reports = reports_visible_to(user, _reports())
    if filters.organisation is not None:
        reports = reports.filter(organisation_id=filters.organisation)
    if filters.period is not None:
        reports = reports.filter(period_id=filters.period)
    return reports


def _report_detail(report_id: int) -> Report:
    return get_or_404(
        _reports().prefetch_related("activity_updates", "indicator_values", "goal_analyses"),
        report_id,
        _("Rapporten finns inte."),
    )


@router.get(
    "/reports/{report_id}",
    response={200: ReportDetailOut, **DETAIL},
    summary="Visa en periodrapport",
    description="Status, aktiviteternas uppföljning, indikatorvärden och analyser per mål.",
)
def report_detail(request: HttpRequest, report_id: int) -> Report:
    """Return one report with what it holds."""
    user = _reader(request)
    report = _report_detail(report_id)
    if not may_read_report(user, report):
        raise NotFound(_("Rapporten finns inte."))
    return report


def _report_for_change(report_id: int) -> Report:
    if not 1 <= report_id <= MAX_ID:
        raise NotFound(_("Rapporten finns inte."))
    return get_or_404(
        Report.objects.select_related("organisation", "action_plan", "period__planning_year"),
        report_id,
        _("Rapporten finns inte."),
    )


def _transition(report_id: int, change: Any) -> Report | Status[dict[str, str]]:
    try:
        change()
    except ValidationError as error:
        message = _conflict(error)
        if message is None:
            raise
        return Status(409, {"detail": message})
    return _report_detail(report_id)


@router.post(
    "/reports/{report_id}/submit",
    response={200: ReportDetailOut, **WRITE},
    summary="Skicka in en periodrapport",
    description="Skickar ett utkast eller en returnerad rapport till samordnaren. Kräver "
    "rollen redaktör eller administratör i organisationen, eller samordnare.",
)
def report_submit(request: HttpRequest, report_id: int) -> Report | Status[dict[str, str]]:
    """Submit a report through the planning action."""
    user = _reader(request)
    report = _report_for_change(report_id)
    check_write(user, report.organisation_id)
    return _transition(report_id, lambda: actions.report_submit(actor=user, report=report))


@router.post(
    "/reports/{report_id}/return",
    response={200: ReportDetailOut, **WRITE},
    summary="Returnera en periodrapport",
    description="Skickar en inskickad rapport tillbaka till organisationen med en "
    "kommentar, som måste anges. Kräver rollen samordnare.",
)
def report_return(
    request: HttpRequest, report_id: int, payload: ReportReturnIn
) -> Report | Status[dict[str, str]]:
    """Return a report with a comment through the planning action."""
    user = _reader(request)
    report = _report_for_change(report_id)
    check_review(user)
    if report.status != ReportStatus.SUBMITTED:
        # The action also takes an approved report back (that is "reopen", a separate
        # step in the web pages); here only a submitted report can be returned.
        refusal = REPORT_MOVES["return"].refusal % {"status": report.get_status_display().lower()}
        return Status(409, {"detail": str(refusal)})
    return _transition(
        report_id,
        lambda: actions.report_return(actor=user, report=report, comment=payload.comment),
    )


@router.post(
    "/reports/{report_id}/approve",
    response={200: ReportDetailOut, **WRITE},
    summary="Godkänn en periodrapport",
    description="Godkänner en inskickad rapport, som då låses. Kräver rollen samordnare.",
)
def report_approve(request: HttpRequest, report_id: int) -> Report | Status[dict[str, str]]:
    """Approve a report through the planning action."""
    user = _reader(request)
    report = _report_for_change(report_id)
    check_review(user)
    return _transition(report_id, lambda: actions.report_approve(actor=user, report=report))
