"""What every part of the API shares: ids and the error answer."""

from typing import Annotated, Any

from ninja import Field, Schema

MAX_ID = 2**63 - 1


DatabaseId = Annotated[int, Field(ge=1, le=MAX_ID)]


def ids(related: Any) -> list[int]:
    """Return the ids of a prefetched relation, in its order."""
    return [row.pk for row in related.all()]


class ErrorOut(Schema):
    detail: str = Field(description="Vad som gick fel, på svenska.")
    errors: dict[str, list[str]] | None = Field(
        None, description="Vid 400 och 422: felen per fält."
    )
