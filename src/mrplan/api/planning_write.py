"""Write endpoints for the plans and the period reports: create, change and delete goals,
activities and indicators; create, fill in and reopen reports.

They are added to the planning router itself (exported here as `router`), because ninja
answers 405 when two routers share a path: `DELETE /goals/{id}` must live beside
`GET /goals/{id}`. Every write goes through the planning actions, which check the same
permissions and rules as the web pages, write the audit trail, and change nothing when
they refuse. Order of checks: schema (422), unknown id in the path (404), role (403), ids
in the body (400), then the action: bad data 400, "not now" 409 (closed period or year,
stale version, report in the wrong state, a report that already exists).
"""

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Status

from mrplan.accounts.models import User
from mrplan.api.common import get_or_404
from mrplan.api.errors import NotFound
from mrplan.api.planning import (
    CONFLICT_CODES,
    WRITE,
    _activities,
    _goals,
    _reader,
    _report_detail,
    _report_for_change,
    _resolve,
    _transition,
    router,
)
from mrplan.api.planning_schemas import (
    ActivityIn,
    ActivityOut,
    GoalIn,
    GoalOut,
    GoalPatch,
    IndicatorIn,
    IndicatorOut,
    IndicatorPatch,
    ReportCreateIn,
    ReportDetailOut,
    ReportPatch,
    ReportReopenIn,
)
from mrplan.organisations.models import Department, Organisation
from mrplan.planning import actions
from mrplan.planning.actions import ActivityUpdateInput, MilestoneInput, field_name
from mrplan.planning.models import (
    FIRST_YEAR,
    LAST_YEAR,
    Activity,
    Goal,
    Indicator,
    IndicatorValue,
    PlanningYear,
    Report,
    ReportingPeriod,
)
from mrplan.planning.permissions import check_review, check_write
from mrplan.programmes.models import SdgTarget, TargetGroup
from mrplan.programmes.selectors import (
    action_plans_visible_to,
    city_activities_visible_to,
    development_areas_visible_to,
)

__all__ = ["router"]

DELETED = {204: None, **WRITE}

# What the API calls the model fields that the actions name in their errors.
FIELD_NAMES = {
    "goal": "goal_id",
    "development_area": "development_area_id",
    "development_areas": "development_area_ids",
    "city_activity": "city_activity_id",
    "responsible_department": "responsible_department_id",
    "target_groups": "target_group_ids",
    "sdg_targets": "sdg_target_codes",
}

Refusal = Status[dict[str, str]]


def _renamed(error: ValidationError, names: Mapping[str, str]) -> ValidationError:
    """Return ERROR with its field names as the API calls them."""
    if not hasattr(error, "error_dict"):
        return error
    return ValidationError(
        {names.get(field, field): messages for field, messages in error.error_dict.items()}
    )


def _attempt(
    change: Callable[[], Any],
    *,
    names: Mapping[str, str] = FIELD_NAMES,
    codes: frozenset[str] = CONFLICT_CODES,
    any_refusal: bool = False,
) -> Refusal | None:
    """Run CHANGE; answer 409 for a workflow refusal, re-raise bad data (400) renamed.

    With ANY_REFUSAL every refusal that is not about a field is a 409 (a delete has no
    data that could be wrong, so its refusals all mean "not now").
    """
    try:
        change()
    except ValidationError as error:
        if not hasattr(error, "error_dict") and (
            any_refusal or any(item.code in codes for item in error.error_list)
        ):
            return Status(409, {"detail": " ".join(str(message) for message in error.messages)})
        raise _renamed(error, names) from error
    return None


def _missing(name: str, message: str, missing: list[int] | list[str]) -> dict[str, str]:
    return {name: message % {"ids": ", ".join(map(str, missing))}}


def _check_body_errors(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


# Goals


def _plan(organisation_id: int, year: int) -> tuple[Organisation, PlanningYear]:
    organisation = get_or_404(
        Organisation.objects.all(), organisation_id, _("Organisationen finns inte.")
    )
    planning_year = None
    if FIRST_YEAR <= year <= LAST_YEAR:
        planning_year = PlanningYear.objects.filter(year=year).first()
    if planning_year is None:
        raise NotFound(_("Planeringsåret finns inte."))
    return organisation, planning_year


def _goal_data(user: User, sent: dict[str, Any]) -> dict[str, Any]:
    """Turn the sent goal fields into the action's data, resolving ids to rows."""
    data: dict[str, Any] = {
        name: sent[name] for name in ("title", "description", "position") if name in sent
    }
    errors: dict[str, str] = {}
    if "development_area_ids" in sent:
        data["development_areas"], missing = _resolve(
            development_areas_visible_to(user), sent["development_area_ids"]
        )
        if missing:
            errors |= _missing(
                "development_area_ids",
                _("Det finns inget utvecklingsområde med id %(ids)s."),
                missing,
            )
    if "target_group_ids" in sent:
        data["target_groups"], missing = _resolve(
            TargetGroup.objects.all(), sent["target_group_ids"]
        )
        if missing:
            errors |= _missing(
                "target_group_ids", _("Det finns ingen målgrupp med id %(ids)s."), missing
            )
    if "sdg_target_codes" in sent:
        codes = [code.strip() for code in sent["sdg_target_codes"]]
        targets = list(SdgTarget.objects.filter(code__in=set(codes)))
        found = {target.code for target in targets}
        data["sdg_targets"] = targets
        unknown = sorted(set(codes) - found)
        if unknown:
            errors |= _missing(
                "sdg_target_codes",
                _("Det finns inget delmål i Agenda 2030 med kod %(ids)s."),
                unknown,
            )
    _check_body_errors(errors)
    return data


def _goal_out(goal_id: int) -> Goal:
    goal = get_or_404(_goals(), goal_id, _("Målet finns inte."))
    goal.plan_activities = list(  # type: ignore[attr-defined]
        _activities().filter(goal=goal).order_by("start_date", "title", "pk")
    )
    return goal


def _goal_for_change(goal_id: int) -> Goal:
    return get_or_404(
        Goal.objects.select_related("organisation", "planning_year"),
        goal_id,
        _("Målet finns inte."),
    )


@router.post(
    "/organisations/{organisation_id}/plan/{year}/goals",
    response={201: GoalOut, **WRITE},
    summary="Lägg till ett mål",
    description="Lägger till ett mål (nämndmål) i organisationens plan för året. Kräver "
    "rollen redaktör eller administratör i organisationen, eller samordnare. Planen för ett "
    "år där alla perioder är stängda kan inte ändras (409).",
)
def goal_create(
    request: HttpRequest, organisation_id: int, year: int, payload: GoalIn
) -> Status[Goal] | Refusal:
    """Add a goal through the planning action."""
    user = _reader(request)
    organisation, planning_year = _plan(organisation_id, year)
    check_write(user, organisation.pk)
    data = _goal_data(user, payload.model_dump())
    created: list[Goal] = []
    refusal = _attempt(
        lambda: created.append(
            actions.goal_create(
                actor=user, organisation=organisation, planning_year=planning_year, data=data
            )
        )
    )
    return refusal or Status(201, _goal_out(created[0].pk))


@router.patch(
    "/goals/{goal_id}",
    response={200: GoalOut, **WRITE},
    summary="Ändra ett mål",
    description="Skicka bara de fält som ska ändras. Listorna med id ersätter de "
    "nuvarande kopplingarna. Kräver rollen redaktör eller administratör i organisationen, "
    "eller samordnare.",
)
def goal_update(request: HttpRequest, goal_id: int, payload: GoalPatch) -> Goal | Refusal:
    """Change a goal through the planning action."""
    user = _reader(request)
    goal = _goal_for_change(goal_id)
    check_write(user, goal.organisation_id)
    data = _goal_data(user, payload.model_dump(exclude_unset=True))
    refusal = _attempt(lambda: actions.goal_update(actor=user, goal=goal, data=data))
    return refusal or _goal_out(goal_id)


@router.delete(
    "/goals/{goal_id}",
    response=DELETED,
    summary="Ta bort ett mål",
    description="Tar bort målet med dess indikatorer. Ett mål som har aktiviteter, eller "
    "som finns i en inskickad, godkänd eller stängd rapport, kan inte tas bort (409). "
    "Kräver rollen redaktör eller administratör i organisationen, eller samordnare.",
)
def goal_delete(request: HttpRequest, goal_id: int) -> Status[None] | Refusal:
    """Remove a goal through the planning action."""
    user = _reader(request)
    goal = _goal_for_change(goal_id)
    check_write(user, goal.organisation_id)
    refusal = _attempt(lambda: actions.goal_delete(actor=user, goal=goal), any_refusal=True)
    return refusal or Status(204, None)


# Activities


def _activity_data(
    user: User, organisation: Organisation, planning_year: PlanningYear, payload: ActivityIn
) -> dict[str, Any]:
    """Turn PAYLOAD into the action's data, resolving every id to a row the caller may use."""
    sent = payload.model_dump()
    names = ("title", "description", "status", "progress", "weight", "start_date", "end_date")
    data: dict[str, Any] = {name: sent[name] for name in names}
    errors: dict[str, str] = {}
    lookups: list[tuple[str, str, QuerySet[Any], str]] = [
        (
            "goal",
            "goal_id",
            Goal.objects.filter(organisation=organisation, planning_year=planning_year),
            _("Organisationens plan för %(year)s har inget mål med id %(id)s."),
        ),
        (
            "development_area",
            "development_area_id",
            development_areas_visible_to(user),
            _("Det finns inget utvecklingsområde med id %(id)s."),
        ),
        (
            "city_activity",
            "city_activity_id",
            city_activities_visible_to(user),
            _("Det finns ingen stadsgemensam aktivitet med id %(id)s."),
        ),
        (
            "responsible_department",
            "responsible_department_id",
            Department.objects.filter(organisation=organisation),
            _("Organisationen har ingen avdelning med id %(id)s."),
        ),
    ]
    for field, key, queryset, message in lookups:
        if sent[key] is None:
            continue
        data[field] = queryset.filter(pk=sent[key]).first()
        if data[field] is None:
            errors[key] = message % {"id": sent[key], "year": planning_year.year}
    data["target_groups"], missing = _resolve(TargetGroup.objects.all(), sent["target_group_ids"])
    if missing:
        errors |= _missing(
            "target_group_ids", _("Det finns ingen målgrupp med id %(ids)s."), missing
        )
    _check_body_errors(errors)
    return data


@router.post(
    "/organisations/{organisation_id}/plan/{year}/activities",
    response={201: ActivityOut, **WRITE},
    summary="Lägg till en aktivitet",
    description="Lägger till en aktivitet med delmål i organisationens plan för året, under "
    "ett mål (`goal_id`) eller direkt under ett utvecklingsområde (`development_area_id`) "
    "eller en stadsgemensam aktivitet (`city_activity_id`): minst ett av dem. Kräver rollen "
    "redaktör eller administratör i organisationen, eller samordnare.",
)
def activity_create(
    request: HttpRequest, organisation_id: int, year: int, payload: ActivityIn
) -> Status[Activity] | Refusal:
    """Add an activity through the planning action."""
    user = _reader(request)
    organisation, planning_year = _plan(organisation_id, year)
    check_write(user, organisation.pk)
    data = _activity_data(user, organisation, planning_year, payload)
    milestones = [
        MilestoneInput(pk=None, date=row.date, title=row.title, done=row.done)
        for row in payload.milestones
    ]
    created: list[Activity] = []
    refusal = _attempt(
        lambda: created.append(
            actions.activity_create(
                actor=user,
                organisation=organisation,
                planning_year=planning_year,
                data=data,
                milestones=milestones,
            )
        )
    )
    if refusal:
        return refusal
    return Status(201, get_or_404(_activities(), created[0].pk, _("Aktiviteten finns inte.")))


@router.delete(
    "/activities/{activity_id}",
    response=DELETED,
    summary="Ta bort en aktivitet",
    description="Tar bort aktiviteten med dess delmål. En aktivitet som finns i en "
    "inskickad, godkänd eller stängd rapport kan inte tas bort (409): ändra dess status till "
    "Inställd i stället. Kräver rollen redaktör eller administratör i organisationen, eller "
    "samordnare.",
)
def activity_delete(request: HttpRequest, activity_id: int) -> Status[None] | Refusal:
    """Remove an activity through the planning action."""
    user = _reader(request)
    activity = get_or_404(
        Activity.objects.select_related("organisation", "planning_year"),
        activity_id,
        _("Aktiviteten finns inte."),
    )
    check_write(user, activity.organisation_id)
    refusal = _attempt(
        lambda: actions.activity_delete(actor=user, activity=activity), any_refusal=True
    )
    return refusal or Status(204, None)


# Indicators


def _indicator_for_change(indicator_id: int) -> Indicator:
    return get_or_404(
        Indicator.objects.select_related("goal__organisation", "goal__planning_year"),
        indicator_id,
        _("Indikatorn finns inte."),
    )


@router.post(
    "/goals/{goal_id}/indicators",
    response={201: IndicatorOut, **WRITE},
    summary="Lägg till en indikator",
    description="Lägger till en indikator som mäter målet. Ett utgångsvärde kräver ett "
    "utgångsår och ett målvärde ett målår; en uppdelning kräver minst två kategorier. Kräver "
    "rollen redaktör eller administratör i organisationen, eller samordnare.",
)
def indicator_create(
    request: HttpRequest, goal_id: int, payload: IndicatorIn
) -> Status[Indicator] | Refusal:
    """Add an indicator through the planning action."""
    user = _reader(request)
    goal = _goal_for_change(goal_id)
    check_write(user, goal.organisation_id)
    data = payload.model_dump()
    created: list[Indicator] = []
    refusal = _attempt(
        lambda: created.append(actions.indicator_create(actor=user, goal=goal, data=data))
    )
    if refusal:
        return refusal
    return Status(201, Indicator.objects.get(pk=created[0].pk))


@router.patch(
    "/indicators/{indicator_id}",
    response={200: IndicatorOut, **WRITE},
    summary="Ändra en indikator",
    description="Skicka bara de fält som ska ändras; `null` tar bort ett utgångs- eller "
    "målvärde. Värden som redan rapporterats för borttagna kategorier sparas. Kräver rollen "
    "redaktör eller administratör i organisationen, eller samordnare.",
)
def indicator_update(
    request: HttpRequest, indicator_id: int, payload: IndicatorPatch
) -> Indicator | Refusal:
    """Change an indicator through the planning action."""
    user = _reader(request)
    indicator = _indicator_for_change(indicator_id)
    check_write(user, indicator.goal.organisation_id)
    data = payload.model_dump(exclude_unset=True)
    refusal = _attempt(lambda: actions.indicator_update(actor=user, indicator=indicator, data=data))
    return refusal or Indicator.objects.get(pk=indicator_id)


@router.delete(
    "/indicators/{indicator_id}",
    response=DELETED,
    summary="Ta bort en indikator",
    description="Tar bort indikatorn och utkastens värden för den. En indikator med värden i "
    "en inskickad, godkänd eller stängd rapport kan inte tas bort (409). Kräver rollen "
    "redaktör eller administratör i organisationen, eller samordnare.",
)
def indicator_delete(request: HttpRequest, indicator_id: int) -> Status[None] | Refusal:
    """Remove an indicator through the planning action."""
    user = _reader(request)
    indicator = _indicator_for_change(indicator_id)
    check_write(user, indicator.goal.organisation_id)
    refusal = _attempt(
        lambda: actions.indicator_delete(actor=user, indicator=indicator), any_refusal=True
    )
    return refusal or Status(204, None)


# Reports

# The report action refuses a second report for the same organisation, plan and period.
REPORT_CONFLICT_CODES = CONFLICT_CODES | {"unique"}


@router.post(
    "/reports/",
    response={201: ReportDetailOut, **WRITE},
    summary="Påbörja en periodrapport",
    description="Skapar organisationens rapport om en handlingsplan för en öppen period, "
    "ifylld med aktiviteternas status och de senast rapporterade värdena. Finns rapporten "
    "redan, eller är perioden stängd, svarar API:et 409. Kräver rollen redaktör eller "
    "administratör i organisationen, eller samordnare.",
)
def report_create(request: HttpRequest, payload: ReportCreateIn) -> Status[Report] | Refusal:
    """Start a report through the planning action."""
    user = _reader(request)
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
    _check_body_errors(errors)
    assert organisation is not None and action_plan is not None and period is not None
    created: list[Report] = []
    refusal = _attempt(
        lambda: created.append(
            actions.report_create(
                actor=user, organisation=organisation, action_plan=action_plan, period=period
            )
        ),
        codes=REPORT_CONFLICT_CODES,
    )
    return refusal or Status(201, _report_detail(created[0].pk))


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
    _check_body_errors(errors)
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
    response={200: ReportDetailOut, **WRITE},
    summary="Fyll i en periodrapport",
    description="Sparar aktiviteternas uppföljning, indikatorvärden och analyser per mål; "
    "skicka bara det som ska ändras, och alltid `version` som du läste. Har någon annan "
    "sparat rapporten sedan dess, är den inskickad eller godkänd, eller är perioden stängd, "
    "svarar API:et 409 och ingenting sparas. Kräver rollen redaktör eller administratör i "
    "organisationen, eller samordnare.",
)
def report_update(request: HttpRequest, report_id: int, payload: ReportPatch) -> Report | Refusal:
    """Save a report's contents through the planning action."""
    user = _reader(request)
    report = _report_for_change(report_id)
    check_write(user, report.organisation_id)
    activities, values, analyses = _report_inputs(payload)
    refusal = _attempt(
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
    return refusal or _report_detail(report_id)


@router.post(
    "/reports/{report_id}/reopen",
    response={200: ReportDetailOut, **WRITE},
    summary="Öppna en godkänd periodrapport igen",
    description="Låser upp en godkänd rapport och returnerar den till organisationen med en "
    "kommentar, som måste anges. Kräver rollen samordnare.",
)
def report_reopen(
    request: HttpRequest, report_id: int, payload: ReportReopenIn
) -> Report | Refusal:
    """Reopen an approved report with a comment through the planning action."""
    user = _reader(request)
    report = _report_for_change(report_id)
    check_review(user)
    return _transition(
        report_id,
        lambda: actions.report_reopen(actor=user, report=report, comment=payload.comment),
    )
