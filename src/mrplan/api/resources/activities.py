"""Endpoints for the activities of an organisation's plan: read, add, change, remove.

Not public: every signed-in caller who works in the city reads them; the organisation's
editors and administrators, and coordinators, change them through the planning actions.
A change is made against the `version` the caller read: a stale one answers 409.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from mrplan.accounts.models import User
from mrplan.api.auth import USER_AUTH
from mrplan.api.common import (
    DELETE_ERRORS,
    INTERNAL_DETAIL_ERRORS,
    WRITE_ERRORS,
    Refusal,
    attempt,
    check_body_errors,
    found,
    missing,
    plan_activities,
    plan_for,
    resolve,
    signed_in,
)
from mrplan.api.schemas.planning import ActivityIn, ActivityOut, ActivityPatch
from mrplan.organisations.models import Department, Organisation
from mrplan.planning import actions
from mrplan.planning.actions import MilestoneInput
from mrplan.planning.models import Activity, Goal, PlanningYear
from mrplan.planning.permissions import get_activity_for_actor
from mrplan.programmes.models import TargetGroup
from mrplan.programmes.selectors import city_activities_visible_to, development_areas_visible_to

router = Router(tags=["Planering och uppföljning"], auth=USER_AUTH)


@router.get(
    "/activities/{activity_id}",
    operation_id="mrplan_api_planning_activity_detail",
    response={200: ActivityOut, **INTERNAL_DETAIL_ERRORS},
    summary="Visa en aktivitet",
)
def activity_detail(request: HttpRequest, activity_id: int) -> Activity:
    """Return one activity with its milestones and today's assessment."""
    activity = found(
        _("Aktiviteten finns inte."), get_activity_for_actor, signed_in(request), activity_id
    )
    return plan_activities().get(pk=activity.pk)


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
        data["target_groups"], absent = resolve(TargetGroup.objects.all(), sent["target_group_ids"])
        if absent:
            errors |= missing(
                "target_group_ids", _("Det finns ingen målgrupp med id %(ids)s."), absent
            )
    check_body_errors(errors)
    return data


@router.patch(
    "/activities/{activity_id}",
    operation_id="mrplan_api_planning_activity_update",
    response={200: ActivityOut, **WRITE_ERRORS},
    summary="Ändra en aktivitet",
    description="Skicka bara de fält som ska ändras, och alltid `version` som du läste. "
    "Har någon annan sparat aktiviteten sedan dess svarar API:et 409 och ingenting sparas. "
    "Kräver rollen redaktör eller administratör i organisationen, eller samordnare.",
)
def activity_update(
    request: HttpRequest, activity_id: int, payload: ActivityPatch
) -> Activity | Refusal:
    """Change an activity through the planning action, and return it anew."""
    user = signed_in(request)
    # Refuse early (write), so that callers who may not write learn nothing from payload
    # errors; the action checks again.
    activity = found(
        _("Aktiviteten finns inte."), get_activity_for_actor, user, activity_id, write=True
    )
    data = _activity_changes(activity, payload)
    milestones = [
        MilestoneInput(pk=row.id, date=row.date, title=row.title, done=row.done, delete=row.delete)
        for row in payload.milestones or []
    ]
    refusal = attempt(
        lambda: actions.activity_update(
            actor=user,
            activity=activity,
            data=data,
            version=payload.version,
            milestones=milestones,
        ),
        names={},  # the action's field errors keep their names (see errors.API_FIELD_NAMES)
    )
    return refusal or plan_activities().get(pk=activity.pk)


@router.delete(
    "/activities/{activity_id}",
    operation_id="mrplan_api_planning_write_activity_delete",
    response=DELETE_ERRORS,
    summary="Ta bort en aktivitet",
    description="Tar bort aktiviteten med dess delmål. En aktivitet som finns i en "
    "inskickad, godkänd eller stängd rapport kan inte tas bort (409): ändra dess status till "
    "Inställd i stället. Kräver rollen redaktör eller administratör i organisationen, eller "
    "samordnare.",
)
def activity_delete(request: HttpRequest, activity_id: int) -> Status[None] | Refusal:
    """Remove an activity through the planning action."""
    user = signed_in(request)
    activity = found(
        _("Aktiviteten finns inte."), get_activity_for_actor, user, activity_id, write=True
    )
    refusal = attempt(
        lambda: actions.activity_delete(actor=user, activity=activity), any_refusal=True
    )
    return refusal or Status(204, None)


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
    data["target_groups"], absent = resolve(TargetGroup.objects.all(), sent["target_group_ids"])
    if absent:
        errors |= missing("target_group_ids", _("Det finns ingen målgrupp med id %(ids)s."), absent)
    check_body_errors(errors)
    return data


@router.post(
    "/organisations/{organisation_id}/plan/{year}/activities",
    operation_id="mrplan_api_planning_write_activity_create",
    response={201: ActivityOut, **WRITE_ERRORS},
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
    user = signed_in(request)
    organisation, planning_year = plan_for(user, organisation_id, year, write=True)
    data = _activity_data(user, organisation, planning_year, payload)
    milestones = [
        MilestoneInput(pk=None, date=row.date, title=row.title, done=row.done)
        for row in payload.milestones
    ]
    created: list[Activity] = []
    refusal = attempt(
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
    return Status(201, plan_activities().get(pk=created[0].pk))
