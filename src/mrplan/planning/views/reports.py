"""Period reports: start one, fill it in, submit it, and the coordinator's review."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mrplan.core.forms import add_errors
from mrplan.core.transitions import ALREADY_DONE
from mrplan.core.types import AuthenticatedHttpRequest
from mrplan.planning import actions, documents, review_comments, selectors
from mrplan.planning.forms import (
    AttachmentForm,
    ReportCreateForm,
    ReportForm,
    ReviewCommentForm,
)
from mrplan.planning.models import Report, ReportStatus, plan_url
from mrplan.planning.permissions import (
    get_plan_for_user,
    get_report_for_user,
    may_configure_sign_off,
    may_review,
    may_see_history,
    may_sign_off,
    may_write,
)
from mrplan.planning.views._common import plan_crumbs, render_comment_page, status_for


@login_required
@require_http_methods(["GET", "POST"])
def report_create(request: AuthenticatedHttpRequest, slug: str, year: int) -> HttpResponse:
    """Start a report for an action plan and an open period, filled in from the plan.

    ?handlingsplan=<id>&period=<id> preselects both (the plan page links that way).
    """
    organisation, planning_year = get_plan_for_user(request, slug, year, write=True)
    initial = {
        name: request.GET[key]
        for name, key in (("action_plan", "handlingsplan"), ("period", "period"))
        if request.GET.get(key, "").isdigit()
    }
    form = ReportCreateForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        planning_year=planning_year,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            report = actions.report_create(
                actor=request.user,
                organisation=organisation,
                action_plan=form.cleaned_data["action_plan"],
                period=form.cleaned_data["period"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Rapporten är påbörjad med aktiviteternas status och de senaste värdena."),
            )
            return redirect(report)
    context = {
        "form": form,
        "organisation": organisation,
        "planning_year": planning_year,
        "crumbs": plan_crumbs(organisation, planning_year, (None, _("Ny rapport"))),
    }
    return render(request, "planning/report_create.html", context, status=status_for(form))


def _with_comments(layout: dict[str, Any], comments: list[Any]) -> dict[str, Any]:
    """Put each review comment next to the goal or activity it is about in the form."""
    for group in layout["goals"]:
        group["comments"] = [c for c in comments if c.goal_id == group["section"].goal.pk]
        for item in group["activities"]:
            item["comments"] = [c for c in comments if c.activity_id == item["entry"].activity.pk]
    for item in layout["other_activities"]:
        item["comments"] = [c for c in comments if c.activity_id == item["entry"].activity.pk]
    return layout


def _report_page(
    request: AuthenticatedHttpRequest,
    report: Report,
    *,
    form: ReportForm | None = None,
    errors: list[str] | None = None,
    attachment_form: forms.Form | None = None,
    status: int = 200,
) -> HttpResponse:
    page = selectors.report_page(report) if form is None else form.page
    writer = may_write(request.user, report.organisation_id)
    editable = writer and report.is_editable
    if editable and form is None:
        form = ReportForm(page=page)
    errors = list(errors or [])
    if form is not None and not editable:
        # A save refused because the report is locked or its period closed: say so on top.
        errors += [str(error) for error in form.non_field_errors()]
    # Review may finish after the period is closed; reopening needs it open.
    reviewer = may_review(request.user)
    writer_of_sent = writer and report.status in (
        ReportStatus.SUBMITTED,
        ReportStatus.AWAITING_SIGN_OFF,
    )
    if editable and attachment_form is None:
        attachment_form = AttachmentForm()
    if attachment_form is not None:
        # Its fields are sent with the report form, so an upload keeps what was typed.
        for field in attachment_form.fields.values():
            field.widget.attrs["form"] = "rapportformular"
    comments = list(review_comments.review_comments(report))
    context: dict[str, Any] = {
        "report": report,
        "page": page,
        "form": form if editable else None,
        "layout": _with_comments(form.layout(), comments) if editable and form else None,
        "summary": form.errors_for_summary() if editable and form is not None else [],
        "errors": errors,
        "may_edit": editable,
        "may_return": reviewer and report.status == ReportStatus.SUBMITTED,
        "may_approve": reviewer and report.status == ReportStatus.SUBMITTED,
        "may_reopen": reviewer and report.period.is_open and report.status == ReportStatus.APPROVED,
        "may_withdraw": writer_of_sent and report.period.is_open,
        "may_sign_off": may_sign_off(request.user, report.organisation_id)
        and report.status == ReportStatus.AWAITING_SIGN_OFF,
        "may_comment": may_review(request.user) and report.status == ReportStatus.SUBMITTED,
        "review_comments": review_comments.comments_as_shown(comments, page),
        "may_see_history": may_see_history(request.user, report.organisation_id),
        "attachments": list(selectors.report_attachments(report)),
        "attachment_form": attachment_form if editable else None,
        "organisation": report.organisation,
        "planning_year": report.period.planning_year,
        "crumbs": plan_crumbs(
            report.organisation, report.period.planning_year, (None, str(report))
        ),
    }
    return render(request, "planning/report.html", context, status=status)


def _update_from_form(request: AuthenticatedHttpRequest, report: Report, form: ReportForm) -> None:
    """Save the valid report form's contents (ValidationError when the action refuses them)."""
    actions.report_update(
        actor=request.user,
        report=report,
        version=form.cleaned_data["version"],
        activities=form.activity_inputs(),
        indicator_values=form.indicator_inputs(),
        analyses=form.analysis_inputs(),
    )


def save_posted_draft(request: AuthenticatedHttpRequest, report: Report) -> HttpResponse | None:
    """Save the report form sent along with another button (an upload, fetching values).

    The buttons outside the report form submit it too, so what was typed is kept: saved as
    a draft before the other step runs, or, when it cannot be saved, shown again with the
    errors. Return that page, or None when the draft is saved (or no form was sent).
    """
    if "version" not in request.POST:
        return None
    form = ReportForm(request.POST, page=selectors.report_page(report))
    if form.is_valid():
        try:
            _update_from_form(request, report, form)
        except ValidationError as error:
            add_errors(form, error)
        else:
            report.refresh_from_db()
            return None
    report.refresh_from_db()
    return _report_page(request, report, form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def report_detail(request: AuthenticatedHttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    """Show a report; its writers fill it in and save it (and submit it with one button)."""
    posting = request.method == "POST"
    report = get_report_for_user(request, slug, year, pk, write=posting)
    if not posting:
        return _report_page(request, report)
    form = ReportForm(request.POST, page=selectors.report_page(report))
    if not form.is_valid():
        return _report_page(request, report, form=form, status=400)
    try:
        _update_from_form(request, report, form)
    except ValidationError as error:
        report.refresh_from_db()
        add_errors(form, error)
        return _report_page(request, report, form=form, status=400)
    if "submit_report" not in request.POST:
        messages.success(request, _("Rapporten är sparad."))
        return redirect(report)
    try:
        actions.report_submit(actor=request.user, report=report)
    except ValidationError as error:
        # The contents are saved; the page reloads with them and says why it was not sent.
        messages.error(
            request,
            _("Rapporten är sparad men kunde inte skickas in: %(reason)s")
            % {"reason": " ".join(error.messages)},
        )
    else:
        messages.success(request, _("Rapporten är sparad och inskickad till samordnaren."))
    return redirect(report)


def _transition(
    request: AuthenticatedHttpRequest,
    report: Report,
    run: Callable[[], Any],
    done: str,
) -> HttpResponse:
    try:
        run()
    except ValidationError as error:
        report.refresh_from_db()
        return _report_page(request, report, errors=error.messages, status=refusal_status(error))
    messages.success(request, done)
    return redirect(report)


def refusal_status(error: ValidationError) -> int:
    """Return 409 when another reviewer got there first, else 400."""
    codes = (
        {getattr(item, "code", None) for item in error.error_list}
        if hasattr(error, "error_list")
        else set()
    )
    return 409 if ALREADY_DONE in codes else 400


@login_required
@require_POST
def report_submit(request: AuthenticatedHttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    """Send the report to the coordinator as it is saved."""
    report = get_report_for_user(request, slug, year, pk, write=True)
    return _transition(
        request,
        report,
        lambda: actions.report_submit(actor=request.user, report=report),
        _("Rapporten är inskickad till samordnaren."),
    )


@login_required
@require_POST
def report_approve(
    request: AuthenticatedHttpRequest, slug: str, year: int, pk: int
) -> HttpResponse:
    """Approve a submitted report, which locks it (coordinators)."""
    report = get_report_for_user(request, slug, year, pk, review=True)
    return _transition(
        request,
        report,
        lambda: actions.report_approve(actor=request.user, report=report),
        _("Rapporten är godkänd och låst."),
    )


def _comment_view(
    request: AuthenticatedHttpRequest,
    slug: str,
    year: int,
    pk: int,
    *,
    action: Callable[..., Any],
    title: str,
    button: str,
    done: str,
) -> HttpResponse:
    report = get_report_for_user(request, slug, year, pk, review=True)
    form = ReviewCommentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            action(actor=request.user, report=report, comment=form.cleaned_data["comment"])
        except ValidationError as error:
            report.refresh_from_db()
            add_errors(form, error)
            if refusal_status(error) == 409:
                return _report_page(request, report, errors=error.messages, status=409)
        else:
            messages.success(request, done)
            return redirect(report)
    return render_comment_page(request, report, form, title=title, button=button)


@login_required
@require_http_methods(["GET", "POST"])
def report_return(request: AuthenticatedHttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    """Send a submitted report back with a comment (coordinators)."""
    return _comment_view(
        request,
        slug,
        year,
        pk,
        action=actions.report_return,
        title=_("Returnera rapporten"),
        button=_("Returnera till organisationen"),
        done=_("Rapporten är returnerad till organisationen."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_reopen(request: AuthenticatedHttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    """Unlock an approved report with a comment (coordinators)."""
    return _comment_view(
        request,
        slug,
        year,
        pk,
        action=actions.report_reopen,
        title=_("Öppna rapporten igen"),
        button=_("Öppna igen och returnera"),
        done=_("Rapporten är öppnad igen och returnerad till organisationen."),
    )


@login_required
@require_POST
def report_withdraw(
    request: AuthenticatedHttpRequest, slug: str, year: int, pk: int
) -> HttpResponse:
    """Take a sent report back to draft before review starts (its writers)."""
    report = get_report_for_user(request, slug, year, pk, write=True)
    return _transition(
        request,
        report,
        lambda: actions.report_withdraw(actor=request.user, report=report),
        _("Rapporten är dragen tillbaka och är ett utkast igen."),
    )


@login_required
@require_POST
def report_sign_off(
    request: AuthenticatedHttpRequest, slug: str, year: int, pk: int
) -> HttpResponse:
    """Sign a report off inside the organisation and send it to SLK (its approvers)."""
    report = get_report_for_user(request, slug, year, pk)
    if not may_sign_off(request.user, report.organisation_id):
        raise PermissionDenied
    return _transition(
        request,
        report,
        lambda: actions.report_sign_off(actor=request.user, report=report),
        _("Rapporten är attesterad och skickad till samordnaren."),
    )


class SignOffSettingForm(forms.Form):
    required = forms.BooleanField(
        label=_("Rapporterna attesteras inom organisationen innan de skickas till samordnaren"),
        required=False,
    )


@login_required
@require_http_methods(["GET", "POST"])
def sign_off_setting(request: AuthenticatedHttpRequest, slug: str, year: int) -> HttpResponse:
    """Turn the internal sign-off on or off for an organisation (its admins, coordinators)."""
    organisation, planning_year = get_plan_for_user(request, slug, year)
    if not may_configure_sign_off(request.user, organisation.pk):
        raise PermissionDenied
    current = actions.reports.sign_off_required(organisation.pk)
    form = SignOffSettingForm(
        request.POST if request.method == "POST" else None, initial={"required": current}
    )
    if request.method == "POST" and form.is_valid():
        actions.sign_off_setting_update(
            actor=request.user, organisation=organisation, required=form.cleaned_data["required"]
        )
        messages.success(request, _("Inställningen för intern attest är sparad."))
        return redirect(plan_url(organisation.slug, planning_year.year))
    context = {
        "form": form,
        "organisation": organisation,
        "planning_year": planning_year,
        "crumbs": plan_crumbs(organisation, planning_year, (None, _("Intern attest"))),
    }
    return render(request, "planning/sign_off_setting.html", context, status=status_for(form))


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _report_download(
    report: Report, content: bytes, content_type: str, extension: str
) -> HttpResponse:
    period = report.period
    filename = (
        f"rapport-{report.organisation.slug}-{period.planning_year.year}-"
        f"{period.code.lower()}-{report.action_plan.slug}.{extension}"
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def report_pdf(request: AuthenticatedHttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    """Download one organisation's report as PDF, for its nämnd (as approved if approved)."""
    report = get_report_for_user(request, slug, year, pk)
    return _report_download(report, documents.build_report_pdf(report), "application/pdf", "pdf")


@login_required
@require_GET
def report_docx(request: AuthenticatedHttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    """Download one organisation's report as a Word document (as approved if approved)."""
    report = get_report_for_user(request, slug, year, pk)
    return _report_download(report, documents.build_report_docx(report), DOCX_TYPE, "docx")
