"""`mrplan purge_contacts`: the retention job for contact persons (run daily, e.g. from cron)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mrplan.collaboration import actions
from mrplan.collaboration.models import contact_retention_days, contact_review_days


class Command(BaseCommand):
    help = (
        "Delete contact persons not used for COLLABORATION_CONTACT_REVIEW_DAYS plus "
        "COLLABORATION_CONTACT_RETENTION_DAYS days (listed for review in between), and their "
        "personal values in the history. Each deletion is recorded in the audit trail."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be deleted; delete nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run: bool = options["dry_run"]
        rows = actions.contacts_purge(dry_run=dry_run)
        for row in rows:
            self.stdout.write(
                f"{'Would delete' if dry_run else 'Deleted'}: #{row.pk} at {row.partner}"
            )
        days = contact_review_days() + contact_retention_days()
        verb = "would be deleted" if dry_run else "deleted"
        self.stdout.write(f"{len(rows)} contact person(s) unused for over {days} days {verb}.")
