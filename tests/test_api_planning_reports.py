"""The planning API's reports: list, detail, and submit / return / approve."""

import json
from decimal import Decimal
from typing import Any

from django.test import Client

from mrplan.planning import actions
from mrplan.planning.models import ActivityStatus, ActivityUpdate, Report, ReportStatus
from tests.test_planning_support import PlanningTestCase


class ReportApiTestCase(PlanningTestCase):
    def setUp(self) -> None:
        self.goal = self.make_goal()
        self.activity = self.make_activity(self.goal)
        self.indicator = self.make_indicator(self.goal, unit="procent")
        self.report = self.make_report("T1")
        actions.report_update(
            actor=self.editor,
            report=self.report,
            version=self.report.version,
            activities={
                self.activity.pk: actions.ActivityUpdateInput(
                    status=ActivityStatus.ONGOING, progress=50, comment="Går enligt plan."
                )
            },
            indicator_values={(self.indicator.pk, ""): Decimal("42.5")},
            analyses={self.goal.pk: "Vi ligger i fas."},
        )
        self.report.refresh_from_db()
        self.other_report = self.make_report("T1", organisation=self.other_org)

    def get(self, url: str, user: Any = None, **params: Any) -> Any:
        client = self.client_for(user) if user is not None else Client()
        return client.get(url, params)

    def post(self, url: str, body: Any = None, user: Any = None) -> Any:
        client = self.client_for(user) if user is not None else Client()
        if body is None:
            return client.post(url)
        return client.post(
            url,
            body if isinstance(body, str) else json.dumps(body),
            content_type="application/json",
        )

    def status_of(self, report: Report) -> str:
        return Report.objects.get(pk=report.pk).status

    def transitions(self, report: Report) -> int:
        return len(self.events_for(report, "update"))


class ReportReadTests(ReportApiTestCase):
    def test_a_signed_in_user_lists_the_reports_filtered_by_organisation_and_period(
        self,
    ) -> None:
        response = self.get("/api/v1/reports/", self.coordinator)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["count"], 2)
        response = self.get(
            "/api/v1/reports/",
            self.reader,
            organisation=self.org.pk,
            period=self.periods["T1"].pk,
        )
        [item] = response.json()["items"]
        self.assertEqual(item["id"], self.report.pk)
        self.assertEqual(item["status"], "draft")
        self.assertEqual(item["status_label"], "Utkast")
        self.assertEqual(item["period_code"], "T1")
        self.assertEqual(item["year"], 2026)
        response = self.get("/api/v1/reports/", self.reader, period=self.periods["T2"].pk)
        self.assertEqual(response.json()["count"], 0)

    def test_a_bad_filter_gets_422_in_swedish(self) -> None:
        response = self.get("/api/v1/reports/", self.editor, organisation="hägersten")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["errors"]["organisation"], ["Ange ett heltal."])

    def test_a_member_reads_a_report_with_what_it_holds(self) -> None:
        outsider = self.get(f"/api/v1/reports/{self.report.pk}", self.outsider)
        self.assertEqual(outsider.status_code, 404)
        response = self.get(f"/api/v1/reports/{self.report.pk}", self.reader)
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["organisation_id"], self.org.pk)
        self.assertEqual(body["action_plan_id"], self.action_plan.pk)
        [update] = body["activity_updates"]
        self.assertEqual(update["activity_id"], self.activity.pk)
        self.assertEqual(update["progress"], 50)
        self.assertEqual(update["comment"], "Går enligt plan.")
        values = {
            (row["indicator_id"], row["category"]): row["value"] for row in body["indicator_values"]
        }
        self.assertEqual(values[(self.indicator.pk, "")], 42.5)  # a JSON number, not text
        self.assertEqual(
            body["goal_analyses"], [{"goal_id": self.goal.pk, "text": "Vi ligger i fas."}]
        )

    def test_anonymous_callers_get_401(self) -> None:
        self.assertEqual(self.get("/api/v1/reports/").status_code, 401)
        self.assertEqual(self.get(f"/api/v1/reports/{self.report.pk}").status_code, 401)

    def test_an_unknown_report_gets_a_swedish_404(self) -> None:
        response = self.get("/api/v1/reports/999999", self.editor)
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json()["detail"], "Rapporten finns inte.")

    def test_the_list_costs_a_fixed_number_of_queries(self) -> None:
        client = self.client_for(self.outsider)
        client.get("/api/v1/reports/")
        with self.assertNumQueries(5):
            client.get("/api/v1/reports/")
        self.make_report("T2")
        self.make_report("T2", organisation=self.other_org)
        with self.assertNumQueries(5):
            response = client.get("/api/v1/reports/")
        # The outsider's own two; Hägersten-Älvsjö's drafts are not theirs to read.
        self.assertEqual(response.json()["count"], 2)


class ReportSubmitTests(ReportApiTestCase):
    def url(self, report: Report | None = None) -> str:
        return f"/api/v1/reports/{(report or self.report).pk}/submit"

    def test_an_editor_submits_the_report(self) -> None:
        response = self.post(self.url(), user=self.editor)
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["status"], "submitted")
        report = Report.objects.get(pk=self.report.pk)
        self.assertEqual(report.status, ReportStatus.SUBMITTED)
        self.assertEqual(report.submitted_by, self.editor)
        self.assertEqual(self.transitions(report), 2)  # the update in setUp, the submit

    def test_a_reader_and_an_approver_get_403(self) -> None:
        for user in (self.reader, self.approver):
            with self.subTest(user=user.username):
                response = self.post(self.url(), user=user)
                self.assertEqual(response.status_code, 403)
                self.assertEqual(
                    response.json()["detail"], "Du har inte behörighet att göra det här."
                )
        self.assertEqual(self.status_of(self.report), ReportStatus.DRAFT)

    def test_an_outsider_gets_404_for_a_draft_they_may_not_read(self) -> None:
        # The same answer as reading it (and as the report pages): it does not exist for them.
        response = self.post(self.url(), user=self.outsider)
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json()["detail"], "Rapporten finns inte.")
        self.assertEqual(self.status_of(self.report), ReportStatus.DRAFT)

    def test_an_anonymous_caller_gets_401(self) -> None:
        self.assertEqual(self.post(self.url()).status_code, 401)
        self.assertEqual(self.status_of(self.report), ReportStatus.DRAFT)

    def test_submitting_twice_gets_409_in_swedish(self) -> None:
        self.post(self.url(), user=self.editor)
        response = self.post(self.url(), user=self.editor)
        self.assertEqual(response.status_code, 409)
        self.assertIn("inskickad", response.json()["detail"])
        self.assertEqual(self.transitions(self.report), 2)

    def test_a_delayed_activity_without_comment_gets_400_and_nothing_changes(self) -> None:
        ActivityUpdate.objects.filter(report=self.report).update(
            status=ActivityStatus.DELAYED, comment=""
        )
        response = self.post(self.url(), user=self.editor)
        self.assertEqual(response.status_code, 400)
        self.assertIn("försenad", response.json()["errors"]["__all__"][0])
        self.assertEqual(self.status_of(self.report), ReportStatus.DRAFT)

    def test_a_closed_period_gets_409(self) -> None:
        self.close_period("T1")
        response = self.post(self.url(), user=self.editor)
        self.assertEqual(response.status_code, 409)
        self.assertIn("stängd", response.json()["detail"])
        self.assertEqual(self.status_of(self.report), ReportStatus.DRAFT)


class ReportReviewTests(ReportApiTestCase):
    def setUp(self) -> None:
        super().setUp()
        actions.report_submit(actor=self.editor, report=self.report)
        self.report.refresh_from_db()
        self.before = self.transitions(self.report)

    def test_a_coordinator_returns_the_report_with_a_comment(self) -> None:
        response = self.post(
            f"/api/v1/reports/{self.report.pk}/return",
            {"comment": "  Lägg till en analys av indikatorn.  "},
            self.coordinator,
        )
        self.assertEqual(response.status_code, 200, response.content)
        body = response.json()
        self.assertEqual(body["status"], "returned")
        self.assertEqual(body["review_comment"], "Lägg till en analys av indikatorn.")
        self.assertEqual(self.transitions(self.report), self.before + 1)

    def test_a_return_without_a_comment_gets_400_or_422_and_nothing_changes(self) -> None:
        url = f"/api/v1/reports/{self.report.pk}/return"
        response = self.post(url, {"comment": "   "}, self.coordinator)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(
            response.json()["errors"]["comment"],
            ["Skriv en kommentar som förklarar vad som ska ändras."],
        )
        response = self.post(url, {}, self.coordinator)
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["errors"]["comment"], ["Fältet måste anges."])
        self.assertEqual(self.status_of(self.report), ReportStatus.SUBMITTED)
        self.assertEqual(self.transitions(self.report), self.before)

    def test_a_coordinator_approves_the_report(self) -> None:
        response = self.post(f"/api/v1/reports/{self.report.pk}/approve", user=self.coordinator)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["status"], "approved")
        self.assertEqual(self.status_of(self.report), ReportStatus.APPROVED)
        self.assertEqual(self.transitions(self.report), self.before + 1)

    def test_editors_may_not_review_and_outsiders_do_not_see_the_report(self) -> None:
        # A submitted report is not yet public: for an outsider it does not exist (404).
        for user, status in ((self.editor, 403), (self.org_admin, 403), (self.outsider, 404)):
            for url, body in (
                (f"/api/v1/reports/{self.report.pk}/approve", None),
                (f"/api/v1/reports/{self.report.pk}/return", {"comment": "Nej"}),
            ):
                with self.subTest(user=user.username, url=url):
                    self.assertEqual(self.post(url, body, user).status_code, status)
        self.assertEqual(self.status_of(self.report), ReportStatus.SUBMITTED)
        self.assertEqual(self.transitions(self.report), self.before)

    def test_anonymous_callers_get_401(self) -> None:
        url = f"/api/v1/reports/{self.report.pk}/approve"
        self.assertEqual(self.post(url).status_code, 401)
        self.assertEqual(self.status_of(self.report), ReportStatus.SUBMITTED)

    def test_approving_a_draft_gets_409_in_swedish(self) -> None:
        response = self.post(
            f"/api/v1/reports/{self.other_report.pk}/approve", user=self.coordinator
        )
        self.assertEqual(response.status_code, 409)
        self.assertTrue(response.json()["detail"])
        self.assertEqual(self.status_of(self.other_report), ReportStatus.DRAFT)

    def test_approving_twice_gets_409(self) -> None:
        url = f"/api/v1/reports/{self.report.pk}/approve"
        self.post(url, user=self.coordinator)
        response = self.post(url, user=self.coordinator)
        self.assertEqual(response.status_code, 409)
        self.assertEqual(self.status_of(self.report), ReportStatus.APPROVED)
        self.assertEqual(self.transitions(self.report), self.before + 1)

    def test_an_approved_report_cannot_be_returned(self) -> None:
        self.post(f"/api/v1/reports/{self.report.pk}/approve", user=self.coordinator)
        before = self.transitions(self.report)
        response = self.post(
            f"/api/v1/reports/{self.report.pk}/return", {"comment": "Ändra"}, self.coordinator
        )
        self.assertEqual(response.status_code, 409)
        self.assertIn("Bara inskickade rapporter", response.json()["detail"])
        self.assertEqual(self.status_of(self.report), ReportStatus.APPROVED)
        self.assertEqual(self.transitions(self.report), before)
