"""Collaboration and dialogue pages: lists, details ("you said, we did"), create and edit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from mrplan.collaboration import actions, permissions, selectors
from mrplan.collaboration.forms import (
    CollaborationEditForm,
    CollaborationFilterForm,
    DialogueFilterForm,
    DialogueForm,
)
from mrplan.collaboration.views.common import NAV, crumbs, filtered, posted, status
from mrplan.core.forms import add_errors
from mrplan.core.types import AuthenticatedHttpRequest


def _collaboration_crumbs(*items: tuple[str | None, str]) -> list[tuple[str | None, str]]:
    return crumbs((reverse("collaboration-collaboration-list"), _("Samarbeten")), *items)


def _dialogue_crumbs(*items: tuple[str | None, str]) -> list[tuple[str | None, str]]:
    return crumbs((reverse("collaboration-dialogue-list"), _("Dialoger")), *items)


@login_required
@require_safe
def collaboration_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.may_read(request.user):
        raise PermissionDenied
    form = CollaborationFilterForm(request.GET)
    filters = filtered(form)
    context = {
        "nav": NAV,
        "form": form,
        "collaborations": list(
            selectors.collaborations(
                organisation=filters.get("organisation"), form=filters.get("form", "")
            )
        ),
        "filtered": bool(filters),
        "may_create": permissions.may_create(request.user),
        "crumbs": crumbs((None, _("Samarbeten"))),
    }
    return render(request, "collaboration/collaboration_list.html", context, status=status(form))


@login_required
@require_safe
def collaboration_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    permissions.get_collaboration_for_user(request, pk)
    collaboration = selectors.collaborations().get(pk=pk)
    context = {
        "nav": NAV,
        "collaboration": collaboration,
        "may_edit": permissions.may_edit_collaboration(request.user, collaboration),
        "crumbs": _collaboration_crumbs((None, collaboration.title)),
    }
    return render(request, "collaboration/collaboration_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def collaboration_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.may_create(request.user):
        raise PermissionDenied
    form = CollaborationEditForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            collaboration = actions.collaboration_create(actor=request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Samarbetet är registrerat."))
            return redirect(collaboration)
    context = {
        "nav": NAV,
        "form": form,
        "title": _("Nytt samarbete"),
        "submit": _("Registrera samarbetet"),
        "cancel_url": reverse("collaboration-collaboration-list"),
        "crumbs": _collaboration_crumbs((None, _("Nytt samarbete"))),
    }
    return render(request, "collaboration/form.html", context, status=status(form))


@login_required
@require_http_methods(["GET", "POST"])
def collaboration_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    collaboration = permissions.get_collaboration_for_user(request, pk, write=True)
    title = collaboration.title
    form = CollaborationEditForm(posted(request), instance=collaboration)
    if request.method == "POST" and form.is_valid():
        try:
            actions.collaboration_update(
                actor=request.user, collaboration=collaboration, data=form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect(collaboration)
    context = {
        "nav": NAV,
        "form": form,
        "title": _("Ändra %(name)s") % {"name": title},
        "submit": _("Spara"),
        "cancel_url": collaboration.get_absolute_url(),
        "crumbs": _collaboration_crumbs(
            (collaboration.get_absolute_url(), title), (None, _("Ändra"))
        ),
    }
    return render(request, "collaboration/form.html", context, status=status(form))


@login_required
@require_safe
def dialogue_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.may_read(request.user):
        raise PermissionDenied
    form = DialogueFilterForm(request.GET)
    filters = filtered(form)
    context = {
        "nav": NAV,
        "form": form,
        "dialogues": list(
            selectors.dialogues(
                organisation=filters.get("organisation"),
                without_response=bool(filters.get("utan_svar")),
            )
        ),
        "filtered": bool(filters),
        "may_create": permissions.may_create(request.user),
        "crumbs": crumbs((None, _("Dialoger"))),
    }
    return render(request, "collaboration/dialogue_list.html", context, status=status(form))


@login_required
@require_safe
def dialogue_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    permissions.get_dialogue_for_user(request, pk)
    dialogue = selectors.dialogues().get(pk=pk)
    context = {
        "nav": NAV,
        "dialogue": dialogue,
        "may_edit": permissions.may_edit_dialogue(request.user, dialogue),
        "crumbs": _dialogue_crumbs((None, dialogue.title)),
    }
    return render(request, "collaboration/dialogue_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def dialogue_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.may_create(request.user):
        raise PermissionDenied
    form = DialogueForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            dialogue = actions.dialogue_create(
                actor=request.user, data=form.cleaned_data, attendance=form.attendance
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Dialogen är registrerad."))
            return redirect(dialogue)
    context = {
        "nav": NAV,
        "form": form,
        "title": _("Ny dialog"),
        "submit": _("Registrera dialogen"),
        "cancel_url": reverse("collaboration-dialogue-list"),
        "crumbs": _dialogue_crumbs((None, _("Ny dialog"))),
    }
    return render(request, "collaboration/form.html", context, status=status(form))


@login_required
@require_http_methods(["GET", "POST"])
def dialogue_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    dialogue = permissions.get_dialogue_for_user(request, pk, write=True)
    title = dialogue.title
    form = DialogueForm(posted(request), instance=dialogue)
    if request.method == "POST" and form.is_valid():
        try:
            actions.dialogue_update(
                actor=request.user,
                dialogue=dialogue,
                data=form.cleaned_data,
                attendance=form.attendance,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect(dialogue)
    context = {
        "nav": NAV,
        "form": form,
        "title": _("Ändra %(name)s") % {"name": title},
        "submit": _("Spara"),
        "cancel_url": dialogue.get_absolute_url(),
        "crumbs": _dialogue_crumbs((dialogue.get_absolute_url(), title), (None, _("Ändra"))),
    }
    return render(request, "collaboration/form.html", context, status=status(form))
