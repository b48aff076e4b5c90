"""Upload an existing tjänsteutlåtande, preview what was read, then create case and statement.

The file is read in a background job (mrplan.consultations.jobs), within limits, while the user
sees its status page; then the preview. The parsed result waits in the session between the
preview and the confirmation; a token in the confirmation form ties the two together.
"""

import secrets
from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from mrplan.accounts.permissions import WRITE_ROLES, roles_for
from mrplan.consultations.importing import (
    attestation_lines,
    parsed_from_dict,
    statement_import,
)
from mrplan.consultations.jobs import STATEMENT_IMPORT
from mrplan.consultations.models import STATEMENT_SECTIONS
from mrplan.consultations.parsing import MAX_FILE_BYTES, ParsedStatement
from mrplan.core.types import AuthenticatedHttpRequest
from mrplan.jobs.models import Job
from mrplan.jobs.runner import job_start
from mrplan.jobs.views import get_job_for_user
from mrplan.organisations.models import Organisation

SESSION_KEY = "consultations-import"


def import_organisations(user: Any) -> "models.QuerySet[Organisation]":
    """Organisations with a diary in which USER may register cases."""
    roles = roles_for(user)
    queryset = Organisation.objects.exclude(diary_prefix="").order_by("name")
    if roles.is_coordinator:
        return queryset
    writable = [org_id for org_id in roles.by_organisation if roles.has(org_id, *WRITE_ROLES)]
    return queryset.filter(pk__in=writable)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tjänsteutlåtande"),
        help_text=gettext_lazy(
            "En PDF med text, en Word-fil (.docx) eller en textfil, högst %(size)s MB."
        )
        % {"size": MAX_FILE_BYTES // (1024 * 1024)},
    )
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=gettext_lazy("Enligt diarienumret i filen"),
    )

    def __init__(self, *args: Any, organisations: "models.QuerySet[Organisation]", **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError(
                _("Filen är för stor. Största tillåtna storlek är %(size)s MB.")
                % {"size": MAX_FILE_BYTES // (1024 * 1024)}
            )
        return upload


def _crumbs(*items: tuple[str | None, Any]) -> list[tuple[str | None, Any]]:
    return [(reverse("consultations-list"), _("Remisser")), *items]


def _organisations_or_403(request: AuthenticatedHttpRequest) -> "models.QuerySet[Organisation]":
    organisations = import_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied
    return organisations


def _preview_context(
    parsed: ParsedStatement, organisation: Organisation, token: str
) -> dict[str, Any]:
    headings = dict(STATEMENT_SECTIONS)
    return {
        "nav": "consultations",
        "parsed": parsed,
        "organisation": organisation,
        "token": token,
        # Section by section: our heading, the heading as the file wrote it, the text that
        # landed there and heading-like lines inside it that are none of the seven.
        "sections": [
            {
                "key": key,
                "name": headings[key],
                "heading_in_file": parsed.section_headings.get(key, ""),
                "text": parsed.sections.get(key, ""),
                "unknown_headings": parsed.unknown_headings.get(key, []),
            }
            for key in headings
        ],
        "attestation": attestation_lines(parsed),
        "crumbs": _crumbs(
            (reverse("consultations-import"), _("Importera tjänsteutlåtande")),
            (None, _("Förhandsgranska")),
        ),
    }


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Upload a statement file and preview what was read from it; nothing is saved yet."""
    organisations = _organisations_or_403(request)
    form = ImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        organisations=organisations,
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        organisation = form.cleaned_data["organisation"]
        job = job_start(
            kind=STATEMENT_IMPORT,
            owner=request.user,
            params={
                "filename": upload.name or "",
                "organisation": organisation.pk if organisation else None,
                "language": request.LANGUAGE_CODE,
                "title": _("Importera tjänsteutlåtande"),
                "back_url": reverse("consultations-import"),
                "next_view": "consultations-import-preview",
            },
            input_bytes=upload.read(),
        )
        return redirect("jobs-status", job.pk)
    context = {
        "nav": "consultations",
        "form": form,
        "crumbs": _crumbs((None, _("Importera tjänsteutlåtande"))),
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "consultations/import.html", context, status=status)


@login_required
@require_http_methods(["GET"])
def import_preview(request: AuthenticatedHttpRequest, job_id: UUID) -> HttpResponse:
    """Show what the import job read from the file; nothing is saved yet."""
    organisations = _organisations_or_403(request)
    job = get_job_for_user(request.user, job_id, kind=STATEMENT_IMPORT)
    if job.status != Job.Status.DONE:
        return redirect("jobs-status", job.pk)
    organisation = organisations.filter(pk=job.result.get("organisation")).first()
    if organisation is None:
        raise PermissionDenied
    parsed = parsed_from_dict(job.result["parsed"])
    token = secrets.token_urlsafe(16)
    request.session[SESSION_KEY] = {
        "token": token,
        "organisation": organisation.pk,
        "filename": job.params.get("filename", ""),
        "parsed": job.result["parsed"],
    }
    context = _preview_context(parsed, organisation, token)
    return render(request, "consultations/import_preview.html", context)


@login_required
@require_POST
def import_confirm(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Create the case and the statement from the previewed file."""
    organisations = _organisations_or_403(request)
    stored = request.session.get(SESSION_KEY)
    if not isinstance(stored, dict) or stored.get("token") != request.POST.get("token"):
        messages.error(request, _("Förhandsgranskningen har gått ut. Ladda upp filen igen."))
        return redirect("consultations-import")
    del request.session[SESSION_KEY]
    organisation = organisations.filter(pk=int(stored.get("organisation") or 0)).first()
    if organisation is None:
        raise PermissionDenied
    parsed = parsed_from_dict(stored["parsed"])
    try:
        result = statement_import(
            actor=request.user,
            parsed=parsed,
            organisation=organisation,
            source_name=str(stored.get("filename", "")),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("consultations-import")
    statement = result.statement
    messages.success(
        request,
        _("Ärendet %(number)s och tjänsteutlåtandet är skapade.")
        % {"number": statement.case.diary_number},
    )
    if result.missing:
        messages.warning(
            request,
            _("Hittades inte i filen: %(fields)s.") % {"fields": ", ".join(result.missing)},
        )
    return redirect(statement.get_absolute_url())
