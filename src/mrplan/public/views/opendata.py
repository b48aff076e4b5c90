"""Open data downloads: every public list as CSV, XLSX and JSON, and all of it as one zip.

CSV files are UTF-8 without a byte order mark, comma separated, with a header row of the
columns' stable ids and CRLF line ends (RFC 4180). Unknown names and formats are 404.
"""

import csv
import io
import json
import zipfile
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from openpyxl import Workbook
from openpyxl.styles import Font

from mrplan.core.exports import neutralise, xlsx_append
from mrplan.public import metadata
from mrplan.public.opendata import (
    DICTIONARY_COLUMNS,
    REGISTRY,
    TABLES,
    Row,
    Table,
    dictionary_rows,
    to_cell,
    to_json_value,
)

DICTIONARY_NAME = "data-dictionary"
FORMATS = ("csv", "xlsx", "json")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "zip": "application/zip",
}
LICENCE_NAME = metadata.LICENCE_NAME
LICENCE_URL = metadata.LICENCE_URL

LICENCE_TEXT = f"""Licens / Licence: {LICENCE_NAME}
{LICENCE_URL}

Svenska
Data i filerna får användas fritt, för alla ändamål, utan att fråga och utan att ange
källa (CC0 1.0). Handlingarna som uppgifterna kommer från, till exempel tjänsteutlåtanden
och rapporter, är allmänna handlingar. Inga personuppgifter om kontaktpersoner och inga
utkast eller opublicerade uppgifter finns med.

English
The data in these files may be used freely, for any purpose, without asking and without
attribution (CC0 1.0). The documents the data comes from, such as statements and reports,
are public records. No personal data about contact persons and no drafts or unpublished
items are included.
"""

README_TEXT = """Öppna data om stadens arbete för de mänskliga rättigheterna
Open data about the city's human-rights work

Filer / Files
- <namn>.csv: en fil per lista / one file per list
- data-dictionary.csv, data-dictionary.json: varje kolumn i varje fil, med typ och
  beskrivning på svenska och engelska / every column of every file, with its type and a
  description in Swedish and English
- LICENSE.txt: CC0 1.0
- datapackage.json: Frictionless Data Package, en Table Schema per fil (typer,
  primärnyckel, främmande nycklar) / one Table Schema per file (types, keys)

Format
CSV: UTF-8 utan BOM, kommaseparerad, första raden är kolumnernas id, radslut CRLF
(RFC 4180). Tom cell = inget värde. Datum ÅÅÅÅ-MM-DD, decimalpunkt, sant/falskt som
true/false, listor av id åtskilda med semikolon, listor av texter och objekt som JSON.
CSV: UTF-8 without BOM, comma separated, first row holds the column ids, CRLF line ends
(RFC 4180). Empty cell = no value. Dates YYYY-MM-DD, decimal point, booleans true/false,
lists of ids separated by semicolons, lists of texts and objects as JSON.

Id-kolumnerna är stabila och desamma som i API:t / The id columns are stable and the same
as in the API: /oppet/api/
"""


def _csv_cell(text: str, type_: str) -> str:
    # Only free text can start a formula; numbers (also negative ones) stay as they are.
    return str(neutralise(text)) if type_ == "text" else text


def csv_bytes(columns: Sequence[str], types: Sequence[str], rows: list[Row]) -> bytes:
    """Return ROWS as CSV (UTF-8, comma, CRLF) with a header of the column ids."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(
            [_csv_cell(to_cell(row[c], t), t) for c, t in zip(columns, types, strict=True)]
        )
    return buffer.getvalue().encode("utf-8")


def table_csv(table: Table, rows: list[Row]) -> bytes:
    return csv_bytes(table.column_ids, [column.type for column in table.columns], rows)


def dictionary_csv() -> bytes:
    return csv_bytes(DICTIONARY_COLUMNS, ["text"] * len(DICTIONARY_COLUMNS), dictionary_rows())


def _xlsx_value(value: Any, type_: str) -> Any:
    if value is None:
        return None
    if type_ in ("integer_list", "text_list", "json"):
        return to_cell(value, type_)
    return value


def table_xlsx(table: Table, rows: list[Row]) -> bytes:
    """Return ROWS as a workbook: one sheet, a bold frozen header of the column ids."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = table.name[:31]
    sheet.append(table.column_ids)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in rows:
        xlsx_append(sheet, [_xlsx_value(row[column.id], column.type) for column in table.columns])
    for cells in sheet.iter_cols(min_row=2):
        for cell in cells:
            if cell.is_date:
                cell.number_format = "yyyy-mm-dd"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_json(table: Table, rows: list[Row]) -> bytes:
    """Return the table as JSON: its name, licence, columns and rows (objects by column id)."""
    document = {
        "name": table.name,
        "title": {"sv": table.title_sv, "en": table.title_en},
        "description": {"sv": table.description_sv, "en": table.description_en},
        "licence": {"name": LICENCE_NAME, "url": LICENCE_URL},
        "columns": [
            {"id": c.id, "type": c.type, "description": {"sv": c.sv, "en": c.en}}
            for c in table.columns
        ],
        "rows": [{c.id: to_json_value(row[c.id], c.type) for c in table.columns} for row in rows],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def dictionary_json() -> bytes:
    return json.dumps(
        {"licence": {"name": LICENCE_NAME, "url": LICENCE_URL}, "columns": dictionary_rows()},
        ensure_ascii=False,
        indent=1,
    ).encode("utf-8")


def dictionary_xlsx() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = DICTIONARY_NAME
    sheet.append(list(DICTIONARY_COLUMNS))
    for row in dictionary_rows():
        xlsx_append(sheet, [row[name] for name in DICTIONARY_COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def bulk_zip() -> bytes:
    """Return every table as CSV, the data dictionary, the licence and a readme, zipped."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in TABLES:
            archive.writestr(f"{table.name}.csv", table_csv(table, table.rows()))
        archive.writestr(f"{DICTIONARY_NAME}.csv", dictionary_csv())
        archive.writestr(f"{DICTIONARY_NAME}.json", dictionary_json())
        archive.writestr("LICENSE.txt", LICENCE_TEXT)
        archive.writestr("README.txt", README_TEXT)
        archive.writestr("datapackage.json", _json_bytes(metadata.datapackage()))
    return buffer.getvalue()


def _json_bytes(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=2).encode()


def _download(content: bytes, filename: str, fmt: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """List the open data files with their formats, the licence and the API."""
    context = {
        "tables": TABLES,
        "formats": FORMATS,
        "dictionary_name": DICTIONARY_NAME,
        "licence_name": LICENCE_NAME,
        "licence_url": LICENCE_URL,
        "crumbs": [
            (reverse("public-start"), _("Öppen redovisning")),
            (None, _("Öppna data")),
        ],
    }
    return render(request, "public/opendata.html", context)


@require_safe
def download(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    """Send one table (or the data dictionary) as CSV, XLSX or JSON."""
    if fmt not in FORMATS:
        raise Http404
    filename = f"{name}.{fmt}"
    if name == DICTIONARY_NAME:
        builders = {"csv": dictionary_csv, "xlsx": dictionary_xlsx, "json": dictionary_json}
        return _download(builders[fmt](), filename, fmt)
    table = REGISTRY.get(name)
    if table is None:
        raise Http404
    rows = table.rows()
    writers = {"csv": table_csv, "xlsx": table_xlsx, "json": table_json}
    return _download(writers[fmt](table, rows), filename, fmt)


@require_safe
def download_all(request: HttpRequest) -> HttpResponse:
    """Send every table as CSV with the data dictionary and the licence in one zip."""
    return _download(bulk_zip(), "alla.zip", "zip")


@require_safe
def datapackage(request: HttpRequest) -> HttpResponse:
    """Send the Frictionless Data Package descriptor of every file, with absolute paths."""
    response = HttpResponse(
        _json_bytes(metadata.datapackage(settings.SITE_URL.rstrip("/"))),
        content_type="application/json",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def dcat_catalogue(request: HttpRequest, fmt: str) -> HttpResponse:
    """Send the DCAT-AP-SE catalogue as RDF/XML (what dataportal.se harvests) or JSON-LD."""
    formats = {"rdf": ("xml", "application/rdf+xml"), "jsonld": ("json-ld", "application/ld+json")}
    if fmt not in formats:
        raise Http404
    serialiser, content_type = formats[fmt]
    graph = metadata.catalogue(settings.SITE_URL.rstrip("/"))
    response = HttpResponse(graph.serialize(format=serialiser), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
