"""Importing activities and indicator values from real .xlsx and .csv files."""

import datetime
import io
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from mrplan.core.models import AuditEvent
from mrplan.planning import imports
from mrplan.planning.exports import activity_columns, indicator_value_columns
from mrplan.planning.models import Activity, ActivityStatus, IndicatorValue
from mrplan.planning.views.transfer import SESSION_KEY
from tests.jobs_support import run_queued_tasks
from tests.test_planning_support import PlanningTestCase


def xlsx(columns: list[str], rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(columns)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name: str = "aktiviteter.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


class ImportTestCase(PlanningTestCase):
    def setUp(self) -> None:
        self.goal = self.make_goal()
        self.activity = self.make_activity(
            self.goal, title="Utbildning för alla chefer", start_date=self.date(2, 1)
        )

    def url(self, what: str = "activities", confirm: bool = False) -> str:
        name = "planning-import-confirm" if confirm else "planning-import"
        return reverse(name, args=[self.org.slug, 2026, what])

    def activity_row(self, activity: Activity | None = None, **changes: Any) -> list[Any]:
        row: dict[str, Any] = {
            "id": activity.pk if activity else None,
            "title": activity.title if activity else "Ny aktivitet",
            "description": activity.description if activity else "",
            "goal": self.goal.title,
            "area": None,
            "department": None,
            "start": datetime.date(2026, 2, 1) if activity else None,
            "end": None,
            "status": "Pågår",
            "progress": activity.progress if activity else 10,
            "weight": 1,
        }
        row.update(changes)
        return list(row.values())

    def preview(
        self, client: Client, content: bytes, name: str = "a.xlsx", what: str = "activities"
    ) -> Any:
        """Upload, let the worker read the file, and follow the status page to the preview."""
        response = client.post(self.url(what), {"file": upload(content, name)})
        if response.status_code != 302:
            return response
        self.assertTrue(response["Location"].startswith("/jobb/"), response["Location"])
        run_queued_tasks()
        return client.get(response["Location"], follow=True)

    def confirm(self, client: Client, what: str = "activities") -> Any:
        token = client.session[SESSION_KEY]["token"]
        return client.post(self.url(what, confirm=True), {"token": token})


class ActivityImportTests(ImportTestCase):
    def test_it_previews_then_saves_new_and_changed_activities(self) -> None:
        client = self.client_for(self.editor)
        content = xlsx(
            activity_columns(),
            [
                self.activity_row(self.activity, progress=60),
                self.activity_row(None, title="Föreläsning om antisemitism"),
            ],
        )
        response = self.preview(client, content)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Ändras")
        self.assertContains(response, "Ny")
        self.assertContains(response, "Föreläsning om antisemitism")
        # Nothing is saved by the preview.
        self.activity.refresh_from_db()
        self.assertEqual(self.activity.progress, 40)
        self.assertEqual(Activity.objects.count(), 1)
        self.assertFalse(AuditEvent.objects.filter(verb="update").exists())

        response = self.confirm(client)
        self.assertRedirects(response, reverse("planning-plan", args=[self.org.slug, 2026]))
        self.activity.refresh_from_db()
        self.assertEqual(self.activity.progress, 60)
        new = Activity.objects.get(title="Föreläsning om antisemitism")
        self.assertEqual((new.goal, new.status, new.progress), (self.goal, "ongoing", 10))
        self.assertTrue(self.events_for(self.activity, "update"))
        self.assertTrue(self.events_for(new, "create"))
        self.assertNotIn(SESSION_KEY, client.session)

    def test_it_reports_unchanged_rows(self) -> None:
        client = self.client_for(self.org_admin)
        response = self.preview(
            client, xlsx(activity_columns(), [self.activity_row(self.activity)])
        )
        self.assertContains(response, "Oförändrad")

    def test_it_refuses_bad_rows_and_saves_nothing(self) -> None:
        client = self.client_for(self.editor)
        content = xlsx(
            activity_columns(),
            [
                self.activity_row(None, title="Bra rad"),
                self.activity_row(None, title="Okänt mål", goal="Finns inte"),
                self.activity_row(None, title="För mycket", progress=150),
                self.activity_row(
                    None,
                    title="Baklänges",
                    start=datetime.date(2026, 5, 1),
                    end=datetime.date(2026, 4, 1),
                ),
                self.activity_row(None, title="Konstig status", status="Halvklar"),
            ],
        )
        response = self.preview(client, content)
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Ingenting har sparats", status_code=400)
        self.assertContains(response, "Rad 3:", status_code=400)
        self.assertContains(response, "Okänt mål: ”Finns inte”", status_code=400)
        self.assertContains(response, "Rad 4:", status_code=400)
        self.assertContains(response, "Framdriften måste vara mellan 0 och 100", status_code=400)
        self.assertContains(response, "Rad 5:", status_code=400)
        self.assertContains(
            response, "Slutdatumet kan inte ligga före startdatumet", status_code=400
        )
        self.assertContains(response, "Rad 6:", status_code=400)
        self.assertContains(response, "Okänd status ”Halvklar”", status_code=400)
        self.assertNotContains(response, "Bekräfta och spara", status_code=400)
        self.assertEqual(Activity.objects.count(), 1)
        # Forcing the rows through anyway saves nothing either.
        result = imports.run_import(
            actor=self.editor,
            organisation=self.org,
            planning_year=self.year,
            kind="activities",
            rows=client.session[SESSION_KEY]["rows"],
            commit=True,
        )
        self.assertTrue(result.has_errors)
        self.assertEqual(result.rows[0].outcome, imports.NEW)
        self.assertEqual(Activity.objects.count(), 1)

    def test_it_refuses_an_activity_changed_since_the_preview(self) -> None:
        client = self.client_for(self.editor)
        self.preview(
            client, xlsx(activity_columns(), [self.activity_row(self.activity, progress=70)])
        )
        Activity.objects.filter(pk=self.activity.pk).update(version=5, progress=50)
        response = self.confirm(client)
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "har ändrats sedan du öppnade den", status_code=400)
        self.activity.refresh_from_db()
        self.assertEqual(self.activity.progress, 50)

    def test_it_reimports_an_edited_csv_export(self) -> None:
        client = self.client_for(self.editor)
        export = client.get(
            reverse("planning-export", args=[self.org.slug, 2026, "activities", "csv"])
        )
        text = export.content.decode("utf-8-sig").replace(";Pågår;40;", ";Genomförd;100;")
        response = self.preview(client, ("\ufeff" + text).encode(), name="aktiviteter.csv")
        self.assertContains(response, "Ändras")
        self.confirm(client)
        self.activity.refresh_from_db()
        self.assertEqual(
            (self.activity.status, self.activity.progress), (ActivityStatus.COMPLETED, 100)
        )

    def test_it_checks_the_type_size_and_contents_of_the_upload(self) -> None:
        client = self.client_for(self.editor)
        # Type and size are checked at once; the contents by the job, on its status page.
        cases = [
            (b"hej", "anteckningar.txt", "Välj en fil av typen .xlsx eller .csv.", 400),
            (b"inte en excelfil", "trasig.xlsx", "Filen är inte en Excel-fil (.xlsx)", 200),
            (b"PK\x03\x04 trasig", "trasig.xlsx", "Filen är skadad och kan inte läsas", 200),
            (xlsx(["Titel"], [["x"]]), "fel.xlsx", "Filen saknar kolumnerna", 200),
            (b"x" * (imports.MAX_UPLOAD_BYTES + 1), "stor.csv", "Filen är större än 5 MB.", 400),
        ]
        for content, name, message, status in cases:
            with self.subTest(name=name):
                response = self.preview(client, content, name=name)
                self.assertContains(response, message, status_code=status)
        response = client.post(self.url(), {})
        self.assertContains(response, "Välj en fil att importera.", status_code=400)
        self.assertEqual(Activity.objects.count(), 1)

    def test_it_refuses_a_closed_year(self) -> None:
        self.close_year()
        client = self.client_for(self.editor)
        response = self.preview(client, xlsx(activity_columns(), [self.activity_row(None)]))
        self.assertContains(response, "Alla perioder för 2026 är stängda")
        self.assertEqual(Activity.objects.count(), 1)

    def test_it_refuses_a_confirmation_without_a_matching_preview(self) -> None:
        client = self.client_for(self.editor)
        response = client.post(self.url(confirm=True), {"token": "gissat"})
        self.assertRedirects(response, self.url())
        self.assertEqual(Activity.objects.count(), 1)

    def test_it_lets_only_writers_import(self) -> None:
        content = xlsx(activity_columns(), [self.activity_row(None)])
        for user in (self.reader, self.approver, self.outsider, self.nobody):
            with self.subTest(user=user.username):
                client = self.client_for(user)
                self.assertEqual(client.get(self.url()).status_code, 403)
                self.assertEqual(self.preview(client, content).status_code, 403)
        self.assertEqual(self.client_for(self.coordinator).get(self.url()).status_code, 200)
        response = self.client_for(None).get(self.url())
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse(settings.LOGIN_URL), response["Location"])
        self.assertEqual(Activity.objects.count(), 1)


class IndicatorValueImportTests(ImportTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.indicator = self.make_indicator(
            self.goal, breakdown_dimension="kön", breakdown_categories=["Kvinnor", "Män"]
        )
        self.report = self.make_report("T1")

    def value_row(self, category: str = "", value: Any = 55, **changes: Any) -> list[Any]:
        row = {
            "report": self.report.pk,
            "period": "T1",
            "plan": self.action_plan.title,
            "goal": self.goal.title,
            "indicator": self.indicator.pk,
            "name": self.indicator.name,
            "unit": "",
            "category": category,
            "value": value,
        }
        row.update(changes)
        return list(row.values())

    def test_it_imports_indicator_values_into_a_draft_report(self) -> None:
        client = self.client_for(self.editor)
        content = xlsx(
            indicator_value_columns(),
            [self.value_row(value=55), self.value_row("Kvinnor", "61,5")],
        )
        response = self.preview(client, content, what="indicator-values")
        self.assertEqual(response.status_code, 200)
        self.assertFalse(IndicatorValue.objects.exists())
        self.confirm(client, what="indicator-values")
        values = {v.category: v.value for v in IndicatorValue.objects.filter(report=self.report)}
        self.assertEqual(values, {"": Decimal("55.00"), "Kvinnor": Decimal("61.50")})
        self.assertTrue(self.events_for(self.report, "update"))

    def test_it_refuses_values_for_a_submitted_report_and_unknown_categories(self) -> None:
        other = self.make_report("T2", status="submitted")
        client = self.client_for(self.editor)
        content = xlsx(
            indicator_value_columns(),
            [
                self.value_row(value=1),
                self.value_row(value=2, report=other.pk),
                self.value_row("Barn", 3),
                self.value_row(value="många"),
            ],
        )
        response = self.preview(client, content, what="indicator-values")
        self.assertContains(response, "Rad 3:", status_code=400)
        self.assertContains(response, "Rapporten är inskickad", status_code=400)
        self.assertContains(response, "Rad 4:", status_code=400)
        self.assertContains(response, "ingen kategori ”Barn”", status_code=400)
        self.assertContains(response, "Rad 5:", status_code=400)
        self.assertContains(response, "Värde måste vara ett tal.", status_code=400)
        self.assertFalse(IndicatorValue.objects.exists())

    def test_it_refuses_a_reader(self) -> None:
        content = xlsx(indicator_value_columns(), [self.value_row()])
        response = self.preview(self.client_for(self.reader), content, what="indicator-values")
        self.assertEqual(response.status_code, 403)
        self.assertFalse(IndicatorValue.objects.exists())


class RoundTripTests(ImportTestCase):
    """An export reads back unchanged, in either language, whatever state its reports are in."""

    def setUp(self) -> None:
        super().setUp()
        self.activity.title = '=HYPERLINK("http://x","y")'
        self.activity.save()
        self.indicator = self.make_indicator(
            self.goal, breakdown_dimension="kön", breakdown_categories=["Kvinnor", "Män"]
        )
        self.draft = self.make_report("T2")
        self.approved = self.make_report("T1", status="approved")
        for report, value in ((self.draft, "34.50"), (self.approved, "-5")):
            IndicatorValue.objects.create(
                report=report, indicator=self.indicator, category="", value=Decimal(value)
            )
            IndicatorValue.objects.create(
                report=report, indicator=self.indicator, category="Kvinnor", value=None
            )

    def export(self, client: Client, what: str, fmt: str, language: str = "sv") -> bytes:
        with translation.override("sv"):
            url = reverse("planning-export", args=[self.org.slug, 2026, what, fmt])
        if language == "en":
            url = "/en" + url
        response = client.get(url)
        translation.activate("sv")  # the import below runs under Swedish
        self.assertEqual(response.status_code, 200)
        return response.content

    def test_an_unchanged_export_reimports_without_errors(self) -> None:
        client = self.client_for(self.editor)
        for what in ("activities", "indicator-values"):
            for fmt in ("xlsx", "csv"):
                for language in ("sv", "en"):
                    with self.subTest(what=what, fmt=fmt, language=language):
                        content = self.export(client, what, fmt, language)
                        response = self.preview(client, content, name=f"x.{fmt}", what=what)
                        self.assertEqual(response.status_code, 200, response.content[-3000:])
                        result = response.context["result"]
                        self.assertFalse(result.has_errors)
                        self.assertEqual(
                            [row.outcome for row in result.rows],
                            [imports.UNCHANGED] * len(result.rows),
                        )
                        self.assertTrue(result.rows)

    def test_a_changed_value_of_an_approved_report_is_still_refused(self) -> None:
        client = self.client_for(self.editor)
        content = self.export(client, "indicator-values", "csv").decode("utf-8-sig")
        changed = content.replace(";-5,00", ";7")
        self.assertNotEqual(changed, content)
        response = self.preview(
            client, ("\ufeff" + changed).encode(), name="v.csv", what="indicator-values"
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(
            IndicatorValue.objects.get(report=self.approved, category="").value, Decimal("-5")
        )

    def test_an_english_export_with_a_changed_status_imports_under_swedish(self) -> None:
        client = self.client_for(self.editor)
        content = self.export(client, "activities", "csv", "en").decode("utf-8-sig")
        self.assertIn("Title", content)
        changed = content.replace(";Ongoing;40;", ";Completed;100;")
        self.assertNotEqual(changed, content)
        self.preview(client, ("\ufeff" + changed).encode(), name="a.csv")
        self.confirm(client)
        self.activity.refresh_from_db()
        self.assertEqual(
            (self.activity.status, self.activity.progress, self.activity.title),
            (ActivityStatus.COMPLETED, 100, '=HYPERLINK("http://x","y")'),
        )
