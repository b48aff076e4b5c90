"""Real files of each allowed type, and a test case whose uploads go to a temporary folder.

(Named test_planning_* to sit with the planning tests; it holds no tests itself.)
"""

import io
import tempfile
import zipfile
from pathlib import Path

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from docx import Document

from tests.test_planning_support import PlanningTestCase

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 32


def docx_bytes() -> bytes:
    document = Document()
    document.add_paragraph("Protokoll från dialogmötet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Enhet", "Andel"])  # type: ignore[union-attr]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def upload(
    name: str, content: bytes, content_type: str = "application/octet-stream"
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


class AttachmentTestCase(PlanningTestCase):
    """PlanningTestCase with MEDIA_ROOT in a temporary folder and a T1 report."""

    def setUp(self) -> None:
        super().setUp()
        self.media = Path(self.enterContext(tempfile.TemporaryDirectory()))
        self.enterContext(override_settings(MEDIA_ROOT=self.media))
        self.report = self.make_report("T1")

    def stored_files(self) -> list[Path]:
        return sorted(path for path in self.media.rglob("*") if path.is_file())
