"""Public work that runs in the background worker (`mrplan worker`): the open data files.

signals.py asks for a rebuild when public content changes; the worker runs
`rebuild_opendata`, which writes every file into a new build and serves it (opendata.store).
"""

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult, get_date_max

from mrplan.public.opendata import store


@task()
def rebuild_opendata() -> str:
    """Build the open data files (CSV, JSON, XLSX per table and alla.zip) and serve them."""
    return store.build().name


def _task_path() -> str:
    return rebuild_opendata.module_path


def request_rebuild(*, at_once: bool = False) -> None:
    """Queue a rebuild unless one is already queued to start soon enough.

    An ordinary change waits MRPLAN_OPENDATA_REBUILD_DELAY_SECONDS, so that a burst of edits
    is built once; a withdrawal (at_once) starts at the next free worker.
    """
    delay = 0 if at_once else settings.MRPLAN_OPENDATA_REBUILD_DELAY_SECONDS
    run_after = timezone.now() + datetime.timedelta(seconds=delay)
    backend = settings.TASKS["default"]["BACKEND"]
    if backend == "django_tasks_db.DatabaseBackend":
        # A task queued without a delay carries the largest date as its run_after.
        queued = DBTaskResult.objects.filter(status="READY", task_path=_task_path()).filter(
            Q(run_after=get_date_max()) | Q(run_after__lte=run_after)
        )
        if queued.exists():
            return
    if delay:
        rebuild_opendata.using(run_after=run_after).enqueue()
    else:
        rebuild_opendata.enqueue()
