"""Typed text in a report survives an attachment upload or fetching values from the knowledge
base: the report form is sent along and saved as a draft first."""

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mrplan.planning.models import GoalAnalysis, ReportAttachment
from tests.test_planning_support import PlanningTestCase


class KeepTypedTextTests(PlanningTestCase):
    def setUp(self) -> None:
        self.goal = self.make_goal()
        self.indicator = self.make_indicator(self.goal, name="Andel", unit="procent")
        self.report = self.make_report("T1")
        args = [self.org.slug, 2026, self.report.pk]
        self.upload_url = reverse("planning-report-attachment-add", args=args)
        self.values_url = reverse("knowledge-report-values", args=args)

    def typed(self, **overrides: Any) -> dict[str, Any]:
        data = {
            "version": str(self.report.version),
            f"indicator-{self.indicator.pk}-0": "42",
            f"goal-{self.goal.pk}-analysis": "Text som inte får försvinna",
        }
        data.update(overrides)
        return data

    def analysis(self) -> str:
        found = GoalAnalysis.objects.filter(report=self.report).first()
        return found.text if found else ""

    def test_the_upload_and_fetch_buttons_send_the_report_form(self) -> None:
        html = self.client_for(self.editor).get(self.report.get_absolute_url()).content.decode()
        self.assertRegex(html, r'<form[^>]*id="rapportformular"[^>]*enctype="multipart/form-data"')
        self.assertIn(f'formaction="{self.upload_url}"', html)
        self.assertIn(f'formaction="{self.values_url}"', html)
        self.assertIn('form="rapportformular"', html.split('id="bilagor"')[1])

    def test_an_upload_saves_the_typed_text_first(self) -> None:
        upload = SimpleUploadedFile("underlag.txt", b"hej", content_type="text/plain")
        response = self.client_for(self.editor).post(
            self.upload_url, {**self.typed(), "file": upload, "description": ""}
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.analysis(), "Text som inte får försvinna")
        self.assertTrue(ReportAttachment.objects.filter(report=self.report).exists())

    def test_an_upload_with_a_bad_report_value_keeps_the_text_on_the_page(self) -> None:
        upload = SimpleUploadedFile("underlag.txt", b"hej", content_type="text/plain")
        data = {**self.typed(**{f"indicator-{self.indicator.pk}-0": "150"}), "file": upload}
        response = self.client_for(self.editor).post(self.upload_url, data)
        self.assertContains(response, "Text som inte får försvinna", status_code=400)
        self.assertContains(response, "mellan 0 och 100", status_code=400)
        self.assertFalse(ReportAttachment.objects.exists())
        self.assertEqual(self.analysis(), "")

    def test_fetching_values_saves_the_typed_text_first(self) -> None:
        response = self.client_for(self.editor).post(self.values_url, self.typed())
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.analysis(), "Text som inte får försvinna")

    def test_a_reader_cannot_save_through_the_upload(self) -> None:
        upload = SimpleUploadedFile("underlag.txt", b"hej", content_type="text/plain")
        response = self.client_for(self.reader).post(
            self.upload_url, {**self.typed(), "file": upload}
        )
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.analysis(), "")
