"""The open data files as an API anyone may read: /api/v1/open/<file>/ and …/<id>.

Each file of the open data registry (public/opendata.py) is a resource here, with the same
rows and the same field names and types as its CSV and JSON downloads (`area_code`,
`count`, …): what is published on the site is readable anonymously, and nothing else, by
the registry's one rule. Every file gets its own typed schema in the OpenAPI document.
"""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import paginate

from mrplan.api.auth import anonymous
from mrplan.api.common import (
    Pagination,
)
from mrplan.api.errors import NotFound
from mrplan.api.schemas.base import ErrorOut
from mrplan.api.schemas.open_data import FileOut, row_schema
from mrplan.public.opendata import TABLES, Table, to_json_value

router = Router(tags=["Öppna data"], auth=[anonymous])


def _json_row(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    types = {column.id: column.type for column in table.columns}
    return {key: to_json_value(value, types[key]) for key, value in row.items() if key in types}


@router.get(
    "/open/",
    operation_id="mrplan_api_open_data_file_list",
    response={200: list[FileOut]},
    summary="Lista filerna med öppna data",
    description="Varje fil med öppna data, med kolumnernas id, typ och beskrivning "
    "(dataordlistan). Samma uppgifter finns som CSV, Excel och JSON under /oppet/data/.",
)
def file_list(request: HttpRequest) -> list[dict[str, Any]]:
    """Return the open data files and their columns."""
    return [
        {
            "name": table.name,
            "title_sv": table.title_sv,
            "title_en": table.title_en,
            "description_sv": table.description_sv,
            "description_en": table.description_en,
            "url": f"/api/v1/open/{table.name}/",
            "columns": [
                {
                    "id": column.id,
                    "type": column.type,
                    "description_sv": column.sv,
                    "description_en": column.en,
                }
                for column in table.columns
            ],
        }
        for table in TABLES
    ]


def _add_routes(table: Table) -> None:
    schema = row_schema(table)

    @router.get(
        f"/open/{table.name}/",
        response={200: list[schema], 422: ErrorOut},  # type: ignore[valid-type]
        summary=f"Lista: {table.title_sv}",
        description=f"{table.description_sv} Samma rader och fält som filen "
        f"{table.name}.csv, sorterade efter id.",
        operation_id=f"open_{table.name.replace('-', '_')}_list",
    )
    @paginate(Pagination)
    def rows(request: HttpRequest) -> list[dict[str, Any]]:
        return [_json_row(table, row) for row in table.rows()]

    @router.get(
        f"/open/{table.name}/{{row_id}}",
        response={200: schema, 404: ErrorOut, 422: ErrorOut},
        summary=f"Visa en rad: {table.title_sv}",
        operation_id=f"open_{table.name.replace('-', '_')}_detail",
    )
    def row(request: HttpRequest, row_id: int) -> dict[str, Any]:
        for found in table.rows():
            if found.get("id") == row_id:
                return _json_row(table, found)
        raise NotFound(_("Raden finns inte bland de publicerade uppgifterna."))


for _table in TABLES:
    _add_routes(_table)
