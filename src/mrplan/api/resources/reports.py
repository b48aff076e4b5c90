"""Endpoints for the period reports: list, start, read, fill in, and move through review.

Not public: every signed-in caller who works in the city reads approved reports; drafts,
submitted and returned ones only the organisation's members, coordinators and city-wide
readers (for others they do not exist: 404). The organisation's editors and
administrators, and coordinators, start, fill in and submit them; coordinators return,
approve and reopen them. Refusals of the workflow (a stale version, a report in the wrong
state, a closed period) answer 409 and change nothing.
"""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from mrplan.api.auth import USER_AUTH
from mrplan.api.common import (
    CONFLICT_CODES,
    INTERNAL_DETAIL_ERRORS,
    INTERNAL_ERRORS,
    WRITE_ERRORS,
    Pagination,
    Refusal,
    attempt,
    check_body_errors,
    found,
    signed_in,
)
from mrplan.api.schemas.planning import (
    ReportCreateIn,
    ReportDetailOut,
    ReportFilter,
    ReportOut,
    ReportPatch,
    ReportReopenIn,
    ReportReturnIn,
)
from mrplan.organisations.models import Organisation
from mrplan.planning import actions
from mrplan.planning.actions import ActivityUpdateInput, field_name
from mrplan.planning.models import IndicatorValue, Report, ReportingPeriod
from mrplan.planning.permissions import (
    check_read,
    check_write,
    get_report_for_actor,
    reports_visible_to,
)
from mrplan.programmes.selectors import action_plans_visible_to

router = Router(tags=["Planering och uppföljning"], auth=USER_AUTH)


def _reports() -> QuerySet[Report]:
    return Report.objects.select_related("period__planning_year").order_by(
        "-period__planning_year__year", "period__position", "action_plan__position", "pk"
    )


@router.get(
    "/reports/",
    operation_id="mrplan_api_planning_report_list",
    response={200: list[ReportOut], **INTERNAL_ERRORS},
    summary="Lista periodrapporter",
    description="Filtrera på organisation med `?organisation=` och på period med `?period=`.",
)
@paginate(Pagination)
def report_list(request: HttpRequest, filters: Query[ReportFilter]) -> QuerySet[Report]:
    """Return the reports, of one organisation and period if given."""
    user = signed_in(request)
    check_read(user)
    reports = reports_visible_to(user, _reports())
    if filters.organisation is not None:
        reports = reports.filter(organisation_id=filters.organisation)
    if filters.period is not None:
        reports = reports.filter(period_id=filters.period)
    return reports


# The report action refuses a second report for the same organisation, plan and period.
REPORT_CONFLICT_CODES = CONFLICT_CODES | {"unique"}


@router.post(
    "/reports/",
    operation_id="mrplan_api_planning_write_report_create",
    response={201: ReportDetailOut, **WRITE_ERRORS},
    summary="Påbörja en periodrapport",
    description="Skapar organisationens rapport om en handlingsplan för en öppen period, "
    "ifylld med aktiviteternas status och de senast rapporterade värdena. Finns rapporten "
    "redan, eller är perioden stängd, svarar API:et 409. Kräver rollen redaktör eller "
    "administratör i organisationen, eller samordnare.",
)
def report_create(request: HttpRequest, payload: ReportCreateIn) -> Status[Report] | Refusal:
    """Start a report through the planning action."""
    user = signed_in(request)
    check_read(user)
    # The role first, so that callers who may not write learn nothing about the ids.
    check_write(user, payload.organisation_id)
    organisation = Organisation.objects.filter(pk=payload.organisation_id).first()
    action_plan = action_plans_visible_to(user).filter(pk=payload.action_plan_id).first()
    period = (
        ReportingPeriod.objects.select_related("planning_year").filter(pk=payload.period_id).first()
    )
    errors: dict[str, str] = {}
    if organisation is None:
        errors["organisation_id"] = _("Det finns ingen organisation med id %(id)s.") % {
            "id": payload.organisation_id
        }
    if action_plan is None:
        errors["action_plan_id"] = _("Det finns ingen handlingsplan med id %(id)s.") % {
            "id": payload.action_plan_id
        }
    if period is None:
        errors["period_id"] = _("Det finns ingen rapportperiod med id %(id)s.") % {
            "id": payload.period_id
        }
    check_body_errors(errors)
    assert organisation is not None and action_plan is not None and period is not None
    created: list[Report] = []
    refusal = attempt(
        lambda: created.append(
            actions.report_create(
                actor=user, organisation=organisation, action_plan=action_plan, period=period
            )
        ),
        codes=REPORT_CONFLICT_CODES,
    )
    return refusal or Status(201, _report_detail(created[0].pk))


def _report_detail(report_id: int) -> Report:
    """Return report REPORT_ID with what ReportDetailOut shows."""
    return (
        _reports()
        .prefetch_related("activity_updates", "indicator_values", "goal_analyses")
        .get(pk=report_id)
    )


@router.get(
    "/reports/{report_id}",
    operation_id="mrplan_api_planning_report_detail",
    response={200: ReportDetailOut, **INTERNAL_DETAIL_ERRORS},
    summary="Visa en periodrapport",
    description="Status, aktiviteternas uppföljning, indikatorvärden och analyser per mål.",
)
def report_detail(request: HttpRequest, report_id: int) -> Report:
    """Return one report with what it holds."""
    report = found(_("Rapporten finns inte."), get_report_for_actor, signed_in(request), report_id)
    return _report_detail(report.pk)


def _transition(report: Report, change: Callable[[], Any]) -> Report | Refusal:
    """Move REPORT by CHANGE, an action; a refusal of the workflow is a 409."""
    return attempt(change, names={}) or _report_detail(report.pk)


def _report_inputs(
    payload: ReportPatch,
) -> tuple[dict[int, ActivityUpdateInput], dict[tuple[int, str], Decimal | None], dict[int, str]]:
    """Turn PAYLOAD into the report action's input; refuse repeats and values out of range."""
    errors: dict[str, str] = {}
    activities: dict[int, ActivityUpdateInput] = {}
    for index, update in enumerate(payload.activity_updates):
        if update.activity_id in activities:
            errors[f"activity_updates.{index}.activity_id"] = _(
                "Aktiviteten finns redan tidigare i listan."
            )
        activities[update.activity_id] = ActivityUpdateInput(
            status=update.status, progress=update.progress, comment=update.comment
        )
    values: dict[tuple[int, str], Decimal | None] = {}
    value_field = IndicatorValue._meta.get_field("value")
    for index, row in enumerate(payload.indicator_values):
        key = (row.indicator_id, row.category.strip())
        if key in values:
            errors[f"indicator_values.{index}.indicator_id"] = _(
                "Indikatorn och kategorin finns redan tidigare i listan."
            )
        if row.value is not None:
            try:
                value_field.clean(row.value, None)
            except ValidationError as error:
                errors[f"indicator_values.{index}.value"] = " ".join(error.messages)
        values[key] = row.value
    analyses: dict[int, str] = {}
    for index, analysis in enumerate(payload.goal_analyses):
        if analysis.goal_id in analyses:
            errors[f"goal_analyses.{index}.goal_id"] = _("Målet finns redan tidigare i listan.")
        analyses[analysis.goal_id] = analysis.text
    check_body_errors(errors)
    return activities, values, analyses


def _report_field_names(payload: ReportPatch) -> dict[str, str]:
    """Map the report action's form field names (activity-12-status) to the API's."""
    names: dict[str, str] = {}
    for index, update in enumerate(payload.activity_updates):
        for part in ("status", "progress", "comment"):
            names[field_name("activity", update.activity_id, part)] = (
                f"activity_updates.{index}.{part}"
            )
    return names


@router.patch(
    "/reports/{report_id}",
    operation_id="mrplan_api_planning_write_report_update",
    response={200: ReportDetailOut, **WRITE_ERRORS},
    summary="Fyll i en periodrapport",
    description="Sparar aktiviteternas uppföljning, indikatorvärden och analyser per mål; "
    "skicka bara det som ska ändras, och alltid `version` som du läste. Har någon annan "
    "sparat rapporten sedan dess, är den inskickad eller godkänd, eller är perioden stängd, "
    "svarar API:et 409 och ingenting sparas. Kräver rollen redaktör eller administratör i "
    "organisationen, eller samordnare.",
)
def report_update(request: HttpRequest, report_id: int, payload: ReportPatch) -> Report | Refusal:
    """Save a report's contents through the planning action."""
    user = signed_in(request)
    report = found(_("Rapporten finns inte."), get_report_for_actor, user, report_id, write=True)
    activities, values, analyses = _report_inputs(payload)
    refusal = attempt(
        lambda: actions.report_update(
            actor=user,
            report=report,
            version=payload.version,
            activities=activities,
            indicator_values=values,
            analyses=analyses,
        ),
        names=_report_field_names(payload),
    )
    return refusal or _report_detail(report.pk)


@router.post(
    "/reports/{report_id}/submit",
    operation_id="mrplan_api_planning_report_submit",
    response={200: ReportDetailOut, **WRITE_ERRORS},
    summary="Skicka in en periodrapport",
    description="Skickar ett utkast eller en returnerad rapport till samordnaren. Kräver "
    "rollen redaktör eller administratör i organisationen, eller samordnare.",
)
def report_submit(request: HttpRequest, report_id: int) -> Report | Refusal:
    """Submit a report through the planning action."""
    user = signed_in(request)
    report = found(_("Rapporten finns inte."), get_report_for_actor, user, report_id, write=True)
    return _transition(report, lambda: actions.report_submit(actor=user, report=report))


@router.post(
    "/reports/{report_id}/return",
    operation_id="mrplan_api_planning_report_return",
    response={200: ReportDetailOut, **WRITE_ERRORS},
    summary="Returnera en periodrapport",
    description="Skickar en inskickad rapport tillbaka till organisationen med en "
    "kommentar, som måste anges. Kräver rollen samordnare.",
)
def report_return(
    request: HttpRequest, report_id: int, payload: ReportReturnIn
) -> Report | Refusal:
    """Return a report with a comment through the planning action."""
    user = signed_in(request)
    report = found(_("Rapporten finns inte."), get_report_for_actor, user, report_id, review=True)
    return _transition(
        report,
        lambda: actions.report_return(actor=user, report=report, comment=payload.comment),
    )


@router.post(
    "/reports/{report_id}/approve",
    operation_id="mrplan_api_planning_report_approve",
    response={200: ReportDetailOut, **WRITE_ERRORS},
    summary="Godkänn en periodrapport",
    description="Godkänner en inskickad rapport, som då låses. Kräver rollen samordnare.",
)
def report_approve(request: HttpRequest, report_id: int) -> Report | Refusal:
    """Approve a report through the planning action."""
    user = signed_in(request)
    report = found(_("Rapporten finns inte."), get_report_for_actor, user, report_id, review=True)
    return _transition(report, lambda: actions.report_approve(actor=user, report=report))


@router.post(
    "/reports/{report_id}/reopen",
    operation_id="mrplan_api_planning_write_report_reopen",
    response={200: ReportDetailOut, **WRITE_ERRORS},
    summary="Öppna en godkänd periodrapport igen",
    description="Låser upp en godkänd rapport och returnerar den till organisationen med en "
    "kommentar, som måste anges. Kräver rollen samordnare.",
)
def report_reopen(
    request: HttpRequest, report_id: int, payload: ReportReopenIn
) -> Report | Refusal:
    """Reopen an approved report with a comment through the planning action."""
    user = signed_in(request)
    report = found(_("Rapporten finns inte."), get_report_for_actor, user, report_id, review=True)
    return _transition(
        report,
        lambda: actions.report_reopen(actor=user, report=report, comment=payload.comment),
    )
