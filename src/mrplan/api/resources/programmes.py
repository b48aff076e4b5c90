"""Endpoints for the programmes, each with its focus areas and action plans.

Anonymous callers see only what is published (`published()`: the published flag); signed-in
callers also see drafts. Hidden rows answer 404, exactly like missing ones.
"""

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import paginate

from mrplan.accounts.types import Actor
from mrplan.api.auth import OPTIONAL_AUTH
from mrplan.api.common import (
    DETAIL_ERRORS,
    READ_ERRORS,
    Pagination,
    found,
)
from mrplan.api.schemas.programmes import ProgrammeOut
from mrplan.programmes.models import FocusArea, Programme
from mrplan.programmes.permissions import get_programme_for_actor
from mrplan.programmes.selectors import action_plans_visible_to, programmes_visible_to

router = Router(tags=["Program och handlingsplaner"])


def _programmes(user: Actor) -> QuerySet[Programme]:
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


@router.get(
    "/programmes/",
    operation_id="mrplan_api_programmes_programme_list",
    response={200: list[ProgrammeOut], **READ_ERRORS},
    summary="Lista program",
    description="Varje program med sina fokusområden och handlingsplaner, nyaste först.",
    openapi_extra=OPTIONAL_AUTH,
)
@paginate(Pagination)
def programme_list(request: HttpRequest) -> QuerySet[Programme]:
    """Return the programmes the caller may see, each with its parts."""
    return _programmes(request.user)


@router.get(
    "/programmes/{programme_id}",
    operation_id="mrplan_api_programmes_programme_detail",
    response={200: ProgrammeOut, **DETAIL_ERRORS},
    summary="Visa ett program",
    openapi_extra=OPTIONAL_AUTH,
)
def programme_detail(request: HttpRequest, programme_id: int) -> Programme:
    """Return one programme with its focus areas and action plans."""
    programme = found(
        _("Programmet finns inte."), get_programme_for_actor, request.user, programme_id
    )
    return _programmes(request.user).get(pk=programme.pk)
