"""Start jobs, run them in a worker with a time limit, and report progress."""

import logging
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mrplan.jobs.models import Job

logger = logging.getLogger(__name__)


class JobRefused(Exception):
    """The input breaks a limit or cannot be read: the message is shown to the user."""


class JobTimeout(BaseException):
    """The job ran longer than its time limit.

    A BaseException, so that a parser's broad `except Exception` cannot swallow it.
    """


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
    input_bytes: bytes | None = None,
    input_suffix: str = "",
) -> Job:
    """Create a job and enqueue it; the queue row is written in the same transaction."""
    from mrplan.jobs.tasks import run_job

    with transaction.atomic():
        job = Job(kind=kind, owner=owner, params=params or {})
        if input_bytes is not None:
            # A random stored name: the uploader's file name stays in params only.
            job.input_file.save(f"{job.pk.hex}{input_suffix}", ContentFile(input_bytes), save=False)
        job.save()
        run_job.enqueue(str(job.pk))
    return job


def read_input(job: Job) -> bytes:
    """Return the uploaded file of JOB."""
    with job.input_file.open("rb") as handle:
        return handle.read()


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
        raise JobTimeout

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run(job_id: str) -> str:
    """Run one job by id, recording success or a user-facing failure message."""

    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.is_finished:
        return "skipped"
    handler = _handlers.get(job.kind)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, updated_at=timezone.now())
    job.status = Job.Status.RUNNING
    with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
        try:
            if handler is None:
                raise JobRefused(_("Okänd typ av jobb."))
            with time_limit(settings.MRPLAN_JOB_TIME_LIMIT_SECONDS):
                handler(job)
        except JobTimeout:
            _finish(job, Job.Status.FAILED, _("Filen tog för lång tid att läsa och avbröts."))
            return "timeout"
        except JobRefused as exc:
            _finish(job, Job.Status.FAILED, str(exc))
            return "refused"
        except Exception:
            logger.exception("Job %s (%s) failed", job.pk, job.kind)
            _finish(
                job, Job.Status.FAILED, _("Något gick fel. Försök igen eller kontakta support.")
            )
            return "failed"
        _finish(job, Job.Status.DONE, job.message)
        return "done"


def prune(*, now: Any = None) -> int:
    """Delete finished jobs (and their files) and delivered e-mail past their keeping time."""
    from datetime import timedelta

    from django_tasks_db.models import DBTaskResult

    from mrplan.jobs.models import OutboxMessage

    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.MRPLAN_JOB_KEEP_DAYS)
    deleted = 0
    for job in Job.objects.filter(finished_at__lt=cutoff):
        for field in (job.input_file, job.output_file):
            if field:
                field.delete(save=False)
        job.delete()
        deleted += 1
    OutboxMessage.objects.filter(
        status=OutboxMessage.Status.SENT, sent_at__lt=now - timedelta(days=30)
    ).delete()
    DBTaskResult.objects.filter(
        status__in=["SUCCESSFUL", "FAILED"], finished_at__lt=cutoff
    ).delete()
    return deleted


def _finish(job: Job, status: str, message: str) -> None:
    # The upload has served its purpose: what was read is in job.result.
    if job.input_file:
        job.input_file.delete(save=False)
    job.status = status
    job.message = message
    job.finished_at = timezone.now()
    if status == Job.Status.DONE:
        job.progress = 100
    job.save()
