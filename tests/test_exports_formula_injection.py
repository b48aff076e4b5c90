"""Every CSV and .xlsx export neutralises text that Excel would run as a formula."""

import csv
import io
from decimal import Decimal
from typing import Any

from django.urls import reverse
from openpyxl import load_workbook

from mrplan.core.exports import neutralise, restore
from mrplan.planning.exports import to_csv, to_xlsx
from mrplan.planning.models import Activity, Goal, Indicator, IndicatorValue
from tests.test_planning_support import PlanningTestCase
from tests.test_public_opendata import OpenDataTestCase

FORMULA = '=HYPERLINK("http://x","y")'


def xlsx_cells(content: bytes) -> list[Any]:
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    return [cell for row in sheet.iter_rows() for cell in row]


def csv_cells(content: bytes, delimiter: str) -> list[str]:
    text = content.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]


class NeutraliseTests(PlanningTestCase):
    def test_formula_leading_text_gets_an_apostrophe_and_numbers_stay_numbers(self) -> None:
        for text in (FORMULA, "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
            with self.subTest(text=text):
                self.assertEqual(neutralise(text), "'" + text)
                self.assertEqual(restore(neutralise(text)), text)
        for value in ("Vanlig text", -5, Decimal("-1.5"), None, "'vanlig"):
            self.assertEqual(neutralise(value), value)

    def test_the_shared_writers_used_by_knowledge_write_text_not_formulas(self) -> None:
        rows = [[FORMULA, Decimal("-2.5"), -3]]
        cells = csv_cells(to_csv(["a", "b", "c"], rows), ";")
        self.assertEqual(cells[3:], ["'" + FORMULA, "-2,5", "-3"])
        cell, number, integer = xlsx_cells(to_xlsx("t", ["a", "b", "c"], rows))[3:]
        self.assertEqual((cell.value, cell.data_type), (FORMULA, "s"))
        self.assertEqual((number.value, number.data_type), (-2.5, "n"))
        self.assertEqual((integer.value, integer.data_type), (-3, "n"))


class PlanningExportTests(PlanningTestCase):
    def setUp(self) -> None:
        self.goal = self.make_goal(title=FORMULA)
        self.activity = self.make_activity(self.goal, title=FORMULA, description="-minus")
        self.indicator = self.make_indicator(self.goal, name=FORMULA)
        self.report = self.make_report("T1")
        IndicatorValue.objects.create(
            report=self.report, indicator=self.indicator, category="", value=Decimal("-4.25")
        )

    def test_no_planning_export_holds_a_formula(self) -> None:
        client = self.client_for(self.editor)
        for what in ("goals", "activities", "indicator-values"):
            with self.subTest(what=what, fmt="xlsx"):
                url = reverse("planning-export", args=[self.org.slug, 2026, what, "xlsx"])
                cells = xlsx_cells(client.get(url).content)
                risky = [cell for cell in cells if cell.value == FORMULA]
                self.assertTrue(risky)
                for cell in cells:
                    self.assertNotEqual(cell.data_type, "f")
                for cell in risky:
                    self.assertEqual(cell.data_type, "s")
            with self.subTest(what=what, fmt="csv"):
                url = reverse("planning-export", args=[self.org.slug, 2026, what, "csv"])
                cells = csv_cells(client.get(url).content, ";")
                self.assertIn("'" + FORMULA, cells)
                self.assertFalse([cell for cell in cells if cell.startswith("=")])
        values = csv_cells(
            client.get(
                reverse("planning-export", args=[self.org.slug, 2026, "indicator-values", "csv"])
            ).content,
            ";",
        )
        self.assertIn("-4,25", values)


class OpenDataExportTests(OpenDataTestCase):
    def test_no_open_data_file_holds_a_formula(self) -> None:
        Activity.objects.filter(title="Publicerad aktivitet").update(title=FORMULA)
        Goal.objects.filter(title="Publicerat mål").update(title=FORMULA)
        Indicator.objects.filter(name="Publicerad indikator").update(name=FORMULA)
        client = self.client_for(None)
        for name in ("activities", "goals", "indicators"):
            with self.subTest(name=name, fmt="csv"):
                content = client.get(reverse("public-opendata-download", args=[name, "csv"]))
                cells = csv_cells(content.getvalue(), ",")
                self.assertIn("'" + FORMULA, cells)
                self.assertFalse([cell for cell in cells if cell.startswith("=")])
            with self.subTest(name=name, fmt="xlsx"):
                content = client.get(reverse("public-opendata-download", args=[name, "xlsx"]))
                cells = xlsx_cells(content.getvalue())
                risky = [cell for cell in cells if cell.value == FORMULA]
                self.assertTrue(risky)
                self.assertFalse([cell for cell in cells if cell.data_type == "f"])
