"""The status page of a background job: progress, then the result or a clear message."""

from typing import Any
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from mrplan.core.types import AuthenticatedHttpRequest
from mrplan.jobs.models import Job


def get_job_for_user(user: Any, job_id: UUID, *, kind: str | None = None) -> Job:
    """Return the job if USER started it; 404 otherwise (other users' jobs are not revealed)."""
    job = Job.objects.filter(pk=job_id, owner=user).first()
    if job is None or (kind is not None and job.kind != kind):
        raise Http404
    return job


@login_required
@never_cache
@require_GET
def job_status(request: AuthenticatedHttpRequest, job_id: UUID) -> HttpResponse:
    """Show how far the job has come; when it is done, go on to its result."""
    job = get_job_for_user(request.user, job_id)
    # The view that shows the result (a preview) takes the job's id.
    next_view = job.params.get("next_view")
    if job.status == Job.Status.DONE and next_view:
        return redirect(next_view, job.pk)
    context = {
        "job": job,
        "title": job.params.get("title") or _("Bakgrundsjobb"),
        "back_url": job.params.get("back_url"),
        "crumbs": [(None, job.params.get("title") or _("Bakgrundsjobb"))],
    }
    return render(request, "jobs/status.html", context, status=200)


@login_required
@never_cache
@require_GET
def job_download(request: AuthenticatedHttpRequest, job_id: UUID) -> HttpResponseBase:
    """Download the document the job produced."""
    job = get_job_for_user(request.user, job_id)
    if job.status != Job.Status.DONE or not job.output_file:
        raise Http404
    return FileResponse(
        job.output_file.open("rb"), as_attachment=True, filename=job.output_name or "dokument"
    )
