"""A statement's content as one canonical document, and its SHA-256.

Approvals are bound to the hash of exactly this content, so any edit of a header
field, a section, the signature block or an answer changes the hash.

The approvals an imported document carries from another system (external_approvals) are
part of the document as printed, so they are hashed too, but only when there are any: a
statement without them hashes exactly as before the field existed, so the versions stored
until then still verify.
"""

import datetime
import hashlib
import json
from typing import Any

from mrplan.consultations.models import STATEMENT_CONTENT_FIELDS, Statement

# Left out of the content while empty (see the module docstring).
OPTIONAL_EMPTY_FIELD = "external_approvals"


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def statement_content(statement: Statement) -> dict[str, Any]:
    """Return the statement's content fields as JSON-ready values."""
    content = {name: _plain(getattr(statement, name)) for name in STATEMENT_CONTENT_FIELDS}
    if not content.get(OPTIONAL_EMPTY_FIELD):
        content.pop(OPTIONAL_EMPTY_FIELD, None)
    return content


def content_hash(content: dict[str, Any]) -> str:
    """Return the SHA-256 hex digest of CONTENT in canonical JSON (sorted keys, UTF-8)."""
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
