"""Download an organisation's plan as Excel or CSV, and import activities and indicator values.

An import is an upload (read in a background job, within limits, and run as a preview that
saves nothing: see mrplan.planning.jobs), and a confirmation. Between the two the read rows
wait in the job's result and the session.
"""

import secrets
from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mrplan.core.types import AuthenticatedHttpRequest
from mrplan.jobs.models import Job
from mrplan.jobs.runner import job_start
from mrplan.jobs.views import get_job_for_user
from mrplan.organisations.models import Organisation
from mrplan.planning import exports, imports
from mrplan.planning.jobs import PLANNING_IMPORT
from mrplan.planning.models import PlanningYear, plan_url
from mrplan.planning.permissions import get_plan_for_user
from mrplan.planning.views._common import plan_crumbs

FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
IMPORT_TITLES = {
    "activities": gettext_lazy("Importera aktiviteter"),
    "indicator-values": gettext_lazy("Importera indikatorvärden"),
}
SESSION_KEY = "planning-import"


@login_required
@require_GET
def export(
    request: AuthenticatedHttpRequest, slug: str, year: int, what: str, fmt: str
) -> HttpResponse:
    """Download the plan's goals, activities or indicator values as .xlsx or .csv."""
    if what not in exports.EXPORTS or fmt not in FORMATS:
        raise Http404
    organisation, planning_year = get_plan_for_user(request, slug, year)
    columns, rows_for, name = exports.EXPORTS[what]
    rows = rows_for(organisation, planning_year)
    if fmt == "xlsx":
        content = exports.to_xlsx(name, columns(), rows)
    else:
        content = exports.to_csv(columns(), rows)
    response = HttpResponse(content, content_type=FORMATS[fmt])
    filename = f"{organisation.slug}-{planning_year.year}-{name}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Fil"),
        help_text=gettext_lazy(
            "En Excel-fil (.xlsx) eller CSV-fil (.csv) på högst 5 MB, med samma kolumner "
            "som exporten."
        ),
        error_messages={"required": gettext_lazy("Välj en fil att importera.")},
    )

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = upload.name or ""
        if not name.lower().endswith(imports.EXTENSIONS):
            raise ValidationError(_("Välj en fil av typen .xlsx eller .csv."))
        if upload.size > imports.MAX_UPLOAD_BYTES:
            raise ValidationError(_("Filen är större än 5 MB."))
        return upload


def _context(
    organisation: Organisation, planning_year: PlanningYear, kind: str, **extra: Any
) -> dict[str, Any]:
    title = IMPORT_TITLES[kind]
    return {
        "organisation": organisation,
        "planning_year": planning_year,
        "kind": kind,
        "title": title,
        "columns": imports.IMPORTERS[kind][0](),
        "crumbs": plan_crumbs(organisation, planning_year, (None, title)),
        **extra,
    }


def _run(
    request: AuthenticatedHttpRequest,
    organisation: Organisation,
    planning_year: PlanningYear,
    kind: str,
    rows: list[imports.Row],
    *,
    commit: bool,
    versions: dict[str, int] | None = None,
) -> imports.ImportResult | ValidationError:
    try:
        return imports.run_import(
            actor=request.user,
            organisation=organisation,
            planning_year=planning_year,
            kind=kind,
            rows=rows,
            commit=commit,
            versions=versions,
        )
    except ValidationError as error:
        return error


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(
    request: AuthenticatedHttpRequest, slug: str, year: int, what: str
) -> HttpResponse:
    """Upload a file and see what importing it would do, row by row; nothing is saved yet."""
    if what not in imports.IMPORTERS:
        raise Http404
    organisation, planning_year = get_plan_for_user(request, slug, year, write=True)
    form = ImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        kind=what,
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = job_start(
            kind=PLANNING_IMPORT,
            owner=request.user,
            params={
                "filename": upload.name or "",
                "organisation": organisation.pk,
                "year": planning_year.year,
                "kind": what,
                "language": request.LANGUAGE_CODE,
                "title": str(IMPORT_TITLES[what]),
                "back_url": request.path,
                "next_view": "planning-import-preview",
            },
            input_bytes=upload.read(),
        )
        return redirect("jobs-status", job.pk)
    context = _context(organisation, planning_year, what, form=form)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "planning/import.html", context, status=status)


@login_required
@require_GET
def import_preview(request: AuthenticatedHttpRequest, job_id: UUID) -> HttpResponse:
    """Show, row by row, what importing the file read by the job would do."""
    job = get_job_for_user(request.user, job_id, kind=PLANNING_IMPORT)
    if job.status != Job.Status.DONE:
        return redirect("jobs-status", job.pk)
    organisation = Organisation.objects.filter(pk=job.params["organisation"]).first()
    if organisation is None:
        raise Http404
    organisation, planning_year = get_plan_for_user(
        request, organisation.slug, job.params["year"], write=True
    )
    what = job.params["kind"]
    outcome = imports.ImportResult(
        rows=[imports.RowResult(**row) for row in job.result["outcome"]],
        versions=dict(job.result["versions"]),
    )
    token = secrets.token_urlsafe(16)
    request.session[SESSION_KEY] = {
        "token": token,
        "organisation": organisation.pk,
        "year": planning_year.year,
        "kind": what,
        "rows": job.result["rows"],
        "versions": outcome.versions,
    }
    context = _context(organisation, planning_year, what, result=outcome, token=token)
    return render(
        request,
        "planning/import_preview.html",
        context,
        status=400 if outcome.has_errors else 200,
    )


@login_required
@require_POST
def import_confirm(
    request: AuthenticatedHttpRequest, slug: str, year: int, what: str
) -> HttpResponse:
    """Save the previewed rows: all of them, or, if any row fails now, none."""
    if what not in imports.IMPORTERS:
        raise Http404
    organisation, planning_year = get_plan_for_user(request, slug, year, write=True)
    stored = request.session.get(SESSION_KEY)
    if (
        not isinstance(stored, dict)
        or stored.get("token") != request.POST.get("token")
        or stored.get("organisation") != organisation.pk
        or stored.get("year") != planning_year.year
        or stored.get("kind") != what
    ):
        messages.error(
            request, _("Importen har gått ut eller gäller en annan lista. Ladda upp filen igen.")
        )
        return redirect("planning-import", organisation.slug, planning_year.year, what)
    rows = [(int(number), dict(cells)) for number, cells in stored["rows"]]
    outcome = _run(
        request,
        organisation,
        planning_year,
        what,
        rows,
        commit=True,
        versions=dict(stored.get("versions") or {}),
    )
    if isinstance(outcome, ValidationError):
        del request.session[SESSION_KEY]
        messages.error(request, " ".join(outcome.messages))
        return redirect("planning-import", organisation.slug, planning_year.year, what)
    if outcome.has_errors:
        context = _context(organisation, planning_year, what, result=outcome, token=None)
        return render(request, "planning/import_preview.html", context, status=400)
    del request.session[SESSION_KEY]
    messages.success(
        request,
        _("Importen är klar: %(new)d nya, %(changed)d ändrade och %(unchanged)d oförändrade rader.")
        % {
            "new": outcome.count(imports.NEW),
            "changed": outcome.count(imports.CHANGED),
            "unchanged": outcome.count(imports.UNCHANGED),
        },
    )
    return redirect(plan_url(organisation.slug, planning_year.year))
