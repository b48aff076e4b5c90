"""Middleware shared by every app: refuse hostile input before any view sees it."""

import re
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

# Page numbers and sizes beyond this are refused: no list is that long, and larger numbers
# overflow the database's integers (a server error instead of an answer).
MAX_PAGE_NUMBER = 1_000_000
PAGE_PARAMETERS = ("page", "page_size", "limit", "offset")
NUMBER = re.compile(r"[+-]?\d+")
# A JSON escape for NUL: \u0000 preceded by an even number of backslashes (an odd number
# in total), so that an escaped backslash followed by "u0000" stays ordinary text.
JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000", re.IGNORECASE)
TEXT_BODIES = ("application/json", "application/x-www-form-urlencoded", "multipart/form-data")


def _has_nul(items: Iterable[tuple[str, list[str]]]) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in items)


def _page_out_of_range(request: HttpRequest) -> bool:
    for name in PAGE_PARAMETERS:
        for value in request.GET.getlist(name):
            text = value.strip()
            if NUMBER.fullmatch(text) and abs(int(text[:12])) > MAX_PAGE_NUMBER:
                return True
    return False


def _body_has_nul(request: HttpRequest) -> bool:
    content_type = request.content_type or ""
    if request.method in ("GET", "HEAD", "OPTIONS") or content_type not in TEXT_BODIES:
        return False
    if content_type == "application/json":
        body = request.body
        return b"\x00" in body or JSON_NUL.search(body) is not None
    # Form fields only; uploaded files may hold any bytes.
    return _has_nul(request.POST.lists())


def is_bad_input(request: HttpRequest) -> bool:
    """Whether REQUEST carries a NUL character or a page number no list can have."""
    return _has_nul(request.GET.lists()) or _page_out_of_range(request) or _body_has_nul(request)


class BadInputMiddleware:
    """Answer 400 with a Swedish message (JSON under /api/) to NUL bytes and absurd pages.

    NUL cannot be stored in PostgreSQL text and huge page numbers overflow its integers;
    both would otherwise surface as server errors deep inside whichever view got them.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if is_bad_input(request):
            return self.refuse(request)
        return self.get_response(request)

    @staticmethod
    def refuse(request: HttpRequest) -> HttpResponse:
        message = _("Förfrågan innehåller tecken eller värden som inte kan tas emot.")
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=400)
        html = render_to_string("400.html", {"message": message}, request=request)
        return HttpResponse(html, status=400)


class SecurityHeadersMiddleware:
    """Add Permissions-Policy everywhere, and keep signed-in pages out of every cache.

    Pages for a signed-in user (or an API caller with a token) can hold personal data and
    one-time secrets (a new API token), so browsers and proxies must not store them.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = settings.MRPLAN_PERMISSIONS_POLICY
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        user = getattr(request, "user", None)
        signed_in = bool(user is not None and user.is_authenticated)
        if signed_in or "HTTP_AUTHORIZATION" in request.META:
            add_never_cache_headers(response)
        return response


class BenchHeadersMiddleware:
    """Report each request's server time and query count in response headers (`make bench`).

    Installed only when MRPLAN_BENCH_HEADERS=1 (settings.py): the benchmark reads
    `Server-Timing: app;dur=<ms>, db;dur=<ms>` and `X-Mrplan-Queries: <n>` from every answer.
    Never on in production: the headers tell anyone how hard a page is for the database.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        counter = _QueryCounter()
        start = time.perf_counter()
        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        elapsed_ms = (time.perf_counter() - start) * 1000
        response.headers["Server-Timing"] = (
            f"app;dur={elapsed_ms:.2f}, db;dur={counter.seconds * 1000:.2f}"
        )
        response.headers["X-Mrplan-Queries"] = str(counter.queries)
        return response


class _QueryCounter:
    """An execute wrapper that counts the queries it sees and the time they take."""

    def __init__(self) -> None:
        self.queries = 0
        self.seconds = 0.0

    def __call__(
        self,
        execute: Callable[..., Any],
        sql: str,
        params: Any,
        many: bool,
        context: dict[str, Any],
    ) -> Any:
        self.queries += 1
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - start
