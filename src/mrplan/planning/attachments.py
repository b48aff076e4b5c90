"""Which files a report may have attached; the checking itself is in mrplan.core.uploads."""

from dataclasses import dataclass
from pathlib import PurePath
from typing import IO

from django.core.files import File

from mrplan.core import uploads

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ALLOWED_KINDS = frozenset({"pdf", "docx", "xlsx", "odt", "png", "jpeg", "csv", "txt"})
ACCEPT = uploads.accept(ALLOWED_KINDS)


@dataclass(frozen=True)
class CheckedFile:
    name: str
    extension: str
    content_type: str
    size: int


def check_file(name: str, size: int, file: IO[bytes] | File) -> CheckedFile:
    """Return what FILE is, or raise ValidationError (in Swedish) when it may not be attached."""
    kind = uploads.check_upload(
        file, allowed=ALLOWED_KINDS, max_bytes=MAX_ATTACHMENT_BYTES, name=name, size=size
    )
    original = uploads.clean_name(name)
    extension = PurePath(original).suffix.lower()
    return CheckedFile(original, extension, uploads.KINDS[kind].content_type, size)
