"""Cells for CSV and .xlsx files that people open in Excel, neutralised against formula injection.

Text that starts with =, +, -, @, a tab or a carriage return would be run as a formula by
Excel (OWASP "CSV injection"). In CSV such text gets a leading apostrophe, which Excel
hides; in .xlsx it is stored as a text cell with a quote prefix, so the value is kept as
it was. Numbers, dates and booleans are never touched. Every export calls these helpers;
imports call restore() so that an exported file reads back unchanged, and decode_csv() to
read an uploaded CSV file.
"""

from collections.abc import Iterable
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def is_risky(value: Any) -> bool:
    """Return whether VALUE is text that a spreadsheet would read as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def neutralise(value: Any) -> Any:
    """Return VALUE safe for a CSV cell: formula-leading text gets a leading apostrophe."""
    if is_risky(value):
        return "'" + value
    return value


def restore(value: Any) -> Any:
    """Return VALUE as it was before neutralise() (for imports of exported files)."""
    if isinstance(value, str) and value.startswith("'") and is_risky(value[1:]):
        return value[1:]
    return value


def xlsx_text(cell: Cell) -> None:
    """Store the cell's text as text, never as a formula, and mark it so in Excel."""
    if is_risky(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True


def xlsx_append(sheet: Worksheet, values: Iterable[Any]) -> None:
    """Append a row to the sheet with formula-leading text stored as plain text."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        xlsx_text(cell)


def decode_csv(content: bytes) -> tuple[str, str]:
    """Return an uploaded CSV file's text (UTF-8, else Windows-1252) and its delimiter.

    Swedish Excel writes ";" between cells, most other tools ","; the first line decides.
    """
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    return text, delimiter


def read_xlsx(content: bytes) -> list[list[Any]]:
    """Return the cells of the first sheet of an .xlsx file, row by row (values, not formulas).

    Read with calamine (Rust): openpyxl's reader spent about 10 µs a cell in Python, so a
    5 MB workbook (a million cells) took far longer than the 10 s an import may take to
    parse; calamine reads it in well under a second. Values: text, float (a whole number
    too, as openpyxl's callers already expect floats), bool, datetime.date/datetime/time/
    timedelta; an empty cell is None, as openpyxl gives it. Raises on a file that is not
    a readable workbook (callers turn that into their own Swedish message).
    """
    import io

    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
    try:
        rows = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    finally:
        workbook.close()
    return [[None if cell == "" else cell for cell in row] for row in rows]
