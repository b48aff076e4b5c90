"""Server-side cache of the pages anonymous readers see.

Anonymous GET requests for public pages (the start page, /oppet/, the programme pages, the
organisation directory, published datasets and public material) are answered from Django's
cache framework. The key holds a "generation" number that signals.py raises whenever a model
those pages show is saved or deleted, so a single bump invalidates every cached page.

Nothing personal is ever cached: a request that carries a session or a messages cookie (a
signed-in user, or a pending message) goes straight to the view, and so do other methods than
GET. A response that sets a cookie, changes the session, adds a message or is not a 200 is not
stored. Every page has a CSRF token (the language switcher is a form): it is stored as a
placeholder and each reader gets their own token, so no reader ever sees another's secret.

With several worker processes, point the "default" cache at Redis (settings.CACHES) so that a
bump in one worker invalidates the pages of all; the default LocMemCache serves one process.
"""

import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from mrplan.core.csrf_placeholder import with_token, without_tokens
from mrplan.core.generation import generation

HEADER = "X-Mrplan-Cache"
KEY_PREFIX = "mrplan-public-cache:page"
# Paths below the language prefix ("/en") whose anonymous GET responses are cached.
CACHED_PREFIXES = (
    "/oppet/",
    "/program/",
    "/organisationer/",
    "/kunskap/",
    "/samverkan/material/",
)
# Headers the outer middleware adds again on every response; never replayed from the cache.
NOT_REPLAYED = {"set-cookie", "vary", "content-language", "x-frame-options", HEADER.lower()}


def cache_seconds() -> int:
    """Return how long a page stays cached; 0 switches the cache off."""
    return settings.MRPLAN_PUBLIC_CACHE_SECONDS


def page_cache() -> BaseCache:
    return caches[settings.MRPLAN_PUBLIC_CACHE_ALIAS]


def is_public_path(path: str) -> bool:
    """Return whether PATH (with or without the /en prefix) is a cached public page."""
    prefixes = CACHED_PREFIXES
    for language, _name in settings.LANGUAGES:
        if path.startswith(f"/{language}/"):
            path = path[len(language) + 1 :]
            break
    return path == "/" or path.startswith(prefixes)


def may_use_cache(request: HttpRequest) -> bool:
    """Return whether REQUEST is an anonymous GET for a public page, without touching the DB."""
    if request.method != "GET" or cache_seconds() <= 0:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False  # signed in, or at least carrying a session: never cached
    if CookieStorage.cookie_name in request.COOKIES:
        return False
    return is_public_path(request.path)


def cache_key(request: HttpRequest) -> str:
    """Return the key of REQUEST's page: generation, language, scheme, host and full path."""
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"{KEY_PREFIX}:{generation()}:{get_language()}:{digest}"


def _storable(request: HttpRequest, response: HttpResponseBase) -> bytes | None:
    """Return RESPONSE's content with its CSRF token replaced, or None if it must not be kept."""
    if not isinstance(response, HttpResponse) or response.status_code != 200:
        return None
    if response.cookies or response.has_header("Set-Cookie"):
        return None
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return None
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return None
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return None
    storage = getattr(request, "_messages", None)
    if storage is not None and getattr(storage, "added_new", False):
        return None
    kept = without_tokens(response.content)
    if kept is None:
        return None  # the token is used somewhere we cannot replace it
    content, tokens = kept
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") and not tokens:
        return None
    return content


class PublicPageCacheMiddleware:
    """Answer anonymous GET requests for public pages from the cache (see the module doc).

    Place it last in MIDDLEWARE: after LocaleMiddleware (the language is part of the key) and
    after CsrfViewMiddleware (each reader's CSRF token is filled in on a hit).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not may_use_cache(request):
            return self.get_response(request)
        try:
            key = cache_key(request)
        except DisallowedHost:
            return self.get_response(request)
        cache = page_cache()
        cached = cache.get(key)
        if cached is not None:
            return self._replay(request, cached)
        response = self.get_response(request)
        content = _storable(request, response)
        if content is not None:
            headers = [
                (name, value)
                for name, value in response.headers.items()
                if name.lower() not in NOT_REPLAYED
            ]
            cache.set(key, (response.status_code, headers, content), cache_seconds())
        response[HEADER] = "miss"
        return response

    def _replay(self, request: HttpRequest, cached: tuple[int, list[Any], bytes]) -> HttpResponse:
        status, headers, content = cached
        content = with_token(content, request)
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["Content-Length"] = str(len(content))
        response[HEADER] = "hit"
        # The page is the anonymous variant: shared caches must not give it to signed-in users.
        patch_vary_headers(response, ("Cookie",))
        return response
