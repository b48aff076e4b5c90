"""The material library (partly public) and the training offers, sessions and participation."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from mrplan.collaboration import actions, permissions, selectors
from mrplan.collaboration.forms import (
    MaterialFilterForm,
    MaterialForm,
    ParticipationForm,
    TrainingOfferForm,
    TrainingSessionForm,
)
from mrplan.collaboration.views.common import NAV, crumbs, filtered, posted, status
from mrplan.core.forms import add_errors
from mrplan.core.types import AuthenticatedHttpRequest


def _material_crumbs(*items: tuple[str | None, str]) -> list[tuple[str | None, str]]:
    return crumbs((reverse("collaboration-material-list"), _("Informationsmaterial")), *items)


def _training_crumbs(*items: tuple[str | None, str]) -> list[tuple[str | None, str]]:
    return crumbs((reverse("collaboration-training"), _("Utbildning")), *items)


@require_safe
def material_list(request: HttpRequest) -> HttpResponse:
    """Search the material library; visitors who are not signed in see only public material."""
    public_only = not permissions.may_read(request.user)
    form = MaterialFilterForm(request.GET)
    filters = filtered(form)
    items = list(
        selectors.material(
            public_only=public_only,
            query=filters.get("q", ""),
            audience=filters.get("malgrupp_for_materialet", ""),
            language=filters.get("sprak", ""),
            target_group=filters.get("malgrupp"),
        )
    )
    context = {
        "nav": NAV,
        "form": form,
        "items": items,
        "public_only": public_only,
        "filtered": bool(filters),
        "may_create": permissions.may_manage_library(request.user),
        "crumbs": None if public_only else crumbs((None, _("Informationsmaterial"))),
    }
    return render(request, "collaboration/material_list.html", context, status=status(form))


def _material_or_login(request: HttpRequest, pk: int) -> object:
    try:
        return permissions.get_material_for_user(request, pk)
    except permissions.LoginRequired:
        return permissions.login_redirect(request)


@require_safe
def material_detail(request: HttpRequest, pk: int) -> HttpResponse:
    material = _material_or_login(request, pk)
    if isinstance(material, HttpResponse):
        return material
    context = {
        "nav": NAV,
        "material": material,
        "target_groups": list(material.target_groups.order_by("name")),  # type: ignore[attr-defined]
        "may_edit": permissions.may_manage_library(request.user),
        "signed_in": permissions.may_read(request.user),
        "crumbs": _material_crumbs((None, str(material))),
    }
    return render(request, "collaboration/material_detail.html", context)


@require_safe
def material_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Send the material's file, with the same access check as its page."""
    material = _material_or_login(request, pk)
    if isinstance(material, HttpResponse):
        return material
    stored = material.file  # type: ignore[attr-defined]
    if not stored:
        raise Http404
    name = material.original_name or stored.name.rsplit("/")[-1]  # type: ignore[attr-defined]
    return FileResponse(stored.open("rb"), as_attachment=True, filename=name)


def _material_form(request: AuthenticatedHttpRequest, material: Any) -> HttpResponse:
    form = MaterialForm(posted(request), request.FILES or None, instance=material)
    if request.method == "POST" and form.is_valid():
        try:
            if material is None:
                material = actions.material_create(actor=request.user, data=form.cleaned_data)
            else:
                actions.material_update(
                    actor=request.user,
                    material=material,
                    data=form.cleaned_data,
                )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Materialet är sparat."))
            return redirect(material)
    title = _("Nytt material") if material is None else _("Ändra %(name)s") % {"name": material}
    context = {
        "nav": NAV,
        "form": form,
        "title": title,
        "submit": _("Spara"),
        "multipart": True,
        "cancel_url": reverse("collaboration-material-list"),
        "crumbs": _material_crumbs((None, title)),
    }
    return render(request, "collaboration/form.html", context, status=status(form))


@login_required
@require_http_methods(["GET", "POST"])
def material_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.may_manage_library(request.user):
        raise PermissionDenied
    return _material_form(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def material_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    material = permissions.get_material_for_user(request, pk, write=True)
    return _material_form(request, material)


@login_required
@require_safe
def training(request: AuthenticatedHttpRequest) -> HttpResponse:
    """List the training offers and the sessions held."""
    if not permissions.may_read(request.user):
        raise PermissionDenied
    context = {
        "nav": NAV,
        "offers": list(selectors.training_offers()),
        "sessions": list(selectors.training_sessions()),
        "may_manage": permissions.may_manage_library(request.user),
        "may_add_session": permissions.may_create(request.user),
        "crumbs": crumbs((None, _("Utbildning"))),
    }
    return render(request, "collaboration/training.html", context)


@login_required
@require_safe
def offer_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offer = permissions.get_offer_for_user(request, pk)
    context = {
        "nav": NAV,
        "offer": offer,
        "sessions": list(selectors.training_sessions(offer=offer)),
        "may_edit": permissions.may_manage_library(request.user),
        "crumbs": _training_crumbs((None, offer.topic)),
    }
    return render(request, "collaboration/offer_detail.html", context)


def _offer_form(request: AuthenticatedHttpRequest, offer: Any) -> HttpResponse:
    form = TrainingOfferForm(posted(request), instance=offer)
    if request.method == "POST" and form.is_valid():
        try:
            if offer is None:
                offer = actions.training_offer_create(actor=request.user, data=form.cleaned_data)
            else:
                actions.training_offer_update(
                    actor=request.user,
                    offer=offer,
                    data=form.cleaned_data,
                )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Utbildningsinsatsen är sparad."))
            return redirect(offer)
    title = _("Ny utbildningsinsats") if offer is None else _("Ändra %(name)s") % {"name": offer}
    return _training_form_page(request, form, title)


@login_required
@require_http_methods(["GET", "POST"])
def offer_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.may_manage_library(request.user):
        raise PermissionDenied
    return _offer_form(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def offer_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _offer_form(request, permissions.get_offer_for_user(request, pk, write=True))


def _training_form_page(request: AuthenticatedHttpRequest, form: Any, title: str) -> HttpResponse:
    """Render a training offer or session form with the training section's breadcrumbs."""
    context = {
        "nav": NAV,
        "form": form,
        "title": title,
        "submit": _("Spara"),
        "cancel_url": reverse("collaboration-training"),
        "crumbs": _training_crumbs((None, title)),
    }
    return render(request, "collaboration/form.html", context, status=status(form))


def _session_form(request: AuthenticatedHttpRequest, session: Any) -> HttpResponse:
    initial = {}
    if session is None and request.GET.get("insats", "").isdigit():
        initial["offer"] = request.GET["insats"]
    form = TrainingSessionForm(
        posted(request), instance=session, initial=initial, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            if session is None:
                session = actions.training_session_create(
                    actor=request.user, data=form.cleaned_data
                )
            else:
                actions.training_session_update(
                    actor=request.user,
                    session=session,
                    data=form.cleaned_data,
                )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Utbildningstillfället är sparat."))
            return redirect(session)
    title = _("Nytt utbildningstillfälle") if session is None else _("Ändra utbildningstillfälle")
    return _training_form_page(request, form, title)


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.may_create(request.user):
        raise PermissionDenied
    return _session_form(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _session_form(request, permissions.get_session_for_user(request, pk, write=True))


@login_required
@require_http_methods(["GET", "POST"])
def session_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Show a session and its participation; editors record their organisation's numbers."""
    session = permissions.get_session_for_user(request, pk)
    may_record = permissions.may_create(request.user)
    form = ParticipationForm(posted(request), user=request.user, session=session)
    if request.method == "POST":
        if not may_record:
            raise PermissionDenied
        if form.is_valid():
            try:
                actions.participation_record(
                    actor=request.user,
                    session=session,
                    organisation=form.cleaned_data["organisation"],
                    staff_group=form.cleaned_data["staff_group"],
                    count=form.cleaned_data["count"],
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Deltagandet är registrerat."))
                return redirect(session)
    context = {
        "nav": NAV,
        "session": session,
        "participations": list(selectors.participations_of(session)),
        "form": form if may_record else None,
        "may_edit": permissions.may_edit_session(request.user, session),
        "crumbs": _training_crumbs(
            (session.offer.get_absolute_url(), session.offer.topic),
            (None, f"{session.date:%Y-%m-%d}"),
        ),
    }
    return render(request, "collaboration/session_detail.html", context, status=status(form))
