"""The statement as the city prints it: PDF (WeasyPrint) and Word (.docx).

Layout as in the seeds: header block (förvaltning and avdelning, "Tjänsteutlåtande", Dnr,
date, Handläggare and Telefon, "Till" with the nämnd and its meeting date), title and
subtitle, the seven sections in order, the signature block side by side, "Bilagor", and
the attestation block listing the approvals that still hold, followed by those an imported
document carries from the system it was attested in (external_approvals), as the seeds
print them, and under it the verification link and the short content hash. The format
(A4, Swedish, page numbers, UTKAST until decided, tagged PDF, list styles, author) comes
from mrplan.core.documents, shared by every document mrplan produces.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.timezone import localtime

from mrplan.consultations.models import STATEMENT_SECTIONS, Approval, Statement, StatementStatus
from mrplan.consultations.statements.attestation import IMPORTED_ATTESTATION_LABEL, verify
from mrplan.consultations.statements.selectors import questions_for
from mrplan.core import documents

DOCUMENT_KIND = "Tjänsteutlåtande"
ATTESTATION_HEADING = "Attesterat av"
ATTESTATION_LEAD = "Detta dokument har godkänts digitalt av följande personer:"
# Printed under the attestation block; the importer recognises and drops these lines.
VERIFY_LABEL = "Verifiera dokumentet"
HASH_LABEL = "Kontrollsumma (SHA-256, början)"
SHORT_HASH_CHARS = 16


def _iso(value: datetime.date | None) -> str:
    return value.isoformat() if value else ""


@dataclass
class Section:
    heading: str
    paragraphs: list[str]
    # The same text as blocks: ("p", [text]) or ("ul"/"ol", items), for real lists.
    blocks: list[tuple[str, list[str]]] = field(default_factory=list)


@dataclass
class StatementDocument:
    """Everything the printed statement shows, in print order."""

    statement: Statement
    office: str
    department: str
    document_date: str
    meeting_date: str
    sections: list[Section]
    answers: list[tuple[str, str]]
    signatures: list[dict[str, str]]
    attachments: list[str]
    approvals: list[Approval]
    external_approvals: list[dict[str, str]] = field(default_factory=list)
    verify_url: str = ""
    short_hash: str = ""

    @property
    def draft(self) -> bool:
        """Whether the document is printed as UTKAST (anything not decided)."""
        return self.statement.status != StatementStatus.DECIDED

    @property
    def author(self) -> str:
        return self.office or self.statement.organisation_name

    @property
    def header_left(self) -> list[list[str]]:
        """The header's left column: office and department, then the case officer."""
        statement = self.statement
        officer = [
            line
            for line in (
                statement.case_officer_name,
                documents.labelled("Telefon", statement.case_officer_phone),
            )
            if line
        ]
        return [
            [line for line in (self.office, self.department) if line],
            ["Handläggare", *officer] if officer else [],
        ]

    @property
    def header_right(self) -> list[list[str]]:
        """The header's right column: kind, Dnr and date, then the addressee and meeting."""
        statement = self.statement
        number = f"Dnr {statement.diary_number}" if statement.diary_number else ""
        to = [line for line in (statement.addressee_name, self.meeting_date) if line]
        return [
            [line for line in (DOCUMENT_KIND, number, self.document_date) if line],
            ["Till", *to] if to else [],
        ]

    @property
    def verification_lines(self) -> list[str]:
        return [
            documents.labelled(VERIFY_LABEL, self.verify_url),
            documents.labelled(HASH_LABEL, self.short_hash),
        ]

    @property
    def attestation_rows(self) -> list[tuple[str, str]]:
        """(name and title, date) for every approval in the attestation block, in print order."""
        return [
            (f"{a.approver_name}, {a.approver_title}", f"{localtime(a.approved_at):%Y-%m-%d}")
            for a in self.approvals
        ]

    @property
    def imported_attestation_rows(self) -> list[tuple[str, str]]:
        """(name and title, date) printed in an imported file: information, not attestation."""
        return [
            (f"{row['name']}, {row['title']}" if row.get("title") else row["name"], row["date"])
            for row in self.external_approvals
        ]

    @property
    def attestation_lines(self) -> list[str]:
        return [f"{name} {date}" for name, date in self.attestation_rows]


# Word's Symbol-font bullet (U+F0B7, private use) as pasted from the city's documents:
# DejaVu Sans has no glyph for it, so it is printed as "•".
SYMBOL_BULLET = "\uf0b7"


def _printable(text: str) -> str:
    return text.replace(SYMBOL_BULLET, "•")


def _paragraphs(text: str) -> list[str]:
    """Split TEXT into paragraphs at blank lines, keeping single line breaks inside."""
    text = _printable(text)
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return [block for block in blocks if block]


def build(statement: Statement) -> StatementDocument:
    """Collect what the printed statement shows (only approvals that still hold)."""
    sections = [
        Section(
            str(heading),
            _paragraphs(getattr(statement, name)),
            documents.paragraphs(_printable(getattr(statement, name))),
        )
        for name, heading in STATEMENT_SECTIONS
        if name != "attachments_text"
    ]
    answers = [
        (question.text, str(statement.answers.get(str(question.pk), "")).strip())
        for question in questions_for(statement)
    ]
    verification = verify(statement)
    approvals = sorted(verification.valid_approvals, key=lambda a: a.approved_at, reverse=True)
    with translation.override("sv"):
        path = reverse("consultations-statement-verify", args=[statement.pk])
    return StatementDocument(
        statement=statement,
        office=statement.administration_name or statement.organisation_name,
        department=statement.department_name,
        document_date=_iso(statement.document_date),
        meeting_date=_iso(statement.meeting_date),
        sections=sections,
        answers=[(question, answer) for question, answer in answers if answer],
        signatures=[
            {key: str(row.get(key, "")) for key in ("name", "title", "organisation")}
            for row in statement.signatures or []
            if isinstance(row, dict) and row.get("name")
        ],
        attachments=[
            line.strip()
            for line in _printable(statement.attachments_text).splitlines()
            if line.strip()
        ],
        approvals=approvals,
        external_approvals=[
            {key: str(row.get(key, "")) for key in ("name", "title", "date")}
            for row in statement.external_approvals or []
            if isinstance(row, dict) and row.get("name")
        ],
        verify_url=f"{settings.SITE_URL.rstrip('/')}{path}",
        short_hash=verification.current_hash[:SHORT_HASH_CHARS],
    )


def render_html(document: StatementDocument) -> str:
    return render_to_string(
        "consultations/statement_document.html",
        {
            "document": document,
            "statement": document.statement,
            "header_rows": list(zip(document.header_left, document.header_right, strict=True)),
            "kind": DOCUMENT_KIND,
            "attestation_heading": ATTESTATION_HEADING,
            "imported_attestation_heading": IMPORTED_ATTESTATION_LABEL,
            "attestation_lead": ATTESTATION_LEAD,
        },
    )


def render_pdf(statement: Statement) -> bytes:
    """Return the statement as a PDF."""
    document = build(statement)
    return documents.html_to_pdf(
        render_html(document),
        title=f"{DOCUMENT_KIND} {statement.diary_number} {statement.title}".strip(),
        author=document.author,
        draft=document.draft,
    )


def _cell_lines(cell: Any, groups: list[list[str]], *, bold_first: bool = False) -> None:
    """Fill CELL with groups of lines (first line of each group bold), skipping empty ones."""
    cell.text = ""
    paragraph = cell.paragraphs[0]
    first = True
    for lines in groups:
        for index, line in enumerate(lines):
            if not first:
                paragraph = cell.add_paragraph()
            first = False
            run = paragraph.add_run(line)
            run.bold = index == 0 and (bold_first or line in (DOCUMENT_KIND, "Handläggare", "Till"))


def render_docx(statement: Statement) -> bytes:
    """Return the statement as a Word document."""
    document_data = build(statement)
    document = documents.new_docx(
        title=statement.title, author=document_data.author, draft=document_data.draft
    )

    header = document.add_table(rows=2, cols=2)
    for number, (left, right) in enumerate(
        zip(document_data.header_left, document_data.header_right, strict=True)
    ):
        _cell_lines(header.cell(number, 0), [left])
        _cell_lines(header.cell(number, 1), [right])

    document.add_heading(statement.title, level=0)
    if statement.subtitle:
        document.add_paragraph(statement.subtitle, style="Subtitle")
    for section in document_data.sections:
        document.add_heading(section.heading, level=1)
        documents.add_text(document, "\n\n".join(section.paragraphs))
    if document_data.answers:
        document.add_heading("Svar på remissens frågor", level=1)
        for question, answer in document_data.answers:
            document.add_heading(question, level=2)
            documents.add_text(document, answer)

    if document_data.signatures:
        table = document.add_table(rows=1, cols=len(document_data.signatures))
        for cell, row in zip(table.rows[0].cells, document_data.signatures, strict=True):
            _cell_lines(cell, [[row["name"], row["title"], row["organisation"]]])

    document.add_heading("Bilagor", level=1)
    for line in document_data.attachments:
        document.add_paragraph(line)

    rows = document_data.attestation_rows
    if rows:
        document.add_heading(ATTESTATION_HEADING, level=1)
        document.add_paragraph(ATTESTATION_LEAD)
        table = document.add_table(rows=1, cols=2)
        _cell_lines(table.cell(0, 0), [["Namn"]], bold_first=True)
        _cell_lines(table.cell(0, 1), [["Datum"]], bold_first=True)
        for name, date in rows:
            cells = table.add_row().cells
            cells[0].text = name
            cells[1].text = date

    imported = document_data.imported_attestation_rows
    if imported:
        document.add_heading(IMPORTED_ATTESTATION_LABEL, level=1)
        table = document.add_table(rows=1, cols=2)
        _cell_lines(table.cell(0, 0), [["Namn"]], bold_first=True)
        _cell_lines(table.cell(0, 1), [["Datum"]], bold_first=True)
        for name, date in imported:
            cells = table.add_row().cells
            cells[0].text = name
            cells[1].text = date

    for line in document_data.verification_lines:
        document.add_paragraph(line)
    return documents.docx_bytes(document)
