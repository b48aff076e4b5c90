"""The open data files: their data dictionary and a typed schema per file."""

from datetime import date
from typing import Any

from ninja import Schema
from pydantic import create_model

from mrplan.public.opendata import Table

PYTHON_TYPES: dict[str, Any] = {
    "integer": int,
    "number": float,
    "decimal": float,
    "text": str,
    "date": date,
    "boolean": bool,
    "integer_list": list[int],
    "text_list": list[str],
    "json": Any,
}


class ColumnOut(Schema):
    id: str
    type: str
    description_sv: str
    description_en: str


class FileOut(Schema):
    name: str
    title_sv: str
    title_en: str
    description_sv: str
    description_en: str
    url: str
    columns: list[ColumnOut]


def row_schema(table: Table) -> type[Schema]:
    """Return the schema of one row of TABLE, named after the file (OpenProgrammesRow)."""
    fields: dict[str, Any] = {}
    for column in table.columns:
        kind = PYTHON_TYPES[column.type]
        fields[column.id] = (kind if column.id == "id" else kind | None, ...)
    name = "Open" + "".join(part.title() for part in table.name.split("-")) + "Row"
    return create_model(name, __base__=Schema, **fields)
