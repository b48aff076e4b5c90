"""The public search page: a plain GET form with facets, no login, no JavaScript."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from mrplan.public import search as public_search

PER_PAGE = 20


def _crumbs() -> list[tuple[str | None, str]]:
    return [(reverse("public-start"), _("Öppen redovisning")), (None, _("Sök"))]


def _page_url(request: HttpRequest, number: int) -> str:
    """Return the current search with page NUMBER."""
    pairs = [
        (key, value) for key, values in request.GET.lists() if key != "sida" for value in values
    ]
    if number > 1:
        pairs.append(("sida", str(number)))
    return f"{reverse('public-search')}?{urlencode(pairs)}" if pairs else reverse("public-search")


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Search the published programmes, plans, goals, activities, data and material."""
    try:
        params, labels = public_search.parse(request.GET)
    except public_search.BadParams as error:
        context = {"errors": error.errors, "crumbs": _crumbs()}
        return render(request, "public/search_bad_request.html", context, status=400)
    result = public_search.search(params, labels, PER_PAGE)
    # Only the page shown is loaded: the paginator counts, the search fetched the page.
    paginator = Paginator(range(result.count), PER_PAGE)
    if params.page > max(paginator.num_pages, 1):
        message = _("Sidan %(page)s finns inte: sökningen har %(pages)s sidor.") % {
            "page": params.page,
            "pages": paginator.num_pages,
        }
        context = {"errors": [message], "crumbs": _crumbs()}
        return render(request, "public/search_bad_request.html", context, status=400)
    page = paginator.page(params.page)
    page.object_list = result.hits  # type: ignore[assignment]
    public_search.highlight(result.hits, params.query)
    context = {
        "result": result,
        "query": params.query,
        "page": page,
        "paginator": paginator,
        "previous_url": _page_url(request, page.number - 1) if page.has_previous() else "",
        "next_url": _page_url(request, page.number + 1) if page.has_next() else "",
        "searched": bool(params.query or params.filters),
        "nav": "public",
        "crumbs": _crumbs(),
    }
    return render(request, "public/search.html", context)
