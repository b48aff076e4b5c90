"""core.exports.read_xlsx: the .xlsx reader both importers use (calamine)."""

import datetime
import io

import pytest
from openpyxl import Workbook

from mrplan.core.exports import read_xlsx


def workbook_bytes() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Aktiviteter"
    sheet["B2"], sheet["C2"], sheet["D2"] = "Titel", "Startdatum", "Vikt"
    sheet["B3"], sheet["C3"], sheet["D3"] = "Bokprat", datetime.date(2026, 1, 5), 3
    sheet["B4"], sheet["D4"] = "Utbildning", 2.5
    workbook.create_sheet("Annat")["A1"] = "inte den här"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def test_it_reads_the_first_sheet_as_openpyxl_lays_it_out() -> None:
    rows = read_xlsx(workbook_bytes())
    # Leading empty rows and columns are kept, so cells stay where the user put them.
    assert rows[0] == [None, None, None, None]
    assert rows[1] == [None, "Titel", "Startdatum", "Vikt"]
    assert rows[2] == [None, "Bokprat", datetime.date(2026, 1, 5), 3]
    assert rows[3] == [None, "Utbildning", None, 2.5]
    assert all("inte den här" not in row for row in rows)


def test_it_refuses_a_file_that_is_not_a_workbook() -> None:
    with pytest.raises(Exception):  # noqa: B017 (callers catch any error as "unreadable")
        read_xlsx(b"PK\x03\x04 not really a zip")
