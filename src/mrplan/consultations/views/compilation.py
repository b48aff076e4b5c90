"""The remissammanställning of a consultation: page, PDF and .docx, for coordinators."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from mrplan.consultations import compilation as compiling
from mrplan.consultations.models import Consultation
from mrplan.consultations.permissions import get_consultation_for_user, may_manage_consultations
from mrplan.core.types import AuthenticatedHttpRequest

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _get_compilation_for_user(request: AuthenticatedHttpRequest, pk: int) -> Consultation:
    """Return consultation PK if the user may compile its answers (coordinators only)."""
    consultation = get_consultation_for_user(request, pk)
    if not may_manage_consultations(request.user):
        raise PermissionDenied
    return consultation


def _filename(consultation: Consultation, extension: str) -> str:
    return f"remissammanstallning-{consultation.pk}.{extension}"


@login_required
@require_GET
def compilation_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Show every decided answer side by side, who did not answer, and recurring themes."""
    consultation = _get_compilation_for_user(request, pk)
    result = compiling.build(consultation)
    context = {
        "nav": "consultations",
        "consultation": consultation,
        "compilation": result,
        "total": len(result.answers) + len(result.outstanding),
        "late": result.count("late"),
        "pending": result.count("pending"),
        "declined": result.count("declined"),
        "note_on_answers": compiling.note_on_answers(),
        "themes_note": compiling.themes_note(),
        "crumbs": [
            (reverse("consultations-list"), _("Remisser")),
            (consultation.get_absolute_url(), consultation.title),
            (None, _("Remissammanställning")),
        ],
    }
    return render(request, "consultations/compilation.html", context)


@login_required
@require_GET
def compilation_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Return the compilation as a PDF."""
    consultation = _get_compilation_for_user(request, pk)
    data = compiling.render_pdf(
        compiling.build(consultation), base_url=request.build_absolute_uri("/")
    )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_filename(consultation, "pdf")}"'
    return response


@login_required
@require_GET
def compilation_docx(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Return the compilation as a Word document."""
    consultation = _get_compilation_for_user(request, pk)
    data = compiling.render_docx(
        compiling.build(consultation), base_url=request.build_absolute_uri("/")
    )
    response = HttpResponse(data, content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(consultation, "docx")}"'
    return response
