"""The limit checks themselves: counted from the zip without parsing, exact across chunks."""

import io
import zipfile

import pytest
from django.test import override_settings

from mrplan.jobs import limits
from mrplan.jobs.runner import JobRefused


def workbook(sheet_xml: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return buffer.getvalue()


def test_cells_and_rows_are_counted_exactly_across_read_chunks() -> None:
    # 2.6 MB of XML: matches straddle the 1 MB chunks the counter reads.
    rows = b"".join(
        b'<row r="1">' + b'<c r="A1"><v>1</v></c>' * 9 + b"</row>" for _ in range(12_000)
    )
    data = workbook(b"<x:worksheet><sheetData>" + rows + b"</sheetData></x:worksheet>")
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert limits._count(archive, "xl/worksheets/sheet1.xml", limits._XLSX_ROW) == 12_000
    assert limits._count(archive, "xl/worksheets/sheet1.xml", limits._XLSX_CELL) == 108_000
    with override_settings(MRPLAN_IMPORT_MAX_CELLS=108_000):
        limits.check_xlsx(data)
    with override_settings(MRPLAN_IMPORT_MAX_CELLS=107_999), pytest.raises(JobRefused):
        limits.check_xlsx(data)


def test_a_docx_zip_bomb_is_refused_from_the_zip_directory() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document>" + b"a" * (8 * 1024 * 1024))
    with (
        override_settings(MRPLAN_IMPORT_MAX_UNZIPPED_BYTES=4 * 1024 * 1024),
        pytest.raises(JobRefused, match="packas upp till mer än 4 MB"),
    ):
        limits.check_document(buffer.getvalue())
    limits.check_document(buffer.getvalue())  # within the default 50 MB


def test_a_zip_with_too_many_members_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number in range(limits.MAX_ZIP_MEMBERS + 1):
            archive.writestr(f"m{number}", b"")
    with pytest.raises(JobRefused):
        limits.check_zip(buffer.getvalue())


def test_csv_rows_are_limited() -> None:
    with override_settings(MRPLAN_IMPORT_MAX_ROWS=3):
        limits.check_csv(b"a;b\n1;2\n3;4")
        with pytest.raises(JobRefused, match="fler än 3 rader"):
            limits.check_csv(b"a;b\n1;2\n3;4\n5;6")


def test_plain_text_and_unreadable_pdfs_are_left_to_the_parser() -> None:
    limits.check_document(b"Tj\xc3\xa4nsteutl\xc3\xa5tande\n")
    limits.check_document(b"%PDF-1.7 trasig")
