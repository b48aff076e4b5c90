"""Endpoints for the measures of the datasets and their observations.

A measure is visible with its dataset (anonymous callers: published datasets only). A
suppressed observation is never given away: its value, n and interval are null and
`suppressed` true.
"""

from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import paginate

from mrplan.accounts.types import Actor
from mrplan.api.auth import OPTIONAL_AUTH, READ_AUTH
from mrplan.api.common import (
    DETAIL_ERRORS,
    Pagination,
    found,
)
from mrplan.api.schemas.knowledge import MeasureOut, ObservationOut
from mrplan.knowledge import selectors
from mrplan.knowledge.models import Measure, Observation
from mrplan.knowledge.permissions import get_measure_for_actor

router = Router(tags=["Kunskapsunderlag"], auth=READ_AUTH)


def _measures(actor: Actor) -> QuerySet[Measure]:
    return Measure.objects.filter(dataset__in=selectors.datasets_visible_to(actor)).annotate(
        observation_count=Count("observations")
    )


@router.get(
    "/knowledge/measures/",
    operation_id="mrplan_knowledge_api_measure_list",
    response={200: list[MeasureOut], **DETAIL_ERRORS},
    summary="Lista mått",
    description="Mått i de dataset du får se. Filtrera på dataset med `?dataset=<id>`.",
    openapi_extra=OPTIONAL_AUTH,
)
@paginate(Pagination)
def measure_list(request: HttpRequest, dataset: int | None = None) -> QuerySet[Measure]:
    measures = _measures(request.user)
    if dataset is not None:
        measures = measures.filter(dataset_id=dataset)
    return measures.order_by("dataset__title", "name", "pk")


@router.get(
    "/knowledge/measures/{int:measure_id}/",
    operation_id="mrplan_knowledge_api_measure_detail",
    response={200: MeasureOut, **DETAIL_ERRORS},
    summary="Visa ett mått",
    openapi_extra=OPTIONAL_AUTH,
)
def measure_detail(request: HttpRequest, measure_id: int) -> Measure:
    measure = found(_("Måttet finns inte."), get_measure_for_actor, request.user, measure_id)
    return _measures(request.user).get(pk=measure.pk)


@router.get(
    "/knowledge/measures/{int:measure_id}/observations/",
    operation_id="mrplan_knowledge_api_observation_list",
    response={200: list[ObservationOut], **DETAIL_ERRORS},
    summary="Lista ett måtts observationer",
    description=(
        "Värden per område, period och indelning. Filtrera med `?area=<kod eller namn>`, "
        "`?period=<benämning>` och `?breakdown=<indelningsnyckel>` (tom för totalen). "
        "Undertryckta värden (för få svarande) har value, n och ci null och suppressed true."
    ),
    openapi_extra=OPTIONAL_AUTH,
)
@paginate(Pagination)
def observation_list(
    request: HttpRequest,
    measure_id: int,
    area: str | None = None,
    period: str | None = None,
    breakdown: str | None = None,
) -> QuerySet[Observation]:
    measure = found(_("Måttet finns inte."), get_measure_for_actor, request.user, measure_id)
    observations = (
        Observation.objects.filter(measure=measure)
        .select_related("area", "period")
        .prefetch_related("dimension_values__dimension")
        .order_by("period__start", "area__name", "breakdown_key", "pk")
    )
    if area:
        observations = observations.filter(area__code=area) | observations.filter(area__name=area)
    if period:
        observations = observations.filter(period__label=period)
    if breakdown is not None:
        observations = observations.filter(breakdown_key=breakdown)
    return observations
