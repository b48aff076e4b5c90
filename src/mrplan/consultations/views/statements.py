"""The statement: read it, edit it, record its preparation, attest it, compare, print, verify."""

import re
import unicodedata
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mrplan.consultations.actions import statements as actions
from mrplan.consultations.models import Preparation, Statement, StatementStatus
from mrplan.consultations.permissions import (
    get_case_for_user,
    get_statement_for_user,
    get_verifiable_statement,
    may_read_organisation,
)
from mrplan.consultations.statements import documents as statement_documents
from mrplan.consultations.statements import selectors as statement_selectors
from mrplan.consultations.statements.attestation import next_step, verify
from mrplan.consultations.statements.compare import compare
from mrplan.consultations.statements.forms import (
    ApprovalStepsForm,
    PreparationForm,
    StatementForm,
)
from mrplan.core.forms import add_errors
from mrplan.core.types import AuthenticatedHttpRequest

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _status(error: ValidationError | None) -> int:
    if error is None:
        return 200
    codes = (
        {getattr(e, "code", None) for e in error.error_list}
        if hasattr(error, "error_list")
        else set()
    )
    return 409 if "stale" in codes else 400


def _form_page(
    request: AuthenticatedHttpRequest,
    statement: Statement,
    form: forms.BaseForm,
    template: str,
    step: str,
    failure: ValidationError | None,
) -> HttpResponse:
    """Render a form on the statement: 400 on a posted form with errors, or the refusal's code."""
    status = _status(failure) if failure else (400 if form.is_bound else 200)
    context = {
        "nav": "consultations",
        "statement": statement,
        "form": form,
        "crumbs": _crumbs(statement, (None, step)),
    }
    return render(request, template, context, status=status)


def _crumbs(statement: Statement, *items: tuple[str | None, str]) -> list[tuple[str | None, str]]:
    case = statement.case
    return [
        (case.get_absolute_url(), case.diary_number),
        (statement.get_absolute_url(), _("Tjänsteutlåtande")),
        *items,
    ]


def _load(request: HttpRequest, pk: Any, *, write: bool = False) -> Statement:
    """Check access with the shared helper, then load the statement with its attestation."""
    statement = get_statement_for_user(request, pk, write=write)
    return statement_selectors.statement_for_page(statement.pk)


def _editable(request: HttpRequest, statement: Statement) -> bool:
    return statement.status != StatementStatus.DECIDED and actions.may_edit_statement(
        request.user, statement.case.organisation_id
    )


@login_required
@require_POST
def statement_create(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    """Start the case's statement, its header filled in from the case."""
    case = get_case_for_user(request, case_pk, write=True)
    try:
        statement = actions.statement_create(actor=request.user, case=case, data={})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(case)
    messages.success(request, _("Tjänsteutlåtandet är påbörjat."))
    return redirect("consultations-statement-edit", statement.pk)


def _detail(
    request: AuthenticatedHttpRequest,
    statement: Statement,
    *,
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    verification = verify(statement)
    step = next_step(statement)
    checks = {check.approval.pk: check for check in verification.approvals}
    steps = [
        (
            item,
            [checks[approval.pk] for approval in item.approvals.all() if approval.pk in checks],
        )
        for item in statement.approval_steps.all()
    ]
    document = statement_documents.build(statement)
    context: dict[str, Any] = {
        "nav": "consultations",
        "statement": statement,
        "case": statement.case,
        "document": document,
        "verification": verification,
        "steps": steps,
        "next_step": step,
        "may_edit": _editable(request, statement),
        "may_approve": (
            step is not None
            and step.approver_id == request.user.pk
            and statement.status != StatementStatus.DECIDED
            and verification.intact
        ),
        "may_see_history": may_read_organisation(request.user, statement.case.organisation_id),
        "errors": errors or [],
        "crumbs": _crumbs(statement)[:1] + [(None, _("Tjänsteutlåtande"))],
    }
    return render(request, "consultations/statement_detail.html", context, status=status)


@login_required
@require_GET
def statement_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Show the statement as it reads, with its attestation."""
    return _detail(request, _load(request, pk))


@login_required
@require_http_methods(["GET", "POST"])
def statement_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Edit the header, the sections, the answers and the signature block (one version)."""
    statement = _load(request, pk, write=True)
    if statement.status == StatementStatus.DECIDED:
        messages.error(request, _("Tjänsteutlåtandet är beslutat och kan inte längre ändras."))
        return redirect(statement)
    questions = statement_selectors.questions_for(statement)
    form = StatementForm(
        request.POST if request.method == "POST" else None,
        instance=statement,
        questions=questions,
    )
    failure: ValidationError | None = None
    if request.method == "POST" and form.is_valid():
        try:
            actions.statement_update(
                actor=request.user,
                statement=statement,
                data=form.content_data(),
                version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            failure = error
            add_errors(form, error)
        else:
            messages.success(
                request, _("Sparat som version %(number)s.") % {"number": statement.current_version}
            )
            return redirect(statement)
    return _form_page(
        request, statement, form, "consultations/statement_form.html", _("Ändra"), failure
    )


@login_required
@require_http_methods(["GET", "POST"])
def statement_preparation(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Record the preparation; it rewrites the "Ärendets beredning" section."""
    statement = _load(request, pk, write=True)
    if statement.status == StatementStatus.DECIDED:
        messages.error(request, _("Tjänsteutlåtandet är beslutat och kan inte längre ändras."))
        return redirect(statement)
    preparation = Preparation.objects.filter(statement=statement).first()
    form = PreparationForm(
        request.POST if request.method == "POST" else None,
        instance=preparation,
        statement=statement,
        initial=None if preparation else {"prepared_by": statement.department_name.lower()},
    )
    failure: ValidationError | None = None
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in actions.PREPARATION_FIELDS}
        try:
            actions.preparation_update(
                actor=request.user,
                statement=statement,
                data=data,
                version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            failure = error
            add_errors(form, error)
        else:
            messages.success(request, _("Beredningen är sparad och avsnittet uppdaterat."))
            return redirect(statement)
    return _form_page(
        request,
        statement,
        form,
        "consultations/statement_preparation.html",
        _("Beredning"),
        failure,
    )


@login_required
@require_http_methods(["GET", "POST"])
def statement_steps(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Choose the approvers in order."""
    statement = _load(request, pk, write=True)
    current = list(statement.approval_steps.all())
    initial: dict[str, Any] = {}
    for index, step in enumerate(current):
        initial[f"approver_{index}"] = step.approver_id
        initial[f"title_{index}"] = step.title
    form = ApprovalStepsForm(
        request.POST if request.method == "POST" else None,
        organisation_id=statement.case.organisation_id,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.approval_steps_set(actor=request.user, statement=statement, steps=form.steps())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Attesteringsordningen är sparad."))
            return redirect(statement)
    context = {
        "nav": "consultations",
        "statement": statement,
        "form": form,
        "crumbs": _crumbs(statement, (None, _("Attesteringsordning"))),
    }
    return render(
        request,
        "consultations/statement_steps.html",
        context,
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def statement_approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Attest the version the approver read (posted as "version")."""
    statement = _load(request, pk)
    try:
        actions.statement_approve(
            actor=request.user, statement=statement, version=request.POST.get("version")
        )
    except ValidationError as error:
        statement = statement_selectors.statement_for_page(statement.pk)
        return _detail(request, statement, errors=error.messages, status=_status(error))
    messages.success(request, _("Du har attesterat tjänsteutlåtandet."))
    return redirect(statement)


@login_required
@require_GET
def statement_versions(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """List the versions and compare two of them (?fran=1&till=2)."""
    statement = _load(request, pk)
    versions = list(statement_selectors.versions_for(statement))
    changes = None
    pair = None
    old, new = request.GET.get("fran", ""), request.GET.get("till", "")
    if old or new:
        if not (old.isdigit() and new.isdigit()):
            raise Http404
        pair = statement_selectors.version_pair(statement, int(old), int(new))
        if pair is None:
            raise Http404
        questions = {
            str(question.pk): question.text
            for question in statement_selectors.questions_for(statement)
        }
        changes = compare(pair[0].content, pair[1].content, questions)
    context = {
        "nav": "consultations",
        "statement": statement,
        "versions": versions,
        "pair": pair,
        "changes": changes,
        "crumbs": _crumbs(statement, (None, _("Versioner"))),
    }
    return render(request, "consultations/statement_versions.html", context)


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _filename(statement: Statement, extension: str) -> str:
    ascii_number = (
        unicodedata.normalize("NFKD", statement.diary_number).encode("ascii", "ignore").decode()
    )
    number = re.sub(r"[^A-Za-z0-9]+", "-", ascii_number).strip("-") or str(statement.pk)
    return f"tjansteutlatande-{number}.{extension}"


@login_required
@require_GET
def statement_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Download the statement as PDF, in the city's layout."""
    statement = _load(request, pk)
    return _download(
        statement_documents.render_pdf(statement), "application/pdf", _filename(statement, "pdf")
    )


@login_required
@require_GET
def statement_docx(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Download the statement as a Word document."""
    statement = _load(request, pk)
    return _download(
        statement_documents.render_docx(statement), DOCX_TYPE, _filename(statement, "docx")
    )


def _public(request: HttpRequest, pk: Any) -> Statement:
    statement = get_verifiable_statement(request, pk)
    return statement_selectors.with_attestation(Statement.objects.all()).get(pk=statement.pk)


@require_GET
def statement_verify(request: HttpRequest, pk: int) -> HttpResponse:
    """Recompute the hashes and signatures: public for decided, published answers only."""
    statement = _public(request, pk)
    context = {
        "nav": "consultations",
        "statement": statement,
        "verification": verify(statement),
        "json_url": reverse("consultations-statement-verify-json", args=[statement.pk]),
    }
    return render(request, "consultations/statement_verify.html", context)


@require_GET
def statement_verify_json(request: HttpRequest, pk: int) -> JsonResponse:
    """The verification as JSON (public for decided, published answers only)."""
    return JsonResponse(
        verify(_public(request, pk)).as_json(), json_dumps_params={"ensure_ascii": False}
    )
