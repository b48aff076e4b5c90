"""Helpers shared by the endpoint modules: lookups by id and the page size."""

from typing import TypeVar

from django.db import models
from django.db.models import QuerySet
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

from mrplan.api.errors import NotFound
from mrplan.api.schemas import MAX_ID, ErrorOut

M = TypeVar("M", bound=models.Model)


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
