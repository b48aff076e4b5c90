"""Reminders about reports due soon or overdue: `mrplan send_reminders`."""

import datetime
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from mrplan.planning import actions, reminders
from mrplan.planning.models import ReminderSent, ReportStatus
from tests.test_planning_support import PlanningTestCase

# Ten days before T1's deadline (15 May 2026).
TODAY = datetime.date(2026, 5, 5)


class SendRemindersTests(PlanningTestCase):
    def setUp(self) -> None:
        self.close_period("VP")
        self.make_activity(self.make_goal())

    def run_command(self, day: datetime.date = TODAY, *extra: str) -> str:
        out = StringIO()
        call_command("send_reminders", "--date", day.isoformat(), *extra, stdout=out)
        return out.getvalue()

    def test_it_emails_the_editors_and_admins_of_organisations_with_a_report_due(self) -> None:
        with self.settings(SITE_URL="https://mrplan.example.se"):
            self.run_command()
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(sorted(message.to), sorted([self.editor.email, self.org_admin.email]))
        self.assertNotIn(self.reader.email, message.to)
        self.assertNotIn(self.approver.email, message.to)
        self.assertNotIn(self.outsider.email, message.to)
        self.assertIn("Tertialrapport 1 2026", message.subject)
        self.assertIn("ska lämnas snart", message.subject)
        self.assertIn("om 10 dagar", message.body)
        self.assertIn("Handlingsplan mot rasism: inte påbörjad", message.body)
        self.assertIn(f"https://mrplan.example.se/planering/{self.org.slug}/2026/", message.body)
        self.assertEqual(ReminderSent.objects.get().organisation, self.org)

    def test_it_says_when_a_report_is_overdue(self) -> None:
        self.make_report("T1", status=ReportStatus.RETURNED)
        self.run_command(datetime.date(2026, 5, 20))
        self.assertEqual(len(mail.outbox), 1)
        self.assertIn("är försenad", mail.outbox[0].subject)
        self.assertIn("returnerad", mail.outbox[0].body)

    def test_it_sends_nothing_for_submitted_or_approved_reports(self) -> None:
        self.make_report("T1", status=ReportStatus.APPROVED)
        self.run_command()
        self.assertEqual(mail.outbox, [])
        ReminderSent.objects.all().delete()
        self.make_report("T1", action_plan=self.other_plan, status=ReportStatus.SUBMITTED)
        self.run_command()
        self.assertEqual(mail.outbox, [])

    def test_it_sends_nothing_when_no_deadline_is_near(self) -> None:
        self.run_command(datetime.date(2026, 4, 1))
        self.assertEqual(mail.outbox, [])

    def test_it_sends_nothing_for_closed_periods(self) -> None:
        self.close_period("T1")
        self.run_command(datetime.date(2026, 5, 20))
        self.assertEqual(mail.outbox, [])

    def test_a_second_run_the_same_day_sends_nothing_and_the_next_day_sends_again(self) -> None:
        self.run_command()
        out = self.run_command()
        self.assertEqual(len(mail.outbox), 1)
        self.assertIn("Already sent today", out)
        self.run_command(TODAY + datetime.timedelta(days=1))
        self.assertEqual(len(mail.outbox), 2)
        self.assertEqual(ReminderSent.objects.count(), 2)

    def test_a_dry_run_prints_and_sends_nothing(self) -> None:
        out = self.run_command(TODAY, "--dry-run")
        self.assertEqual(mail.outbox, [])
        self.assertFalse(ReminderSent.objects.exists())
        self.assertIn("Would send", out)
        self.assertIn(self.editor.email, out)

    def test_it_refuses_a_bad_date(self) -> None:
        with self.assertRaises(CommandError):
            call_command("send_reminders", "--date", "15/5", stdout=StringIO())

    def test_it_costs_a_fixed_number_of_queries(self) -> None:
        with self.assertNumQueries(9):
            reminders.due_reminders(TODAY)
        other_goal = self.make_goal(self.other_org)
        self.make_activity(other_goal)
        self.make_report("T1", organisation=self.other_org)
        with self.assertNumQueries(9):
            found = reminders.due_reminders(TODAY)
        self.assertEqual({r.organisation for r in found}, {self.org, self.other_org})


class WhoIsRemindedTests(PlanningTestCase):
    def setUp(self) -> None:
        self.close_period("VP")

    def run_command(self, day: datetime.date = TODAY) -> str:
        out = StringIO()
        call_command("send_reminders", "--date", day.isoformat(), stdout=out)
        return out.getvalue()

    def test_an_organisation_without_recipients_is_escalated_to_the_coordinators(self) -> None:
        self.make_activity(self.make_goal(self.other_committee))  # Kulturnämnden: no editors
        self.run_command()
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(message.to, [self.coordinator.email])
        self.assertIn("Kulturnämnden", message.body)
        self.assertIn("ingen redaktör eller administratör", message.body)

    def test_the_reminder_shows_the_return_comment(self) -> None:
        self.make_activity(self.make_goal())
        report = self.make_report("T1")
        actions.report_submit(actor=self.editor, report=report)
        actions.report_return(
            actor=self.coordinator, report=report, comment="Komplettera analysen av målet."
        )
        self.run_command()
        self.assertIn("Komplettera analysen av målet.", mail.outbox[0].body)

    def test_the_nämnd_of_a_district_is_not_reminded_for_its_förvaltning(self) -> None:
        self.make_activity(self.make_goal())
        found = reminders.due_reminders(TODAY)
        self.assertEqual({r.organisation for r in found}, {self.org})
