"""The diary: each organisation's cases, searchable; register a case; a case's page."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from mrplan.consultations import selectors
from mrplan.consultations.actions.cases import case_cancel, case_register, case_update
from mrplan.consultations.forms import CaseCancelForm, CaseEditForm, CaseForm
from mrplan.consultations.models import (
    Case,
    CaseStatus,
    Decision,
    RecipientStatus,
    Statement,
    StatementStatus,
)
from mrplan.consultations.permissions import (
    get_case_for_user,
    get_organisation_diary_for_user,
    may_write_organisation,
)
from mrplan.consultations.views.consultations import crumbs
from mrplan.core.forms import add_errors
from mrplan.core.types import AuthenticatedHttpRequest
from mrplan.organisations.models import Organisation


def diary_crumbs(organisation: Organisation, *items: tuple[str | None, str]) -> list:
    return crumbs(
        (
            reverse("consultations-diary", args=[organisation.slug]),
            _("Diarium för %(organisation)s") % {"organisation": organisation.name},
        ),
        *items,
    )


@login_required
@require_GET
def diary(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """List an organisation's cases with date, number, title, sender/recipient and officer."""
    organisation = get_organisation_diary_for_user(request, slug)
    query = request.GET.get("q", "")[:100]
    context = {
        "nav": "consultations",
        "organisation": organisation,
        "cases": list(selectors.diary_cases(organisation, query)),
        "query": query,
        "may_register": may_write_organisation(request.user, organisation.pk)
        and bool(organisation.diary_prefix),
        "crumbs": crumbs(
            (None, _("Diarium för %(organisation)s") % {"organisation": organisation.name})
        ),
    }
    return render(request, "consultations/case_diary.html", context)


def _case_form_page(
    request: AuthenticatedHttpRequest, case: Case, form: forms.BaseForm, template: str, step: str
) -> HttpResponse:
    """Render a form on one case (correct, cancel), 400 when the posted form has errors."""
    context = {
        "nav": "consultations",
        "form": form,
        "case": case,
        "crumbs": diary_crumbs(
            case.organisation, (case.get_absolute_url(), case.diary_number), (None, step)
        ),
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, template, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def case_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Register a case in the organisation's diary (its editors and admins, coordinators)."""
    organisation = get_organisation_diary_for_user(request, slug, write=True)
    posting = request.method == "POST"
    form = CaseForm(
        request.POST if posting else None,
        organisation=organisation,
        initial={"registered_on": timezone.localdate(), "case_officer": request.user.pk},
    )
    if posting and form.is_valid():
        try:
            # The form's fields are the action's arguments.
            case = case_register(actor=request.user, organisation=organisation, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("Ärendet %(number)s är registrerat.") % {"number": case.diary_number}
            )
            return redirect(case)
    context = {
        "nav": "consultations",
        "form": form,
        "organisation": organisation,
        "crumbs": diary_crumbs(organisation, (None, _("Registrera ärende"))),
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "consultations/case_form.html", context, status=status)


@login_required
@require_GET
def case_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Show a case: its number, officer, the consultation it answers, statement and decision."""
    case = selectors.case_page(get_case_for_user(request, pk))
    try:
        statement: Statement | None = case.statement
    except Statement.DoesNotExist:
        statement = None
    try:
        decision = statement.decision if statement else None
    except Decision.DoesNotExist:
        decision = None
    writer = may_write_organisation(request.user, case.organisation_id)
    context = {
        "nav": "consultations",
        "case": case,
        "statement": statement,
        "decision": decision,
        "may_write": writer,
        "may_correct": writer and case.status != CaseStatus.CANCELLED,
        "may_cancel": writer and case.status in (CaseStatus.OPEN, CaseStatus.CLOSED),
        "may_start_statement": writer
        and case.status == CaseStatus.OPEN
        and (
            case.consultation_recipient is None
            or case.consultation_recipient.status != RecipientStatus.DECLINED
        ),
        "may_decide": writer
        and statement is not None
        and decision is None
        and statement.status != StatementStatus.DECIDED,
        "crumbs": diary_crumbs(case.organisation, (None, case.diary_number)),
    }
    return render(request, "consultations/case_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def case_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Correct a case's title, officer, sender and recipient (its number never changes)."""
    case = get_case_for_user(request, pk, write=True)
    posting = request.method == "POST"
    form = CaseEditForm(
        request.POST if posting else None,
        organisation=case.organisation,
        initial={
            "title": case.title,
            "case_officer": case.case_officer_id,
            "sender": case.sender,
            "recipient": case.recipient,
        },
    )
    if posting and form.is_valid():
        try:
            # The form's fields are the action's arguments.
            case_update(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Ärendet är ändrat."))
            return redirect(case)
    return _case_form_page(request, case, form, "consultations/case_edit.html", _("Ändra"))


@login_required
@require_http_methods(["GET", "POST"])
def case_cancel_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Cancel ("makulera") a case with a reason; it keeps its number."""
    case = get_case_for_user(request, pk, write=True)
    form = CaseCancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            case_cancel(actor=request.user, case=case, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("Ärendet %(number)s är makulerat.") % {"number": case.diary_number}
            )
            return redirect(case)
    return _case_form_page(request, case, form, "consultations/case_cancel.html", _("Makulera"))
