"""Run the queued background tasks inside a test, as `mrplan worker --batch` would."""

from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def run_queued_tasks(*, include_later: bool = False, limit: int = 50) -> int:
    """Run ready tasks (and, with include_later, those scheduled for later); return the count."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    ran = 0
    for _ in range(limit):
        if include_later:
            DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
        task_result = DBTaskResult.objects.ready().first()
        if task_result is None:
            break
        task_result.claim(worker.worker_id)
        worker.run_task(task_result)
        ran += 1
    return ran
