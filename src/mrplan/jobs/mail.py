"""The e-mail outbox: messages are stored with the caller's data and delivered by a worker.

`OutboxEmailBackend` is the project's EMAIL_BACKEND outside tests. Sending writes one
`OutboxMessage` row and enqueues its delivery in the same database transaction, so a
rolled-back action sends nothing and a committed one is never lost. The worker delivers
through MRPLAN_EMAIL_DELIVERY_BACKEND (SMTP in production) and retries with exponential
backoff while the mail server is unreachable.
"""

from collections.abc import Sequence
from datetime import timedelta
from email import generator, message_from_bytes
from email.message import Message
from io import BytesIO
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from mrplan.jobs.models import OutboxMessage


class _StoredMIME(Message):
    """A parsed message that flattens like Django's own MIME classes (with a line separator)."""

    def as_bytes(self, unixfrom: bool = False, linesep: str = "\n", **kwargs: Any) -> bytes:  # type: ignore[override]
        buffer = BytesIO()
        generator.BytesGenerator(buffer, mangle_from_=False).flatten(
            self, unixfrom=unixfrom, linesep=linesep
        )
        return buffer.getvalue()


class StoredEmail(EmailMessage):
    """An EmailMessage whose MIME form is the one stored in the outbox, byte for byte."""

    def __init__(self, outbox: OutboxMessage) -> None:
        super().__init__(from_email=outbox.from_email, to=list(outbox.recipients))
        self.subject = outbox.subject
        self._raw = bytes(outbox.raw_message)

    def message(self, **kwargs: Any) -> Any:
        return message_from_bytes(self._raw, _class=_StoredMIME)

    def recipients(self) -> list[str]:
        return list(self.to)


class OutboxEmailBackend(BaseEmailBackend):
    """Store each message in the outbox and enqueue its delivery (see the module docstring)."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        stored = 0
        for email_message in email_messages:
            if not email_message.recipients():
                continue
            with transaction.atomic():
                outbox = OutboxMessage.objects.create(
                    from_email=email_message.from_email or settings.DEFAULT_FROM_EMAIL,
                    recipients=email_message.recipients(),
                    subject=str(email_message.subject)[:1000],
                    raw_message=email_message.message().as_bytes(),
                )
                enqueue_delivery(outbox)
            stored += 1
        return stored


def enqueue_delivery(outbox: OutboxMessage, *, run_after: Any = None) -> None:
    """Enqueue delivery of one outbox message (in the current transaction on the database queue)."""
    from mrplan.jobs.tasks import deliver_email

    task = deliver_email.using(run_after=run_after) if run_after else deliver_email
    task.enqueue(outbox.pk)


def retry_delay(attempts: int) -> timedelta:
    """Return the wait before the next attempt: 1, 2, 4, 8 … minutes, at most the cap."""
    base = settings.MRPLAN_EMAIL_RETRY_BASE_SECONDS
    cap = settings.MRPLAN_EMAIL_RETRY_MAX_SECONDS
    return timedelta(seconds=min(cap, base * 2 ** max(attempts - 1, 0)))


def deliver(outbox_id: int) -> str:
    """Deliver one outbox message once; on failure schedule the next attempt or give up."""
    with transaction.atomic():
        outbox = OutboxMessage.objects.select_for_update().filter(pk=outbox_id).first()
        if outbox is None or outbox.status != OutboxMessage.Status.PENDING:
            return "skipped"
        connection = get_connection(settings.MRPLAN_EMAIL_DELIVERY_BACKEND, fail_silently=False)
        try:
            connection.send_messages([StoredEmail(outbox)])
        except Exception as exc:  # any failure of the mail server: try again later
            outbox.attempts += 1
            outbox.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if outbox.attempts >= settings.MRPLAN_EMAIL_MAX_ATTEMPTS:
                outbox.status = OutboxMessage.Status.FAILED
                outbox.next_attempt_at = None
                outbox.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
                return "failed"
            outbox.next_attempt_at = timezone.now() + retry_delay(outbox.attempts)
            outbox.save(update_fields=["attempts", "last_error", "next_attempt_at"])
            enqueue_delivery(outbox, run_after=outbox.next_attempt_at)
            return "retry"
        outbox.attempts += 1
        outbox.status = OutboxMessage.Status.SENT
        outbox.sent_at = timezone.now()
        outbox.last_error = ""
        outbox.next_attempt_at = None
        outbox.save(
            update_fields=["attempts", "status", "sent_at", "last_error", "next_attempt_at"]
        )
        return "sent"


def requeue_stalled(*, older_than: timedelta = timedelta(minutes=10)) -> int:
    """Enqueue delivery again for pending messages whose attempt is long overdue."""
    cutoff = timezone.now() - older_than
    stalled = OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).filter(
        Q(next_attempt_at__lt=cutoff) | Q(next_attempt_at__isnull=True, created_at__lt=cutoff)
    )
    count = 0
    for outbox in stalled:
        with transaction.atomic():
            enqueue_delivery(outbox)
        count += 1
    return count
