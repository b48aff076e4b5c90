"""Consultations: the list, create and edit while draft, attach files, send, status, decline."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mrplan.accounts.permissions import roles_for
from mrplan.consultations import routing, selectors
from mrplan.consultations.actions import consultations as actions
from mrplan.consultations.forms import ConsultationForm, DeclineForm, DocumentForm
from mrplan.consultations.models import Consultation, ConsultationStatus
from mrplan.consultations.permissions import (
    check_write_organisation,
    get_consultation_document_for_user,
    get_consultation_for_user,
    get_recipient_for_user,
    may_answer_recipient,
    may_manage_consultations,
    may_write_organisation,
)
from mrplan.core.forms import add_errors
from mrplan.core.types import AuthenticatedHttpRequest


def crumbs(*items: tuple[str | None, Any]) -> list[tuple[str | None, Any]]:
    return [(reverse("consultations-list"), _("Remisser")), *items]


@login_required
@require_GET
def consultation_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """List the consultations the user sees, with how many have answered."""
    context = {
        "nav": "consultations",
        "consultations": list(selectors.consultation_list(request.user)),
        "may_manage": may_manage_consultations(request.user),
        "diaries": list(selectors.diaries_for(request.user)),
        "crumbs": crumbs(),
    }
    return render(request, "consultations/consultation_list.html", context)


def _form_page(
    request: AuthenticatedHttpRequest,
    form: ConsultationForm,
    consultation: Consultation | None,
    status: int = 200,
) -> HttpResponse:
    label = _("Ändra remissen") if consultation else _("Ny remiss")
    items: list[tuple[str | None, Any]] = []
    if consultation is not None:
        items.append((consultation.get_absolute_url(), consultation.title))
    items.append((None, label))
    context = {
        "nav": "consultations",
        "form": form,
        "consultation": consultation,
        "heading": label,
        "crumbs": crumbs(*items),
    }
    return render(request, "consultations/consultation_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def consultation_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Create a draft consultation (coordinators)."""
    if not may_manage_consultations(request.user):
        raise PermissionDenied
    if request.method != "POST":
        sender = selectors.sender_organisations().filter(kind="executive_board").first()
        return _form_page(request, ConsultationForm(initial={"sender": sender}), None)
    form = ConsultationForm(request.POST)
    if form.is_valid():
        try:
            consultation = actions.consultation_create(
                actor=request.user, **form.action_arguments()
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Remissen är sparad som utkast."))
            return redirect(consultation)
    return _form_page(request, form, None, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def consultation_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Change a draft consultation (coordinators)."""
    consultation = get_consultation_for_user(request, pk, write=True)
    if consultation.status != ConsultationStatus.DRAFT:
        messages.error(request, _("Remissen är redan skickad och kan inte längre ändras."))
        return redirect(consultation)
    if request.method != "POST":
        form = ConsultationForm(initial=ConsultationForm.initial_for(consultation))
        return _form_page(request, form, consultation)
    form = ConsultationForm(request.POST)
    if form.is_valid():
        try:
            actions.consultation_update(
                actor=request.user, consultation=consultation, **form.action_arguments()
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect(consultation)
    return _form_page(request, form, consultation, status=400)


def _detail_page(
    request: AuthenticatedHttpRequest,
    consultation: Consultation,
    *,
    document_form: DocumentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    consultation = selectors.consultation_page(consultation)
    manager = may_manage_consultations(request.user)
    roles = roles_for(request.user)
    own = None if manager else list(roles.by_organisation)
    rows = selectors.recipient_rows(consultation, organisation_ids=own)
    draft = consultation.status == ConsultationStatus.DRAFT
    for row in rows:
        preparing = routing.known_preparing(row.recipient)
        row.preparing = preparing  # type: ignore[attr-defined]
        answers = may_answer_recipient(request.user, row.recipient)
        sent = consultation.status == ConsultationStatus.SENT
        row.may_decline = (  # type: ignore[attr-defined]
            sent and row.recipient.status == "pending" and (answers or manager)
        )
        row.may_reopen = (  # type: ignore[attr-defined]
            sent and row.recipient.status == "declined" and (answers or manager)
        )
        row.may_open_case = (  # type: ignore[attr-defined]
            not draft
            and row.case is None
            and preparing is not None
            and bool(preparing.diary_prefix)
            and may_write_organisation(request.user, preparing.pk)
        )
        row.may_see_case = row.case is not None and (  # type: ignore[attr-defined]
            manager or roles.is_member(row.case.organisation_id)
        )
        row.may_write_answer = (  # type: ignore[attr-defined]
            row.may_decline  # type: ignore[attr-defined]
            and answers
            and row.case is not None
            and row.case.status == "open"
            and may_write_organisation(request.user, row.case.organisation_id)
        )
    counts = {
        state: sum(1 for row in rows if row.state == state)
        for state in ("answered", "declined", "late", "pending")
    }
    context = {
        "nav": "consultations",
        "consultation": consultation,
        "rows": rows,
        "counts": counts,
        "may_manage": manager,
        "may_edit": manager and draft,
        "may_send": manager and draft,
        "may_close": manager and consultation.status == ConsultationStatus.SENT,
        "document_form": (document_form or DocumentForm()) if manager and draft else None,
        "crumbs": crumbs((None, consultation.title)),
    }
    return render(request, "consultations/consultation_detail.html", context, status=status)


@login_required
@require_GET
def consultation_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Show a consultation; the coordinator sees who answered, who is late and who declined."""
    consultation = get_consultation_for_user(request, pk)
    return _detail_page(request, consultation)


@login_required
@require_POST
def consultation_document_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Attach a file to a draft consultation (coordinators)."""
    consultation = get_consultation_for_user(request, pk, write=True)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            actions.consultation_document_add(
                actor=request.user,
                consultation=consultation,
                title=form.cleaned_data["title"],
                file=form.cleaned_data["file"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Filen är bifogad."))
            return redirect(consultation)
    return _detail_page(request, consultation, document_form=form, status=400)


@login_required
@require_GET
def consultation_document(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    """Download a file sent with a consultation."""
    document = get_consultation_document_for_user(request, pk)
    name = document.original_name or (document.file.name or "").rsplit("/", 1)[-1]
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=name)


@login_required
@require_http_methods(["GET", "POST"])
def consultation_send(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Confirm and send a draft consultation (coordinators)."""
    consultation = get_consultation_for_user(request, pk, write=True)
    error_messages: list[str] = []
    if request.method == "POST":
        try:
            cases = actions.consultation_send(actor=request.user, consultation=consultation)
        except ValidationError as error:
            error_messages = error.messages
        else:
            messages.success(
                request,
                ngettext(
                    "Remissen är skickad. %(count)s ärende registrerades hos förvaltningarna.",
                    "Remissen är skickad. %(count)s ärenden registrerades hos förvaltningarna.",
                    len(cases),
                )
                % {"count": len(cases)},
            )
            return redirect(consultation)
    consultation = selectors.consultation_page(consultation)
    rows = selectors.recipient_rows(consultation)
    for row in rows:
        row.preparing = routing.preparing_of(row.recipient)  # type: ignore[attr-defined]
    context = {
        "nav": "consultations",
        "consultation": consultation,
        "rows": rows,
        "errors": error_messages,
        "crumbs": crumbs(
            (consultation.get_absolute_url(), consultation.title), (None, _("Skicka"))
        ),
    }
    status = 400 if error_messages else 200
    return render(request, "consultations/consultation_send.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def recipient_decline(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Decline to answer a consultation, with a reason (the recipient's editors and admins)."""
    recipient = get_recipient_for_user(request, pk, write=True)
    consultation = recipient.consultation
    form = DeclineForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.recipient_decline(
                actor=request.user, recipient=recipient, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Ni har avstått från att svara på remissen."))
            return redirect(consultation)
    context = {
        "nav": "consultations",
        "form": form,
        "recipient": recipient,
        "consultation": consultation,
        "crumbs": crumbs((consultation.get_absolute_url(), consultation.title), (None, _("Avstå"))),
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "consultations/consultation_decline.html", context, status=status)


@login_required
@require_POST
def recipient_reopen(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Take back a decline so the recipient can answer (its writers, coordinators)."""
    recipient = get_recipient_for_user(request, pk, write=True)
    try:
        actions.recipient_reopen(actor=request.user, recipient=recipient)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(organisation)s kan nu svara på remissen igen.")
            % {"organisation": recipient.organisation.name},
        )
    return redirect(recipient.consultation)


@login_required
@require_POST
def recipient_case_open(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Register the case for a received consultation that has none yet."""
    recipient = get_recipient_for_user(request, pk)
    preparing = routing.preparing_of(recipient)
    check_write_organisation(request.user, preparing.pk if preparing else None)
    try:
        case = actions.recipient_case_open(actor=request.user, recipient=recipient)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(recipient.consultation)
    messages.success(
        request, _("Ärendet %(number)s är registrerat.") % {"number": case.diary_number}
    )
    return redirect(case)
