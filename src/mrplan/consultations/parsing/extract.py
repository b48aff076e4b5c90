"""Turn an uploaded file (plain text, PDF or Word .docx) into text for the statement parser."""

from __future__ import annotations

import io
import logging
import re
from typing import Any

from mrplan.consultations.parsing.errors import NotAStatement
from mrplan.core.uploads import PDF_MAGIC

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 10 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".text")
ZIP_MAGIC = b"PK\x03\x04"
_COLUMN_GAP = 4
_OTHER_MAGIC = {
    b"PK\x03\x04": "ett Office- eller zip-dokument",
    b"\xd0\xcf\x11\xe0": "ett äldre Office-dokument",
    b"{\\rtf": "ett RTF-dokument",
}


def _is_pdf(data: bytes) -> bool:
    # The PDF specification lets readers accept the header within the first 1024 bytes.
    return PDF_MAGIC in data[:1024]


# A text-showing array ([<0047>0<004c>0<0044>] TJ) and a zero adjustment between two hex strings.
_TJ_ARRAY = re.compile(rb"\[([^\[\]()]*)\]\s*TJ")
_ZERO_GAP = re.compile(rb">\s*-?(?:0+(?:\.0*)?|\.0+)\s*<")


def _merge_zero_gaps(page: Any) -> None:
    """Join the glyphs of each text-showing array that are separated by a zero adjustment.

    WeasyPrint (our own statement PDFs) writes every glyph as its own string followed by a
    0 adjustment. pypdf's layout mode does matrix arithmetic in Python for every string, so
    a 20-page statement took about 1.5 s a page to read (profiled: most of the time in
    pypdf's text_state_params). A zero adjustment moves nothing, so "<0047>0<004c>" and
    "<0047004c>" print the same glyphs at the same places: the text read is unchanged and
    reading is several times faster. Other adjustments (kerning, spaces) are kept.
    """
    from pypdf.generic import NameObject

    try:
        contents = page.get_contents()
        if contents is None:
            return
        data = contents.get_data()
        merged = _TJ_ARRAY.sub(
            lambda match: b"[" + _ZERO_GAP.sub(b"", match.group(1)) + b"] TJ", data
        )
        if merged != data:
            contents.set_data(merged)
            page[NameObject("/Contents")] = contents
    except (ValueError, KeyError, TypeError, IndexError, OSError):
        return  # read the page as it is


def _page_text(page: Any) -> str:
    _merge_zero_gaps(page)
    try:
        text = page.extract_text(extraction_mode="layout") or ""
    except (ValueError, KeyError, TypeError, IndexError, ZeroDivisionError):
        text = page.extract_text() or ""
    # Some fonts come out as UTF-16 code units with NUL high bytes.
    return str(text).replace("\x00", "")


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise NotAStatement("PDF-filen är krypterad och kan inte läsas.")
        # Layout mode keeps the blank lines between paragraphs, which the parser relies on.
        pages = [_page_text(page) for page in reader.pages]
    except NotAStatement:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        logger.info("Unreadable PDF: %s", error)
        raise NotAStatement("PDF-filen är skadad och kan inte läsas.") from error
    text = "\f".join(pages)
    if not text.strip():
        raise NotAStatement(
            "PDF-filen innehåller ingen text (den kan vara inskannad). "
            "Ladda upp en PDF med text eller en textfil."
        )
    return text


def _table_lines(table: Any) -> list[str]:
    """Lay out a Word table as PDF extraction does: cells side by side in padded columns."""
    lines: list[str] = []
    for row in table.rows:
        cells = [[p.text.strip() for p in cell.paragraphs if p.text.strip()] for cell in row.cells]
        widths = [max((len(line) for line in cell), default=0) + _COLUMN_GAP for cell in cells]
        starts = [sum(widths[:index]) for index in range(len(widths))]
        for number in range(max((len(cell) for cell in cells), default=0)):
            line = ""
            for cell, start in zip(cells, starts, strict=True):
                if number < len(cell):
                    line = line.ljust(start) + cell[number]
            lines.append(line)
        lines.append("")
    return lines


def _paragraph_kind(paragraph: Any) -> str:
    """Return "ul", "ol" or "p" from the paragraph's Word style (List Bullet, List Number)."""
    style = paragraph.style.name if paragraph.style is not None else ""
    if style.startswith("List Bullet"):
        return "ul"
    if style.startswith("List Number"):
        return "ol"
    return "p"


def _docx_text(data: bytes) -> str:
    """Return the body of a .docx in reading order: paragraphs, lists and tables."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many kinds for a damaged package
        logger.info("Unreadable .docx: %s", error)
        raise NotAStatement("Word-filen är skadad och kan inte läsas.") from error
    lines: list[str] = []
    previous = ""
    number = 0
    for item in document.iter_inner_content():
        if lines and lines[-1]:
            same_list = isinstance(item, Paragraph) and previous == _paragraph_kind(item) != "p"
            if not same_list:
                lines.append("")  # paragraphs, lists and tables are blocks of their own
        if isinstance(item, Table):
            lines.extend(_table_lines(item))
            previous = "table"
            continue
        text = item.text.strip()
        if not text:
            continue
        kind = _paragraph_kind(item)
        number = number + 1 if kind == previous == "ol" else 1
        prefix = {"ul": "• ", "ol": f"{number}. "}.get(kind, "")
        # A line break inside a paragraph (Shift+Enter) stays a line of the paragraph.
        lines.extend((prefix + text).split("\n"))
        previous = kind
    text = "\n".join(lines)
    if not text.strip():
        raise NotAStatement("Word-filen innehåller ingen text.")
    return text


def _plain_text(data: bytes) -> str:
    if b"\x00" in data:
        raise NotAStatement("Filen är varken en textfil eller en PDF.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise NotAStatement(
        "Filens teckenkodning kunde inte läsas. Spara den som UTF-8 och försök igen."
    )


def extract_text(data: bytes, filename: str, *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Return the text of a plain-text (UTF-8 or Windows-1252), PDF or Word (.docx) file.

    Page breaks in a PDF come back as form feeds. Raise NotAStatement with a
    Swedish message for an empty, too large, fake, unreadable or unsupported file.
    """
    if not data:
        raise NotAStatement("Filen är tom.")
    if len(data) > max_bytes:
        raise NotAStatement(
            f"Filen är för stor. Största tillåtna storlek är {max_bytes // (1024 * 1024)} MB."
        )
    name = filename.lower()
    if _is_pdf(data):
        return _pdf_text(data)
    if name.endswith(".pdf"):
        raise NotAStatement("Filen heter .pdf men är ingen PDF-fil.")
    if data.startswith(ZIP_MAGIC) and name.endswith(".docx"):
        return _docx_text(data)
    for magic, kind in _OTHER_MAGIC.items():
        if data.startswith(magic):
            raise NotAStatement(
                f"Filen är {kind}. Ladda upp tjänsteutlåtandet som PDF, Word (.docx) eller textfil."
            )
    return _plain_text(data)
