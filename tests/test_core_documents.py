"""Every document mrplan produces is in the city's format, read back with python-docx and pypdf.

A4 (210 × 297 mm), Swedish (sv-SE), page numbers "Sida X (Y)", the organisation as author,
real list styles, tagged PDF, UTKAST until decided, no empty labels, and the statement's
verification link and short hash under its attestation block.
"""

import io
from typing import Any

import docx
from django.conf import settings
from django.urls import reverse
from docx.oxml.ns import qn
from docx.shared import Mm
from pypdf import PdfReader

from mrplan.consultations import compilation as compiling
from mrplan.consultations.actions.statements import approval_steps_set, statement_approve
from mrplan.consultations.models import (
    Consultation,
    ConsultationRecipient,
    RecipientStatus,
    Statement,
)
from mrplan.consultations.statements.attestation import verify
from mrplan.consultations.statements.documents import render_docx, render_pdf
from mrplan.core import documents
from tests.consultations_statement_base import StatementTestCase
from tests.test_consultations_import_roundtrip import TEXTS
from tests.test_planning_compiled import CompiledReportTestCase

A4_POINTS = (595.28, 841.89)


def assert_city_docx(content: bytes, *, author: str, title: str) -> Any:
    document = docx.Document(io.BytesIO(content))
    for section in document.sections:
        assert abs(section.page_width - Mm(210)) < Mm(1), section.page_width
        assert abs(section.page_height - Mm(297)) < Mm(1), section.page_height
        footer_xml = section.footer._element.xml
        assert "Sida " in footer_xml
        assert " PAGE " in footer_xml and " NUMPAGES " in footer_xml
    properties = document.core_properties
    assert properties.author == author
    assert properties.author != "python-docx"
    assert properties.title == title
    assert properties.language == "sv-SE"
    defaults = document.styles.element.find(qn("w:docDefaults"))
    languages = {lang.get(qn("w:val")) for lang in defaults.iter(qn("w:lang"))}
    assert languages == {"sv-SE"}, languages
    normal = document.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert normal.get(qn("w:val")) == "sv-SE"
    settings_lang = document.settings.element.find(qn("w:themeFontLang"))
    assert settings_lang is None or settings_lang.get(qn("w:val")) == "sv-SE"
    return document


def pdf_reader(content: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(content))


def pdf_text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def assert_city_pdf(reader: PdfReader, *, author: str) -> None:
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - A4_POINTS[0]) < 1 and abs(height - A4_POINTS[1]) < 1, (width, height)
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) is True
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "sv-SE"
    assert reader.metadata is not None and reader.metadata.author == author
    count = len(reader.pages)
    texts = [page.extract_text() for page in reader.pages]
    for number, text in enumerate(texts, start=1):
        assert f"Sida {number} ({count})" in text, (number, text[-200:])


class StatementFormatTests(StatementTestCase):
    def setUp(self) -> None:
        self.statement = self.make_statement(**TEXTS)

    def test_the_docx_is_a4_swedish_with_page_numbers_and_the_office_as_author(self) -> None:
        assert_city_docx(
            render_docx(self.statement),
            author="Hägersten-Älvsjö stadsdelsförvaltning",
            title="Handlingsplan för arbete mot rasism",
        )

    def test_the_docx_uses_list_styles_not_typed_bullets(self) -> None:
        document = docx.Document(io.BytesIO(render_docx(self.statement)))
        bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
        self.assertEqual(
            bullets,
            [
                "Öka kunskapen om rasism och diskriminering",
                "Motverka att barn och unga utsätts för rasism",
                "Stärka samverkan med civilsamhället i arbetet mot rasism",
                "utbildning för medarbetare",
                "stöd i metodfrågor",
            ],
        )
        self.assertFalse([p.text for p in document.paragraphs if "•" in p.text])

    def test_a_draft_docx_says_utkast_in_the_header_a_decided_one_does_not(self) -> None:
        document = docx.Document(io.BytesIO(render_docx(self.statement)))
        self.assertIn("UTKAST", document.sections[0].header.paragraphs[0].text)
        Statement.objects.filter(pk=self.statement.pk).update(status="decided")
        decided = docx.Document(
            io.BytesIO(render_docx(Statement.objects.get(pk=self.statement.pk)))
        )
        self.assertNotIn("UTKAST", decided.sections[0].header._element.xml)

    def test_the_pdf_is_a4_tagged_swedish_with_page_numbers(self) -> None:
        reader = pdf_reader(render_pdf(self.statement))
        self.assertGreaterEqual(len(reader.pages), 2)
        assert_city_pdf(reader, author="Hägersten-Älvsjö stadsdelsförvaltning")
        self.assertIn(f"Sida 1 ({len(reader.pages)})", pdf_text(reader))

    def test_the_pdf_says_utkast_on_every_page_until_decided(self) -> None:
        reader = pdf_reader(render_pdf(self.statement))
        for page in reader.pages:
            self.assertIn("UTKAST", page.extract_text())
        Statement.objects.filter(pk=self.statement.pk).update(status="decided")
        decided = pdf_reader(render_pdf(Statement.objects.get(pk=self.statement.pk)))
        self.assertNotIn("UTKAST", pdf_text(decided))

    def test_the_pdf_prints_no_empty_labels(self) -> None:
        Statement.objects.filter(pk=self.statement.pk).update(
            case_officer_phone="", addressee_name="", meeting_date=None
        )
        statement = Statement.objects.get(pk=self.statement.pk)
        text = pdf_text(pdf_reader(render_pdf(statement)))
        self.assertIn("Jens Westlund", text)
        self.assertNotIn("Telefon", text)
        self.assertNotRegex(text, r"(?m)^\s*Till\s*$")
        docx_text = "\n".join(
            cell.text
            for table in docx.Document(io.BytesIO(render_docx(statement))).tables
            for row in table.rows
            for cell in row.cells
        )
        self.assertNotIn("Telefon", docx_text)
        self.assertIn("Jens Westlund", docx_text)

    def test_the_phone_is_printed_with_its_label_when_there_is_one(self) -> None:
        self.assertIn("Telefon: 08-50821150", pdf_text(pdf_reader(render_pdf(self.statement))))

    def test_the_verification_link_and_short_hash_follow_the_attestation_block(self) -> None:
        approval_steps_set(
            actor=self.editor, statement=self.statement, steps=[(self.approver, "avdelningschef")]
        )
        statement_approve(actor=self.approver, statement=self.statement, version=1)
        statement = Statement.objects.get(pk=self.statement.pk)
        short_hash = verify(statement).current_hash[:16]
        link = settings.SITE_URL.rstrip("/") + reverse(
            "consultations-statement-verify", args=[statement.pk]
        )
        text = " ".join(pdf_text(pdf_reader(render_pdf(statement))).split())
        self.assertIn(f"Verifiera dokumentet: {link}", text)
        self.assertIn(short_hash, text)
        self.assertLess(text.index("Lars Wennberg, avdelningschef"), text.index(link))
        docx_text = "\n".join(
            p.text for p in docx.Document(io.BytesIO(render_docx(statement))).paragraphs
        )
        self.assertIn(link, docx_text)
        self.assertIn(short_hash, docx_text)


class CompilationFormatTests(StatementTestCase):
    def test_the_compilation_docx_and_pdf_are_in_the_city_format(self) -> None:
        result = compiling.build(self.consultation)
        title = "Remissammanställning: Handlingsplan mot rasism"
        assert_city_docx(compiling.render_docx(result), author="Stadsledningskontoret", title=title)
        reader = pdf_reader(compiling.render_pdf(result))
        assert_city_pdf(reader, author="Stadsledningskontoret")
        self.assertIn("UTKAST", pdf_text(reader))

    def test_a_closed_consultations_compilation_is_not_a_draft(self) -> None:
        Consultation.objects.filter(pk=self.consultation.pk).update(status="closed")
        result = compiling.build(Consultation.objects.get(pk=self.consultation.pk))
        self.assertNotIn("UTKAST", pdf_text(pdf_reader(compiling.render_pdf(result))))
        document = docx.Document(io.BytesIO(compiling.render_docx(result)))
        self.assertNotIn("UTKAST", document.sections[0].header._element.xml)

    def test_a_decline_without_reason_prints_no_empty_reason_label(self) -> None:
        ConsultationRecipient.objects.filter(pk=self.recipient.pk).update(
            status=RecipientStatus.DECLINED, declined_reason=""
        )
        result = compiling.build(Consultation.objects.get(pk=self.consultation.pk))
        text = pdf_text(pdf_reader(compiling.render_pdf(result)))
        self.assertIn("Hägersten-Älvsjö", text)
        self.assertNotIn("Skäl:", text)


class CompiledFollowUpFormatTests(CompiledReportTestCase):
    def test_the_compiled_follow_up_docx_and_pdf_are_in_the_city_format(self) -> None:
        content = self.build("docx")
        title = str(docx.Document(io.BytesIO(content)).core_properties.title)
        document = assert_city_docx(content, author="Stadsledningskontoret", title=title)
        self.assertTrue(document.paragraphs)
        assert_city_pdf(pdf_reader(self.build("pdf")), author="Stadsledningskontoret")


def document_title(response: Any) -> str:
    return str(docx.Document(io.BytesIO(response.content)).core_properties.title)


def test_labelled_leaves_out_empty_values() -> None:
    assert documents.labelled("Telefon", "") == ""
    assert documents.labelled("Telefon", "  ") == ""
    assert documents.labelled("Telefon", None) == ""
    assert documents.labelled("Telefon", "08-50821150") == "Telefon: 08-50821150"


def test_add_text_makes_real_lists_and_paragraphs() -> None:
    document = documents.new_docx(title="T", author="A")
    documents.add_text(document, "Inledning:\n\n• ett\n• två\n\n1. första\n2. andra\n\nSlut.")
    rows = [(p.style.name, p.text) for p in document.paragraphs]
    assert rows == [
        ("Normal", "Inledning:"),
        ("List Bullet", "ett"),
        ("List Bullet", "två"),
        ("List Number", "första"),
        ("List Number", "andra"),
        ("Normal", "Slut."),
    ]


UNUSED_PSEUDO_ELEMENTS = (
    "marker",
    "footnote-call",
    "footnote-marker",
    "note-call",
    "note-marker",
    "note-callback",
)


def test_pdf_table_cells_get_no_pseudo_element_styles_list_items_keep_their_marker() -> None:
    # WeasyPrint's stock stylesheet gives every element these six, and computing their styles
    # was a tenth of the compiled follow-up's rendering time (issue 14).
    from weasyprint.css import get_all_computed_styles

    html = documents.html_class()(string="<table><tr><td>1</td></tr></table><ul><li>Ett</li></ul>")
    style_for = get_all_computed_styles(html)
    cell = next(html.etree_element.iter("td"))
    item = next(html.etree_element.iter("li"))
    assert [p for p in UNUSED_PSEUDO_ELEMENTS if style_for(cell, p) is not None] == []
    assert style_for(item, "marker") is not None


def test_pdf_lists_keep_their_bullets_and_numbers() -> None:
    pdf = documents.html_to_pdf("<ul><li>Ett</li></ul><ol><li>Två</li></ol>", title="T")
    text = pdf_text(pdf_reader(pdf))
    assert "•" in text and "1." in text, text
