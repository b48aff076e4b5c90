"""The e-mail outbox: stored with the caller's transaction, delivered by the worker, retried."""

import socket
from datetime import timedelta
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase, TransactionTestCase, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mrplan.jobs.models import OutboxMessage
from tests.jobs_support import run_queued_tasks

OUTBOX = "mrplan.jobs.mail.OutboxEmailBackend"
SMTP = "django.core.mail.backends.smtp.EmailBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class FlakyHandler:
    """An SMTP server that answers 451 (try later) a number of times, then accepts."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.received: list[bytes] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd hook)
        if self.failures > 0:
            self.failures -= 1
            return "451 4.3.0 Försök senare"
        self.received.append(envelope.content)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OutboxTests(TestCase):
    def send(self) -> None:
        mail.send_mail(
            "Påminnelse: rapport för år 2026",
            "Hej!\n\nRapporten ska lämnas in senast fredag.",
            "mrplan <noreply@mrplan.local>",
            ["erik@example.se", "anna@example.se"],
        )

    @override_settings(EMAIL_BACKEND=OUTBOX)
    def test_sending_stores_the_message_and_enqueues_its_delivery(self) -> None:
        self.send()
        outbox = OutboxMessage.objects.get()
        self.assertEqual(outbox.status, OutboxMessage.Status.PENDING)
        self.assertEqual(outbox.recipients, ["erik@example.se", "anna@example.se"])
        self.assertEqual(
            list(DBTaskResult.objects.values_list("task_path", "args_kwargs")),
            [("mrplan.jobs.tasks.deliver_email", {"args": [outbox.pk], "kwargs": {}})],
        )

    @override_settings(EMAIL_BACKEND=OUTBOX)
    def test_a_rolled_back_transaction_leaves_no_message_and_no_task(self) -> None:
        with self.assertRaises(RuntimeError), transaction.atomic():
            self.send()
            raise RuntimeError("the action failed")
        self.assertFalse(OutboxMessage.objects.exists())
        self.assertFalse(DBTaskResult.objects.exists())

    @override_settings(
        EMAIL_BACKEND=OUTBOX,
        MRPLAN_EMAIL_DELIVERY_BACKEND=SMTP,
        EMAIL_HOST="127.0.0.1",
        EMAIL_TIMEOUT=5,
        MRPLAN_EMAIL_RETRY_BASE_SECONDS=60,
    )
    def test_an_smtp_outage_delays_the_message_and_it_is_delivered_once(self) -> None:
        port = free_port()
        handler = FlakyHandler(failures=1)
        with self.settings(EMAIL_PORT=port):
            self.send()
            outbox = OutboxMessage.objects.get()

            # 1. Nothing listens: the connection is refused; retry in 1 minute.
            before = timezone.now()
            self.assertEqual(run_queued_tasks(), 1)
            outbox.refresh_from_db()
            self.assertEqual((outbox.status, outbox.attempts), (OutboxMessage.Status.PENDING, 1))
            self.assertIn("ConnectionRefusedError", outbox.last_error)
            retry = DBTaskResult.objects.get(status="READY")
            self.assertGreaterEqual(retry.run_after, before + timedelta(seconds=60))
            self.assertLess(retry.run_after, before + timedelta(seconds=120))
            # The retry is not due yet: a worker leaves it alone.
            self.assertEqual(run_queued_tasks(), 0)

            controller = Controller(handler, hostname="127.0.0.1", port=port)
            controller.start()
            try:
                # 2. The server answers 451 (temporary failure): retry in 2 minutes.
                before = timezone.now()
                self.assertEqual(run_queued_tasks(include_later=True, limit=1), 1)
                outbox.refresh_from_db()
                self.assertEqual(outbox.attempts, 2)
                self.assertIn("451", outbox.last_error)
                retry = DBTaskResult.objects.get(status="READY")
                self.assertGreaterEqual(retry.run_after, before + timedelta(seconds=120))

                # 3. The server accepts: delivered, and later runs do not send it again.
                self.assertEqual(run_queued_tasks(include_later=True), 1)
                outbox.refresh_from_db()
                self.assertEqual(outbox.status, OutboxMessage.Status.SENT)
                self.assertEqual(outbox.attempts, 3)
                self.assertIsNotNone(outbox.sent_at)
                from mrplan.jobs.tasks import deliver_email

                self.assertEqual(deliver_email.call(outbox.pk), "skipped")
            finally:
                controller.stop()

        self.assertEqual(len(handler.received), 1)
        delivered = message_from_bytes(handler.received[0], policy=policy.default)
        self.assertEqual(delivered["Subject"], "Påminnelse: rapport för år 2026")
        self.assertEqual(delivered["To"], "erik@example.se, anna@example.se")
        self.assertIn("senast fredag", delivered.get_content())

    @override_settings(
        EMAIL_BACKEND=OUTBOX,
        MRPLAN_EMAIL_DELIVERY_BACKEND=SMTP,
        EMAIL_HOST="127.0.0.1",
        EMAIL_TIMEOUT=5,
        MRPLAN_EMAIL_MAX_ATTEMPTS=2,
    )
    def test_it_gives_up_after_the_last_attempt_and_keeps_the_message(self) -> None:
        with self.settings(EMAIL_PORT=free_port()):
            self.send()
            run_queued_tasks(include_later=True)
        outbox = OutboxMessage.objects.get()
        self.assertEqual((outbox.status, outbox.attempts), (OutboxMessage.Status.FAILED, 2))
        self.assertTrue(outbox.raw_message)

    @override_settings(EMAIL_BACKEND=OUTBOX, MRPLAN_EMAIL_DELIVERY_BACKEND=LOCMEM)
    def test_blind_copies_are_delivered_but_not_shown_in_the_headers(self) -> None:
        mail.EmailMessage("Ämne", "Text", to=["a@example.se"], bcc=["dold@example.se"]).send()
        with self.settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            mail.outbox = []
            run_queued_tasks()
            self.assertEqual(len(mail.outbox), 1)
            self.assertEqual(mail.outbox[0].recipients(), ["a@example.se", "dold@example.se"])
            self.assertNotIn(b"dold@example.se", mail.outbox[0].message().as_bytes())


class WorkerCommandTests(TransactionTestCase):
    @override_settings(EMAIL_BACKEND=OUTBOX, MRPLAN_EMAIL_DELIVERY_BACKEND=LOCMEM)
    def test_mrplan_worker_delivers_queued_mail_and_stops_in_batch_mode(self) -> None:
        mail.send_mail("Ämne", "Text", None, ["a@example.se"])
        with self.settings(EMAIL_BACKEND=LOCMEM):
            mail.outbox = []
            call_command("worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(OutboxMessage.objects.get().status, OutboxMessage.Status.SENT)
        self.assertEqual(DBTaskResult.objects.get().status, "SUCCESSFUL")
