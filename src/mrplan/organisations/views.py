"""The organisation directory, organisation pages, their departments and members."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mrplan.accounts import actions as account_actions
from mrplan.accounts.models import Membership, Role
from mrplan.accounts.permissions import roles_for
from mrplan.core.forms import add_errors
from mrplan.core.types import AuthenticatedHttpRequest
from mrplan.organisations import actions, selectors
from mrplan.organisations.forms import (
    DepartmentForm,
    DirectoryFilterForm,
    MemberForm,
    OrganisationForm,
)
from mrplan.organisations.models import Organisation, OrganisationKind
from mrplan.organisations.permissions import (
    get_department_for_user,
    get_members_organisation_for_user,
    get_organisation_for_user,
    may_change_structure,
    may_create_organisation,
    may_edit_organisation,
    may_manage_members,
    may_see_history,
    may_see_members,
)


def _crumbs(*items: tuple[str | None, Any]) -> list[tuple[str | None, Any]]:
    return [(reverse("organisations-list"), _("Organisationer")), *items]


def _status(form: forms.Form | None) -> int:
    return 400 if form is not None and form.errors else 200


@require_safe
def organisation_list(request: HttpRequest) -> HttpResponse:
    """List every organisation by kind, filtered by kind and a search text."""
    counts = selectors.kind_counts()
    form = DirectoryFilterForm(request.GET, counts=counts)
    form.is_valid()
    # Filters that failed validation are ignored; the form says why.
    kind = form.cleaned_data.get("typ", "")
    query = form.cleaned_data.get("q", "")
    groups = selectors.organisation_directory(kind=kind, query=query)
    context = {
        "nav": "organisations",
        "form": form,
        "groups": groups,
        "shown": sum(group.count for group in groups),
        "total": sum(counts.values()),
        "filtered": bool(kind or query),
        "may_create": may_create_organisation(request.user),
    }
    return render(request, "organisations/organisation_list.html", context, status=_status(form))


@require_safe
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Show one organisation: contact details, place in the structure, departments, members."""
    organisation = selectors.with_parts(get_organisation_for_user(request, slug))
    show_members = may_see_members(request.user, organisation)
    children = list(organisation.children.all())
    context = {
        "nav": "organisations",
        "organisation": organisation,
        "children": children,
        "children_are_administrations": all(
            child.kind == OrganisationKind.ADMINISTRATION for child in children
        ),
        "departments": list(organisation.departments.all()),
        "members": list(selectors.members_of(organisation)) if show_members else None,
        "may_edit": may_edit_organisation(request.user, organisation),
        "may_manage_members": may_manage_members(request.user, organisation),
        "may_see_history": may_see_history(request.user, organisation),
        "crumbs": _crumbs((None, organisation.name)),
    }
    return render(request, "organisations/organisation_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Add an organisation (coordinators only)."""
    if not may_create_organisation(request.user):
        raise PermissionDenied
    form = OrganisationForm(
        request.POST if request.method == "POST" else None, may_change_structure=True
    )
    if request.method == "POST" and form.is_valid():
        try:
            organisation = actions.organisation_create(actor=request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Organisationen är skapad."))
            return redirect(organisation)
    context = {
        "nav": "organisations",
        "form": form,
        "crumbs": _crumbs((None, _("Ny organisation"))),
    }
    return render(request, "organisations/organisation_form.html", context, status=_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Change an organisation's details; coordinators also its kind and parent."""
    organisation = get_organisation_for_user(request, slug, write=True)
    form = OrganisationForm(
        request.POST if request.method == "POST" else None,
        may_change_structure=may_change_structure(request.user),
        organisation=organisation,
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.organisation_update(
                actor=request.user, organisation=organisation, data=form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect(organisation)
    # A failed save may have left unsaved values on the instance: show the stored name.
    organisation.refresh_from_db(fields=["name"])
    context = {
        "nav": "organisations",
        "form": form,
        "organisation": organisation,
        "crumbs": _crumbs((organisation.get_absolute_url(), organisation.name), (None, _("Ändra"))),
    }
    return render(request, "organisations/organisation_form.html", context, status=_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def department_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Add a department to an organisation."""
    organisation = get_organisation_for_user(request, slug, write=True)
    form = DepartmentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.department_create(
                actor=request.user, organisation=organisation, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Avdelningen är tillagd."))
            return redirect(organisation)
    context = {
        "nav": "organisations",
        "form": form,
        "organisation": organisation,
        "crumbs": _crumbs(
            (organisation.get_absolute_url(), organisation.name), (None, _("Ny avdelning"))
        ),
    }
    return render(request, "organisations/department_form.html", context, status=_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def department_edit(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Rename a department."""
    department = get_department_for_user(request, slug, pk, write=True)
    organisation = department.organisation
    stored_name = department.name
    form = DepartmentForm(
        request.POST if request.method == "POST" else None, initial={"name": stored_name}
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.department_update(
                actor=request.user, department=department, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Avdelningen är ändrad."))
            return redirect(organisation)
    context = {
        "nav": "organisations",
        "form": form,
        "organisation": organisation,
        "department_name": stored_name,
        "crumbs": _crumbs(
            (organisation.get_absolute_url(), organisation.name), (None, stored_name)
        ),
    }
    return render(request, "organisations/department_form.html", context, status=_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def department_delete(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Ask to confirm (GET), then remove a department (POST)."""
    department = get_department_for_user(request, slug, pk, write=True)
    organisation = department.organisation
    error = ""
    if request.method == "POST":
        try:
            actions.department_delete(actor=request.user, department=department)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Avdelningen är borttagen."))
            return redirect(organisation)
    context = {
        "nav": "organisations",
        "organisation": organisation,
        "department": department,
        "error": error,
        "crumbs": _crumbs(
            (organisation.get_absolute_url(), organisation.name), (None, department.name)
        ),
    }
    return render(
        request,
        "organisations/department_confirm_delete.html",
        context,
        status=400 if error else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def members(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """List the roles in an organisation (GET) and grant one (POST, for its managers)."""
    adding = request.method == "POST"
    organisation = get_members_organisation_for_user(request, slug, write=adding)
    form = None
    if may_manage_members(request.user, organisation):
        form = MemberForm(
            request.POST if adding else None,
            may_grant_coordinator=roles_for(request.user).is_coordinator
            and organisation.kind == OrganisationKind.COORDINATING_OFFICE,
        )
    if adding and form is not None and form.is_valid():
        user = form.cleaned_data["user"]
        role = form.cleaned_data["role"]
        try:
            if user is not None:
                account_actions.membership_create(
                    actor=request.user,
                    user=user,
                    organisation=organisation,
                    role=role,
                    title=form.cleaned_data["title"].strip(),
                )
        except ValidationError as error:
            add_errors(form, error)
        else:
            # The same answer whether or not the account exists (see MemberForm.clean_user).
            messages.success(
                request,
                _(
                    "Om det finns ett konto med det användarnamnet eller den e-postadressen "
                    "har det fått rollen %(role)s."
                )
                % {"role": Role(role).label.lower()},
            )
            return redirect("organisations-members", slug=organisation.slug)
    return _members_page(request, organisation, form)


def _members_page(
    request: AuthenticatedHttpRequest, organisation: Organisation, form: MemberForm | None
) -> HttpResponse:
    context = {
        "nav": "organisations",
        "organisation": organisation,
        "memberships": selectors.members_of(organisation),
        "form": form,
        "coordinator_role": Role.COORDINATOR,
        "may_remove_coordinators": roles_for(request.user).is_coordinator,
        "crumbs": _crumbs(
            (organisation.get_absolute_url(), organisation.name), (None, _("Behörigheter"))
        ),
    }
    return render(request, "organisations/members.html", context, status=_status(form))


@login_required
@require_POST
def member_delete(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Take a role away."""
    organisation = get_members_organisation_for_user(request, slug, write=True)
    membership = get_object_or_404(
        Membership.objects.select_related("user", "organisation"),
        pk=pk,
        organisation=organisation,
    )
    account_actions.membership_delete(actor=request.user, membership=membership)
    messages.success(
        request,
        _("%(user)s har inte längre rollen %(role)s.")
        % {"user": membership.user, "role": membership.get_role_display().lower()},
    )
    if membership.user_id == request.user.pk:
        # The user may just have removed their own right to see this page.
        return redirect(organisation)
    return redirect("organisations-members", slug=organisation.slug)
