"""The coordinator's review queue: submitted reports, and approving several at once.

GET lists the reports (filtered); POST with step=confirm shows what will be approved;
POST with step=approve approves them one by one and lists any that could not be.
"""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mrplan.core.types import AuthenticatedHttpRequest
from mrplan.planning import actions
from mrplan.planning.models import Report
from mrplan.planning.permissions import may_review
from mrplan.planning.review_queue import parse_queue_filters, queue_options, submitted_reports
from mrplan.planning.views._common import cycle_crumbs

TEMPLATE = "planning/review_queue.html"


def _selected_ids(request: AuthenticatedHttpRequest) -> list[int]:
    """Return the ticked report ids, or raise ValidationError for anything not an id."""
    raw = request.POST.getlist("report")
    if not all(value.isdigit() for value in raw):
        raise ValidationError(_("Urvalet av rapporter är ogiltigt. Ladda om sidan."))
    if not raw:
        raise ValidationError(_("Markera minst en rapport att godkänna."))
    return sorted({int(value) for value in raw})


@login_required
@require_http_methods(["GET", "POST"])
def review_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    """List submitted reports and approve the ticked ones after a confirmation (coordinators)."""
    if not may_review(request.user):
        raise PermissionDenied
    options = queue_options()
    params = request.POST if request.method == "POST" else request.GET
    context: dict[str, Any] = {
        "nav": "planning",
        "options": options,
        "params": params,
        "crumbs": cycle_crumbs((None, _("Rapporter att granska"))),
        "step": "list",
    }
    try:
        filters = parse_queue_filters(params, options)
    except ValidationError as error:
        context["error"] = " ".join(error.messages)
        context["reports"] = []
        return render(request, TEMPLATE, context, status=400)
    reports = list(submitted_reports(filters))
    context["reports"] = reports
    if request.method == "GET":
        return render(request, TEMPLATE, context)
    try:
        ids = _selected_ids(request)
    except ValidationError as error:
        context["error"] = " ".join(error.messages)
        return render(request, TEMPLATE, context, status=400)
    chosen = list(
        Report.objects.filter(pk__in=ids).select_related(
            "organisation", "action_plan", "period__planning_year"
        )
    )
    chosen.sort(key=lambda report: ids.index(report.pk))
    if request.POST.get("step") != "approve":
        context.update(step="confirm", chosen=chosen)
        return render(request, TEMPLATE, context)
    result = actions.reports_approve(actor=request.user, reports=chosen)
    context.update(step="result", result=result, reports=list(submitted_reports(filters)))
    return render(request, TEMPLATE, context)
