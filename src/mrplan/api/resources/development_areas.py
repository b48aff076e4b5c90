"""Endpoints for the development areas of the action plans, with their city activities.

Anyone reads those of published action plans; signed-in callers also those of drafts.
Only coordinators change them, through the programmes action.
"""

from typing import Any

from django.db.models import prefetch_related_objects
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from mrplan.api.auth import OPTIONAL_AUTH, USER_AUTH
from mrplan.api.common import (
    DETAIL_ERRORS,
    check_body_errors,
    development_area_prefetches,
    development_area_rows,
    found,
    missing,
    resolve,
    signed_in,
)
from mrplan.api.schemas.base import ErrorOut
from mrplan.api.schemas.programmes import DevelopmentAreaOut, DevelopmentAreaPatch
from mrplan.programmes import actions
from mrplan.programmes.models import DevelopmentArea, FocusArea, TargetGroup
from mrplan.programmes.permissions import get_development_area_for_actor

router = Router(tags=["Program och handlingsplaner"])


@router.get(
    "/development-areas/{development_area_id}",
    operation_id="mrplan_api_programmes_development_area_detail",
    response={200: DevelopmentAreaOut, **DETAIL_ERRORS},
    summary="Visa ett utvecklingsområde",
    openapi_extra=OPTIONAL_AUTH,
)
def development_area_detail(request: HttpRequest, development_area_id: int) -> DevelopmentArea:
    """Return one development area with its links and city activities."""
    development_area = found(
        _("Utvecklingsområdet finns inte."),
        get_development_area_for_actor,
        request.user,
        development_area_id,
    )
    prefetch_related_objects([development_area], *development_area_prefetches())
    return development_area


def _changes(payload: DevelopmentAreaPatch) -> dict[str, Any]:
    """Turn PAYLOAD into the model-field data the action takes, resolving ids to rows."""
    sent = payload.model_dump(exclude_unset=True)
    data: dict[str, Any] = {
        name: sent[name] for name in ("title", "description", "position") if name in sent
    }
    errors: dict[str, str] = {}
    if "focus_area_ids" in sent:
        # Whether they belong to the plan's programme is the action's rule to check.
        data["focus_areas"], unknown = resolve(FocusArea.objects.all(), sent["focus_area_ids"])
        if unknown:
            errors |= missing(
                "focus_areas", _("Det finns inget fokusområde med id %(ids)s."), unknown
            )
    if "target_group_ids" in sent:
        data["target_groups"], unknown = resolve(
            TargetGroup.objects.all(), sent["target_group_ids"]
        )
        if unknown:
            errors |= missing(
                "target_groups", _("Det finns ingen målgrupp med id %(ids)s."), unknown
            )
    check_body_errors(errors)
    return data


@router.patch(
    "/development-areas/{development_area_id}",
    operation_id="mrplan_api_programmes_development_area_update",
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
    user = signed_in(request)
    # Refuse early (write), so that callers who may not write learn nothing from payload
    # errors; the action checks again.
    development_area = found(
        _("Utvecklingsområdet finns inte."),
        get_development_area_for_actor,
        user,
        development_area_id,
        write=True,
    )
    actions.development_area_update(
        actor=user, development_area=development_area, data=_changes(payload)
    )
    return development_area_rows().get(pk=development_area.pk)
