"""The section's start page, the coordinator's overview and the personal-data tools."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from mrplan.collaboration import actions, permissions, selectors
from mrplan.collaboration.models import contact_review_days
from mrplan.collaboration.views.common import NAV, crumbs
from mrplan.core.types import AuthenticatedHttpRequest


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """Introduce the section; visitors who are not signed in go to the public material."""
    if not permissions.may_read(request.user):
        return redirect("collaboration-material-list")
    context = {
        "nav": NAV,
        "is_coordinator": permissions.is_coordinator(request.user),
    }
    return render(request, "collaboration/home.html", context)


@login_required
@require_safe
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Show the coordinator who collaborates with whom, who is reached and who is trained."""
    if not permissions.is_coordinator(request.user):
        raise PermissionDenied
    context = {
        "nav": NAV,
        "overview": selectors.overview(),
        "crumbs": crumbs((None, _("Översikt för samordnare"))),
    }
    return render(request, "collaboration/overview.html", context)


@login_required
@require_safe
def contact_review(request: AuthenticatedHttpRequest) -> HttpResponse:
    """List the contacts not used for the review period, for the coordinator to check."""
    if not permissions.may_manage_personal_data(request.user):
        raise PermissionDenied
    context = {
        "nav": NAV,
        "contacts": list(selectors.contacts_for_review()),
        "days": contact_review_days(),
        "crumbs": crumbs((None, _("Kontaktpersoner att granska"))),
    }
    return render(request, "collaboration/contact_review.html", context)


@login_required
@require_safe
def contact_export(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Download, as JSON, everything held about a contact person (registerutdrag)."""
    if not permissions.may_manage_personal_data(request.user):
        raise PermissionDenied
    contact = permissions.get_contact_for_user(request, pk)
    data = actions.contact_export(actor=request.user, contact=contact)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="registerutdrag-{contact.pk}.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def contact_erase(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Ask for confirmation, then erase everything held about a contact person."""
    if not permissions.may_manage_personal_data(request.user):
        raise PermissionDenied
    contact = permissions.get_contact_for_user(request, pk)
    partner = contact.partner
    if request.method == "POST":
        count = actions.contact_erase(actor=request.user, contact=contact)
        messages.success(
            request,
            _("Personuppgifterna är raderade (%(count)s kontaktuppgifter).") % {"count": count},
        )
        return redirect(partner)
    context = {
        "nav": NAV,
        "contact": contact,
        "partner": partner,
        "crumbs": crumbs(
            (partner.get_absolute_url(), partner.name), (None, _("Radera personuppgifter"))
        ),
    }
    return render(request, "collaboration/contact_erase.html", context)
