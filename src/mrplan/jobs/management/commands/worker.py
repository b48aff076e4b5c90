"""`mrplan worker`: run background jobs from the database queue (django-tasks' db_worker)."""

from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from mrplan.jobs import mail


class Command(DbWorkerCommand):
    help = (
        "Run background jobs (imports, compiled documents, e-mail) from the shared database "
        "queue. Start as many as needed, on as many hosts as needed."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        # Messages left pending by a crash of an earlier worker are picked up again.
        requeued = mail.requeue_stalled()
        if requeued:
            self.stdout.write(f"Requeued {requeued} stalled e-mail deliveries.")
        super().handle(*args, **options)
