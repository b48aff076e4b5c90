"""The compiled follow-up report for KS: PDF and Word per action plan and period.

Coordinators only; the documents show only approved reports' data (see planning.compiled).
They are built in a background job (mrplan.planning.jobs): the page asks for one, and the
job's status page offers the file when it is ready.
"""

from collections import defaultdict
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from mrplan.accounts.permissions import roles_for
from mrplan.core.types import AuthenticatedHttpRequest
from mrplan.jobs.runner import job_start
from mrplan.planning import actions, compiled
from mrplan.planning.jobs import PLANNING_COMPILED
from mrplan.planning.models import CompiledReportText, ReportingPeriod
from mrplan.planning.views._common import cycle_crumbs, status_for
from mrplan.programmes.models import ActionPlan


def _check_coordinator(request: AuthenticatedHttpRequest) -> None:
    if not roles_for(request.user).is_coordinator:
        raise PermissionDenied


def _plan_and_period(
    request: AuthenticatedHttpRequest, slug: str, year: int, code: str
) -> tuple[ActionPlan, ReportingPeriod]:
    _check_coordinator(request)
    action_plan = ActionPlan.objects.filter(slug=slug).first()
    period = (
        ReportingPeriod.objects.select_related("planning_year")
        .filter(planning_year__year=year, code__iexact=code)
        .first()
    )
    if action_plan is None or period is None:
        raise Http404
    return action_plan, period


class CompiledTextForm(forms.Form):
    diary_number = forms.CharField(label=_("Diarienummer"), max_length=60, required=False)
    summary = forms.CharField(
        label=_("Sammanfattning"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )
    analysis = forms.CharField(
        label=_("Stadsledningskontorets analys"),
        widget=forms.Textarea(attrs={"rows": 12}),
        required=False,
    )


@login_required
@require_http_methods(["GET", "POST"])
def compiled_text(
    request: AuthenticatedHttpRequest, slug: str, year: int, code: str
) -> HttpResponse:
    """Write SLK's diary number, summary and analysis for a compilation (coordinators)."""
    action_plan, period = _plan_and_period(request, slug, year, code)
    text = CompiledReportText.objects.filter(action_plan=action_plan, period=period).first()
    initial = (
        {"diary_number": text.diary_number, "summary": text.summary, "analysis": text.analysis}
        if text is not None
        else {}
    )
    form = CompiledTextForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.compiled_text_update(
            actor=request.user, action_plan=action_plan, period=period, **form.cleaned_data
        )
        messages.success(request, _("Texten till sammanställningen är sparad."))
        return redirect("planning-compiled-list")
    context: dict[str, Any] = {
        "form": form,
        "action_plan": action_plan,
        "period": period,
        "text": text,
        "crumbs": cycle_crumbs(
            (reverse("planning-compiled-list"), _("Sammanställd uppföljning")),
            (None, f"{action_plan.title} – {period}"),
        ),
    }
    return render(request, "planning/compiled_text.html", context, status=status_for(form))


@login_required
@require_GET
def compiled_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """List the compilations available: each action plan in each reporting period."""
    _check_coordinator(request)
    action_plans = list(compiled.action_plans_for_compilation())
    by_year: dict[int, list[ReportingPeriod]] = defaultdict(list)
    for period in compiled.periods_for_compilation():
        by_year[period.planning_year.year].append(period)
    context: dict[str, Any] = {
        "nav": "planning",
        "action_plans": action_plans,
        "years": sorted(by_year.items(), reverse=True),
        "crumbs": cycle_crumbs((None, _("Sammanställd uppföljning"))),
    }
    return render(request, "planning/compiled_list.html", context)


def _start(
    request: AuthenticatedHttpRequest, slug: str, year: int, code: str, extension: str
) -> HttpResponse:
    """GET: offer to build the document; POST: start the job and show its status."""
    # Only the plan and period: the compilation itself is the job's work (60 organisations'
    # snapshots), not something to do in the request that merely offers to start it.
    action_plan, period = _plan_and_period(request, slug, year, code)
    label = "PDF" if extension == "pdf" else "Word"
    title = _("Sammanställd uppföljning (%(format)s)") % {"format": label}
    if request.method == "POST":
        job = job_start(
            kind=PLANNING_COMPILED,
            owner=request.user,
            params={
                "action_plan": action_plan.slug,
                "year": period.planning_year.year,
                "code": period.code,
                "format": extension,
                "language": request.LANGUAGE_CODE,
                "title": title,
                "back_url": reverse("planning-compiled-list"),
            },
        )
        return redirect("jobs-status", job.pk)
    context = {
        "nav": "planning",
        "title": title,
        "description": _("%(plan)s, %(period)s %(year)s. Dokumentet tas fram i bakgrunden.")
        % {
            "plan": action_plan.title,
            "period": period.name,
            "year": period.planning_year.year,
        },
        "button": _("Ta fram dokumentet"),
        "crumbs": cycle_crumbs(
            (reverse("planning-compiled-list"), _("Sammanställd uppföljning")), (None, label)
        ),
    }
    return render(request, "jobs/start.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def compiled_pdf(
    request: AuthenticatedHttpRequest, slug: str, year: int, code: str
) -> HttpResponse:
    """Build the compiled follow-up report as PDF (in a background job)."""
    return _start(request, slug, year, code, "pdf")


@login_required
@require_http_methods(["GET", "POST"])
def compiled_docx(
    request: AuthenticatedHttpRequest, slug: str, year: int, code: str
) -> HttpResponse:
    """Build the compiled follow-up report as a Word document (in a background job)."""
    return _start(request, slug, year, code, "docx")
