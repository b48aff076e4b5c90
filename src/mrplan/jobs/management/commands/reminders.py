"""`mrplan reminders`: queue today's report reminders for a worker (for cron on any host)."""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mrplan.jobs.tasks import send_reminders


class Command(BaseCommand):
    help = (
        "Queue the report reminders (`send_reminders`) as a background job; a worker sends "
        "them, and their e-mail goes through the outbox."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="Run as if today were DATE (YYYY-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        date = options["date"]
        if date:
            try:
                datetime.date.fromisoformat(date)
            except ValueError:
                raise CommandError("--date must be YYYY-MM-DD.") from None
        result = send_reminders.enqueue(date)
        self.stdout.write(f"Queued the reminders as job {result.id}.")
