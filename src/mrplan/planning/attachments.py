"""Which files a report may have attached, checked by extension and by their contents.

The extension alone proves nothing, so each file's first bytes (its "magic") must match
what the extension promises: a PDF starts with %PDF-, the office formats are zip archives
holding their own parts, and text files contain no binary data.
"""

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
SNIFF_BYTES = 8192
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def _starts_with(*signatures: bytes) -> Callable[[bytes, IO[bytes]], bool]:
    def check(head: bytes, _file: IO[bytes]) -> bool:
        return head.startswith(signatures)

    return check


def _zip_with(*members: str, mimetype: bytes | None = None) -> Callable[[bytes, IO[bytes]], bool]:
    """Accept a zip archive holding MEMBERS (and, for OpenDocument, the right mimetype)."""

    def check(head: bytes, file: IO[bytes]) -> bool:
        if not head.startswith(b"PK\x03\x04"):
            return False
        try:
            with zipfile.ZipFile(file) as archive:
                names = set(archive.namelist())
                if not set(members) <= names:
                    return False
                if mimetype is not None:
                    with archive.open("mimetype") as entry:
                        return entry.read(len(mimetype) + 1).strip() == mimetype
        except (zipfile.BadZipFile, KeyError, OSError, RuntimeError):
            return False
        return True

    return check


BINARY_SIGNATURES = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"MZ", b"\x7fELF")


def _text(head: bytes, _file: IO[bytes]) -> bool:
    """Accept text: no NUL bytes, no known binary format, UTF-8 or Windows-1252."""
    if b"\x00" in head or head.startswith(BINARY_SIGNATURES):
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # The sniffed head may end inside a multi-byte character.
        cut_short = len(head) == SNIFF_BYTES and error.start >= len(head) - 3
        if not cut_short:
            try:
                head.decode("cp1252")
            except UnicodeDecodeError:
                return False
    return True


@dataclass(frozen=True)
class FileType:
    label: str
    content_type: str
    matches: Callable[[bytes, IO[bytes]], bool]


FILE_TYPES: dict[str, FileType] = {
    ".pdf": FileType("PDF", "application/pdf", _starts_with(b"%PDF-")),
    ".docx": FileType(
        "Word",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _zip_with("[Content_Types].xml", "word/document.xml"),
    ),
    ".xlsx": FileType(
        "Excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _zip_with("[Content_Types].xml", "xl/workbook.xml"),
    ),
    ".odt": FileType(
        "OpenDocument",
        "application/vnd.oasis.opendocument.text",
        _zip_with("mimetype", "content.xml", mimetype=ODT_MIMETYPE),
    ),
    ".png": FileType("PNG", "image/png", _starts_with(b"\x89PNG\r\n\x1a\n")),
    ".jpg": FileType("JPEG", "image/jpeg", _starts_with(b"\xff\xd8\xff")),
    ".jpeg": FileType("JPEG", "image/jpeg", _starts_with(b"\xff\xd8\xff")),
    ".csv": FileType("CSV", "text/csv", _text),
    ".txt": FileType("Text", "text/plain", _text),
}

ACCEPT = ",".join(FILE_TYPES)


@dataclass(frozen=True)
class CheckedFile:
    name: str
    extension: str
    content_type: str
    size: int


def clean_name(name: str) -> str:
    """Return the file's own name without any folders, at most 255 characters."""
    base = PurePath(name.replace("\\", "/")).name.strip()
    stem, extension = PurePath(base).stem, PurePath(base).suffix
    return stem[: 255 - len(extension)] + extension


def check_file(name: str, size: int, file: IO[bytes]) -> CheckedFile:
    """Return what FILE is, or raise ValidationError (in Swedish) when it may not be attached."""
    original = clean_name(name)
    extension = PurePath(original).suffix.lower()
    file_type = FILE_TYPES.get(extension)
    if not original or file_type is None:
        raise ValidationError(
            _(
                "Filtypen är inte tillåten. Bifoga en fil av typen PDF, Word (.docx), Excel "
                "(.xlsx), OpenDocument (.odt), PNG, JPEG, CSV eller text (.txt)."
            ),
            code="type",
        )
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(_("Filen är större än 10 MB."), code="size")
    if size == 0:
        raise ValidationError(_("Filen är tom."), code="empty")
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    # zipfile needs a seekable file; an uploaded file is one, and bytes are wrapped.
    seekable = file if file.seekable() else io.BytesIO(file.read())
    try:
        matches = file_type.matches(head, seekable)
    finally:
        file.seek(0)
    if not matches:
        raise ValidationError(
            _(
                "Filens innehåll stämmer inte med filändelsen %(extension)s. Kontrollera att "
                "det är en riktig %(label)s-fil."
            )
            % {"extension": extension, "label": file_type.label},
            code="content",
        )
    return CheckedFile(original, extension, file_type.content_type, size)
