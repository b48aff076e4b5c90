"""Which files may be sent with a consultation: PDF, Word (.docx) or OpenDocument (.odt).

The checking itself (extension, contents, size) is in mrplan.core.uploads.
"""

from typing import IO

from django.core.files import File

from mrplan.core import uploads

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
ALLOWED_KINDS = frozenset({"pdf", "docx", "odt"})
ACCEPT = uploads.accept(ALLOWED_KINDS)
MAX_NAME_LENGTH = 200


def clean_name(name: str) -> str:
    """Return the file's own name without any folders, at most 200 characters."""
    return uploads.clean_name(name, MAX_NAME_LENGTH)


def check_document(name: str, size: int, file: IO[bytes] | File) -> str:
    """Return the cleaned file name, or raise ValidationError (in Swedish) for a bad file."""
    uploads.check_upload(
        file, allowed=ALLOWED_KINDS, max_bytes=MAX_DOCUMENT_BYTES, name=name, size=size
    )
    return clean_name(name)
