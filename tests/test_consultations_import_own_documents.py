"""Our own statement PDF and .docx through the upload form: refused as duplicates, else equal."""

import json
import tempfile
from io import StringIO
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from mrplan.consultations.models import Case, Statement
from mrplan.consultations.statements.documents import render_docx, render_pdf
from mrplan.consultations.views.importing import SESSION_KEY
from tests.consultations_statement_base import StatementTestCase
from tests.test_consultations_import_roundtrip import TEXTS
from tests.test_consultations_import_views import read

URL = "/remisser/importera/"
CONFIRM_URL = "/remisser/importera/bekrafta/"
FIELDS = [
    "title",
    "subtitle",
    "administration_name",
    "department_name",
    "document_date",
    "case_officer_name",
    "case_officer_phone",
    "addressee_name",
    "meeting_date",
    "decision_proposal",
    "summary",
    "background",
    "matter",
    "preparation_text",
    "views",
    "attachments_text",
    "signatures",
]


class OwnDocumentImportTests(StatementTestCase):
    def setUp(self) -> None:
        self.statement = self.make_statement(**TEXTS)

    def test_our_own_pdf_of_a_registered_case_is_refused_as_a_duplicate(self) -> None:
        file = SimpleUploadedFile("u.pdf", render_pdf(self.statement))
        response = read(self.client_for(self.editor), {"file": file})
        self.assertContains(response, "Diarienumret HÄ 2024/689 finns redan")
        self.assertNotContains(response, "Filen har inget diarienummer")
        self.assertEqual(Statement.objects.count(), 1)

    def assert_imports_equal(self, name: str, data: bytes) -> None:
        # Free the number, as when the file comes from another system's diary.
        Case.objects.filter(pk=self.case.pk).update(serial=9999, diary_number="HÄ 2024/9999")
        client = self.client_for(self.editor)
        response = read(client, {"file": SimpleUploadedFile(name, data)})
        self.assertEqual(response.status_code, 200, response.content.decode()[:2000])
        client.post(CONFIRM_URL, {"token": client.session[SESSION_KEY]["token"]})
        imported = Statement.objects.exclude(pk=self.statement.pk).get()
        self.assertEqual(imported.case.diary_number, "HÄ 2024/689")
        for field in FIELDS:
            expected = getattr(self.statement, field)
            self.assertEqual(getattr(imported, field), expected, field)

    def test_our_own_pdf_imports_field_for_field(self) -> None:
        self.assert_imports_equal("utlatande.pdf", render_pdf(self.statement))

    def test_our_own_docx_imports_field_for_field(self) -> None:
        self.assert_imports_equal("utlatande.docx", render_docx(self.statement))

    def test_the_command_reads_our_own_docx(self) -> None:
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "utlatande.docx"
            path.write_bytes(render_docx(self.statement))
            out = StringIO()
            call_command("import_statement", str(path), "--json", stdout=out)
        data = json.loads(out.getvalue())
        self.assertEqual(data["diary_number"], "HÄ 2024/689")
        self.assertEqual(data["sections"]["background"], self.statement.background)
        self.assertEqual(Statement.objects.count(), 1)
