"""`mrplan send_reminders`: e-mail reminders about reports and remiss answers due or late.

It lives in worklist, above planning and consultations in the app graph, because it sends
the reminders of both.
"""

import datetime
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from mrplan.accounts.models import User
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
            sent += self._handle_one(
                what=f"{reminder.organisation} – {reminder.period}",
                people=reminder.recipients,
                escalated_to="the coordinators" if reminder.escalated else "",
                already_sent=reminder.already_sent,
                render=partial(reminders.render_reminder, reminder),
                send=partial(reminders.send_reminder, reminder, today),
                dry_run=dry_run,
            )
        for remiss in remiss_reminders.due_reminders(today):
            sent += self._handle_one(
                what=str(remiss.recipient),
                people=remiss.users,
                escalated_to="the coordinator" if remiss.escalated else "",
                already_sent=remiss.already_sent,
                render=partial(remiss_reminders.render_reminder, remiss),
                send=partial(remiss_reminders.send_reminder, remiss, today),
                dry_run=dry_run,
            )
        if not dry_run:
            self.stdout.write(f"{sent} reminder(s) sent.")

    def _handle_one(
        self,
        *,
        what: str,
        people: Sequence[User],
        escalated_to: str,
        already_sent: bool,
        render: Callable[[], tuple[str, str]],
        send: Callable[[], bool],
        dry_run: bool,
    ) -> int:
        """Report on (and unless DRY_RUN, send) one reminder; return 1 if it was sent."""
        emails = ", ".join(user.email for user in people) or "(no recipients)"
        what = f"{what}: {emails}"
        if escalated_to:
            what += f" (escalated to {escalated_to})"
        if already_sent:
            self.stdout.write(f"Already sent today: {what}")
        elif not people:
            self.stdout.write(f"No one to remind: {what}")
        elif dry_run:
            subject, _body = render()
            self.stdout.write(f"Would send: {what} – {subject}")
        elif send():
            self.stdout.write(f"Sent: {what}")
            return 1
        return 0
