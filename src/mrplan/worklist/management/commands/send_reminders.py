"""`mrplan send_reminders`: e-mail reminders about reports and remiss answers due or late.

It lives in worklist, above planning and consultations in the app graph, because it sends
the reminders of both.
"""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from mrplan.consultations import reminders as remiss_reminders
from mrplan.planning import reminders


class Command(BaseCommand):
    help = (
        "E-mail the editors and administrators of organisations whose report for an open "
        f"period is due within {reminders.REMINDER_DAYS} days or overdue. At most one "
        "reminder per organisation and period a day. Also reminds each remiss recipient that "
        f"has not answered within {remiss_reminders.REMINDER_DAYS} days of the deadline or "
        "after it, at most once a day."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would be sent; send nothing."
        )
        parser.add_argument("--date", help="Run as if today were DATE (YYYY-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError("--date must be YYYY-MM-DD.") from None
        dry_run: bool = options["dry_run"]
        sent = 0
        for reminder in reminders.due_reminders(today):
            emails = ", ".join(user.email for user in reminder.recipients) or "(no recipients)"
            what = f"{reminder.organisation} – {reminder.period}: {emails}"
            if reminder.escalated:
                what += " (escalated to the coordinators)"
            if reminder.already_sent:
                self.stdout.write(f"Already sent today: {what}")
            elif not reminder.recipients:
                self.stdout.write(f"No one to remind: {what}")
            elif dry_run:
                subject, _body = reminders.render_reminder(reminder)
                self.stdout.write(f"Would send: {what} – {subject}")
            elif reminders.send_reminder(reminder, today):
                sent += 1
                self.stdout.write(f"Sent: {what}")
        for remiss in remiss_reminders.due_reminders(today):
            emails = ", ".join(user.email for user in remiss.users) or "(no recipients)"
            what = f"{remiss.recipient}: {emails}"
            if remiss.escalated:
                what += " (escalated to the coordinator)"
            if remiss.already_sent:
                self.stdout.write(f"Already sent today: {what}")
            elif not remiss.users:
                self.stdout.write(f"No one to remind: {what}")
            elif dry_run:
                subject, _body = remiss_reminders.render_reminder(remiss)
                self.stdout.write(f"Would send: {what} – {subject}")
            elif remiss_reminders.send_reminder(remiss, today):
                sent += 1
                self.stdout.write(f"Sent: {what}")
        if not dry_run:
            self.stdout.write(f"{sent} reminder(s) sent.")
