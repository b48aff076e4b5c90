"""E-mail on submit, internal sign-off, return (with the comments) and approval: after the
commit, to the people who act next, with an absolute link, once per move."""

from unittest import mock

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from mrplan.planning import actions
from mrplan.planning.models import Report, ReportStatus, SignOffSetting
from mrplan.planning.notifications import recipients
from mrplan.planning.review_comments import review_comment_add
from tests.test_planning_support import PlanningTestCase


@override_settings(
    SITE_URL="https://mrplan.example.se",
    EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
)
class NotificationTests(PlanningTestCase):
    def setUp(self) -> None:
        self.goal = self.make_goal()
        self.activity = self.make_activity(self.goal, title="Utbildning för chefer")
        self.report = self.make_report("T1")

    def submit(self) -> Report:
        with self.captureOnCommitCallbacks(execute=True):
            return actions.report_submit(actor=self.editor, report=self.report)

    def test_a_submitted_report_is_announced_to_the_coordinators_with_a_link(self) -> None:
        self.submit()
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(message.bcc, [self.coordinator.email])
        self.assertIn("Att granska", message.subject)
        self.assertIn("Hägersten-Älvsjö", message.body)
        self.assertIn("https://mrplan.example.se" + self.report.get_absolute_url(), message.body)
        self.assertNotIn(self.editor.email, message.bcc)

    def test_with_internal_sign_off_the_approvers_hear_first_then_slk(self) -> None:
        SignOffSetting.objects.create(organisation=self.org, required=True)
        self.submit()
        self.assertEqual([m.bcc for m in mail.outbox], [[self.approver.email]])
        self.assertIn("Att attestera", mail.outbox[0].subject)
        self.assertIn("interna attest", mail.outbox[0].body)
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            actions.report_sign_off(actor=self.approver, report=self.report)
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(
            sorted(mail.outbox[0].bcc),
            sorted([self.coordinator.email, self.editor.email, self.org_admin.email]),
        )
        self.assertIn("attesterad inom organisationen", mail.outbox[0].body)

    def test_a_return_tells_the_editors_the_comment_and_the_activity_comments(self) -> None:
        self.submit()
        mail.outbox.clear()
        review_comment_add(
            actor=self.coordinator,
            report=self.report,
            text="Ange antal deltagare.",
            activity=self.activity,
        )
        with self.captureOnCommitCallbacks(execute=True):
            actions.report_return(
                actor=self.coordinator, report=self.report, comment="Komplettera analysen."
            )
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(sorted(message.bcc), sorted([self.editor.email, self.org_admin.email]))
        self.assertIn("Returnerad", message.subject)
        self.assertIn("Kommentar från samordnaren: Komplettera analysen.", message.body)
        self.assertIn("Aktivitet: Utbildning för chefer – Ange antal deltagare.", message.body)
        self.assertNotIn(self.approver.email, message.bcc)

    def test_an_approval_tells_the_editors(self) -> None:
        self.submit()
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            actions.report_approve(actor=self.coordinator, report=self.report)
        self.assertEqual(len(mail.outbox), 1)
        self.assertIn("Godkänd", mail.outbox[0].subject)
        self.assertIn("godkänt", mail.outbox[0].body)
        self.assertEqual(
            sorted(mail.outbox[0].bcc), sorted([self.editor.email, self.org_admin.email])
        )

    def test_nothing_is_sent_twice_for_one_move(self) -> None:
        self.submit()
        with self.assertRaises(ValidationError), self.captureOnCommitCallbacks(execute=True):
            actions.report_submit(actor=self.editor, report=self.report)
        self.assertEqual(len(mail.outbox), 1)
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            actions.report_approve(actor=self.coordinator, report=self.report)
        # The losing reviewer is refused (409) and nothing more is sent.
        with self.assertRaises(ValidationError), self.captureOnCommitCallbacks(execute=True):
            actions.report_return(actor=self.coordinator, report=self.report, comment="Sent.")
        self.assertEqual(len(mail.outbox), 1)

    def test_nothing_is_sent_before_the_commit_or_for_a_refused_move(self) -> None:
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            actions.report_submit(actor=self.editor, report=self.report)
        self.assertEqual(mail.outbox, [])
        self.assertEqual(len(callbacks), 1)
        with self.assertRaises(PermissionDenied), self.captureOnCommitCallbacks(execute=True):
            actions.report_approve(actor=self.editor, report=self.report)
        self.assertEqual(mail.outbox, [])
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, ReportStatus.SUBMITTED)

    def test_people_without_an_address_or_inactive_are_left_out(self) -> None:
        self.editor.email = ""
        self.editor.save(update_fields=["email"])
        self.org_admin.is_active = False
        self.org_admin.save(update_fields=["is_active"])
        self.assertEqual(recipients(self.report, "approve", actor_id=None), [])
        self.assertEqual(recipients(self.report, "withdraw", actor_id=None), [])

    def test_it_writes_in_the_recipients_language(self) -> None:
        # Overriding LANGUAGE_CODE instead would leak into the URL resolver's language prefix
        # for later tests; the one place that picks a recipient's language is patched.
        with mock.patch("mrplan.planning.notifications.recipient_language", return_value="en"):
            self.submit()
        self.assertIn("To review", mail.outbox[0].subject)
