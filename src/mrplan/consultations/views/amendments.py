"""A sent consultation: a later deadline, another recipient, and closing it (confirmed)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mrplan.consultations.actions import amendments
from mrplan.consultations.actions import consultations as actions
from mrplan.consultations.forms import DeadlineForm, RecipientAddForm
from mrplan.consultations.models import ConsultationStatus
from mrplan.consultations.permissions import get_consultation_for_user
from mrplan.consultations.views.consultations import crumbs
from mrplan.core.forms import add_errors
from mrplan.core.types import AuthenticatedHttpRequest


@login_required
@require_http_methods(["GET", "POST"])
def consultation_amend(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Give a sent consultation a later deadline or another recipient (coordinators)."""
    consultation = get_consultation_for_user(request, pk, write=True)
    action = request.POST.get("action") if request.method == "POST" else None
    deadline_form = DeadlineForm(
        request.POST if action == "deadline" else None,
        initial={"deadline": consultation.deadline},
        prefix="deadline",
    )
    recipient_form = RecipientAddForm(
        request.POST if action == "recipient" else None,
        consultation=consultation,
        prefix="recipient",
    )
    if action == "deadline" and deadline_form.is_valid():
        try:
            amendments.consultation_extend_deadline(
                actor=request.user,
                consultation=consultation,
                deadline=deadline_form.cleaned_data["deadline"],
            )
        except ValidationError as error:
            add_errors(deadline_form, error)
        else:
            messages.success(
                request, _("Sista svarsdag är ändrad och remissinstanserna får besked.")
            )
            return redirect(consultation)
    if action == "recipient" and recipient_form.is_valid():
        try:
            recipient = amendments.consultation_recipient_add(
                actor=request.user,
                consultation=consultation,
                organisation=recipient_form.cleaned_data["organisation"],
            )
        except ValidationError as error:
            add_errors(recipient_form, error)
        else:
            messages.success(
                request,
                _("Remissen är skickad även till %(name)s.")
                % {"name": recipient.organisation.name},
            )
            return redirect(consultation)
    context = {
        "nav": "consultations",
        "consultation": consultation,
        "deadline_form": deadline_form,
        "recipient_form": recipient_form,
        "sent": consultation.status == ConsultationStatus.SENT,
        "crumbs": crumbs(
            (consultation.get_absolute_url(), consultation.title), (None, _("Ändra skickad remiss"))
        ),
    }
    bound = deadline_form if action == "deadline" else recipient_form
    status = 400 if action and bound.is_bound and bound.errors else 200
    return render(request, "consultations/consultation_amend.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def consultation_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Ask for confirmation (GET), then close a sent consultation (POST, coordinators)."""
    consultation = get_consultation_for_user(request, pk, write=True)
    if request.method == "POST":
        try:
            actions.consultation_close(actor=request.user, consultation=consultation)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Remissen är avslutad."))
        return redirect(consultation)
    context = {
        "nav": "consultations",
        "consultation": consultation,
        "pending": consultation.recipients.filter(status="pending").count(),
        "crumbs": crumbs(
            (consultation.get_absolute_url(), consultation.title), (None, _("Avsluta"))
        ),
    }
    return render(request, "consultations/consultation_close.html", context)
