"""Files attached to a period report: upload, download and delete."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from mrplan.core.forms import add_errors
from mrplan.core.types import AuthenticatedHttpRequest
from mrplan.planning import actions
from mrplan.planning.forms import AttachmentForm
from mrplan.planning.permissions import get_attachment_for_user, get_report_for_user
from mrplan.planning.views.reports import _report_page, save_posted_draft

# Shown in the attachment section, where the redirect lands, instead of at the top of the page.
IN_SECTION = "in-section"


@login_required
@require_POST
def attachment_add(
    request: AuthenticatedHttpRequest, slug: str, year: int, pk: int
) -> HttpResponse:
    """Attach an uploaded file to the report (its writers, while it may change)."""
    report = get_report_for_user(request, slug, year, pk, write=True)
    form = AttachmentForm(request.POST, request.FILES)
    if report.is_editable and form.is_valid():
        refused = save_posted_draft(request, report)
        if refused is not None:
            return refused
        try:
            attachment = actions.report_attachment_add(
                actor=request.user,
                report=report,
                file=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Bilagan %(name)s är tillagd.") % {"name": attachment.original_name},
                extra_tags=IN_SECTION,
            )
            return redirect(f"{report.get_absolute_url()}#bilagor")
    if not report.is_editable:
        # Locked or closed: the page has no upload form, so the reason goes on top.
        reasons = [str(message) for errors in form.errors.values() for message in errors]
        return _report_page(request, report, errors=reasons, status=400)
    return _report_page(request, report, attachment_form=form, status=400)


@login_required
@require_GET
def attachment_download(
    request: AuthenticatedHttpRequest, slug: str, year: int, report_pk: int, pk: int
) -> FileResponse:
    """Send an attached file to anyone who may read the report, always as a download."""
    attachment = get_attachment_for_user(request, slug, year, report_pk, pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def attachment_delete(
    request: AuthenticatedHttpRequest, slug: str, year: int, report_pk: int, pk: int
) -> HttpResponse:
    """Remove an attachment from the report (its writers, while it may change)."""
    attachment = get_attachment_for_user(request, slug, year, report_pk, pk, write=True)
    report = attachment.report
    try:
        actions.report_attachment_delete(actor=request.user, attachment=attachment)
    except ValidationError as error:
        return _report_page(request, report, errors=error.messages, status=400)
    messages.success(
        request,
        _("Bilagan %(name)s är borttagen.") % {"name": attachment.original_name},
        extra_tags=IN_SECTION,
    )
    return redirect(f"{report.get_absolute_url()}#bilagor")
