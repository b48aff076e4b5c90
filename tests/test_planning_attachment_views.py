from django.conf import settings
from django.urls import reverse

from mrplan.planning import actions
from mrplan.planning.attachments import MAX_ATTACHMENT_BYTES
from mrplan.planning.models import Report, ReportAttachment
from tests.test_planning_attachments_support import PDF, AttachmentTestCase, upload


class AttachmentUploadViewTests(AttachmentTestCase):
    def url(self) -> str:
        return reverse("planning-report-attachment-add", args=[self.org.slug, 2026, self.report.pk])

    def post(self, user: object, name: str = "plan.pdf", content: bytes = PDF, **data: str):  # type: ignore[no-untyped-def]
        return self.client_for(user).post(  # type: ignore[arg-type]
            self.url(), {"file": upload(name, content), "description": "Enkät", **data}
        )

    def test_the_report_page_has_an_upload_form_for_writers_only(self) -> None:
        page = self.client_for(self.editor).get(self.report.get_absolute_url())
        self.assertContains(page, 'enctype="multipart/form-data"')
        self.assertContains(page, "Bifoga en fil")
        page = self.client_for(self.reader).get(self.report.get_absolute_url())
        self.assertContains(page, "Inga filer är bifogade.")
        self.assertNotContains(page, "Bifoga en fil")

    def test_an_editor_uploads_a_file(self) -> None:
        client = self.client_for(self.editor)
        response = client.post(
            self.url(), {"file": upload("plan.pdf", PDF), "description": "Enkät"}
        )
        self.assertRedirects(
            response, self.report.get_absolute_url() + "#bilagor", fetch_redirect_response=False
        )
        attachment = ReportAttachment.objects.get()
        self.assertEqual(attachment.description, "Enkät")
        page = client.get(self.report.get_absolute_url())
        self.assertContains(page, "Bilagan plan.pdf är tillagd.")
        self.assertContains(page, attachment.get_absolute_url())
        self.assertEqual(len(self.events_for(attachment, "create")), 1)

    def test_a_wrong_type_is_shown_in_swedish_and_nothing_is_saved(self) -> None:
        response = self.post(self.editor, "program.exe", b"MZ\x90\x00")
        self.assertContains(response, "Filtypen är inte tillåten", status_code=400)
        self.assertFalse(ReportAttachment.objects.exists())
        self.assertEqual(self.stored_files(), [])

    def test_a_fake_pdf_is_refused(self) -> None:
        response = self.post(self.editor, "rapport.pdf", b"<html>inte en pdf</html>")
        self.assertContains(response, "stämmer inte med filändelsen .pdf", status_code=400)
        self.assertFalse(ReportAttachment.objects.exists())

    def test_a_file_over_10_mb_is_refused(self) -> None:
        response = self.post(self.editor, "stor.pdf", PDF + b"0" * MAX_ATTACHMENT_BYTES)
        self.assertContains(response, "Filen är större än 10 MB.", status_code=400)
        self.assertFalse(ReportAttachment.objects.exists())
        self.assertEqual(self.stored_files(), [])

    def test_a_missing_file_is_refused(self) -> None:
        response = self.client_for(self.editor).post(self.url(), {"description": "Enkät"})
        self.assertContains(response, "Välj en fil att bifoga.", status_code=400)
        self.assertFalse(ReportAttachment.objects.exists())

    def test_a_locked_report_refuses_uploads(self) -> None:
        Report.objects.filter(pk=self.report.pk).update(status="approved")
        response = self.post(self.editor)
        self.assertContains(response, "Rapporten är godkänd och låst", status_code=400)
        self.assertNotContains(response, "Bifoga en fil", status_code=400)
        self.assertFalse(ReportAttachment.objects.exists())
        self.assertEqual(self.stored_files(), [])

    def test_outsiders_readers_and_anonymous_are_refused(self) -> None:
        for user in (self.reader, self.approver):
            self.assertEqual(self.post(user).status_code, 403)
        # Another organisation's unfinished report does not exist for an outsider.
        self.assertEqual(self.post(self.outsider).status_code, 404)
        response = self.post(None)
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse(settings.LOGIN_URL), response["Location"])
        self.assertFalse(ReportAttachment.objects.exists())

    def test_get_is_not_allowed(self) -> None:
        self.assertEqual(self.client_for(self.editor).get(self.url()).status_code, 405)


class AttachmentDownloadViewTests(AttachmentTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.attachment = actions.report_attachment_add(
            actor=self.editor, report=self.report, file=upload("Protokoll åäö.pdf", PDF)
        )
        self.url = self.attachment.get_absolute_url()

    def test_members_and_coordinators_download_it_as_an_attachment(self) -> None:
        for user in (self.outsider, self.nobody):
            self.assertIn(self.client_for(user).get(self.url).status_code, (403, 404))
        for user in (self.editor, self.reader, self.coordinator):
            response = self.client_for(user).get(self.url)
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response["Content-Type"], "application/pdf")
            self.assertTrue(response["Content-Disposition"].startswith("attachment;"))
            self.assertIn("Protokoll", response["Content-Disposition"])
            self.assertEqual(response["X-Content-Type-Options"], "nosniff")
            self.assertEqual(b"".join(response.streaming_content), PDF)  # type: ignore[attr-defined]

    def test_anonymous_visitors_are_sent_to_the_login_page(self) -> None:
        response = self.client_for(None).get(self.url)
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse(settings.LOGIN_URL), response["Location"])

    def test_an_attachment_is_only_found_under_its_own_report(self) -> None:
        other = self.make_report("T2")
        wrong = [
            reverse(
                "planning-report-attachment",
                args=[self.org.slug, 2026, other.pk, self.attachment.pk],
            ),
            reverse(
                "planning-report-attachment",
                args=[self.other_org.slug, 2026, self.report.pk, self.attachment.pk],
            ),
            reverse(
                "planning-report-attachment", args=[self.org.slug, 2026, self.report.pk, 999999]
            ),
        ]
        for url in wrong:
            self.assertEqual(self.client_for(self.editor).get(url).status_code, 404)

    def test_a_missing_file_is_not_found(self) -> None:
        (self.media / self.attachment.file.name).unlink()
        self.assertEqual(self.client_for(self.editor).get(self.url).status_code, 404)


class AttachmentDeleteViewTests(AttachmentTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.attachment = actions.report_attachment_add(
            actor=self.editor, report=self.report, file=upload("plan.pdf", PDF)
        )
        self.url = reverse(
            "planning-report-attachment-delete",
            args=[self.org.slug, 2026, self.report.pk, self.attachment.pk],
        )

    def test_the_page_has_a_delete_button_for_writers(self) -> None:
        page = self.client_for(self.editor).get(self.report.get_absolute_url())
        self.assertContains(page, self.url)
        page = self.client_for(self.reader).get(self.report.get_absolute_url())
        self.assertNotContains(page, self.url)
        self.assertContains(page, "plan.pdf")

    def test_an_editor_deletes_an_attachment(self) -> None:
        pk = self.attachment.pk
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client_for(self.editor).post(self.url)
        self.assertRedirects(
            response, self.report.get_absolute_url() + "#bilagor", fetch_redirect_response=False
        )
        self.assertFalse(ReportAttachment.objects.exists())
        self.assertEqual(self.stored_files(), [])
        self.assertEqual(len(self.events_for(self.attachment, "delete", pk=pk)), 1)

    def test_outsiders_and_readers_cannot_delete(self) -> None:
        self.assertEqual(self.client_for(self.reader).post(self.url).status_code, 403)
        self.assertEqual(self.client_for(self.outsider).post(self.url).status_code, 404)
        self.assertEqual(self.client_for(None).post(self.url).status_code, 302)
        self.assertTrue(ReportAttachment.objects.exists())

    def test_a_submitted_report_keeps_its_attachments(self) -> None:
        Report.objects.filter(pk=self.report.pk).update(status="submitted")
        response = self.client_for(self.editor).post(self.url)
        self.assertContains(response, "Rapporten är inskickad", status_code=400)
        self.assertTrue(ReportAttachment.objects.exists())
        self.assertEqual(len(self.stored_files()), 1)
