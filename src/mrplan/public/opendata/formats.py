"""Write the open data tables as files: CSV, JSON and XLSX per table, and the bulk zip.

Every writer takes the rows as an iterator and writes them to a file as they come, so that a
table of any size is never held whole in memory (store.py builds the files in a background
job). CSV files are UTF-8 without a byte order mark, comma separated, with a header row of
the columns' stable ids and CRLF line ends (RFC 4180).
"""

import csv
import io
import json
import shutil
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from mrplan.core.exports import is_risky, neutralise
from mrplan.public import metadata
from mrplan.public.opendata import (
    DICTIONARY_COLUMNS,
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


# CSV


def _csv_cell(text: str, type_: str) -> str:
    # Only free text can start a formula; numbers (also negative ones) stay as they are.
    return str(neutralise(text)) if type_ == "text" else text


class CsvWriter:
    """Write rows to OUT as CSV (UTF-8, comma, CRLF) under a header of the column ids."""

    def __init__(self, out: IO[bytes], columns: Sequence[str], types: Sequence[str]) -> None:
        self.text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
        self.writer = csv.writer(self.text, lineterminator="\r\n")
        self.columns = list(zip(columns, types, strict=True))
        self.writer.writerow(columns)

    def write(self, row: Row) -> None:
        self.writer.writerow([_csv_cell(to_cell(row[c], t), t) for c, t in self.columns])

    def close(self) -> None:
        self.text.flush()
        self.text.detach()  # leave OUT open for the caller


def table_csv_writer(out: IO[bytes], table: Table) -> CsvWriter:
    return CsvWriter(out, table.column_ids, [column.type for column in table.columns])


def dictionary_csv() -> bytes:
    out = io.BytesIO()
    writer = CsvWriter(out, DICTIONARY_COLUMNS, ["text"] * len(DICTIONARY_COLUMNS))
    for row in dictionary_rows():
        writer.write(row)
    writer.close()
    return out.getvalue()


# JSON


class JsonWriter:
    """Write a table as JSON: its name, licence, columns and rows (objects by column id).

    The bytes are those of json.dumps(document, ensure_ascii=False, indent=1), written a row
    at a time: the rows list is the document's last key.
    """

    def __init__(self, out: IO[bytes], table: Table) -> None:
        self.out = out
        self.columns = table.columns
        head = {
            "name": table.name,
            "title": {"sv": table.title_sv, "en": table.title_en},
            "description": {"sv": table.description_sv, "en": table.description_en},
            "licence": {"name": LICENCE_NAME, "url": LICENCE_URL},
            "columns": [
                {"id": c.id, "type": c.type, "description": {"sv": c.sv, "en": c.en}}
                for c in table.columns
            ],
        }
        opening = json.dumps(head, ensure_ascii=False, indent=1)
        out.write((opening[: -len("\n}")] + ',\n "rows": [').encode())
        self.separator = "\n"

    def write(self, row: Row) -> None:
        document = {c.id: to_json_value(row[c.id], c.type) for c in self.columns}
        # One level deeper than a document of its own: two more spaces on every line.
        text = json.dumps(document, ensure_ascii=False, indent=1).replace("\n", "\n  ")
        self.out.write(f"{self.separator}  {text}".encode())
        self.separator = ",\n"

    def close(self) -> None:
        self.out.write(("]\n}" if self.separator == "\n" else "\n ]\n}").encode())


def dictionary_json() -> bytes:
    return json.dumps(
        {"licence": {"name": LICENCE_NAME, "url": LICENCE_URL}, "columns": dictionary_rows()},
        ensure_ascii=False,
        indent=1,
    ).encode("utf-8")


# XLSX


def _xlsx_value(value: Any, type_: str) -> Any:
    if value is None:
        return None
    if type_ in ("integer_list", "text_list", "json"):
        return to_cell(value, type_)
    return value


class XlsxWriter:
    """Write rows as a workbook at PATH: one sheet, a bold frozen header of the column ids.

    openpyxl's write-only mode streams the rows to the file; the normal mode kept every cell
    as an object and took 35 s for the 4,800 activities of a Stockholm-sized city.
    """

    def __init__(self, path: Path, table: Table) -> None:
        self.path = path
        self.columns = table.columns
        self.workbook = Workbook(write_only=True)
        self.sheet = self.workbook.create_sheet(table.name[:31])
        self.sheet.freeze_panes = "A2"
        bold = Font(bold=True)
        header = []
        for column_id in table.column_ids:
            cell = WriteOnlyCell(self.sheet, column_id)
            cell.font = bold
            header.append(cell)
        self.sheet.append(header)

    def write(self, row: Row) -> None:
        self.sheet.append([_xlsx_cell(self.sheet, row[c.id], c.type) for c in self.columns])

    def close(self) -> None:
        self.workbook.save(self.path)


def _xlsx_cell(sheet: Any, value: Any, type_: str) -> Any:
    value = _xlsx_value(value, type_)
    if type_ == "date" and value is not None:
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    if is_risky(value):
        # Stored as text, never as a formula (core.exports.xlsx_text).
        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell
    return value


def dictionary_xlsx() -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(DICTIONARY_NAME)
    sheet.append(list(DICTIONARY_COLUMNS))
    for row in dictionary_rows():
        sheet.append([_xlsx_cell(sheet, row[name], "text") for name in DICTIONARY_COLUMNS])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# The bulk zip


def _entry(name: str) -> zipfile.ZipInfo:
    # The same entry ZipFile.writestr makes: the time of writing, deflated, mode 0600.
    info = zipfile.ZipInfo(name, date_time=time.localtime(time.time())[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    return info


def write_zip(out: IO[bytes], csv_files: dict[str, Path]) -> None:
    """Write every table's CSV (from CSV_FILES, by table name), the data dictionary, the
    licence and a readme to OUT as a zip, copying each CSV in blocks."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in TABLES:
            with (
                csv_files[table.name].open("rb") as source,
                archive.open(_entry(f"{table.name}.csv"), "w") as target,
            ):
                shutil.copyfileobj(source, target, 1024 * 1024)
        archive.writestr(f"{DICTIONARY_NAME}.csv", dictionary_csv())
        archive.writestr(f"{DICTIONARY_NAME}.json", dictionary_json())
        archive.writestr("LICENSE.txt", LICENCE_TEXT)
        archive.writestr("README.txt", README_TEXT)
        archive.writestr("datapackage.json", json_bytes(metadata.datapackage()))


def json_bytes(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=2).encode()
