"""Start jobs, run them in a worker with a time limit, and report progress."""

import logging
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mrplan.jobs.models import Job

logger = logging.getLogger(__name__)


class JobRefused(Exception):
    """The input breaks a limit or cannot be read: the message is shown to the user."""


class JobTimeout(JobRefused):
    """The job ran longer than its time limit."""


Handler = Callable[[Job], None]
_handlers: dict[str, Handler] = {}


def register(kind: str) -> Callable[[Handler], Handler]:
    """Register FUNCTION as the handler of jobs of KIND."""

    def decorator(function: Handler) -> Handler:
        _handlers[kind] = function
        return function

    return decorator


def job_start(
    *,
    kind: str,
    owner: Any,
    params: dict[str, Any] | None = None,
    upload: UploadedFile | None = None,
    input_bytes: bytes | None = None,
    input_name: str = "input",
) -> Job:
    """Create a job and enqueue it; the queue row is written in the same transaction."""
    from mrplan.jobs.tasks import run_job

    with transaction.atomic():
        job = Job(kind=kind, owner=owner, params=params or {})
        if upload is not None:
            job.input_file.save(upload.name or input_name, upload, save=False)
        elif input_bytes is not None:
            job.input_file.save(input_name, ContentFile(input_bytes), save=False)
        job.save()
        run_job.enqueue(str(job.pk))
    return job


def job_progress(job: Job, percent: int) -> None:
    """Record how far the job has come (0–100), visible at once on the status page."""
    job.progress = max(0, min(100, int(percent)))
    Job.objects.filter(pk=job.pk).update(progress=job.progress, updated_at=timezone.now())


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Raise JobTimeout after SECONDS (only where signals work: the worker's main thread)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def _expired(signum: int, frame: Any) -> None:
        raise JobTimeout(_("Jobbet tog för lång tid och avbröts."))

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run(job_id: str) -> str:
    """Run one job by id, recording success or a user-facing failure message."""
    import mrplan.jobs.handlers  # noqa: F401  (registers the handlers)

    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.is_finished:
        return "skipped"
    handler = _handlers.get(job.kind)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, updated_at=timezone.now())
    job.status = Job.Status.RUNNING
    try:
        if handler is None:
            raise JobRefused(_("Okänd typ av jobb."))
        with time_limit(settings.MRPLAN_JOB_TIME_LIMIT_SECONDS):
            handler(job)
    except JobRefused as exc:
        _finish(job, Job.Status.FAILED, str(exc))
        return "refused"
    except Exception:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        _finish(job, Job.Status.FAILED, _("Något gick fel. Försök igen eller kontakta support."))
        return "failed"
    _finish(job, Job.Status.DONE, job.message)
    return "done"


def _finish(job: Job, status: str, message: str) -> None:
    job.status = status
    job.message = message
    job.finished_at = timezone.now()
    if status == Job.Status.DONE:
        job.progress = 100
    job.save()
