from django.core.exceptions import PermissionDenied, ValidationError

from mrplan.planning import actions
from mrplan.planning.attachments import MAX_ATTACHMENT_BYTES, check_file
from mrplan.planning.models import Report, ReportAttachment
from tests.test_planning_attachments_support import (
    PDF,
    PNG,
    AttachmentTestCase,
    docx_bytes,
    odt_bytes,
    upload,
    xlsx_bytes,
)


class ReportAttachmentAddTests(AttachmentTestCase):
    def test_it_stores_the_file_under_the_report_with_a_random_name(self) -> None:
        attachment = actions.report_attachment_add(
            actor=self.editor,
            report=self.report,
            file=upload("Enkätresultat 2026.pdf", PDF),
            description=" Resultat från medarbetarenkäten ",
        )
        self.assertEqual(attachment.original_name, "Enkätresultat 2026.pdf")
        self.assertEqual(attachment.content_type, "application/pdf")
        self.assertEqual(attachment.size, len(PDF))
        self.assertEqual(attachment.description, "Resultat från medarbetarenkäten")
        self.assertEqual(attachment.uploaded_by, self.editor)
        [stored] = self.stored_files()
        self.assertEqual(stored.parent, self.media / "reports" / str(self.report.pk))
        self.assertNotIn("Enk", stored.name)
        self.assertRegex(stored.name, r"^[0-9a-f]{32}\.pdf$")
        self.assertEqual(stored.read_bytes(), PDF)
        self.assertEqual(len(self.events_for(attachment, "create")), 1)
        [event] = self.events_for(self.report, "update")
        self.assertEqual(event.changes["bilaga"], [None, "Enkätresultat 2026.pdf"])

    def test_it_accepts_each_allowed_type(self) -> None:
        files = {
            "plan.pdf": PDF,
            "protokoll.docx": docx_bytes(),
            "statistik.xlsx": xlsx_bytes(),
            "anteckningar.odt": odt_bytes(),
            "bild.png": PNG,
            "foto.JPG": b"\xff\xd8\xff\xe0" + b"\x00" * 20,
            "värden.csv": "Enhet;Andel\nÄldreomsorg;65\n".encode("cp1252"),
            "läs mig.txt": "Åtgärder för hösten\n".encode(),
        }
        for name, content in files.items():
            with self.subTest(name):
                actions.report_attachment_add(
                    actor=self.editor, report=self.report, file=upload(name, content)
                )
        self.assertEqual(ReportAttachment.objects.count(), len(files))
        self.assertEqual(
            set(ReportAttachment.objects.values_list("content_type", flat=True)),
            {
                "application/pdf",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "application/vnd.oasis.opendocument.text",
                "image/png",
                "image/jpeg",
                "text/csv",
                "text/plain",
            },
        )

    def assert_refused(self, name: str, content: bytes, message: str) -> None:
        with self.assertRaisesMessage(ValidationError, message):
            actions.report_attachment_add(
                actor=self.editor, report=self.report, file=upload(name, content)
            )
        self.assertFalse(ReportAttachment.objects.exists())
        self.assertEqual(self.stored_files(), [])

    def test_it_refuses_a_type_that_is_not_allowed(self) -> None:
        self.assert_refused("program.exe", b"MZ\x90\x00", "Filtypen är inte tillåten")
        self.assert_refused("sida.html", b"<html></html>", "Filtypen är inte tillåten")
        self.assert_refused("utan-andelse", b"text", "Filtypen är inte tillåten")

    def test_it_refuses_contents_that_do_not_match_the_extension(self) -> None:
        self.assert_refused(
            "falsk.pdf", b"MZ\x90\x00 not a pdf", "stämmer inte med filändelsen .pdf"
        )
        self.assert_refused("falsk.docx", xlsx_bytes(), "stämmer inte med filändelsen .docx")
        self.assert_refused("falsk.xlsx", b"PK\x03\x04 broken zip", "filändelsen .xlsx")
        self.assert_refused("falsk.odt", docx_bytes(), "filändelsen .odt")
        self.assert_refused("falsk.png", PDF, "filändelsen .png")
        self.assert_refused("falsk.txt", PNG, "filändelsen .txt")
        self.assert_refused("falsk.csv", b"a;b\x00\x01\x02", "filändelsen .csv")

    def test_it_refuses_a_file_over_10_mb_and_an_empty_file(self) -> None:
        self.assert_refused("stor.pdf", PDF + b"0" * MAX_ATTACHMENT_BYTES, "större än 10 MB")
        self.assert_refused("tom.pdf", b"", "Filen är tom")

    def test_it_keeps_only_the_file_name_of_a_path(self) -> None:
        checked = check_file("..\\..\\etc/passwd.txt", 4, upload("x.txt", b"text"))
        self.assertEqual(checked.name, "passwd.txt")

    def test_it_refuses_a_locked_or_closed_report(self) -> None:
        for status in ("submitted", "approved"):
            Report.objects.filter(pk=self.report.pk).update(status=status)
            self.report.refresh_from_db()
            self.assert_refused("plan.pdf", PDF, "Rapporten är")
        Report.objects.filter(pk=self.report.pk).update(status="returned")
        self.report.refresh_from_db()
        self.close_period("T1")
        self.report.refresh_from_db()
        self.assert_refused("plan.pdf", PDF, "är stängd och kan inte ändras")

    def test_it_refuses_readers_approvers_and_outsiders(self) -> None:
        for user in (self.reader, self.approver, self.outsider, self.nobody):
            with self.subTest(user.username), self.assertRaises(PermissionDenied):
                actions.report_attachment_add(
                    actor=user, report=self.report, file=upload("plan.pdf", PDF)
                )
        self.assertFalse(ReportAttachment.objects.exists())

    def test_org_admins_and_coordinators_may_attach(self) -> None:
        for user in (self.org_admin, self.coordinator):
            actions.report_attachment_add(
                actor=user, report=self.report, file=upload("plan.pdf", PDF)
            )
        self.assertEqual(ReportAttachment.objects.count(), 2)


class ReportAttachmentDeleteTests(AttachmentTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.attachment = actions.report_attachment_add(
            actor=self.editor, report=self.report, file=upload("plan.pdf", PDF)
        )

    def test_it_deletes_the_row_and_the_file_once_committed(self) -> None:
        pk = self.attachment.pk
        with self.captureOnCommitCallbacks(execute=True):
            actions.report_attachment_delete(actor=self.org_admin, attachment=self.attachment)
        self.assertFalse(ReportAttachment.objects.exists())
        self.assertEqual(self.stored_files(), [])
        self.assertEqual(len(self.events_for(self.attachment, "delete", pk=pk)), 1)
        messages = [event.message for event in self.events_for(self.report, "update")]
        self.assertIn("Bilagan plan.pdf togs bort.", messages)

    def test_it_refuses_an_approved_report_and_outsiders(self) -> None:
        with self.assertRaises(PermissionDenied):
            actions.report_attachment_delete(actor=self.outsider, attachment=self.attachment)
        Report.objects.filter(pk=self.report.pk).update(status="approved")
        self.attachment.report.refresh_from_db()
        with self.assertRaisesMessage(ValidationError, "godkänd och låst"):
            actions.report_attachment_delete(actor=self.editor, attachment=self.attachment)
        self.assertTrue(ReportAttachment.objects.exists())
        self.assertEqual(len(self.stored_files()), 1)
