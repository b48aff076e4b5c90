"""Helpers shared by the resource modules: the page size, the error answers, lookups, and
running an action so that its refusal becomes the right answer (400 or 409)."""

from collections.abc import Callable, Mapping
from typing import Any, ParamSpec, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Schema, Status
from ninja.pagination import PageNumberPagination

from mrplan.accounts.models import User
from mrplan.api.auth import caller
from mrplan.api.errors import NotFound
from mrplan.api.schemas.base import MAX_ID, ErrorOut
from mrplan.core.transitions import ALREADY_DONE
from mrplan.organisations.models import Organisation
from mrplan.planning.models import Activity, PlanningYear
from mrplan.planning.permissions import get_plan_for_actor
from mrplan.programmes.models import CityActivity, DevelopmentArea, FocusArea

M = TypeVar("M", bound=models.Model)
P = ParamSpec("P")


PAGE_SIZE = 50
MAX_PAGE_SIZE = 100


class Pagination(PageNumberPagination):
    """`?page=2&page_size=20`; answers {"items": [...], "count": <total>}.

    A page size above the documented limit is refused (422), not silently cut, so a
    client never mistakes a short page for the end of the list.
    """

    class Input(Schema):
        page: int = Field(1, ge=1, description="Sidnummer, från 1.")
        page_size: int | None = Field(
            None,
            ge=1,
            le=MAX_PAGE_SIZE,
            description=f"Rader per sida, {PAGE_SIZE} om inget anges, högst {MAX_PAGE_SIZE}.",
        )

    def __init__(self) -> None:
        super().__init__(page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)


# The error answers an endpoint may give, for the OpenAPI document.
READ_ERRORS = {401: ErrorOut, 422: ErrorOut}
DETAIL_ERRORS = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
# Endpoints for those who work in the city: other signed-in users get 403.
INTERNAL_ERRORS = {401: ErrorOut, 403: ErrorOut, 422: ErrorOut}
INTERNAL_DETAIL_ERRORS = {**INTERNAL_ERRORS, 404: ErrorOut}
# Writes: bad data 400, not allowed 403; WRITE_ERRORS also "not now" 409.
CHANGE_ERRORS = {**DETAIL_ERRORS, 400: ErrorOut, 403: ErrorOut}
WRITE_ERRORS = {**INTERNAL_DETAIL_ERRORS, 400: ErrorOut, 409: ErrorOut}
DELETE_ERRORS = {204: None, **WRITE_ERRORS}


# Lookups


def signed_in(request: HttpRequest) -> User:
    """Return the caller of an endpoint behind USER_AUTH (which lets no one else in)."""
    user = caller(request)
    if user is None:
        raise PermissionDenied  # USER_AUTH has answered 401 already
    return user


def get_or_404(queryset: QuerySet[M], pk: int, message: str) -> M:
    """Return the row PK of QUERYSET, or raise a 404 with a Swedish MESSAGE.

    The queryset already holds only what the caller may see, so a row that exists
    but is hidden gets the same answer as one that does not exist.
    """
    if not 1 <= pk <= MAX_ID:
        raise NotFound(message)
    row = queryset.filter(pk=pk).order_by().first()
    if row is None:
        raise NotFound(message)
    return row


def found(message: str, get: Callable[P, M], *args: P.args, **kwargs: P.kwargs) -> M:
    """Call GET, an app's `get_<type>_for_actor` helper, and answer its 404 with MESSAGE.

    The helper holds the rule (hidden is 404, not allowed is 403); the API only words it.
    """
    try:
        return get(*args, **kwargs)
    except Http404:
        raise NotFound(message) from None


def resolve(queryset: QuerySet[Any], wanted: list[int]) -> tuple[list[Any], list[int]]:
    """Return the rows of QUERYSET with the WANTED ids, and the ids that matched none."""
    rows = list(queryset.filter(pk__in=set(wanted)))
    present = {row.pk for row in rows}
    return rows, sorted(set(wanted) - present)


def missing(name: str, message: str, ids: list[int] | list[str]) -> dict[str, str]:
    """Return the error of field NAME for the IDS that matched nothing."""
    return {name: message % {"ids": ", ".join(map(str, ids))}}


def check_body_errors(errors: dict[str, str]) -> None:
    """Refuse the request (400) if the ids in its body left ERRORS."""
    if errors:
        raise ValidationError(errors)


# Running an action

# Error codes of the planning actions' refusals that mean "not now" rather than "bad data".
CONFLICT_CODES = frozenset({"stale", "state", "closed", "locked", ALREADY_DONE, "empty"})

# What the API calls the model fields that the planning actions name in their errors.
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


def attempt(
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


# The plans


def plan_for(
    user: User, organisation_id: int, year: int, *, write: bool = False
) -> tuple[Organisation, PlanningYear]:
    """Return the organisation and planning year of a plan, saying which one is missing."""
    try:
        return get_plan_for_actor(user, organisation_id, year, write=write)
    except Http404:
        exists = 1 <= organisation_id <= MAX_ID and (
            Organisation.objects.filter(pk=organisation_id).exists()
        )
        if not exists:
            raise NotFound(_("Organisationen finns inte.")) from None
        raise NotFound(_("Planeringsåret finns inte.")) from None


def plan_activities() -> QuerySet[Activity]:
    """Return the activities with what ActivityOut shows."""
    return Activity.objects.select_related("planning_year").prefetch_related(
        "target_groups", "milestones"
    )


# The steering structure


def development_area_prefetches() -> list[str | Prefetch[Any]]:
    """Return the prefetches of what DevelopmentAreaOut shows."""
    return [
        Prefetch("focus_areas", queryset=FocusArea.objects.order_by("position", "title")),
        "target_groups",
        "sdg_targets",
        Prefetch(
            "city_activities",
            queryset=CityActivity.objects.order_by("position", "title", "pk").prefetch_related(
                "target_groups"
            ),
        ),
    ]


def development_area_rows() -> QuerySet[DevelopmentArea]:
    """Return the development areas in order, with what DevelopmentAreaOut shows."""
    return DevelopmentArea.objects.order_by("position", "title", "pk").prefetch_related(
        *development_area_prefetches()
    )
