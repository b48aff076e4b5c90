"""Cached HTML and CSRF tokens, for the caches of rendered pages.

A rendered page holds the reader's CSRF token in each form. A cache keeps the page with every
token replaced by a placeholder (`without_tokens`), and each request that is served the page
gets its own token filled in (`with_token`), so no reader ever sees another's secret. Used by
the public page cache (public/cache.py) and the signed-in page bodies (accounts/reader_cache.py).
"""

import re

from django.http import HttpRequest
from django.middleware.csrf import get_token

TOKEN_PLACEHOLDER = b"mrplan-public-cache-csrf-token"
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")([A-Za-z0-9]+)(")')


def without_tokens(content: bytes) -> tuple[bytes, int] | None:
    """Return CONTENT with each form's CSRF token replaced by the placeholder, and how many
    distinct tokens were replaced; None when a token also stands where it cannot be replaced
    (such a page must not be kept)."""
    tokens = {match.group(2) for match in CSRF_INPUT.finditer(content)}
    stored = CSRF_INPUT.sub(rb"\1" + TOKEN_PLACEHOLDER + rb"\3", content)
    if any(token in stored for token in tokens):
        return None
    return stored, len(tokens)


def with_token(content: bytes, request: HttpRequest) -> bytes:
    """Return cached CONTENT with REQUEST's own CSRF token in place of the placeholder."""
    if TOKEN_PLACEHOLDER in content:
        return content.replace(TOKEN_PLACEHOLDER, get_token(request).encode())
    return content
