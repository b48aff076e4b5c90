"""The shared history page speaks people's language: labels, local time, a verb per event."""

import datetime
from unittest import mock
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import translation

from mrplan.planning import actions
from mrplan.planning.models import ActivityUpdate, Report
from tests.test_planning_support import PlanningTestCase


class HistoryPageTests(PlanningTestCase):
    def setUp(self) -> None:
        goal = self.make_goal()
        self.activity = self.make_activity(goal)
        self.report = self.make_report("T1")
        ActivityUpdate.objects.filter(report=self.report).delete()
        # A known moment: 09:05:33.123 UTC is 10:05 in Stockholm in December. The audit
        # trail is append-only, so the events are written at that moment, not moved to it.
        moment = datetime.datetime(2026, 12, 5, 9, 5, 33, 123456, tzinfo=ZoneInfo("UTC"))
        with mock.patch("django.utils.timezone.now", return_value=moment):
            actions.report_submit(actor=self.editor, report=self.report)
            self.report = Report.objects.get(pk=self.report.pk)
            actions.report_approve(actor=self.coordinator, report=self.report)

    def url(self, language: str = "sv") -> str:
        with translation.override(language):
            return reverse("core-history", args=["report", self.report.pk])

    def test_it_shows_labels_verbs_and_local_time(self) -> None:
        response = self.client_for(self.coordinator).get(self.url())
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn("Inskickad", html)
        self.assertIn("Godkänd", html)
        self.assertNotIn("submitted", html)
        self.assertNotIn("approved<", html)
        self.assertIn("skickade in", html)
        self.assertIn("godkände", html)
        self.assertIn("2026-12-05 10:05", html)
        self.assertNotIn("09:05", html)
        self.assertNotIn(".123456", html)
        self.assertIn("Status", html)

    def test_datetime_fields_are_shown_in_local_time_to_the_minute(self) -> None:
        self.report.refresh_from_db()
        response = self.client_for(self.coordinator).get(self.url())
        assert self.report.submitted_at is not None
        local = self.report.submitted_at.astimezone(ZoneInfo("Europe/Stockholm"))
        self.assertContains(response, local.strftime("%Y-%m-%d %H:%M"))
        self.assertNotContains(response, "+00:00")

    def test_it_speaks_english_under_en(self) -> None:
        response = self.client_for(self.coordinator).get(self.url("en"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Submitted")
        self.assertContains(response, "Approved")
        self.assertContains(response, "approved")
        self.assertNotContains(response, "godkände")
        self.assertNotContains(response, "Inskickad")
