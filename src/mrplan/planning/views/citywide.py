"""The coordinator's city-wide view of every organisation's plan and reports."""

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from mrplan.core.types import AuthenticatedHttpRequest
from mrplan.planning import citywide
from mrplan.planning.permissions import may_review
from mrplan.planning.views._common import cycle_crumbs


def _page_url(request: AuthenticatedHttpRequest, number: int) -> str:
    """Return the current view with the organisations of page NUMBER."""
    pairs = [(key, value) for key, value in request.GET.items() if key != "sida"]
    if number > 1:
        pairs.append(("sida", str(number)))
    return f"{reverse('planning-citywide')}?{urlencode(pairs)}"


@login_required
@require_GET
def citywide_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Show coverage, target groups, alignment and report status (coordinators only)."""
    if not may_review(request.user):
        raise PermissionDenied
    options = citywide.filter_options()
    context: dict[str, Any] = {
        "nav": "planning",
        "options": options,
        "params": request.GET,
        "crumbs": cycle_crumbs((None, _("Översikt för hela staden"))),
    }
    try:
        filters = citywide.parse_filters(request.GET, options)
        number = citywide.parse_page(request.GET)
    except ValidationError as error:
        context["error"] = " ".join(error.messages)
        return render(request, "planning/citywide.html", context, status=400)
    if filters is not None:
        page = citywide.citywide_page(filters, page=number)
        context["page"] = page
        if page.page_number > 1:
            context["previous_url"] = _page_url(request, page.page_number - 1)
        if page.page_number < page.page_count:
            context["next_url"] = _page_url(request, page.page_number + 1)
    return render(request, "planning/citywide.html", context)
