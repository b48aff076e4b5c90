"""Turn an uploaded file (plain text or PDF) into text for the statement parser."""

from __future__ import annotations

import io
import logging
from typing import Any

from mrplan.consultations.parsing_errors import NotAStatement
from mrplan.core.uploads import PDF_MAGIC

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 10 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".text")
_OTHER_MAGIC = {
    b"PK\x03\x04": "ett Office- eller zip-dokument",
    b"\xd0\xcf\x11\xe0": "ett äldre Office-dokument",
    b"{\\rtf": "ett RTF-dokument",
}


def _is_pdf(data: bytes) -> bool:
    # The PDF specification lets readers accept the header within the first 1024 bytes.
    return PDF_MAGIC in data[:1024]


def _page_text(page: Any) -> str:
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
    """Return the text of a plain-text (UTF-8 or Windows-1252) or PDF file.

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
    for magic, kind in _OTHER_MAGIC.items():
        if data.startswith(magic):
            raise NotAStatement(
                f"Filen är {kind}. Ladda upp tjänsteutlåtandet som PDF eller textfil."
            )
    return _plain_text(data)
