"""API endpoints for the knowledge base: datasets, measures and observations.

Anonymous callers get published datasets only (an unpublished one answers 404, as if it did
not exist); signed-in callers (token or session) get every dataset. A suppressed
observation is never given away: its value, n and interval are null and `suppressed` true.

Mounted at /api/v1/ by mrplan/api/api.py.
"""

from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate

from mrplan.api.auth import OPTIONAL_AUTH, READ_AUTH, caller
from mrplan.api.common import DETAIL_ERRORS, Pagination, get_or_404
from mrplan.knowledge import selectors
from mrplan.knowledge.models import Dataset, Measure, Observation

router = Router(tags=["Kunskapsunderlag"], auth=READ_AUTH)


class DatasetOut(Schema):
    id: int
    slug: str
    title: str
    source: str
    publisher: str
    method_note: str
    licence: str
    update_frequency: str
    is_published: bool
    is_illustrative: bool
    measure_count: int


class MeasureOut(Schema):
    id: int
    dataset_id: int
    slug: str
    name: str
    code: str
    unit: str
    definition: str
    direction: str
    observation_count: int


class ObservationOut(Schema):
    id: int
    area: str
    area_code: str
    area_code_scheme: str
    period: str
    breakdown: dict[str, str]
    breakdown_key: str
    value: float | None
    n: int | None
    ci_low: float | None
    ci_high: float | None
    suppressed: bool

    @staticmethod
    def resolve_area(obj: Observation) -> str:
        return obj.area.name

    @staticmethod
    def resolve_area_code(obj: Observation) -> str:
        return obj.area.code

    @staticmethod
    def resolve_area_code_scheme(obj: Observation) -> str:
        return obj.area.code_scheme

    @staticmethod
    def resolve_period(obj: Observation) -> str:
        return obj.period.label

    @staticmethod
    def resolve_breakdown(obj: Observation) -> dict[str, str]:
        return {v.dimension.name: v.label for v in obj.dimension_values.all()}

    @staticmethod
    def resolve_value(obj: Observation) -> float | None:
        return None if obj.suppressed else obj.value

    @staticmethod
    def resolve_n(obj: Observation) -> int | None:
        return None if obj.suppressed else obj.count

    @staticmethod
    def resolve_ci_low(obj: Observation) -> float | None:
        return None if obj.suppressed else obj.ci_low

    @staticmethod
    def resolve_ci_high(obj: Observation) -> float | None:
        return None if obj.suppressed else obj.ci_high


def _datasets(request: HttpRequest) -> QuerySet[Dataset]:
    return selectors.datasets_visible_to(caller(request)).annotate(measure_count=Count("measures"))


def _measures(request: HttpRequest) -> QuerySet[Measure]:
    return Measure.objects.filter(
        dataset__in=selectors.datasets_visible_to(caller(request))
    ).annotate(observation_count=Count("observations"))


@router.get(
    "/knowledge/datasets/",
    response={200: list[DatasetOut], **DETAIL_ERRORS},
    summary="Lista dataset",
    description="Dataset i kunskapsbanken. Utan inloggning visas bara publicerade.",
    openapi_extra=OPTIONAL_AUTH,
)
@paginate(Pagination)
def dataset_list(request: HttpRequest) -> QuerySet[Dataset]:
    return _datasets(request).order_by("title", "pk")


@router.get(
    "/knowledge/datasets/{int:dataset_id}/",
    response={200: DatasetOut, **DETAIL_ERRORS},
    summary="Visa ett dataset",
    openapi_extra=OPTIONAL_AUTH,
)
def dataset_detail(request: HttpRequest, dataset_id: int) -> Dataset:
    return get_or_404(_datasets(request), dataset_id, _("Datasetet finns inte."))


@router.get(
    "/knowledge/measures/",
    response={200: list[MeasureOut], **DETAIL_ERRORS},
    summary="Lista mått",
    description="Mått i de dataset du får se. Filtrera på dataset med `?dataset=<id>`.",
    openapi_extra=OPTIONAL_AUTH,
)
@paginate(Pagination)
def measure_list(request: HttpRequest, dataset: int | None = None) -> QuerySet[Measure]:
    measures = _measures(request)
    if dataset is not None:
        measures = measures.filter(dataset_id=dataset)
    return measures.order_by("dataset__title", "name", "pk")


@router.get(
    "/knowledge/measures/{int:measure_id}/",
    response={200: MeasureOut, **DETAIL_ERRORS},
    summary="Visa ett mått",
    openapi_extra=OPTIONAL_AUTH,
)
def measure_detail(request: HttpRequest, measure_id: int) -> Measure:
    return get_or_404(_measures(request), measure_id, _("Måttet finns inte."))


@router.get(
    "/knowledge/measures/{int:measure_id}/observations/",
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
    measure = get_or_404(_measures(request), measure_id, _("Måttet finns inte."))
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
