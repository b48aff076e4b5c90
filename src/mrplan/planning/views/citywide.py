"""The coordinator's city-wide view of every organisation's plan and reports."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from mrplan.core.types import AuthenticatedHttpRequest
from mrplan.planning import citywide
from mrplan.planning.permissions import may_review
from mrplan.planning.views._common import cycle_crumbs


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
    except ValidationError as error:
        context["error"] = " ".join(error.messages)
        return render(request, "planning/citywide.html", context, status=400)
    if filters is not None:
        context["page"] = citywide.citywide_page(filters)
    return render(request, "planning/citywide.html", context)
