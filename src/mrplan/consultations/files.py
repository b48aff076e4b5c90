"""Which files may be sent with a consultation: PDF, Word (.docx) or OpenDocument (.odt).

The extension alone proves nothing, so the file's first bytes must match it: a PDF starts
with %PDF-, and the office formats are zip archives holding their own parts.
"""

import zipfile
from pathlib import PurePath
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
ACCEPT = ".pdf,.docx,.odt"


def _is_pdf(file: IO[bytes]) -> bool:
    return file.read(5) == b"%PDF-"


def _zip_members(file: IO[bytes]) -> tuple[set[str], bytes] | None:
    if file.read(4) != b"PK\x03\x04":
        return None
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            mimetype = b""
            if "mimetype" in names:
                with archive.open("mimetype") as entry:
                    mimetype = entry.read(len(ODT_MIMETYPE) + 1).strip()
            return names, mimetype
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError):
        return None


def _is_docx(file: IO[bytes]) -> bool:
    members = _zip_members(file)
    return members is not None and {"[Content_Types].xml", "word/document.xml"} <= members[0]


def _is_odt(file: IO[bytes]) -> bool:
    members = _zip_members(file)
    return members is not None and "content.xml" in members[0] and members[1] == ODT_MIMETYPE


CHECKS = {".pdf": ("PDF", _is_pdf), ".docx": ("Word", _is_docx), ".odt": ("OpenDocument", _is_odt)}


def clean_name(name: str) -> str:
    """Return the file's own name without any folders, at most 200 characters."""
    base = PurePath(name.replace("\\", "/")).name.strip()
    stem, extension = PurePath(base).stem, PurePath(base).suffix
    return stem[: 200 - len(extension)] + extension


def check_document(name: str, size: int, file: IO[bytes]) -> str:
    """Return the cleaned file name, or raise ValidationError (in Swedish) for a bad file."""
    cleaned = clean_name(name)
    extension = PurePath(cleaned).suffix.lower()
    if extension not in CHECKS:
        raise ValidationError(
            _("Filtypen är inte tillåten. Bifoga en PDF, Word (.docx) eller OpenDocument (.odt)."),
            code="type",
        )
    if size > MAX_DOCUMENT_BYTES:
        raise ValidationError(_("Filen är större än 20 MB."), code="size")
    if size == 0:
        raise ValidationError(_("Filen är tom."), code="empty")
    label, matches = CHECKS[extension]
    file.seek(0)
    try:
        ok = matches(file)
    finally:
        file.seek(0)
    if not ok:
        raise ValidationError(
            _(
                "Filens innehåll stämmer inte med filändelsen %(extension)s. Kontrollera att "
                "det är en riktig %(label)s-fil."
            )
            % {"extension": extension, "label": label},
            code="content",
        )
    return cleaned
