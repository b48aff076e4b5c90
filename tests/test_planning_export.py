"""Downloading an organisation's goals, activities and indicator values as .xlsx and .csv."""

import csv
import io
from decimal import Decimal

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from mrplan.planning.exports import activity_columns, goal_columns, indicator_value_columns
from mrplan.planning.models import ActivityStatus, IndicatorValue
from tests.test_planning_support import PlanningTestCase


class ExportTests(PlanningTestCase):
    def url(self, what: str, fmt: str, slug: str | None = None) -> str:
        return reverse("planning-export", args=[slug or self.org.slug, 2026, what, fmt])

    def setUp(self) -> None:
        self.goal = self.make_goal(description="Alla ska veta vad rasism är")
        self.goal.target_groups.set([self.target_group])
        self.first = self.make_activity(
            self.goal,
            title="Utbildning för alla chefer",
            responsible_department=self.department,
            start_date=self.date(2, 1),
            end_date=self.date(11, 30),
        )
        self.second = self.make_activity(
            None, title="Workshop om afrofobi", status=ActivityStatus.NOT_STARTED, progress=0
        )
        self.indicator = self.make_indicator(
            self.goal,
            unit="procent",
            breakdown_dimension="kön",
            breakdown_categories=["Kvinnor", "Män"],
        )
        self.report = self.make_report("T1")
        IndicatorValue.objects.create(
            report=self.report, indicator=self.indicator, category="", value=Decimal("42.50")
        )
        IndicatorValue.objects.create(
            report=self.report, indicator=self.indicator, category="Kvinnor", value=Decimal("45")
        )

    def sheet_rows(self, content: bytes) -> tuple[list[list[object]], object]:
        workbook = load_workbook(io.BytesIO(content))
        sheet = workbook.active
        assert sheet is not None
        return [list(row) for row in sheet.iter_rows(values_only=True)], sheet

    def test_it_exports_activities_as_xlsx_matching_the_database(self) -> None:
        response = self.client_for(self.reader).get(self.url("activities", "xlsx"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheetml", response["Content-Type"])
        self.assertIn(".xlsx", response["Content-Disposition"])
        rows, sheet = self.sheet_rows(response.content)
        self.assertEqual(rows[0], activity_columns())
        self.assertTrue(all(cell.font.bold for cell in sheet[1]))  # type: ignore[index]
        self.assertEqual(sheet.freeze_panes, "A2")  # type: ignore[attr-defined]
        self.assertGreater(sheet.column_dimensions["B"].width, 20)  # type: ignore[attr-defined]
        by_id = {row[0]: row for row in rows[1:]}
        self.assertEqual(len(by_id), 2)
        first = by_id[self.first.pk]
        self.assertEqual(first[1], "Utbildning för alla chefer")
        self.assertEqual(first[3], self.goal.title)
        self.assertEqual(first[5], "Avdelningen för förskola")
        self.assertEqual(first[6].date(), self.first.start_date)  # type: ignore[union-attr]
        self.assertEqual(first[7].date(), self.first.end_date)  # type: ignore[union-attr]
        self.assertEqual(first[8], "Pågår")
        self.assertEqual(first[9], 40)
        second = by_id[self.second.pk]
        self.assertEqual(second[4], self.area.title)
        self.assertEqual(second[8], "Ej påbörjad")
        self.assertIsNone(second[3])

    def test_it_exports_activities_as_csv_for_swedish_excel(self) -> None:
        refused = self.client_for(self.nobody).get(self.url("activities", "csv"))
        self.assertEqual(refused.status_code, 403)
        response = self.client_for(self.outsider).get(self.url("activities", "csv"))
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"\xef\xbb\xbf"))
        text = response.content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        self.assertEqual(rows[0], activity_columns())
        first = next(row for row in rows[1:] if row[0] == str(self.first.pk))
        self.assertEqual(first[6:10], ["2026-02-01", "2026-11-30", "Pågår", "40"])

    def test_it_exports_indicator_values_matching_the_database(self) -> None:
        response = self.client_for(self.reader).get(self.url("indicator-values", "xlsx"))
        rows, _sheet = self.sheet_rows(response.content)
        self.assertEqual(rows[0], indicator_value_columns())
        got = {(row[4], row[7] or ""): row for row in rows[1:]}
        stored = IndicatorValue.objects.filter(report=self.report)
        self.assertEqual(set(got), {(v.indicator_id, v.category) for v in stored})
        total = got[(self.indicator.pk, "")]
        self.assertEqual(total[0], self.report.pk)
        self.assertEqual(total[1], "T1")
        self.assertEqual(total[2], self.action_plan.title)
        self.assertEqual(Decimal(str(total[8])), Decimal("42.50"))
        csv_response = self.client_for(self.reader).get(self.url("indicator-values", "csv"))
        text = csv_response.content.decode("utf-8-sig")
        csv_rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        self.assertIn("42,50", [row[8] for row in csv_rows[1:]])

    def test_it_exports_goals(self) -> None:
        response = self.client_for(self.reader).get(self.url("goals", "xlsx"))
        rows, _sheet = self.sheet_rows(response.content)
        self.assertEqual(rows[0], goal_columns())
        self.assertEqual(
            rows[1],
            [
                self.goal.pk,
                self.goal.title,
                "Alla ska veta vad rasism är",
                self.area.title,
                "Afrofobi",
                None,
                1,
                1,
            ],
        )

    def test_it_sends_anonymous_visitors_to_the_login_page(self) -> None:
        response = self.client_for(None).get(self.url("activities", "xlsx"))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse(settings.LOGIN_URL), response["Location"])

    def test_it_answers_404_for_unknown_lists_formats_and_organisations(self) -> None:
        client = self.client_for(self.reader)
        self.assertEqual(client.get(self.url("budget", "xlsx")).status_code, 404)
        self.assertEqual(client.get(self.url("activities", "pdf")).status_code, 404)
        self.assertEqual(client.get(self.url("activities", "csv", "finns-inte")).status_code, 404)

    def test_it_runs_a_fixed_number_of_queries(self) -> None:
        client = self.client_for(self.reader)

        def count(what: str) -> int:
            with CaptureQueriesContext(connection) as context:
                self.assertEqual(client.get(self.url(what, "xlsx")).status_code, 200)
            return len(context.captured_queries)

        small = {what: count(what) for what in ("goals", "activities", "indicator-values")}
        for number in range(5):
            goal = self.make_goal(title=f"Mål {number}")
            goal.target_groups.set([self.target_group])
            self.make_activity(goal, title=f"Aktivitet {number}")
            indicator = self.make_indicator(goal, name=f"Indikator {number}")
            IndicatorValue.objects.create(
                report=self.report, indicator=indicator, category="", value=Decimal(number)
            )
        large = {what: count(what) for what in ("goals", "activities", "indicator-values")}
        self.assertEqual(small, large)

    def test_the_plan_page_links_to_the_downloads_and_to_the_import_for_writers(self) -> None:
        plan = reverse("planning-plan", args=[self.org.slug, 2026])
        import_url = reverse("planning-import", args=[self.org.slug, 2026, "activities"])
        response = self.client_for(self.editor).get(plan)
        self.assertContains(response, self.url("activities", "xlsx"))
        self.assertContains(response, self.url("indicator-values", "csv"))
        self.assertContains(response, import_url)
        response = self.client_for(self.reader).get(plan)
        self.assertContains(response, self.url("goals", "csv"))
        self.assertNotContains(response, import_url)
