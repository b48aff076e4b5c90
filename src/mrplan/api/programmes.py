"""Endpoints for the steering structure: programmes, action plans and development areas.

Anonymous callers see only what is published (status other than draft); signed-in
callers also see drafts. Hidden rows answer 404, exactly like missing ones.
"""

from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import paginate

from mrplan.accounts.models import User
from mrplan.api.auth import OPTIONAL_AUTH, USER_AUTH, caller
from mrplan.api.common import DETAIL_ERRORS, READ_ERRORS, Pagination, get_or_404
from mrplan.api.schemas import (
    ActionPlanDetailOut,
    ActionPlanOut,
    DevelopmentAreaOut,
    DevelopmentAreaPatch,
    ErrorOut,
    ProgrammeOut,
)
from mrplan.programmes import actions
from mrplan.programmes.models import (
    ActionPlan,
    CityActivity,
    DevelopmentArea,
    FocusArea,
    Programme,
    TargetGroup,
)
from mrplan.programmes.permissions import check_may_edit
from mrplan.programmes.selectors import action_plans_visible_to, programmes_visible_to

router = Router(tags=["Program och handlingsplaner"])


def _programmes(user: User | None) -> QuerySet[Programme]:
    return (
        programmes_visible_to(user)
        .prefetch_related(
            Prefetch("focus_areas", queryset=FocusArea.objects.order_by("position", "title")),
            Prefetch(
                "action_plans",
                queryset=action_plans_visible_to(user).order_by("position", "title", "pk"),
            ),
            Prefetch("replaces", queryset=programmes_visible_to(user).order_by("title", "pk")),
        )
        .order_by("-valid_from", "title", "pk")
    )


def _development_areas() -> QuerySet[DevelopmentArea]:
    return DevelopmentArea.objects.order_by("position", "title", "pk").prefetch_related(
        Prefetch("focus_areas", queryset=FocusArea.objects.order_by("position", "title")),
        "target_groups",
        "sdg_targets",
        Prefetch(
            "city_activities",
            queryset=CityActivity.objects.order_by("position", "title", "pk").prefetch_related(
                "target_groups"
            ),
        ),
    )


def _development_areas_visible_to(user: User | None) -> QuerySet[DevelopmentArea]:
    return _development_areas().filter(action_plan__in=action_plans_visible_to(user))


def _action_plans(user: User | None) -> QuerySet[ActionPlan]:
    return (
        action_plans_visible_to(user)
        .prefetch_related("special_focus", "sdg_targets")
        .order_by("programme_id", "position", "title", "pk")
    )


@router.get(
    "/programmes/",
    response={200: list[ProgrammeOut], **READ_ERRORS},
    summary="Lista program",
    description="Varje program med sina fokusområden och handlingsplaner, nyaste först.",
    openapi_extra=OPTIONAL_AUTH,
)
@paginate(Pagination)
def programme_list(request: HttpRequest) -> QuerySet[Programme]:
    """Return the programmes the caller may see, each with its parts."""
    return _programmes(caller(request))


@router.get(
    "/programmes/{programme_id}",
    response={200: ProgrammeOut, **DETAIL_ERRORS},
    summary="Visa ett program",
    openapi_extra=OPTIONAL_AUTH,
)
def programme_detail(request: HttpRequest, programme_id: int) -> Programme:
    """Return one programme with its focus areas and action plans."""
    return get_or_404(_programmes(caller(request)), programme_id, _("Programmet finns inte."))


@router.get(
    "/action-plans/",
    response={200: list[ActionPlanOut], **READ_ERRORS},
    summary="Lista handlingsplaner",
    description="Handlingsplanerna i programordning. Filtrera på program med `?programme_id=`.",
    openapi_extra=OPTIONAL_AUTH,
)
@paginate(Pagination)
def action_plan_list(request: HttpRequest, programme_id: int | None = None) -> QuerySet[ActionPlan]:
    """Return the action plans the caller may see, of one programme if given."""
    action_plans = _action_plans(caller(request))
    if programme_id is not None:
        action_plans = action_plans.filter(programme_id=programme_id)
    return action_plans


@router.get(
    "/action-plans/{action_plan_id}",
    response={200: ActionPlanDetailOut, **DETAIL_ERRORS},
    summary="Visa en handlingsplan",
    description="Mål, status, målgrupper i särskilt fokus, delmål i Agenda 2030 och "
    "utvecklingsområdena med sina fokusområden och stadsgemensamma aktiviteter.",
    openapi_extra=OPTIONAL_AUTH,
)
def action_plan_detail(request: HttpRequest, action_plan_id: int) -> ActionPlan:
    """Return one action plan with its development areas and their city activities."""
    action_plans = _action_plans(caller(request)).prefetch_related(
        Prefetch("development_areas", queryset=_development_areas())
    )
    return get_or_404(action_plans, action_plan_id, _("Handlingsplanen finns inte."))


@router.get(
    "/development-areas/{development_area_id}",
    response={200: DevelopmentAreaOut, **DETAIL_ERRORS},
    summary="Visa ett utvecklingsområde",
    openapi_extra=OPTIONAL_AUTH,
)
def development_area_detail(request: HttpRequest, development_area_id: int) -> DevelopmentArea:
    """Return one development area with its links and city activities."""
    return get_or_404(
        _development_areas_visible_to(caller(request)),
        development_area_id,
        _("Utvecklingsområdet finns inte."),
    )


def _resolve(queryset: QuerySet[Any], wanted: list[int]) -> tuple[list[Any], list[int]]:
    """Return the rows of QUERYSET with the WANTED ids, and the ids that matched none."""
    rows = list(queryset.filter(pk__in=set(wanted)))
    found = {row.pk for row in rows}
    return rows, sorted(set(wanted) - found)


def _changes(payload: DevelopmentAreaPatch) -> dict[str, Any]:
    """Turn PAYLOAD into the model-field data the action takes, resolving ids to rows."""
    sent = payload.model_dump(exclude_unset=True)
    data: dict[str, Any] = {
        name: sent[name] for name in ("title", "description", "position") if name in sent
    }
    errors: dict[str, str] = {}
    if "focus_area_ids" in sent:
        # Whether they belong to the plan's programme is the action's rule to check.
        data["focus_areas"], missing = _resolve(FocusArea.objects.all(), sent["focus_area_ids"])
        if missing:
            errors["focus_areas"] = _("Det finns inget fokusområde med id %(ids)s.") % {
                "ids": ", ".join(map(str, missing))
            }
    if "target_group_ids" in sent:
        data["target_groups"], missing = _resolve(
            TargetGroup.objects.all(), sent["target_group_ids"]
        )
        if missing:
            errors["target_groups"] = _("Det finns ingen målgrupp med id %(ids)s.") % {
                "ids": ", ".join(map(str, missing))
            }
    if errors:
        raise ValidationError(errors)
    return data


@router.patch(
    "/development-areas/{development_area_id}",
    auth=USER_AUTH,
    response={
        200: DevelopmentAreaOut,
        400: ErrorOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        422: ErrorOut,
    },
    summary="Ändra ett utvecklingsområde",
    description="Skicka bara de fält som ska ändras. Kräver rollen samordnare. "
    "Inloggade webbläsare skickar också CSRF-token i `X-CSRFToken`.",
)
def development_area_update(
    request: HttpRequest, development_area_id: int, payload: DevelopmentAreaPatch
) -> DevelopmentArea:
    """Change a development area through the programmes action, and return it anew."""
    user = caller(request)
    not_found = _("Utvecklingsområdet finns inte.")
    development_area = get_or_404(
        DevelopmentArea.objects.select_related("action_plan").filter(
            action_plan__in=action_plans_visible_to(user)
        ),
        development_area_id,
        not_found,
    )
    # Refuse early, so that callers who may not write learn nothing from payload errors;
    # the action checks again.
    check_may_edit(user)
    actions.development_area_update(
        actor=cast(User, user), development_area=development_area, data=_changes(payload)
    )
    return get_or_404(_development_areas(), development_area_id, not_found)
