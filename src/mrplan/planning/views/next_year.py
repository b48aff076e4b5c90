"""Start a year's plan from the year before: a preview of what is copied, then a confirm."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mrplan.core.types import AuthenticatedHttpRequest
from mrplan.planning import next_year
from mrplan.planning.models import PlanningYear, plan_url
from mrplan.planning.permissions import get_plan_for_user
from mrplan.planning.views._common import plan_crumbs


@login_required
@require_http_methods(["GET", "POST"])
def copy_from_previous_year(
    request: AuthenticatedHttpRequest, slug: str, year: int
) -> HttpResponse:
    """Show what copying last year's plan into YEAR would do (GET); do it (POST)."""
    organisation, target = get_plan_for_user(request, slug, year, write=True)
    source = PlanningYear.objects.filter(year=year - 1).first()
    if source is None:
        raise Http404
    error = ""
    if request.method == "POST":
        try:
            next_year.plan_copy_to_year(
                actor=request.user, organisation=organisation, source=source, target=target
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request,
                _("Planen för %(year)s är startad från %(source)s. Gå igenom och ändra den.")
                % {"year": target.year, "source": source.year},
            )
            return redirect(plan_url(organisation.slug, target.year))
    preview = next_year.copy_preview(organisation, source, target)
    title = _("Starta %(year)s från planen för %(source)s") % {
        "year": target.year,
        "source": source.year,
    }
    context = {
        "preview": preview,
        "error": error,
        "title": title,
        "organisation": organisation,
        "planning_year": target,
        "crumbs": plan_crumbs(organisation, target, (None, title)),
    }
    status = 400 if error or (request.method == "POST") else 200
    return render(request, "planning/next_year.html", context, status=status)
