"""Helpers shared by the planning views."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from mrplan.organisations.models import Organisation
from mrplan.planning.actions._checks import check_year_open
from mrplan.planning.models import PlanningYear, Report, plan_url


def status_for(*forms_: Any) -> int:
    """Return 400 when any of the bound forms has errors, else 200."""
    return (
        400 if any(form is not None and form.is_bound and form.errors for form in forms_) else 200
    )


def cycle_crumbs(*items: tuple[str | None, Any]) -> list[tuple[str | None, Any]]:
    return [(reverse("planning-year-list"), _("Planering och uppföljning")), *items]


def plan_crumbs(
    organisation: Organisation, planning_year: PlanningYear, *items: tuple[str | None, Any]
) -> list[tuple[str | None, Any]]:
    return cycle_crumbs(
        (
            plan_url(organisation.slug, planning_year.year),
            _("%(organisation)s, plan %(year)s")
            % {"organisation": organisation.name, "year": planning_year.year},
        ),
        *items,
    )


def render_comment_page(
    request: HttpRequest, report: Report, form: forms.Form, *, title: str, button: str
) -> HttpResponse:
    """Render the page with one comment form on a report (a return, a reopening, a remark)."""
    context = {
        "form": form,
        "report": report,
        "title": title,
        "button": button,
        "organisation": report.organisation,
        "planning_year": report.period.planning_year,
        "crumbs": plan_crumbs(
            report.organisation,
            report.period.planning_year,
            (report.get_absolute_url(), str(report)),
            (None, title),
        ),
    }
    return render(request, "planning/report_comment.html", context, status=status_for(form))


def closed_year_message(planning_year: PlanningYear) -> str:
    """Return why the year's plan can no longer change, or "" while it is open."""
    try:
        check_year_open(planning_year)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


def lock_if_closed(planning_year: PlanningYear, *forms_: Any) -> str:
    """Make the forms read only when the year is closed, refusing a post; return why."""
    reason = closed_year_message(planning_year)
    if reason:
        for form in forms_:
            for each in getattr(form, "forms", [form]):
                for field in each.fields.values():
                    field.disabled = True
        first = forms_[0]
        if first.is_bound:
            first.add_error(None, reason)
    return reason
