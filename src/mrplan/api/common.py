"""Helpers shared by the endpoint modules: lookups by id and the page size."""

from typing import TypeVar

from django.db import models
from django.db.models import QuerySet
from ninja.pagination import PageNumberPagination

from mrplan.api.errors import NotFound
from mrplan.api.schemas import MAX_ID, ErrorOut

M = TypeVar("M", bound=models.Model)


class Pagination(PageNumberPagination):
    """`?page=2&page_size=20`; answers {"items": [...], "count": <total>}."""

    def __init__(self) -> None:
        super().__init__(page_size=50, max_page_size=100)


# The error answers every endpoint may give, for the OpenAPI document.
READ_ERRORS = {401: ErrorOut, 422: ErrorOut}
DETAIL_ERRORS = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}


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
