"""Checking uploaded files: allowed kind by extension, real contents, size, in Swedish.

The extension alone proves nothing, so each file's first bytes (its "magic") must match
what the extension promises: a PDF starts with %PDF-, the office formats are zip archives
holding their own parts, images start with their signature, and text files contain no
binary data. Every app that accepts uploads uses check_upload() with its own set of
allowed kinds and its own size limit.
"""

import io
import re
import secrets
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any, cast

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

SNIFF_BYTES = 8192
PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
BINARY_SIGNATURES = (b"%PDF", ZIP_MAGIC, b"\x89PNG", JPEG_MAGIC, b"MZ", b"\x7fELF")

Matcher = Callable[[bytes, IO[bytes]], bool]


def _starts_with(*signatures: bytes) -> Matcher:
    def check(head: bytes, _file: IO[bytes]) -> bool:
        return head.startswith(signatures)

    return check


def _zip_with(*members: str, mimetype: bytes | None = None) -> Matcher:
    """Accept a zip archive holding MEMBERS (and, for OpenDocument, the right mimetype)."""

    def check(head: bytes, file: IO[bytes]) -> bool:
        if not head.startswith(ZIP_MAGIC):
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
class FileKind:
    """One kind of file: its extensions, how users call it, and how to recognise it."""

    key: str
    extensions: tuple[str, ...]
    label: str  # used in "Kontrollera att det är en riktig <label>-fil."
    description: str  # used in the list of allowed kinds
    content_type: str
    matches: Matcher


KINDS: dict[str, FileKind] = {
    kind.key: kind
    for kind in [
        FileKind("pdf", (".pdf",), "PDF", "PDF", "application/pdf", _starts_with(PDF_MAGIC)),
        FileKind(
            "docx",
            (".docx",),
            "Word",
            "Word (.docx)",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            _zip_with("[Content_Types].xml", "word/document.xml"),
        ),
        FileKind(
            "xlsx",
            (".xlsx",),
            "Excel",
            "Excel (.xlsx)",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            _zip_with("[Content_Types].xml", "xl/workbook.xml"),
        ),
        FileKind(
            "pptx",
            (".pptx",),
            "PowerPoint",
            "PowerPoint (.pptx)",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            _zip_with("[Content_Types].xml", "ppt/presentation.xml"),
        ),
        FileKind(
            "odt",
            (".odt",),
            "OpenDocument",
            "OpenDocument (.odt)",
            "application/vnd.oasis.opendocument.text",
            _zip_with("mimetype", "content.xml", mimetype=ODT_MIMETYPE),
        ),
        FileKind("png", (".png",), "PNG", "PNG", "image/png", _starts_with(PNG_MAGIC)),
        FileKind("jpeg", (".jpg", ".jpeg"), "JPEG", "JPEG", "image/jpeg", _starts_with(JPEG_MAGIC)),
        FileKind("csv", (".csv",), "CSV", "CSV", "text/csv", _text),
        FileKind("txt", (".txt",), "Text", "text (.txt)", "text/plain", _text),
    ]
}
TEXT_KINDS = frozenset({"csv", "txt"})


def _ordered(allowed: Iterable[str]) -> list[FileKind]:
    wanted = set(allowed)
    unknown = wanted - set(KINDS)
    if unknown:
        raise ValueError(f"Unknown file kinds: {sorted(unknown)}")
    return [kind for key, kind in KINDS.items() if key in wanted]


def accept(allowed: Iterable[str]) -> str:
    """The value of an <input type=file accept=...> attribute for the ALLOWED kinds."""
    return ",".join(ext for kind in _ordered(allowed) for ext in kind.extensions)


def extension_of(name: str) -> str:
    """The lower-case extension of NAME (with its dot), or "" when it has none."""
    return PurePath(clean_name(name)).suffix.lower()


def kind_for_name(name: str, allowed: Iterable[str] | None = None) -> FileKind | None:
    """The kind NAME's extension promises (among ALLOWED, if given), or None."""
    extension = extension_of(name)
    kinds = KINDS.values() if allowed is None else _ordered(allowed)
    return next((kind for kind in kinds if extension in kind.extensions), None)


def clean_name(name: str, max_length: int = 255) -> str:
    """Return the file's own name without any folders, at most MAX_LENGTH characters."""
    base = PurePath(name.replace("\\", "/")).name.strip()
    stem, extension = PurePath(base).stem, PurePath(base).suffix
    return stem[: max_length - len(extension)] + extension


def read_head(file: Any, size: int = SNIFF_BYTES) -> bytes:
    """Return the first SIZE bytes of FILE and leave it at its start."""
    file.seek(0)
    try:
        return bytes(file.read(size))
    finally:
        file.seek(0)


def file_size(file: Any) -> int:
    """FILE's size: its .size when it has one, otherwise measured by seeking."""
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, 2)
        size = file.tell()
        file.seek(0)
    return int(size)


def _type_message(kinds: list[FileKind]) -> str:
    names = [kind.description for kind in kinds]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " eller " + names[-1]
    return _("Filtypen är inte tillåten. Bifoga en fil av typen %(kinds)s.") % {"kinds": listed}


def _megabytes(max_bytes: int) -> str:
    megabytes = max_bytes / (1024 * 1024)
    return f"{megabytes:g}".replace(".", ",")


def check_upload(
    uploaded_file: Any,
    *,
    allowed: set[str] | frozenset[str],
    max_bytes: int,
    name: str | None = None,
    size: int | None = None,
    utf8_text: bool = False,
) -> str:
    """Return the kind (a key of KINDS) of UPLOADED_FILE, or raise ValidationError in Swedish.

    NAME and SIZE default to the file's own .name and .size. The file is left at its start.
    With UTF8_TEXT, text files must also be UTF-8 as a whole (not Windows-1252).
    """
    kinds = _ordered(allowed)
    if name is None:
        name = getattr(uploaded_file, "name", "") or ""
    if size is None:
        size = file_size(uploaded_file)
    cleaned = clean_name(name)
    kind = kind_for_name(cleaned, allowed)
    if not cleaned or kind is None:
        raise ValidationError(_type_message(kinds), code="type")
    if size > max_bytes:
        raise ValidationError(
            _("Filen är större än %(size)s MB.") % {"size": _megabytes(max_bytes)}, code="size"
        )
    if size == 0:
        raise ValidationError(_("Filen är tom."), code="empty")
    head = read_head(uploaded_file)
    # zipfile needs a seekable file; an uploaded file is one, other streams are wrapped.
    seekable = uploaded_file if uploaded_file.seekable() else io.BytesIO(uploaded_file.read())
    try:
        matches = kind.matches(head, cast(IO[bytes], seekable))
    finally:
        uploaded_file.seek(0)
    if not matches:
        raise ValidationError(
            _(
                "Filens innehåll stämmer inte med filändelsen %(extension)s. Kontrollera att "
                "det är en riktig %(label)s-fil."
            )
            % {"extension": extension_of(cleaned), "label": kind.label},
            code="content",
        )
    if utf8_text and kind.key in TEXT_KINDS:
        try:
            uploaded_file.read().decode("utf-8")
        except UnicodeDecodeError:
            raise ValidationError(
                _("Textfilen måste vara sparad som UTF-8."), code="encoding"
            ) from None
        finally:
            uploaded_file.seek(0)
    return kind.key


SAFE_EXTENSION = re.compile(r"\.[a-z0-9]{1,10}")


@deconstructible
class RandomName:
    """An upload_to that stores a file under FOLDER (strftime codes allowed) with a random name.

    Only the lower-cased extension of the name people gave the file is kept, so that a
    chosen name never reaches the file system or the file's address; models keep the
    original name in a field of their own, for downloads.
    """

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def __call__(self, instance: Any, filename: str) -> str:
        extension = PurePath(filename).suffix.lower()
        if not SAFE_EXTENSION.fullmatch(extension):
            extension = ""
        folder = timezone.now().strftime(self.folder).rstrip("/")
        return f"{folder}/{secrets.token_hex(16)}{extension}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RandomName) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)


def original_name(file: Any) -> str:
    """Return the name an uploaded FILE was given (its base name, at most 255 characters)."""
    return PurePath(str(getattr(file, "name", "") or "")).name[:255]
