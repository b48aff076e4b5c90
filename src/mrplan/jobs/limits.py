"""Limits checked before a parser opens an upload: a hostile file is refused, not run.

Zip containers (.xlsx, .docx) are checked from their directory before anything is
decompressed: Python's zipfile never inflates a member beyond the size its directory
declares, so the declared sizes bound the work that follows.
"""

import io
import re
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

from mrplan.jobs.runner import JobRefused

ZIP_MAGIC = b"PK\x03\x04"
MAX_ZIP_MEMBERS = 2000
_MB = 1024 * 1024
_XLSX_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
_XLSX_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")


def check_zip(data: bytes) -> zipfile.ZipFile | None:
    """Refuse a zip whose members would unpack beyond the limit; return it (None if no zip)."""
    if not data.startswith(ZIP_MAGIC):
        return None
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise JobRefused(_("Filen är skadad och kan inte läsas.")) from error
    limit = settings.MRPLAN_IMPORT_MAX_UNZIPPED_BYTES
    if len(members) > MAX_ZIP_MEMBERS or sum(member.file_size for member in members) > limit:
        raise JobRefused(
            _("Filen packas upp till mer än %(size)s MB och kan inte läsas.")
            % {"size": limit // _MB}
        )
    return archive


def _count(archive: zipfile.ZipFile, name: str, pattern: re.Pattern[bytes]) -> int:
    total, tail = 0, b""
    with archive.open(name) as stream:
        while chunk := stream.read(_MB):
            block = tail + chunk
            total += len(pattern.findall(block))
            # Keep the end of the block unless it ended in a match we already counted.
            cut = max(0, len(block) - 16)
            tail = block[cut:]
            total -= len(pattern.findall(tail))
    return total + len(pattern.findall(tail))


def check_xlsx(data: bytes) -> None:
    """Refuse a workbook with more rows or cells than the import limits allow."""
    archive = check_zip(data)
    if archive is None:
        raise JobRefused(_("Filen är inte en Excel-fil (.xlsx)."))
    rows = cells = 0
    for name in archive.namelist():
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            rows += _count(archive, name, _XLSX_ROW)
            cells += _count(archive, name, _XLSX_CELL)
    _check_rows_and_cells(rows, cells)


def check_csv(data: bytes) -> None:
    """Refuse a CSV file with more rows or cells than the import limits allow."""
    rows = data.count(b"\n") + 1
    cells = rows + data.count(b",") + data.count(b";") + data.count(b"\t")
    _check_rows_and_cells(rows, cells)


def _check_rows_and_cells(rows: int, cells: int) -> None:
    if rows > settings.MRPLAN_IMPORT_MAX_ROWS:
        raise JobRefused(
            _("Filen har fler än %(count)s rader. Dela upp den i mindre filer.")
            % {"count": settings.MRPLAN_IMPORT_MAX_ROWS}
        )
    if cells > settings.MRPLAN_IMPORT_MAX_CELLS:
        raise JobRefused(
            _("Filen har fler än %(count)s celler. Dela upp den i mindre filer.")
            % {"count": settings.MRPLAN_IMPORT_MAX_CELLS}
        )


def check_table(data: bytes, filename: str) -> None:
    """Check an .xlsx or .csv upload against the limits."""
    if filename.lower().endswith(".xlsx"):
        check_xlsx(data)
    else:
        check_csv(data)


def check_document(data: bytes) -> None:
    """Check a PDF (page count) or .docx (unpacked size) against the limits."""
    if data.startswith(ZIP_MAGIC):
        check_zip(data)
        return
    if b"%PDF-" not in data[:1024]:
        return
    from pypdf import PdfReader

    try:
        pages = len(PdfReader(io.BytesIO(data)).pages)
    except Exception:  # noqa: BLE001 (the parser reports unreadable files in Swedish itself)
        return
    if pages > settings.MRPLAN_IMPORT_MAX_PAGES:
        raise JobRefused(
            _("PDF-filen har %(pages)s sidor; högst %(limit)s sidor kan läsas.")
            % {"pages": pages, "limit": settings.MRPLAN_IMPORT_MAX_PAGES}
        )
