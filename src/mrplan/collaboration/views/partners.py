"""Partner pages: list and search, detail with contact persons, create and edit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mrplan.collaboration import actions, permissions, selectors
from mrplan.collaboration.forms import ContactForm, PartnerFilterForm, PartnerForm
from mrplan.collaboration.views.common import NAV, crumbs, filtered, posted, status
from mrplan.core.forms import add_errors
from mrplan.core.types import AuthenticatedHttpRequest


def _partner_crumbs(*items: tuple[str | None, str]) -> list[tuple[str | None, str]]:
    return crumbs((reverse("collaboration-partner-list"), _("Partner")), *items)


@login_required
@require_safe
def partner_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """List and search the partners."""
    if not permissions.may_read(request.user):
        raise PermissionDenied
    form = PartnerFilterForm(request.GET)
    filters = filtered(form)
    partners = list(
        selectors.partners(
            query=filters.get("q", ""),
            kind=filters.get("typ", ""),
            target_group=filters.get("malgrupp"),
        )
    )
    context = {
        "nav": NAV,
        "form": form,
        "partners": partners,
        "filtered": bool(filters),
        "may_create": permissions.may_create(request.user),
        "crumbs": crumbs((None, _("Partner"))),
    }
    return render(request, "collaboration/partner_list.html", context, status=status(form))


@login_required
@require_safe
def partner_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Show a partner, its collaborations and dialogues, and (to those allowed) its contacts."""
    partner = permissions.get_partner_for_user(request, pk)
    show_contacts = permissions.may_see_contacts(request.user, partner)
    if show_contacts:
        actions.contacts_read(actor=request.user, partner=partner)
    context = {
        "nav": NAV,
        "partner": partner,
        "target_groups": list(partner.target_groups.order_by("name")),
        "districts": list(partner.districts.order_by("name")),
        "collaborations": list(selectors.collaborations(partner=partner)),
        "dialogues": list(selectors.dialogues(partner=partner)),
        "contacts": list(selectors.contacts_of(partner)) if show_contacts else None,
        "may_edit": permissions.may_edit_partner(request.user, partner),
        "may_edit_contacts": permissions.may_edit_contacts(request.user, partner),
        "may_manage_personal_data": permissions.may_manage_personal_data(request.user),
        "crumbs": _partner_crumbs((None, partner.name)),
    }
    return render(request, "collaboration/partner_detail.html", context)


def _duplicate(form: PartnerForm, exclude: int | None = None) -> object:
    number = form.data.get("organisation_number", "")
    if form.errors.get("organisation_number") and number:
        return selectors.partner_by_number(str(number), exclude=exclude)
    return None


@login_required
@require_http_methods(["GET", "POST"])
def partner_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Register a partner; a duplicate organisation number links to the existing partner."""
    if not permissions.may_create(request.user):
        raise PermissionDenied
    form = PartnerForm(posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            partner = actions.partner_create(actor=request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Partnern är registrerad."))
            return redirect(partner)
    context = {
        "nav": NAV,
        "form": form,
        "title": _("Ny partner"),
        "submit": _("Registrera partnern"),
        "cancel_url": reverse("collaboration-partner-list"),
        "duplicate": _duplicate(form),
        "crumbs": _partner_crumbs((None, _("Ny partner"))),
    }
    return render(request, "collaboration/form.html", context, status=status(form))


@login_required
@require_http_methods(["GET", "POST"])
def partner_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    partner = permissions.get_partner_for_user(request, pk, write=True)
    name = partner.name
    form = PartnerForm(posted(request), instance=partner, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            actions.partner_update(actor=request.user, partner=partner, data=form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect(partner)
    context = {
        "nav": NAV,
        "form": form,
        "title": _("Ändra %(name)s") % {"name": name},
        "submit": _("Spara"),
        "cancel_url": partner.get_absolute_url(),
        "duplicate": _duplicate(form, exclude=partner.pk),
        "crumbs": _partner_crumbs((partner.get_absolute_url(), name), (None, _("Ändra"))),
    }
    return render(request, "collaboration/form.html", context, status=status(form))


@login_required
@require_http_methods(["GET", "POST"])
def contact_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    partner = permissions.get_partner_for_user(request, pk)
    if not permissions.may_edit_contacts(request.user, partner):
        raise PermissionDenied
    form = ContactForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.contact_create(actor=request.user, partner=partner, data=form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Kontaktpersonen är tillagd."))
            return redirect(partner.get_absolute_url() + "#kontaktpersoner")
    context = {
        "nav": NAV,
        "form": form,
        "title": _("Ny kontaktperson hos %(name)s") % {"name": partner.name},
        "submit": _("Lägg till kontaktpersonen"),
        "cancel_url": partner.get_absolute_url(),
        "personal_data": True,
        "crumbs": _partner_crumbs(
            (partner.get_absolute_url(), partner.name), (None, _("Ny kontaktperson"))
        ),
    }
    return render(request, "collaboration/form.html", context, status=status(form))


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    contact = permissions.get_contact_for_user(request, pk, write=True)
    partner = contact.partner
    form = ContactForm(posted(request), instance=contact)
    if request.method == "POST" and form.is_valid():
        try:
            actions.contact_update(actor=request.user, contact=contact, data=form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect(partner.get_absolute_url() + "#kontaktpersoner")
    context = {
        "nav": NAV,
        "form": form,
        "title": _("Ändra kontaktperson hos %(name)s") % {"name": partner.name},
        "submit": _("Spara"),
        "cancel_url": partner.get_absolute_url(),
        "personal_data": True,
        "crumbs": _partner_crumbs(
            (partner.get_absolute_url(), partner.name), (None, _("Ändra kontaktperson"))
        ),
    }
    return render(request, "collaboration/form.html", context, status=status(form))


@login_required
@require_POST
def contact_mark_used(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Confirm that a contact is still in use, so that it is no longer flagged for review."""
    contact = permissions.get_contact_for_user(request, pk, write=True)
    actions.contact_mark_used(actor=request.user, contact=contact)
    messages.success(request, _("Kontaktpersonen är markerad som aktuell."))
    if request.POST.get("next") == "review" and permissions.may_manage_personal_data(request.user):
        return redirect("collaboration-contact-review")
    return redirect(contact.partner.get_absolute_url() + "#kontaktpersoner")
