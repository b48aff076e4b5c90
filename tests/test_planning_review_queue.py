"""The coordinator's review queue: filter the submitted reports, tick some, confirm, and
approve them through report_approve; a report reviewed meanwhile is listed with the reason."""

from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mrplan.planning import actions
from mrplan.planning.models import Report, ReportSnapshot, ReportStatus
from tests.test_planning_support import PlanningTestCase

URL = "/planering/granskning/"


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
class ReviewQueueTests(PlanningTestCase):
    def setUp(self) -> None:
        self.make_activity(self.make_goal(), title="Utbildning")
        self.make_activity(self.make_goal(self.other_org), title="Bokprat")
        self.mine = self.make_report("T1", status=ReportStatus.SUBMITTED)
        self.theirs = self.make_report(
            "T1", organisation=self.other_org, status=ReportStatus.SUBMITTED
        )
        self.draft = self.make_report("T2")
        self.client = self.client_for(self.coordinator)

    def test_the_list_shows_submitted_reports_with_checkboxes_and_filters(self) -> None:
        self.assertEqual(reverse("planning-review-queue"), URL)
        response = self.client.get(URL)
        self.assertContains(response, f'name="report" value="{self.mine.pk}"')
        self.assertContains(response, f'name="report" value="{self.theirs.pk}"')
        self.assertNotContains(response, f'value="{self.draft.pk}"')
        self.assertContains(response, "Godkänn markerade")
        only_mine = self.client.get(URL, {"organisation": self.org.pk})
        self.assertContains(only_mine, f'value="{self.mine.pk}"')
        self.assertNotContains(only_mine, f'name="report" value="{self.theirs.pk}"')
        other_plan = self.client.get(URL, {"handlingsplan": self.other_plan.pk})
        self.assertContains(other_plan, "Inga inskickade rapporter")

    def test_it_confirms_then_approves_through_report_approve(self) -> None:
        ticked = {"step": "confirm", "report": [self.mine.pk, self.theirs.pk]}
        confirm = self.client.post(URL, ticked)
        self.assertContains(confirm, "Ja, godkänn 2 rapporter")
        self.assertContains(confirm, 'name="step" value="approve"')
        self.assertEqual(Report.objects.filter(status=ReportStatus.APPROVED).count(), 0)
        with self.captureOnCommitCallbacks(execute=True):
            done = self.client.post(URL, {**ticked, "step": "approve"})
        self.assertContains(done, "2 rapporter är godkända och låsta.")
        for report in (self.mine, self.theirs):
            report.refresh_from_db()
            self.assertEqual(report.status, ReportStatus.APPROVED)
            self.assertEqual(ReportSnapshot.objects.filter(report=report).count(), 1)
            self.assertTrue(self.events_for(report))
        self.assertEqual(len(mail.outbox), 2)

    def test_a_report_reviewed_meanwhile_is_listed_and_the_rest_approved(self) -> None:
        actions.report_return(actor=self.coordinator, report=self.theirs, comment="Komplettera.")
        done = self.client.post(URL, {"step": "approve", "report": [self.mine.pk, self.theirs.pk]})
        self.assertContains(done, "1 rapport är godkänd och låst.")
        self.assertContains(done, "1 rapport kunde inte godkännas:")
        self.assertContains(done, "Rapporten har redan granskats.")
        self.mine.refresh_from_db()
        self.theirs.refresh_from_db()
        self.assertEqual(self.mine.status, ReportStatus.APPROVED)
        self.assertEqual(self.theirs.status, ReportStatus.RETURNED)

    def test_bad_input_is_refused_in_swedish_and_nothing_approved(self) -> None:
        nothing = self.client.post(URL, {"step": "approve"})
        self.assertContains(nothing, "Markera minst en rapport", status_code=400)
        forged = self.client.post(URL, {"step": "approve", "report": ["x1"]})
        self.assertContains(forged, "Urvalet av rapporter är ogiltigt", status_code=400)
        unknown = self.client.get(URL, {"period": "999999"})
        self.assertContains(unknown, "inga inskickade rapporter", status_code=400)
        self.assertFalse(Report.objects.filter(status=ReportStatus.APPROVED).exists())

    def test_only_coordinators_may_use_it(self) -> None:
        for user in (self.editor, self.approver, self.org_admin, self.reader, self.nobody):
            with self.subTest(user=user.username):
                client = self.client_for(user)
                self.assertEqual(client.get(URL).status_code, 403)
                response = client.post(URL, {"step": "approve", "report": [self.mine.pk]})
                self.assertEqual(response.status_code, 403)
        self.mine.refresh_from_db()
        self.assertEqual(self.mine.status, ReportStatus.SUBMITTED)
        with self.assertRaises(PermissionDenied):
            actions.reports_approve(actor=self.editor, reports=[self.mine])

    def test_the_list_costs_a_fixed_number_of_queries(self) -> None:
        self.client.get(URL)  # warm the session and caches
        with CaptureQueriesContext(connection) as two_reports:
            self.client.get(URL)
        self.make_report("T2", organisation=self.other_org, status=ReportStatus.SUBMITTED)
        self.make_report("VB", status=ReportStatus.SUBMITTED)
        self.make_report("T1", action_plan=self.other_plan, status=ReportStatus.SUBMITTED)
        with self.assertNumQueries(len(two_reports)):
            response = self.client.get(URL)
        self.assertEqual(response.content.decode().count('name="report"'), 5)

    def test_the_overview_and_mina_uppgifter_link_to_it(self) -> None:
        self.assertContains(self.client.get(reverse("planning-citywide")), f'href="{URL}"')
        self.assertContains(self.client.get(reverse("worklist-my-tasks")), f'href="{URL}"')
        editor_tasks = self.client_for(self.editor).get(reverse("worklist-my-tasks"))
        self.assertNotContains(editor_tasks, f'href="{URL}"')
