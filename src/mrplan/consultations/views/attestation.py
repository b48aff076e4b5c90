"""The attestation rule page: coordinators set how many different people must approve."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mrplan.consultations.actions.attestation import attestation_policy_update
from mrplan.consultations.forms import AttestationPolicyForm
from mrplan.consultations.permissions import check_manage_consultations
from mrplan.consultations.statements.attestation import minimum_approvers
from mrplan.consultations.views.consultations import crumbs
from mrplan.core.forms import add_errors
from mrplan.core.types import AuthenticatedHttpRequest


@login_required
@require_http_methods(["GET", "POST"])
def attestation_policy(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Show and change the minimum number of distinct approvers (coordinators)."""
    check_manage_consultations(request.user)
    form = AttestationPolicyForm(
        request.POST if request.method == "POST" else None,
        initial={"minimum_approvers": minimum_approvers()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            attestation_policy_update(
                actor=request.user, minimum_approvers=form.cleaned_data["minimum_approvers"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Attesteringsregeln är sparad."))
            return redirect("consultations-attestation-policy")
    context = {
        "nav": "consultations",
        "form": form,
        "crumbs": crumbs((None, _("Attesteringsregel"))),
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "consultations/attestation_policy.html", context, status=status)
