"""Endpoints for the knowledge base's datasets.

Anonymous callers get published datasets only (an unpublished one answers 404, as if it did
not exist); those who work in the city get every dataset.
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
from mrplan.api.schemas.knowledge import DatasetOut
from mrplan.knowledge import selectors
from mrplan.knowledge.models import Dataset
from mrplan.knowledge.permissions import get_dataset_for_actor

router = Router(tags=["Kunskapsunderlag"], auth=READ_AUTH)


def _datasets(actor: Actor) -> QuerySet[Dataset]:
    return selectors.datasets_visible_to(actor).annotate(measure_count=Count("measures"))


@router.get(
    "/knowledge/datasets/",
    operation_id="mrplan_knowledge_api_dataset_list",
    response={200: list[DatasetOut], **DETAIL_ERRORS},
    summary="Lista dataset",
    description="Dataset i kunskapsbanken. Utan inloggning visas bara publicerade.",
    openapi_extra=OPTIONAL_AUTH,
)
@paginate(Pagination)
def dataset_list(request: HttpRequest) -> QuerySet[Dataset]:
    return _datasets(request.user).order_by("title", "pk")


@router.get(
    "/knowledge/datasets/{int:dataset_id}/",
    operation_id="mrplan_knowledge_api_dataset_detail",
    response={200: DatasetOut, **DETAIL_ERRORS},
    summary="Visa ett dataset",
    openapi_extra=OPTIONAL_AUTH,
)
def dataset_detail(request: HttpRequest, dataset_id: int) -> Dataset:
    dataset = found(_("Datasetet finns inte."), get_dataset_for_actor, request.user, dataset_id)
    return _datasets(request.user).get(pk=dataset.pk)
