"""E-mail reminders to remiss recipients whose answer is due within REMINDER_DAYS or overdue.

Sent by the same daily command as the report reminders (`mrplan send_reminders`, queued by
`mrplan reminders`). Each pending recipient of a sent remiss is reminded through the editors
and administrators of the nämnd and its preparing förvaltning; a recipient with no one to
remind is escalated to whoever sent the remiss and the sender's coordinators. At most one
reminder per recipient a day: what was sent is recorded in ConsultationReminderSent.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from mrplan.accounts.models import Membership, Role, User
from mrplan.consultations import routing
from mrplan.consultations.models import (
    ConsultationRecipient,
    ConsultationReminderSent,
    ConsultationStatus,
    RecipientStatus,
)

REMINDER_DAYS = 7
WRITER_ROLES = (Role.EDITOR, Role.ORG_ADMIN)


@dataclass
class RemissReminder:
    recipient: ConsultationRecipient
    overdue: bool
    days_left: int
    users: list[User] = field(default_factory=list)
    # Sent to the coordinator because the recipient has no one to remind.
    escalated: bool = False
    already_sent: bool = False

    @property
    def link(self) -> str:
        return settings.SITE_URL.rstrip("/") + self.recipient.consultation.get_absolute_url()


def due_reminders(today: datetime.date | None = None) -> list[RemissReminder]:
    """Return the remiss reminders due on TODAY, sent or not (a fixed number of queries)."""
    today = today or timezone.localdate()
    pending = list(
        ConsultationRecipient.objects.filter(
            status=RecipientStatus.PENDING,
            consultation__status=ConsultationStatus.SENT,
            consultation__deadline__lte=today + datetime.timedelta(days=REMINDER_DAYS),
        )
        .select_related("organisation", "consultation__sender", "consultation__sent_by")
        .order_by("consultation__deadline", "consultation_id", "organisation__name")
    )
    if not pending:
        return []
    org_ids = {pk for recipient in pending for pk in routing.organisation_ids(recipient)}
    org_ids |= {recipient.consultation.sender_id for recipient in pending}
    writers: dict[int, dict[int, User]] = defaultdict(dict)
    coordinators: dict[int, dict[int, User]] = defaultdict(dict)
    memberships = (
        Membership.objects.filter(
            organisation_id__in=org_ids,
            role__in=(*WRITER_ROLES, Role.COORDINATOR),
            user__is_active=True,
        )
        .exclude(user__email="")
        .select_related("user")
        .order_by("user__username")
    )
    for membership in memberships:
        target = coordinators if membership.role == Role.COORDINATOR else writers
        target[membership.organisation_id][membership.user_id] = membership.user
    sent = set(
        ConsultationReminderSent.objects.filter(date=today, recipient__in=pending).values_list(
            "recipient_id", flat=True
        )
    )
    result = []
    for recipient in pending:
        users = {
            pk: user
            for org_id in sorted(routing.organisation_ids(recipient))
            for pk, user in writers[org_id].items()
        }
        escalated = not users
        if escalated:
            consultation = recipient.consultation
            sender = consultation.sent_by
            if sender is not None and sender.is_active and sender.email:
                users[sender.pk] = sender
            users |= coordinators[consultation.sender_id]
        deadline = recipient.consultation.deadline
        result.append(
            RemissReminder(
                recipient=recipient,
                overdue=deadline < today,
                days_left=(deadline - today).days,
                users=list(users.values()),
                escalated=escalated,
                already_sent=recipient.pk in sent,
            )
        )
    return result


def render_reminder(reminder: RemissReminder, user: User | None = None) -> tuple[str, str]:
    """Return the subject and body of REMINDER's e-mail, in USER's language if they have one."""
    language = str(getattr(user, "language", "") or settings.LANGUAGE_CODE)
    with translation.override(language):
        context = {"reminder": reminder, "recipient": reminder.recipient}
        subject = render_to_string("consultations/email/reminder_subject.txt", context)
        body = render_to_string("consultations/email/reminder_body.txt", context)
    return " ".join(subject.split()), body


def send_reminder(reminder: RemissReminder, today: datetime.date) -> bool:
    """Record REMINDER and send it after the commit, unless it was already sent TODAY."""
    if reminder.already_sent or not reminder.users:
        return False
    messages = []
    for user in reminder.users:
        subject, body = render_reminder(reminder, user)
        messages.append(EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to=[user.email]))
    try:
        with transaction.atomic():
            ConsultationReminderSent.objects.create(
                recipient=reminder.recipient,
                date=today,
                recipients=", ".join(user.email for user in reminder.users),
                escalated=reminder.escalated,
            )
            transaction.on_commit(lambda: [message.send() for message in messages])
    except IntegrityError:  # another run got there first
        return False
    return True
