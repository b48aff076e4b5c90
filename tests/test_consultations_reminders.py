"""Remiss deadline reminders: through the daily reminder command, once a recipient a day."""

import datetime
from io import StringIO

from django.conf import settings
from django.core import mail
from django.core.management import call_command

from mrplan.accounts.models import Membership
from mrplan.consultations.models import (
    Consultation,
    ConsultationRecipient,
    ConsultationReminderSent,
    RecipientStatus,
)
from tests.consultations_statement_base import StatementTestCase

DEADLINE = datetime.date(2025, 1, 31)


class RemissReminderTests(StatementTestCase):
    def run_command(self, day: datetime.date, *extra: str) -> str:
        out = StringIO()
        with self.captureOnCommitCallbacks(execute=True):
            call_command("send_reminders", "--date", day.isoformat(), *extra, stdout=out)
        return out.getvalue()

    def remiss_mail(self) -> list[mail.EmailMessage]:
        return [m for m in mail.outbox if "remiss" in m.subject.lower()]

    def test_a_pending_recipient_is_reminded_before_the_deadline_once_a_day(self) -> None:
        self.run_command(DEADLINE - datetime.timedelta(days=3))
        messages = self.remiss_mail()
        assert messages, "no remiss reminder was sent"
        assert {a for m in messages for a in m.to} >= {self.editor.email}
        assert messages[0].subject == "Påminnelse om remissvar: Handlingsplan mot rasism"
        assert "3 dagar kvar" in messages[0].body
        link = settings.SITE_URL.rstrip("/") + self.consultation.get_absolute_url()
        assert link in messages[0].body
        assert ConsultationReminderSent.objects.get().recipient == self.recipient
        count = len(mail.outbox)
        out = self.run_command(DEADLINE - datetime.timedelta(days=3))
        assert len(mail.outbox) == count  # not sent twice the same day
        assert "Already sent today" in out
        self.run_command(DEADLINE - datetime.timedelta(days=2))
        assert ConsultationReminderSent.objects.count() == 2

    def test_an_overdue_answer_is_reminded_too(self) -> None:
        self.run_command(DEADLINE + datetime.timedelta(days=2))
        [message, *_rest] = self.remiss_mail()
        assert message.subject == "Försenat remissvar: Handlingsplan mot rasism"
        assert "har passerats" in message.body

    def test_nothing_is_sent_too_early_after_an_answer_or_a_decline(self) -> None:
        self.run_command(DEADLINE - datetime.timedelta(days=30))
        assert self.remiss_mail() == []
        for status in (RecipientStatus.ANSWERED, RecipientStatus.DECLINED):
            ConsultationRecipient.objects.filter(pk=self.recipient.pk).update(status=status)
            self.run_command(DEADLINE)
            assert self.remiss_mail() == []
        assert not ConsultationReminderSent.objects.exists()

    def test_a_recipient_with_no_one_to_remind_is_escalated_to_the_coordinator(self) -> None:
        Membership.objects.filter(organisation=self.org, role__in=["editor", "org_admin"]).delete()
        Consultation.objects.filter(pk=self.consultation.pk).update(sent_by=self.coordinator)
        out = self.run_command(DEADLINE)
        [message] = self.remiss_mail()
        assert message.to == [self.coordinator.email]
        assert "ingen hos" in message.body
        assert "escalated" in out
        assert ConsultationReminderSent.objects.get().escalated

    def test_a_dry_run_sends_and_records_nothing(self) -> None:
        out = self.run_command(DEADLINE, "--dry-run")
        assert "Would send" in out
        assert self.remiss_mail() == []
        assert not ConsultationReminderSent.objects.exists()
