"""Knowledge pages: datasets, imports with preview, Kolada export and qualitative records.

An import is an upload (read and checked in a background job, nothing saved) and a
confirmation. The upload waits in the job's input file only until the worker has read it;
then the parsed rows wait in the job's result and the session; for microdata only the suppressed
aggregates are kept, never the respondents' rows, unless settings.KNOWLEDGE_KEEP_MICRODATA
is true: then the compressed file waits in the session too and is kept on confirmation as
a MicrodataBatch (never shown or exported; coordinators see its row count and may delete it).
"""

import base64
import gzip
import secrets
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mrplan.accounts.permissions import roles_for
from mrplan.core.forms import add_errors
from mrplan.core.types import AuthenticatedHttpRequest
from mrplan.jobs.models import Job
from mrplan.jobs.runner import job_start
from mrplan.jobs.views import get_job_for_user
from mrplan.knowledge import actions, exports, selectors
from mrplan.knowledge.forms import DatasetForm, ImportForm, RecordForm
from mrplan.knowledge.jobs import KNOWLEDGE_IMPORT
from mrplan.knowledge.models import Dataset, MicrodataBatch
from mrplan.knowledge.permissions import (
    check_may_edit,
    get_dataset_for_user,
    get_record_for_user,
    may_edit,
    may_see_history,
)

SESSION_KEY = "knowledge-import"


def _crumbs(*items: tuple[str | None, Any]) -> list[tuple[str | None, Any]]:
    return [(reverse("knowledge-dataset-list"), _("Kunskapsunderlag")), *items]


@require_GET
def dataset_list(request: HttpRequest) -> HttpResponse:
    """List the datasets the visitor may see, with their measure and observation counts."""
    return render(
        request,
        "knowledge/dataset_list.html",
        {
            "datasets": list(selectors.dataset_list(request.user)),
            "may_edit": may_edit(request.user),
            "nav": "knowledge",
        },
    )


@require_GET
def dataset_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Show a dataset's description and its measures."""
    dataset = get_dataset_for_user(request, slug)
    return render(
        request,
        "knowledge/dataset_detail.html",
        {
            "dataset": dataset,
            "measures": list(selectors.measures_of(dataset)),
            "may_edit": may_edit(request.user),
            "microdata_batches": (
                list(selectors.microdata_batches(dataset)) if may_edit(request.user) else []
            ),
            "keeps_microdata": actions.keep_microdata(),
            "may_see_history": may_see_history(request.user),
            "crumbs": _crumbs((None, dataset.title)),
            "nav": "knowledge",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def dataset_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Add a dataset (coordinators)."""
    check_may_edit(request.user)
    form = DatasetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            dataset = actions.dataset_create(actor=request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Datasetet är skapat."))
            return redirect(dataset)
    return render(
        request,
        "knowledge/dataset_form.html",
        {"form": form, "crumbs": _crumbs((None, _("Nytt dataset"))), "nav": "knowledge"},
        status=400 if form.errors else 200,
    )


def _import_context(dataset: Dataset, **extra: Any) -> dict[str, Any]:
    return {
        "dataset": dataset,
        "crumbs": _crumbs(
            (dataset.get_absolute_url(), dataset.title), (None, _("Importera observationer"))
        ),
        "nav": "knowledge",
        **extra,
    }


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Upload a file and see what importing it would do; nothing is saved yet."""
    dataset = get_dataset_for_user(request, slug, write=True)
    form = ImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        dataset=dataset,
    )
    if request.method == "POST" and form.is_valid():
        measure = form.cleaned_data["measure"]
        # The file is read and checked in a background job (mrplan.knowledge.jobs).
        job = job_start(
            kind=KNOWLEDGE_IMPORT,
            owner=request.user,
            params={
                "filename": form.cleaned_data["file"].name or "",
                "dataset": dataset.pk,
                "measure": measure.pk if measure else None,
                "format": form.cleaned_data["format"],
                "language": request.LANGUAGE_CODE,
                "title": _("Importera observationer"),
                "back_url": request.path,
                "next_view": "knowledge-import-preview",
            },
            input_bytes=form.content,
        )
        return redirect("jobs-status", job.pk)
    return render(
        request,
        "knowledge/import.html",
        _import_context(dataset, form=form),
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_GET
def import_preview(request: AuthenticatedHttpRequest, job_id: UUID) -> HttpResponse:
    """Show what importing the file read by the job would do; nothing is saved yet."""
    job = get_job_for_user(request.user, job_id, kind=KNOWLEDGE_IMPORT)
    if job.status != Job.Status.DONE:
        return redirect("jobs-status", job.pk)
    dataset = Dataset.objects.filter(pk=job.params["dataset"]).first()
    if dataset is None:
        raise Http404
    dataset = get_dataset_for_user(request, dataset.slug, write=True)
    result = actions.ImportResult(**job.result["outcome"])
    rows = job.result["rows"]
    token = secrets.token_urlsafe(16)
    if not result.has_errors:
        previous = request.session.get(SESSION_KEY)
        entry = {
            "token": token,
            "job": str(job.pk),
            "dataset": dataset.pk,
            "measure": job.params.get("measure"),
            "rows": rows,
        }
        # Kept raw microdata moves from the job to the session: it is stored in one place.
        raw = job.result.pop("raw", None)
        if raw is not None:
            Job.objects.filter(pk=job.pk).update(result=job.result)
        elif isinstance(previous, dict) and previous.get("job") == str(job.pk):
            raw = previous.get("raw")
        if raw is not None:
            entry["raw"] = raw
        request.session[SESSION_KEY] = entry
    return render(
        request,
        "knowledge/import_preview.html",
        _import_context(dataset, result=result, rows=rows[:50], token=token),
        status=400 if result.has_errors else 200,
    )


@login_required
@require_POST
def import_confirm(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Save the previewed rows: all of them, or, if any row fails now, none."""
    dataset = get_dataset_for_user(request, slug, write=True)
    stored = request.session.get(SESSION_KEY)
    if (
        not isinstance(stored, dict)
        or stored.get("token") != request.POST.get("token")
        or stored.get("dataset") != dataset.pk
    ):
        messages.error(request, _("Importen har gått ut. Ladda upp filen igen."))
        return redirect("knowledge-import", dataset.slug)
    measure_pk = stored.get("measure")
    measure = dataset.measures.filter(pk=measure_pk).first() if measure_pk else None
    raw = stored.get("raw")
    microdata = (
        (raw["name"], gzip.decompress(base64.b64decode(raw["content"])))
        if isinstance(raw, dict)
        else None
    )
    result = actions.observations_import(
        actor=request.user,
        dataset=dataset,
        rows=stored["rows"],
        measure=measure,
        commit=True,
        microdata=microdata,
    )
    del request.session[SESSION_KEY]
    if result.has_errors:
        return render(
            request,
            "knowledge/import_preview.html",
            _import_context(dataset, result=result, rows=[], token=None),
            status=400,
        )
    messages.success(
        request,
        _("Importen är klar: %(new)d nya och %(replaced)d ersatta observationer.")
        % {"new": result.new, "replaced": result.replaced},
    )
    return redirect(dataset)


@login_required
@require_POST
def microdata_batch_delete(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    """Delete kept raw microdata (coordinators)."""
    dataset = get_dataset_for_user(request, slug, write=True)
    batch = get_object_or_404(MicrodataBatch.objects.defer("rows"), pk=pk, dataset=dataset)
    actions.microdata_batch_delete(actor=request.user, batch=batch)
    messages.success(request, _("De sparade mikrodata är raderade."))
    return redirect(dataset)


@require_GET
def kolada_export(request: HttpRequest, slug: str) -> HttpResponse:
    """Download the dataset's coded yearly figures in Kolada API v3 format."""
    dataset = get_dataset_for_user(request, slug)
    response = JsonResponse(exports.kolada_document(dataset), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{dataset.slug}-kolada.json"'
    return response


@login_required
@require_GET
def record_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """List the qualitative records (those who work in the city)."""
    if not roles_for(request.user).is_internal:
        raise PermissionDenied
    return render(
        request,
        "knowledge/record_list.html",
        {
            "records": list(selectors.records()),
            "may_edit": may_edit(request.user),
            "crumbs": _crumbs((None, _("Kvalitativa underlag"))),
            "nav": "knowledge",
        },
    )


@login_required
@require_GET
def record_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Show one qualitative record with its files."""
    record = get_record_for_user(request, pk)
    return render(
        request,
        "knowledge/record_detail.html",
        {
            "record": record,
            "may_see_history": may_see_history(request.user),
            "crumbs": _crumbs(
                (reverse("knowledge-record-list"), _("Kvalitativa underlag")),
                (None, record.title),
            ),
            "nav": "knowledge",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def record_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Add a qualitative record with an optional file (coordinators)."""
    check_may_edit(request.user)
    form = RecordForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = {key: value for key, value in form.cleaned_data.items() if key != "attachment"}
        upload = form.cleaned_data.get("attachment")
        try:
            record = actions.qualitative_record_create(
                actor=request.user, data=data, files=[upload] if upload else []
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Underlaget är sparat."))
            return redirect(record)
    return render(
        request,
        "knowledge/record_form.html",
        {
            "form": form,
            "crumbs": _crumbs(
                (reverse("knowledge-record-list"), _("Kvalitativa underlag")),
                (None, _("Nytt underlag")),
            ),
            "nav": "knowledge",
        },
        status=400 if form.errors else 200,
    )
