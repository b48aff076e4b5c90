"""Record the committee's decision on an attested statement."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mrplan.consultations import selectors
from mrplan.consultations.actions.decisions import decision_record, default_decision_text
from mrplan.consultations.forms import DecisionForm
from mrplan.consultations.permissions import get_statement_for_user
from mrplan.consultations.views.cases import diary_crumbs
from mrplan.core.forms import add_errors
from mrplan.core.types import AuthenticatedHttpRequest


@login_required
@require_http_methods(["GET", "POST"])
def decision_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Record the decision on statement PK (the organisation's editors and admins)."""
    statement = get_statement_for_user(request, pk, write=True)
    case = statement.case
    organisation = case.organisation
    committee = organisation.parent or organisation
    approved = selectors.is_fully_approved(statement)
    posting = request.method == "POST"
    form = DecisionForm(
        request.POST if posting else None,
        initial={
            "committee": committee.pk,
            "meeting_date": statement.meeting_date,
            "decided_on": statement.meeting_date,
            "text": default_decision_text(statement, committee),
        },
    )
    if posting and form.is_valid():
        data = form.cleaned_data
        try:
            decision_record(
                actor=request.user,
                statement=statement,
                committee=data["committee"],
                meeting_date=data["meeting_date"],
                paragraph=data["paragraph"],
                text=data["text"],
                decided_on=data["decided_on"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Beslutet är registrerat och svaret skickat."))
            return redirect(case)
    context = {
        "nav": "consultations",
        "form": form,
        "statement": statement,
        "case": case,
        "approved": approved,
        "crumbs": diary_crumbs(
            organisation, (case.get_absolute_url(), case.diary_number), (None, _("Beslut"))
        ),
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "consultations/decision_form.html", context, status=status)
