"""Rendered page bodies cached per reader and data generation (the plan page, Mina uppgifter).

The signed-in pages most visited (an organisation's plan: ~180 kB, 100-250 ms to build and
render; "Mina uppgifter") are the same for a reader until something changes. Their bodies are
cached under a key of everything they depend on:

- the data generation (core/generation.py), raised on every save or delete in the apps the
  pages show and on every audit event, so on every action, bulk writes included; once at
  once and once more on commit, so a reader rendering in between cannot keep old rows;
- the page's scope (e.g. the organisation and year), the language and the request's full path;
- the day (roll-ups, "overdue" and due dates are judged against today);
- the reader: their id and their roles (memberships are not data the generation watches, so
  a changed role changes the key instead); bodies have per-user parts (edit links, history
  links, evidence and publication buttons, the tasks that are the reader's).

Nothing of the request's secrets is kept: CSRF tokens in the body are stored as a placeholder
and each request fills in its own. MRPLAN_READER_CACHE_SECONDS = 0 switches the cache off.
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from mrplan.accounts.permissions import roles_for
from mrplan.core import csrf_placeholder
from mrplan.core.generation import generation, generation_cache

KEY_PREFIX = "mrplan-reader-body"
TOKEN_PLACEHOLDER = csrf_placeholder.TOKEN_PLACEHOLDER.decode()


def cache_seconds() -> int:
    return settings.MRPLAN_READER_CACHE_SECONDS


def body_key(request: HttpRequest, scope: str) -> str:
    """Return the cache key of the body of page SCOPE that REQUEST's reader sees."""
    user = request.user
    roles = roles_for(user)
    reader = repr(
        (
            user.pk,
            sorted((org, sorted(names)) for org, names in roles.by_organisation.items()),
            roles.coordinator,
            roles.superuser,
            roles.citywide_reader,
            user.is_staff,
        )
    )
    digest = hashlib.sha256(f"{reader}|{request.get_full_path()}".encode()).hexdigest()
    return (
        f"{KEY_PREFIX}:{generation()}:{scope}:{get_language()}:"
        f"{timezone.localdate().isoformat()}:{digest}"
    )


def cached_body(
    request: HttpRequest,
    scope: str,
    render_body: Callable[[], str],
) -> SafeString:
    """Return page SCOPE's body for REQUEST, from the cache or from RENDER_BODY() (then kept)."""
    seconds = cache_seconds()
    if seconds <= 0:
        return mark_safe(render_body())  # noqa: S308 - rendered by the template engine
    cache = generation_cache()
    key = body_key(request, scope)
    stored: bytes | None = cache.get(key)
    if stored is None:
        # The key was taken before rendering: a write during the render bumps the
        # generation, so what is stored here is never served after that write.
        html = render_body()
        kept = csrf_placeholder.without_tokens(html.encode())
        if kept is None:
            return mark_safe(html)  # noqa: S308 - a token we cannot replace: not kept
        stored = kept[0]
        cache.set(key, stored, seconds)
    body = csrf_placeholder.with_token(stored, request).decode()
    return mark_safe(body)  # noqa: S308 - rendered by the template engine
