"""`mrplan reminders` queues the reminders; a worker sends them through the outbox."""

from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django_tasks_db.models import DBTaskResult

from mrplan.jobs.models import OutboxMessage
from mrplan.planning.models import ReminderSent
from tests.jobs_support import run_queued_tasks
from tests.test_planning_reminders import TODAY
from tests.test_planning_support import PlanningTestCase

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class RemindersJobTests(PlanningTestCase):
    def setUp(self) -> None:
        self.close_period("VP")
        self.make_activity(self.make_goal())

    def test_the_command_only_queues_and_the_worker_sends(self) -> None:
        out = StringIO()
        call_command("reminders", "--date", TODAY.isoformat(), stdout=out)
        self.assertIn("Queued", out.getvalue())
        self.assertEqual(len(mail.outbox), 0)
        task = DBTaskResult.objects.get()
        self.assertEqual(task.task_path, "mrplan.jobs.tasks.send_reminders")

        with self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(run_queued_tasks(), 1)
        self.assertEqual(len(mail.outbox), 1)
        self.assertIn("Tertialrapport 1 2026", mail.outbox[0].subject)
        self.assertEqual(ReminderSent.objects.get().organisation, self.org)

    def test_with_the_outbox_the_reminder_is_stored_then_delivered(self) -> None:
        call_command("reminders", "--date", TODAY.isoformat(), stdout=StringIO())
        with self.settings(
            EMAIL_BACKEND="mrplan.jobs.mail.OutboxEmailBackend",
            MRPLAN_EMAIL_DELIVERY_BACKEND=LOCMEM,
        ):
            with self.captureOnCommitCallbacks(execute=True):
                run_queued_tasks(limit=1)
            self.assertEqual(OutboxMessage.objects.get().status, OutboxMessage.Status.PENDING)
            self.assertEqual(len(mail.outbox), 0)
            run_queued_tasks()
        self.assertEqual(OutboxMessage.objects.get().status, OutboxMessage.Status.SENT)
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(
            sorted(mail.outbox[0].recipients()), sorted([self.editor.email, self.org_admin.email])
        )

    def test_it_refuses_a_bad_date(self) -> None:
        with self.assertRaises(CommandError):
            call_command("reminders", "--date", "15/5", stdout=StringIO())
        self.assertFalse(DBTaskResult.objects.exists())
