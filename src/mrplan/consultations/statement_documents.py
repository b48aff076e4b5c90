"""The statement as the city prints it: PDF (WeasyPrint) and Word (.docx).

Layout as in the seeds: header block (förvaltning and avdelning, "Tjänsteutlåtande", Dnr,
date, Handläggare and Telefon, "Till" with the nämnd and its meeting date), title and
subtitle, the seven sections in order, the signature block side by side, "Bilagor", and
the attestation block listing the approvals that still hold, followed by those an imported
document carries from the system it was attested in (external_approvals), as the seeds
print them. The PDF is set in DejaVu Sans
from an HTML template; WeasyPrint gets no base URL and a fetcher that refuses everything,
so rendering never reaches the network or the file system.
"""

import datetime
import io
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from django.utils.timezone import localtime

from mrplan.consultations.models import STATEMENT_SECTIONS, Approval, Statement
from mrplan.consultations.statement_attestation import IMPORTED_ATTESTATION_LABEL, verify
from mrplan.consultations.statement_selectors import questions_for

FONT = "DejaVu Sans"
DOCUMENT_KIND = "Tjänsteutlåtande"
ATTESTATION_HEADING = "Attesterat av"
ATTESTATION_LEAD = "Detta dokument har godkänts digitalt av följande personer:"


def _refuse_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """WeasyPrint URL fetcher that fetches nothing: the document is self-contained."""
    raise ValueError(f"Refusing to fetch {url!r} while rendering a PDF.")


def _iso(value: datetime.date | None) -> str:
    return value.isoformat() if value else ""


@dataclass
class Section:
    heading: str
    paragraphs: list[str]


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
        Section(str(heading), _paragraphs(getattr(statement, name)))
        for name, heading in STATEMENT_SECTIONS
        if name != "attachments_text"
    ]
    answers = [
        (question.text, str(statement.answers.get(str(question.pk), "")).strip())
        for question in questions_for(statement)
    ]
    approvals = sorted(verify(statement).valid_approvals, key=lambda a: a.approved_at, reverse=True)
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
    )


def render_html(document: StatementDocument) -> str:
    return render_to_string(
        "consultations/statement_document.html",
        {
            "document": document,
            "statement": document.statement,
            "kind": DOCUMENT_KIND,
            "attestation_heading": ATTESTATION_HEADING,
            "imported_attestation_heading": IMPORTED_ATTESTATION_LABEL,
            "attestation_lead": ATTESTATION_LEAD,
        },
    )


def render_pdf(statement: Statement) -> bytes:
    """Return the statement as a PDF."""
    from weasyprint import HTML  # imported here: loading Pango is slow

    html = HTML(string=render_html(build(statement)), base_url=None, url_fetcher=_refuse_fetch)
    return bytes(html.write_pdf())


def _cell_lines(cell: Any, lines: list[str], *, bold_first: bool = False) -> None:
    cell.text = ""
    paragraph = cell.paragraphs[0]
    for index, line in enumerate(lines):
        if index:
            paragraph = cell.add_paragraph()
        run = paragraph.add_run(line)
        run.bold = bold_first and index == 0


def render_docx(statement: Statement) -> bytes:
    """Return the statement as a Word document."""
    from docx import Document
    from docx.shared import Pt

    document_data = build(statement)
    document = Document()
    for style_name in ("Normal", "Title", "Heading 1", "Heading 2"):
        document.styles[style_name].font.name = FONT
    document.styles["Normal"].font.size = Pt(11)
    document.core_properties.title = statement.title
    document.core_properties.language = "sv-SE"

    header = document.add_table(rows=2, cols=2)
    _cell_lines(
        header.cell(0, 0),
        [line for line in (document_data.office, document_data.department) if line],
    )
    _cell_lines(
        header.cell(0, 1),
        [DOCUMENT_KIND, f"Dnr {statement.diary_number}", document_data.document_date],
        bold_first=True,
    )
    _cell_lines(
        header.cell(1, 0),
        ["Handläggare", statement.case_officer_name, f"Telefon: {statement.case_officer_phone}"],
        bold_first=True,
    )
    _cell_lines(
        header.cell(1, 1),
        ["Till", statement.addressee_name, document_data.meeting_date],
        bold_first=True,
    )

    document.add_heading(statement.title, level=0)
    if statement.subtitle:
        document.add_paragraph(statement.subtitle, style="Subtitle")
    for section in document_data.sections:
        document.add_heading(section.heading, level=1)
        for paragraph in section.paragraphs:
            document.add_paragraph(paragraph)
    if document_data.answers:
        document.add_heading("Svar på remissens frågor", level=1)
        for question, answer in document_data.answers:
            document.add_heading(question, level=2)
            document.add_paragraph(answer)

    if document_data.signatures:
        table = document.add_table(rows=1, cols=len(document_data.signatures))
        for cell, row in zip(table.rows[0].cells, document_data.signatures, strict=True):
            _cell_lines(cell, [row["name"], row["title"], row["organisation"]])

    document.add_heading("Bilagor", level=1)
    for line in document_data.attachments:
        document.add_paragraph(line)

    rows = document_data.attestation_rows
    if rows:
        document.add_heading(ATTESTATION_HEADING, level=1)
        document.add_paragraph(ATTESTATION_LEAD)
        table = document.add_table(rows=1, cols=2)
        _cell_lines(table.cell(0, 0), ["Namn"], bold_first=True)
        _cell_lines(table.cell(0, 1), ["Datum"], bold_first=True)
        for name, date in rows:
            cells = table.add_row().cells
            cells[0].text = name
            cells[1].text = date

    imported = document_data.imported_attestation_rows
    if imported:
        document.add_heading(IMPORTED_ATTESTATION_LABEL, level=1)
        table = document.add_table(rows=1, cols=2)
        _cell_lines(table.cell(0, 0), ["Namn"], bold_first=True)
        _cell_lines(table.cell(0, 1), ["Datum"], bold_first=True)
        for name, date in imported:
            cells = table.add_row().cells
            cells[0].text = name
            cells[1].text = date

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
