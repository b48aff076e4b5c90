"""An organisation's plan for a year, and the forms for its goals, activities, indicators."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from mrplan.accounts.reader_cache import cached_body
from mrplan.core.forms import add_errors
from mrplan.core.types import AuthenticatedHttpRequest
from mrplan.planning import actions, selectors
from mrplan.planning.forms import (
    ActivityForm,
    GoalForm,
    IndicatorForm,
    milestone_formset,
)
from mrplan.planning.models import Goal, PlanningYear, plan_url
from mrplan.planning.permissions import (
    get_activity_for_user,
    get_goal_for_user,
    get_indicator_for_user,
    get_plan_for_user,
    may_configure_sign_off,
    may_review,
    may_see_history,
    may_write,
)
from mrplan.planning.views._common import lock_if_closed, plan_crumbs, status_for


@login_required
@require_GET
def plan(request: AuthenticatedHttpRequest, slug: str, year: int) -> HttpResponse:
    """Show an organisation's plan for a year: goals, activities, indicators, reports, what
    is due. Its writers get the edit buttons; everyone else signed in reads it."""
    organisation, planning_year = get_plan_for_user(request, slug, year)

    def render_body() -> str:
        page = selectors.plan_page(organisation=organisation, planning_year=planning_year)
        writer = may_write(request.user, organisation.pk)
        context: dict[str, Any] = {
            "page": page,
            "organisation": organisation,
            "planning_year": planning_year,
            "may_write": writer and page.is_open,
            "may_report": writer and bool(page.open_periods),
            "may_copy_previous": writer
            and page.is_open
            and not page.goals
            and not page.other_activities
            and PlanningYear.objects.filter(year=planning_year.year - 1).exists(),
            "may_review": may_review(request.user),
            "may_configure_sign_off": may_configure_sign_off(request.user, organisation.pk),
            "may_see_history": may_see_history(request.user, organisation.pk),
        }
        return render_to_string("planning/includes/plan_body.html", context, request)

    context = {
        "organisation": organisation,
        "planning_year": planning_year,
        # The same for every request until something changes: cached (accounts/reader_cache.py).
        "body": cached_body(request, f"plan:{organisation.pk}:{planning_year.pk}", render_body),
        "crumbs": plan_crumbs(organisation, planning_year)[:-1]
        + [(None, _("Plan %(year)d") % {"year": planning_year.year})],
    }
    return render(request, "planning/plan.html", context)


# Goals


@login_required
@require_http_methods(["GET", "POST"])
def goal_create(request: AuthenticatedHttpRequest, slug: str, year: int) -> HttpResponse:
    """Add a goal to the organisation's plan."""
    organisation, planning_year = get_plan_for_user(request, slug, year, write=True)
    form = GoalForm(request.POST if request.method == "POST" else None, user=request.user)
    closed = lock_if_closed(planning_year, form)
    if request.method == "POST" and form.is_valid():
        try:
            goal = actions.goal_create(
                actor=request.user,
                organisation=organisation,
                planning_year=planning_year,
                data=form.cleaned_data,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Målet är tillagt."))
            return redirect(goal)
    context = {
        "form": form,
        "closed": closed,
        "organisation": organisation,
        "planning_year": planning_year,
        "crumbs": plan_crumbs(organisation, planning_year, (None, _("Nytt mål"))),
    }
    return render(request, "planning/goal_form.html", context, status=status_for(form))


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request: AuthenticatedHttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    """Change a goal."""
    goal = get_goal_for_user(request, slug, year, pk, write=True)
    stored_title = goal.title
    form = GoalForm(
        request.POST if request.method == "POST" else None, user=request.user, goal=goal
    )
    closed = lock_if_closed(goal.planning_year, form)
    if request.method == "POST" and form.is_valid():
        try:
            actions.goal_update(actor=request.user, goal=goal, data=form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Målet är ändrat."))
            return redirect(goal)
    context = {
        "form": form,
        "goal": goal,
        "goal_title": stored_title,
        "closed": closed,
        "organisation": goal.organisation,
        "planning_year": goal.planning_year,
        "crumbs": plan_crumbs(goal.organisation, goal.planning_year, (None, stored_title)),
    }
    return render(request, "planning/goal_form.html", context, status=status_for(form))


def _confirm_delete(
    request: AuthenticatedHttpRequest,
    *,
    obj: Any,
    organisation: Any,
    planning_year: Any,
    delete: Any,
    what: str,
    done: str,
) -> HttpResponse:
    error = ""
    if request.method == "POST":
        try:
            delete()
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, done)
            return redirect(plan_url(organisation.slug, planning_year.year))
    context = {
        "object": obj,
        "what": what,
        "error": error,
        "organisation": organisation,
        "planning_year": planning_year,
        "cancel_url": obj.get_absolute_url(),
        "crumbs": plan_crumbs(organisation, planning_year, (None, str(obj))),
    }
    return render(request, "planning/confirm_delete.html", context, status=400 if error else 200)


@login_required
@require_http_methods(["GET", "POST"])
def goal_delete(request: AuthenticatedHttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    """Ask to confirm (GET), then remove a goal (POST)."""
    goal = get_goal_for_user(request, slug, year, pk, write=True)
    return _confirm_delete(
        request,
        obj=goal,
        organisation=goal.organisation,
        planning_year=goal.planning_year,
        delete=lambda: actions.goal_delete(actor=request.user, goal=goal),
        what=_("målet"),
        done=_("Målet är borttaget."),
    )


# Activities


def _activity_page(
    request: AuthenticatedHttpRequest,
    *,
    form: ActivityForm,
    formset: Any,
    organisation: Any,
    planning_year: Any,
    activity: Any = None,
    title: str = "",
    closed: bool = False,
) -> HttpResponse:
    context = {
        "form": form,
        "formset": formset,
        "closed": closed,
        "activity": activity,
        "activity_title": title,
        "organisation": organisation,
        "planning_year": planning_year,
        "crumbs": plan_crumbs(organisation, planning_year, (None, title or _("Ny aktivitet"))),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "planning/activity_form.html", context, status=status)


def _activity_closed(planning_year: Any, form: ActivityForm, formset: Any) -> bool:
    # A closed year's form is read only and a post to it is refused before any action runs.
    return bool(lock_if_closed(planning_year, form, formset))


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request: AuthenticatedHttpRequest, slug: str, year: int) -> HttpResponse:
    """Add an activity with its milestones; ?mal=<id> preselects the goal."""
    organisation, planning_year = get_plan_for_user(request, slug, year, write=True)
    posted = request.POST if request.method == "POST" else None
    initial = {}
    goal_id = request.GET.get("mal", "")
    if goal_id.isdigit():
        initial["goal"] = int(goal_id)
    form = ActivityForm(
        posted,
        user=request.user,
        organisation=organisation,
        planning_year=planning_year,
        initial=initial,
    )
    formset = milestone_formset(posted, None)
    closed = _activity_closed(planning_year, form, formset)
    if posted is not None and not closed and form.is_valid() and formset.is_valid():
        try:
            activity = actions.activity_create(
                actor=request.user,
                organisation=organisation,
                planning_year=planning_year,
                data=form.activity_data(),
                milestones=formset.inputs(),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Aktiviteten är tillagd."))
            return redirect(activity)
    return _activity_page(
        request,
        form=form,
        formset=formset,
        organisation=organisation,
        planning_year=planning_year,
        closed=closed,
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: AuthenticatedHttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    """Change an activity and its milestones; a save over someone else's is refused."""
    activity = get_activity_for_user(request, slug, year, pk, write=True)
    posted = request.POST if request.method == "POST" else None
    stored_title = activity.title
    form = ActivityForm(
        posted,
        user=request.user,
        organisation=activity.organisation,
        planning_year=activity.planning_year,
        activity=activity,
    )
    formset = milestone_formset(posted, activity)
    closed = _activity_closed(activity.planning_year, form, formset)
    if posted is not None and not closed and form.is_valid() and formset.is_valid():
        try:
            actions.activity_update(
                actor=request.user,
                activity=activity,
                data=form.activity_data(),
                version=form.cleaned_data["version"],
                milestones=formset.inputs(),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Aktiviteten är ändrad."))
            return redirect(activity)
    return _activity_page(
        request,
        form=form,
        formset=formset,
        organisation=activity.organisation,
        planning_year=activity.planning_year,
        activity=activity,
        title=stored_title,
        closed=closed,
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_delete(
    request: AuthenticatedHttpRequest, slug: str, year: int, pk: int
) -> HttpResponse:
    """Ask to confirm (GET), then remove an activity (POST)."""
    activity = get_activity_for_user(request, slug, year, pk, write=True)
    return _confirm_delete(
        request,
        obj=activity,
        organisation=activity.organisation,
        planning_year=activity.planning_year,
        delete=lambda: actions.activity_delete(actor=request.user, activity=activity),
        what=_("aktiviteten"),
        done=_("Aktiviteten är borttagen."),
    )


# Indicators


def _indicator_page(
    request: AuthenticatedHttpRequest,
    *,
    form: IndicatorForm,
    goal: Goal,
    indicator: Any = None,
    title: str = "",
    closed: str = "",
) -> HttpResponse:
    context = {
        "form": form,
        "goal": goal,
        "indicator": indicator,
        "indicator_name": title,
        "closed": closed,
        "organisation": goal.organisation,
        "planning_year": goal.planning_year,
        "crumbs": plan_crumbs(
            goal.organisation, goal.planning_year, (None, title or _("Ny indikator"))
        ),
    }
    return render(request, "planning/indicator_form.html", context, status=status_for(form))


@login_required
@require_http_methods(["GET", "POST"])
def indicator_create(
    request: AuthenticatedHttpRequest, slug: str, year: int, goal_pk: int
) -> HttpResponse:
    """Add an indicator to a goal."""
    goal = get_goal_for_user(request, slug, year, goal_pk, write=True)
    form = IndicatorForm(request.POST if request.method == "POST" else None)
    closed = lock_if_closed(goal.planning_year, form)
    if request.method == "POST" and form.is_valid():
        try:
            indicator = actions.indicator_create(
                actor=request.user, goal=goal, data=form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Indikatorn är tillagd."))
            return redirect(indicator)
    return _indicator_page(request, form=form, goal=goal, closed=closed)


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(
    request: AuthenticatedHttpRequest, slug: str, year: int, pk: int
) -> HttpResponse:
    """Change an indicator."""
    indicator = get_indicator_for_user(request, slug, year, pk, write=True)
    stored_name = indicator.name
    form = IndicatorForm(request.POST if request.method == "POST" else None, indicator=indicator)
    closed = lock_if_closed(indicator.goal.planning_year, form)
    if request.method == "POST" and form.is_valid():
        try:
            actions.indicator_update(
                actor=request.user, indicator=indicator, data=form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Indikatorn är ändrad."))
            return redirect(indicator)
    return _indicator_page(
        request,
        form=form,
        goal=indicator.goal,
        indicator=indicator,
        title=stored_name,
        closed=closed,
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_delete(
    request: AuthenticatedHttpRequest, slug: str, year: int, pk: int
) -> HttpResponse:
    """Ask to confirm (GET), then remove an indicator (POST)."""
    indicator = get_indicator_for_user(request, slug, year, pk, write=True)
    return _confirm_delete(
        request,
        obj=indicator,
        organisation=indicator.goal.organisation,
        planning_year=indicator.goal.planning_year,
        delete=lambda: actions.indicator_delete(actor=request.user, indicator=indicator),
        what=_("indikatorn"),
        done=_("Indikatorn är borttagen."),
    )
