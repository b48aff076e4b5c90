"""Open data downloads: every public list as CSV, XLSX and JSON, and all of it as one zip.

The files are built by a background job when public content changes (opendata.store,
public.jobs) and sent from disk here, with an ETag and Last-Modified. When there is no file
to serve (before the first build, or just after something left the public site) a request
builds them itself if the data is small, and otherwise answers 503 with Retry-After while
the job builds them. Unknown names and formats are 404.
"""

import logging

from django.conf import settings
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from mrplan.knowledge.models import Observation
from mrplan.public import metadata
from mrplan.public.jobs import request_rebuild
from mrplan.public.opendata import REGISTRY, TABLES, store
from mrplan.public.opendata.formats import (
    CONTENT_TYPES,
    DICTIONARY_NAME,
    FORMATS,
    LICENCE_NAME,
    LICENCE_URL,
    dictionary_csv,
    dictionary_json,
    dictionary_xlsx,
    json_bytes,
)
from mrplan.public.selectors import published_activities

logger = logging.getLogger(__name__)
# What a client is told to wait before asking again while the files are being built.
RETRY_AFTER_SECONDS = 30


def _download(content: bytes, filename: str, fmt: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _is_small() -> bool:
    """Return whether the public data is small enough to build the files in a request."""
    limit = settings.MRPLAN_OPENDATA_SYNC_MAX_ROWS
    if limit <= 0:
        return False  # switched off: always the job
    activities = published_activities().values("pk")[: limit + 1].count()
    if activities > limit:
        return False
    observations = Observation.objects.published().values("pk")[: limit + 1].count()
    return activities + observations <= limit


def _stored_file(filename: str) -> store.StoredFile | None:
    """Return the served build's FILENAME; build it first when there is none and the data is
    small, else queue the build and return None."""
    found = store.stored(filename)
    if found is not None:
        return found
    if _is_small():
        store.build()
        return store.stored(filename)
    request_rebuild(at_once=True)
    return None


def _not_ready(request: HttpRequest) -> HttpResponse:
    """Answer 503 with Retry-After while the files are being built (HTTP clients and
    harvesters retry; people read the page)."""
    response = render(
        request,
        "public/opendata_building.html",
        {
            "retry_after": RETRY_AFTER_SECONDS,
            "crumbs": [
                (reverse("public-start"), _("Öppen redovisning")),
                (reverse("public-opendata"), _("Öppna data")),
                (None, _("Filerna byggs")),
            ],
        },
        status=503,
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _serve(request: HttpRequest, filename: str, fmt: str) -> HttpResponseBase:
    """Send FILENAME from the served build, streamed from disk, with validators."""
    found = _stored_file(filename)
    if found is None:
        return _not_ready(request)
    etag = f'"{found.sha256}"'
    last_modified = int(found.built_at)
    conditional = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if conditional is not None:
        response: HttpResponseBase = conditional
    else:
        try:
            handle = found.path.open("rb")
        except FileNotFoundError:  # replaced by a newer build this very moment
            return _not_ready(request)
        response = FileResponse(handle, content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Content-Length"] = str(found.size)
        response["X-Content-Type-Options"] = "nosniff"
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    # Shared caches may keep the file but must ask again each time (a 304 when unchanged), so
    # that a withdrawal is never served from a cache.
    response["Cache-Control"] = "public, no-cache"
    return response


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """List the open data files with their formats, the licence and the API."""
    context = {
        "tables": TABLES,
        "formats": FORMATS,
        "dictionary_name": DICTIONARY_NAME,
        "licence_name": LICENCE_NAME,
        "licence_url": LICENCE_URL,
        "crumbs": [
            (reverse("public-start"), _("Öppen redovisning")),
            (None, _("Öppna data")),
        ],
    }
    return render(request, "public/opendata.html", context)


@require_safe
def download(request: HttpRequest, name: str, fmt: str) -> HttpResponseBase:
    """Send one table (or the data dictionary) as CSV, XLSX or JSON."""
    if fmt not in FORMATS:
        raise Http404
    filename = f"{name}.{fmt}"
    if name == DICTIONARY_NAME:  # the columns only: no data, built in no time
        builders = {"csv": dictionary_csv, "xlsx": dictionary_xlsx, "json": dictionary_json}
        return _download(builders[fmt](), filename, fmt)
    if name not in REGISTRY:
        raise Http404
    return _serve(request, filename, fmt)


@require_safe
def download_all(request: HttpRequest) -> HttpResponseBase:
    """Send every table as CSV with the data dictionary and the licence in one zip."""
    return _serve(request, store.ZIP_NAME, "zip")


@require_safe
def datapackage(request: HttpRequest) -> HttpResponse:
    """Send the Frictionless Data Package descriptor of every file, with absolute paths."""
    response = HttpResponse(
        json_bytes(metadata.datapackage(settings.SITE_URL.rstrip("/"))),
        content_type="application/json",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def dcat_catalogue(request: HttpRequest, fmt: str) -> HttpResponse:
    """Send the DCAT-AP-SE catalogue as RDF/XML (what dataportal.se harvests) or JSON-LD."""
    formats = {"rdf": ("xml", "application/rdf+xml"), "jsonld": ("json-ld", "application/ld+json")}
    if fmt not in formats:
        raise Http404
    serialiser, content_type = formats[fmt]
    graph = metadata.catalogue(settings.SITE_URL.rstrip("/"))
    response = HttpResponse(graph.serialize(format=serialiser), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
