"""Endpoints for the training offers and their sessions with participation.

For those who work in the city (others get 401 or 403).
"""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from mrplan.api.auth import USER_AUTH
from mrplan.api.common import (
    INTERNAL_ERRORS,
    Pagination,
)
from mrplan.api.schemas.collaboration import OfferOut, SessionOut
from mrplan.collaboration import permissions
from mrplan.collaboration.models import TrainingOffer, TrainingSession

router = Router(tags=["Samverkan och kompetens"], auth=USER_AUTH)


@router.get(
    "/collaboration/training/offers/",
    operation_id="mrplan_collaboration_api_offer_list",
    response={200: list[OfferOut], **INTERNAL_ERRORS},
    summary="Lista utbildningsinsatser",
)
@paginate(Pagination)
def offer_list(request: HttpRequest) -> QuerySet[TrainingOffer]:
    permissions.check_reader(request.user)
    return TrainingOffer.objects.order_by("topic", "pk")


@router.get(
    "/collaboration/training/sessions/",
    operation_id="mrplan_collaboration_api_session_list",
    response={200: list[SessionOut], **INTERNAL_ERRORS},
    summary="Lista utbildningstillfällen med deltagande",
)
@paginate(Pagination)
def session_list(request: HttpRequest, offer_id: int | None = None) -> QuerySet[TrainingSession]:
    permissions.check_reader(request.user)
    result = TrainingSession.objects.prefetch_related("participations").order_by("-date", "pk")
    if offer_id is not None:
        result = result.filter(offer_id=offer_id)
    return result
