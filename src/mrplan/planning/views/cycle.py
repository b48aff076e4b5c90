"""The planning cycle: years and periods, and the way into each organisation's plan."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mrplan.accounts.permissions import roles_for
from mrplan.core.forms import add_errors
from mrplan.core.types import AuthenticatedHttpRequest
from mrplan.organisations.models import Organisation
from mrplan.planning import actions, selectors
from mrplan.planning.forms import PeriodForm, PlanningYearForm
from mrplan.planning.models import PlanningYear, plan_url
from mrplan.planning.permissions import (
    get_period_for_user,
    may_manage_cycle,
    may_read,
)
from mrplan.planning.views._common import cycle_crumbs, status_for


def _current_year(years: list[PlanningYear]) -> PlanningYear | None:
    """Return this calendar year's planning year, else the newest one."""
    this_year = timezone.localdate().year
    return next((y for y in years if y.year == this_year), years[0] if years else None)


def _year_list_page(
    request: AuthenticatedHttpRequest, *, error: str = "", status: int = 200
) -> HttpResponse:
    if not may_read(request.user):
        raise PermissionDenied
    years = list(selectors.planning_years())
    current = _current_year(years)
    own_ids = list(roles_for(request.user).by_organisation)
    context: dict[str, Any] = {
        "nav": "planning",
        "years": years,
        "current": current,
        "own_organisations": list(Organisation.objects.filter(pk__in=own_ids).order_by("name")),
        "organisations": list(selectors.organisations_with_plans(current)) if current else [],
        "may_manage": may_manage_cycle(request.user),
        "may_see_history": may_manage_cycle(request.user) or bool(own_ids),
        "error": error,
        "crumbs": cycle_crumbs(),
    }
    return render(request, "planning/year_list.html", context, status=status)


@login_required
@require_GET
def year_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """List the planning years with their periods, and the plans of this year."""
    return _year_list_page(request)


@login_required
@require_GET
def organisation_plan(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Send the user to the organisation's plan for the current planning year."""
    years = list(PlanningYear.objects.all())
    current = _current_year(years)
    if current is None:
        messages.info(request, _("Det finns inget planeringsår ännu."))
        return redirect("planning-year-list")
    return redirect(plan_url(slug, current.year))


@login_required
@require_http_methods(["GET", "POST"])
def year_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Add a planning year with the default periods (coordinators only)."""
    if not may_manage_cycle(request.user):
        raise PermissionDenied
    form = PlanningYearForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            planning_year = actions.planning_year_create(
                actor=request.user, year=form.cleaned_data["year"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("Planeringsåret %(year)d är skapat.") % {"year": planning_year.year}
            )
            return redirect(planning_year)
    context = {"form": form, "crumbs": cycle_crumbs((None, _("Nytt planeringsår")))}
    return render(request, "planning/year_form.html", context, status=status_for(form))


@login_required
@require_http_methods(["GET", "POST"])
def period_create(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    """Add a reporting period to a year (coordinators only)."""
    if not may_manage_cycle(request.user):
        raise PermissionDenied
    planning_year = get_object_or_404(PlanningYear, year=year)
    form = PeriodForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.reporting_period_create(
                actor=request.user, planning_year=planning_year, data=form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Perioden är tillagd."))
            return redirect(planning_year)
    context = {
        "form": form,
        "planning_year": planning_year,
        "crumbs": cycle_crumbs((None, _("Ny period %(year)d") % {"year": planning_year.year})),
    }
    return render(request, "planning/period_form.html", context, status=status_for(form))


@login_required
@require_http_methods(["GET", "POST"])
def period_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Change a period's code, name or deadline (coordinators only)."""
    period = get_period_for_user(request, pk, write=True)
    stored = str(period)
    form = PeriodForm(
        request.POST if request.method == "POST" else None,
        initial={"code": period.code, "name": period.name, "deadline": period.deadline},
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.reporting_period_update(
                actor=request.user, period=period, data=form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Perioden är ändrad."))
            return redirect(period.planning_year)
    context = {
        "form": form,
        "period": period,
        "period_name": stored,
        "planning_year": period.planning_year,
        "crumbs": cycle_crumbs((None, stored)),
    }
    return render(request, "planning/period_form.html", context, status=status_for(form))


def _toggle(request: AuthenticatedHttpRequest, pk: int, *, open_it: bool) -> HttpResponse:
    period = get_period_for_user(request, pk, write=True)
    action = actions.reporting_period_open if open_it else actions.reporting_period_close
    try:
        action(actor=request.user, period=period)
    except ValidationError as error:
        return _year_list_page(request, error=" ".join(error.messages), status=400)
    if open_it:
        messages.success(request, _("Perioden %(period)s är öppen.") % {"period": period})
    else:
        messages.success(request, _("Perioden %(period)s är stängd.") % {"period": period})
    return redirect(period.planning_year)


@login_required
@require_POST
def period_open(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Open a period again (coordinators only)."""
    return _toggle(request, pk, open_it=True)


@login_required
@require_http_methods(["GET", "POST"])
def period_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Close a period after a confirmation that lists its unreviewed reports (coordinators).

    Review can finish after closing: the listed reports keep their approve and return buttons.
    """
    if request.method == "POST":
        return _toggle(request, pk, open_it=False)
    period = get_period_for_user(request, pk, write=True)
    context = {
        "period": period,
        "unreviewed": list(selectors.unreviewed_reports(period)),
        "planning_year": period.planning_year,
        "crumbs": cycle_crumbs((None, _("Stäng %(period)s") % {"period": period})),
    }
    return render(request, "planning/period_close.html", context)
