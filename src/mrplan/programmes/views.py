"""Programme pages: programmes, action plans, development areas, target groups and Agenda 2030.

Everyone reads what is published; coordinators also add and change (the actions check again).
The site's start page lives here too: it explains the current programme at a glance.
"""

import copy
from collections.abc import Callable
from typing import Any, Protocol

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from mrplan.core.forms import add_errors
from mrplan.core.types import AuthenticatedHttpRequest
from mrplan.programmes import actions, selectors
from mrplan.programmes.forms import (
    ActionPlanForm,
    CityActivityForm,
    DevelopmentAreaForm,
    FocusAreaForm,
    ProgrammeForm,
    StructureForm,
    TargetGroupForm,
)
from mrplan.programmes.models import ActionPlan, CityActivity, DevelopmentArea, FocusArea
from mrplan.programmes.permissions import (
    check_may_edit,
    get_action_plan_for_user,
    get_city_activity_for_user,
    get_development_area_for_user,
    get_focus_area_for_user,
    get_programme_for_user,
    get_target_group_for_user,
    may_edit,
    may_see_history,
)

Crumb = tuple[str | None, Any]


def home(request: HttpRequest) -> HttpResponse:
    """The start page: explain the programme at a glance."""
    programme = selectors.current_programme(user=request.user)
    return render(request, "programmes/home.html", {"programme": programme})


class _HasPage(Protocol):
    def get_absolute_url(self) -> str: ...


def _programme_crumbs(*items: Crumb) -> list[Crumb]:
    return [(reverse("programmes-programme-list"), _("Program")), *items]


def _action_plan_crumbs(action_plan: ActionPlan, *items: Crumb) -> list[Crumb]:
    programme = action_plan.programme
    return _programme_crumbs(
        (programme.get_absolute_url(), programme.short_title or programme.title),
        *items,
    )


def _development_area_crumbs(development_area: DevelopmentArea, *items: Crumb) -> list[Crumb]:
    action_plan = development_area.action_plan
    return _action_plan_crumbs(
        action_plan, (action_plan.get_absolute_url(), action_plan.title), *items
    )


def _target_group_crumbs(*items: Crumb) -> list[Crumb]:
    return [(reverse("programmes-target-group-list"), _("Målgrupper")), *items]


def _bound(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _form_page(
    request: HttpRequest,
    form: StructureForm,
    save: Callable[[dict[str, Any]], _HasPage],
    *,
    success: str,
    context: dict[str, Any],
) -> HttpResponse:
    """Render FORM, or on a valid POST save it through SAVE (an action) and go to the result."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.action_data())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, success)
            return redirect(saved)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "programmes/form.html",
        {"nav": "programmes", "form": form, **context},
        status=status,
    )


# Programmes


@require_GET
def programme_list(request: HttpRequest) -> HttpResponse:
    """List the programmes, those in force first."""
    context = {
        "nav": "programmes",
        "programmes": selectors.programme_list(user=request.user),
        "may_edit": may_edit(request.user),
        "crumbs": _programme_crumbs(),
    }
    return render(request, "programmes/programme_list.html", context)


@require_GET
def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Show a programme: goal, adoption, focus areas, action plans and Agenda 2030."""
    programme = selectors.programme_detail(
        programme=get_programme_for_user(request, slug), user=request.user
    )
    action_plans = list(programme.action_plans.all())
    context = {
        "nav": "programmes",
        "programme": programme,
        "focus_areas": list(programme.focus_areas.all()),
        "action_plans": action_plans,
        "sdg_targets": selectors.sdg_targets_of(action_plans),
        "replaces": list(programme.replaces.all()),
        "replaced_by": list(programme.replaced_by.all()),
        "may_edit": may_edit(request.user),
        "may_see_history": may_see_history(request.user),
        "crumbs": _programme_crumbs((None, programme.short_title or programme.title)),
    }
    return render(request, "programmes/programme_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def programme_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Add a programme (coordinators only)."""
    check_may_edit(request.user)
    return _form_page(
        request,
        ProgrammeForm(_bound(request)),
        lambda data: actions.programme_create(actor=request.user, data=data),
        success=_("Programmet är skapat."),
        context={
            "heading": _("Nytt program"),
            "submit_label": _("Skapa programmet"),
            "cancel_url": reverse("programmes-programme-list"),
            "crumbs": _programme_crumbs((None, _("Nytt program"))),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def programme_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Change a programme (coordinators only)."""
    programme = get_programme_for_user(request, slug, write=True)
    heading = _("Redigera %(title)s") % {"title": programme.title}
    return _form_page(
        request,
        # The form gets a copy, so the action sees the programme as it was before.
        ProgrammeForm(_bound(request), instance=copy.copy(programme)),
        lambda data: actions.programme_update(actor=request.user, programme=programme, data=data),
        success=_("Programmet är sparat."),
        context={
            "heading": heading,
            "submit_label": _("Spara"),
            "cancel_url": programme.get_absolute_url(),
            "crumbs": _programme_crumbs(
                (programme.get_absolute_url(), programme.short_title or programme.title),
                (None, _("Redigera")),
            ),
        },
    )


# Focus areas


@login_required
@require_http_methods(["GET", "POST"])
def focus_area_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Add a focus area to a programme (coordinators only)."""
    programme = get_programme_for_user(request, slug, write=True)
    return _form_page(
        request,
        FocusAreaForm(_bound(request), instance=FocusArea(programme=programme)),
        lambda data: actions.focus_area_create(actor=request.user, programme=programme, data=data),
        success=_("Fokusområdet är skapat."),
        context={
            "heading": _("Nytt fokusområde"),
            "intro": _("Fokusområde i %(title)s.") % {"title": programme.title},
            "submit_label": _("Lägg till fokusområdet"),
            "cancel_url": programme.get_absolute_url(),
            "crumbs": _programme_crumbs(
                (programme.get_absolute_url(), programme.short_title or programme.title),
                (None, _("Nytt fokusområde")),
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def focus_area_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Change a focus area (coordinators only)."""
    focus_area = get_focus_area_for_user(request, pk, write=True)
    programme = focus_area.programme
    return _form_page(
        request,
        FocusAreaForm(_bound(request), instance=copy.copy(focus_area)),
        lambda data: actions.focus_area_update(
            actor=request.user, focus_area=focus_area, data=data
        ),
        success=_("Fokusområdet är sparat."),
        context={
            "heading": _("Redigera %(title)s") % {"title": focus_area.title},
            "intro": _("Fokusområde i %(title)s.") % {"title": programme.title},
            "submit_label": _("Spara"),
            "cancel_url": focus_area.get_absolute_url(),
            "crumbs": _programme_crumbs(
                (programme.get_absolute_url(), programme.short_title or programme.title),
                (None, focus_area.title),
            ),
        },
    )


# Action plans


@require_GET
def action_plan_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Show an action plan: goal, special focus, development areas and their activities."""
    action_plan = selectors.action_plan_detail(action_plan=get_action_plan_for_user(request, slug))
    context = {
        "nav": "programmes",
        "action_plan": action_plan,
        "programme": action_plan.programme,
        "special_focus": list(action_plan.special_focus.all()),
        "development_areas": list(action_plan.development_areas.all()),
        "sdg_targets": list(action_plan.sdg_targets.all()),
        "may_edit": may_edit(request.user),
        "may_see_history": may_see_history(request.user),
        "crumbs": _action_plan_crumbs(action_plan, (None, action_plan.title)),
    }
    return render(request, "programmes/action_plan_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def action_plan_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Add an action plan to a programme (coordinators only)."""
    programme = get_programme_for_user(request, slug, write=True)
    return _form_page(
        request,
        ActionPlanForm(_bound(request), instance=ActionPlan(programme=programme)),
        lambda data: actions.action_plan_create(actor=request.user, programme=programme, data=data),
        success=_("Handlingsplanen är skapad."),
        context={
            "heading": _("Ny handlingsplan"),
            "intro": _("Handlingsplan under %(title)s.") % {"title": programme.title},
            "submit_label": _("Skapa handlingsplanen"),
            "cancel_url": programme.get_absolute_url(),
            "crumbs": _programme_crumbs(
                (programme.get_absolute_url(), programme.short_title or programme.title),
                (None, _("Ny handlingsplan")),
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_plan_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Change an action plan (coordinators only)."""
    action_plan = get_action_plan_for_user(request, slug, write=True)
    return _form_page(
        request,
        ActionPlanForm(_bound(request), instance=copy.copy(action_plan)),
        lambda data: actions.action_plan_update(
            actor=request.user, action_plan=action_plan, data=data
        ),
        success=_("Handlingsplanen är sparad."),
        context={
            "heading": _("Redigera %(title)s") % {"title": action_plan.title},
            "submit_label": _("Spara"),
            "cancel_url": action_plan.get_absolute_url(),
            "crumbs": _action_plan_crumbs(
                action_plan,
                (action_plan.get_absolute_url(), action_plan.title),
                (None, _("Redigera")),
            ),
        },
    )


# Development areas


@require_GET
def development_area_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a development area: the focus areas it answers and its city activities."""
    development_area = selectors.development_area_detail(
        development_area=get_development_area_for_user(request, pk)
    )
    context = {
        "nav": "programmes",
        "development_area": development_area,
        "action_plan": development_area.action_plan,
        "may_edit": may_edit(request.user),
        "may_see_history": may_see_history(request.user),
        "crumbs": _development_area_crumbs(development_area, (None, development_area.title)),
    }
    return render(request, "programmes/development_area_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def development_area_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Add a development area to an action plan (coordinators only)."""
    action_plan = get_action_plan_for_user(request, slug, write=True)
    return _form_page(
        request,
        DevelopmentAreaForm(
            _bound(request),
            instance=DevelopmentArea(action_plan=action_plan),
            action_plan=action_plan,
        ),
        lambda data: actions.development_area_create(
            actor=request.user, action_plan=action_plan, data=data
        ),
        success=_("Utvecklingsområdet är skapat."),
        context={
            "heading": _("Nytt utvecklingsområde"),
            "intro": _("Utvecklingsområde i %(title)s.") % {"title": action_plan.title},
            "submit_label": _("Lägg till utvecklingsområdet"),
            "cancel_url": action_plan.get_absolute_url(),
            "crumbs": _action_plan_crumbs(
                action_plan,
                (action_plan.get_absolute_url(), action_plan.title),
                (None, _("Nytt utvecklingsområde")),
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def development_area_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Change a development area (coordinators only)."""
    development_area = get_development_area_for_user(request, pk, write=True)
    return _form_page(
        request,
        DevelopmentAreaForm(
            _bound(request),
            instance=copy.copy(development_area),
            action_plan=development_area.action_plan,
        ),
        lambda data: actions.development_area_update(
            actor=request.user, development_area=development_area, data=data
        ),
        success=_("Utvecklingsområdet är sparat."),
        context={
            "heading": _("Redigera %(title)s") % {"title": development_area.title},
            "intro": _("Utvecklingsområde i %(title)s.")
            % {"title": development_area.action_plan.title},
            "submit_label": _("Spara"),
            "cancel_url": development_area.get_absolute_url(),
            "crumbs": _development_area_crumbs(
                development_area,
                (development_area.get_absolute_url(), development_area.title),
                (None, _("Redigera")),
            ),
        },
    )


# City activities


@login_required
@require_http_methods(["GET", "POST"])
def city_activity_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Add a city activity to a development area (coordinators only)."""
    development_area = get_development_area_for_user(request, pk, write=True)
    return _form_page(
        request,
        CityActivityForm(_bound(request), instance=CityActivity(development_area=development_area)),
        lambda data: actions.city_activity_create(
            actor=request.user, development_area=development_area, data=data
        ),
        success=_("Aktiviteten är skapad."),
        context={
            "heading": _("Ny stadsgemensam aktivitet"),
            "intro": _("Aktivitet inom utvecklingsområdet %(title)s.")
            % {"title": development_area.title},
            "submit_label": _("Lägg till aktiviteten"),
            "cancel_url": development_area.get_absolute_url(),
            "crumbs": _development_area_crumbs(
                development_area,
                (development_area.get_absolute_url(), development_area.title),
                (None, _("Ny aktivitet")),
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def city_activity_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Change a city activity (coordinators only)."""
    city_activity = get_city_activity_for_user(request, pk, write=True)
    development_area = city_activity.development_area
    return _form_page(
        request,
        CityActivityForm(_bound(request), instance=copy.copy(city_activity)),
        lambda data: actions.city_activity_update(
            actor=request.user, city_activity=city_activity, data=data
        ),
        success=_("Aktiviteten är sparad."),
        context={
            "heading": _("Redigera %(title)s") % {"title": city_activity.title},
            "intro": _("Aktivitet inom utvecklingsområdet %(title)s.")
            % {"title": development_area.title},
            "submit_label": _("Spara"),
            "cancel_url": city_activity.get_absolute_url(),
            "crumbs": _development_area_crumbs(
                development_area,
                (development_area.get_absolute_url(), development_area.title),
                (None, city_activity.title),
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def city_activity_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Ask, then remove a city activity (coordinators only)."""
    city_activity = get_city_activity_for_user(request, pk, write=True)
    development_area = city_activity.development_area
    if request.method == "POST":
        actions.city_activity_delete(actor=request.user, city_activity=city_activity)
        messages.success(
            request, _("Aktiviteten ”%(title)s” är borttagen.") % {"title": city_activity.title}
        )
        return redirect(development_area)
    context = {
        "nav": "programmes",
        "city_activity": city_activity,
        "development_area": development_area,
        "crumbs": _development_area_crumbs(
            development_area,
            (development_area.get_absolute_url(), development_area.title),
            (None, _("Ta bort aktivitet")),
        ),
    }
    return render(request, "programmes/city_activity_confirm_delete.html", context)


# Target groups


@require_GET
def target_group_list(request: HttpRequest) -> HttpResponse:
    """List the target groups and grounds of discrimination by category."""
    context = {
        "nav": "target_groups",
        "sections": selectors.target_groups_by_category(user=request.user),
        "may_edit": may_edit(request.user),
        "may_see_history": may_see_history(request.user),
    }
    return render(request, "programmes/target_group_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def target_group_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Add a target group (coordinators only)."""
    check_may_edit(request.user)
    return _form_page(
        request,
        TargetGroupForm(_bound(request)),
        lambda data: actions.target_group_create(actor=request.user, data=data),
        success=_("Målgruppen är skapad."),
        context={
            "nav": "target_groups",
            "heading": _("Ny målgrupp"),
            "submit_label": _("Lägg till målgruppen"),
            "cancel_url": reverse("programmes-target-group-list"),
            "crumbs": _target_group_crumbs((None, _("Ny målgrupp"))),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def target_group_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Change a target group (coordinators only)."""
    target_group = get_target_group_for_user(request, pk, write=True)
    return _form_page(
        request,
        TargetGroupForm(_bound(request), instance=copy.copy(target_group)),
        lambda data: actions.target_group_update(
            actor=request.user, target_group=target_group, data=data
        ),
        success=_("Målgruppen är sparad."),
        context={
            "nav": "target_groups",
            "heading": _("Redigera %(title)s") % {"title": target_group.name},
            "submit_label": _("Spara"),
            "cancel_url": target_group.get_absolute_url(),
            "crumbs": _target_group_crumbs((None, target_group.name)),
        },
    )


# Agenda 2030


@require_GET
def sdg_list(request: HttpRequest) -> HttpResponse:
    """List the 17 goals of Agenda 2030 with their targets and the plans linked to them."""
    context = {"nav": "sdg", "goals": selectors.sdg_goals(user=request.user)}
    return render(request, "programmes/sdg_list.html", context)
