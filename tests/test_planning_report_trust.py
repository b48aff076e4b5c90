"""Approved reports stay as approved; transitions take turns; empty and withdrawn reports."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError

from mrplan.planning import actions
from mrplan.planning.actions import ActivityUpdateInput
from mrplan.planning.actions.reports import TRANSITIONS, next_statuses
from mrplan.planning.compiled import compile_report
from mrplan.planning.models import (
    Activity,
    Goal,
    Indicator,
    Report,
    ReportSnapshot,
    ReportStatus,
    SignOffSetting,
)
from mrplan.planning.selectors import report_page
from tests.test_planning_support import PlanningTestCase


class ApprovedReportTestCase(PlanningTestCase):
    def setUp(self) -> None:
        self.goal = self.make_goal(title="Medarbetare har kunskap om rasism")
        self.activity = self.make_activity(
            self.goal,
            title="Utbildning för alla chefer",
            start_date=self.date(1, 1),
            end_date=self.date(12, 31),
        )
        self.indicator = self.make_indicator(
            self.goal,
            target_value=Decimal(80),
            target_year=2026,
            breakdown_dimension="Kön",
            breakdown_categories=["Kvinnor", "Män"],
        )
        self.report = self.make_report("T1")
        actions.report_update(
            actor=self.editor,
            report=self.report,
            version=self.report.version,
            activities={self.activity.pk: ActivityUpdateInput("ongoing", 35, "På gång.")},
            indicator_values={
                (self.indicator.pk, ""): Decimal(55),
                (self.indicator.pk, "Kvinnor"): Decimal(60),
                (self.indicator.pk, "Män"): Decimal(50),
            },
            analyses={self.goal.pk: "Utbildningen har gått bra."},
        )
        actions.report_submit(actor=self.editor, report=self.report)
        actions.report_approve(actor=self.coordinator, report=self.report)

    def change_the_plan(self) -> None:
        Goal.objects.filter(pk=self.goal.pk).update(title="Nytt namn på målet")
        Activity.objects.filter(pk=self.activity.pk).update(title="Nytt namn på aktiviteten")
        self.make_activity(self.goal, title="Aktivitet tillagd efter godkännandet")
        Indicator.objects.filter(pk=self.indicator.pk).update(
            target_value=Decimal(99), breakdown_categories=["Flickor", "Pojkar"]
        )


class FrozenReportTests(ApprovedReportTestCase):
    def test_approval_stores_a_snapshot_with_who_and_when(self) -> None:
        snapshot = ReportSnapshot.objects.get(report=self.report)
        self.assertEqual(snapshot.schema_version, 1)
        self.assertEqual(snapshot.approved_by, self.coordinator)
        self.assertEqual(snapshot.data["goals"][0]["title"], "Medarbetare har kunskap om rasism")
        self.assertEqual(snapshot.data["goals"][0]["indicators"][0]["target_value"], "80.00")
        with self.assertRaises(ValueError):
            snapshot.save()

    def test_the_report_page_is_unchanged_when_the_plan_changes(self) -> None:
        url = self.report.get_absolute_url()
        self.change_the_plan()
        response = self.client_for(self.reader).get(url)
        self.assertContains(response, "Medarbetare har kunskap om rasism")
        self.assertContains(response, "Utbildning för alla chefer")
        self.assertContains(response, "Kvinnor")
        self.assertContains(response, "60")
        self.assertNotContains(response, "Nytt namn")
        self.assertNotContains(response, "Flickor")
        self.assertNotContains(response, "Aktivitet tillagd efter godkännandet")

    def test_the_compiled_report_is_unchanged_when_the_plan_changes(self) -> None:
        self.change_the_plan()
        compilation = compile_report(
            action_plan=self.action_plan,
            period=self.periods["T1"],
            today=datetime.date(2026, 6, 1),
        )
        section = next(s for s in compilation.organisations if s.organisation == self.org)
        self.assertEqual(section.goals[0].goal.title, "Medarbetare har kunskap om rasism")
        self.assertEqual(
            [entry.activity.title for entry in section.activities], ["Utbildning för alla chefer"]
        )
        lines = {line.category: line.value for line in section.goals[0].indicators}
        self.assertEqual(lines, {"": Decimal(55), "Kvinnor": Decimal(60), "Män": Decimal(50)})
        self.assertEqual(section.goals[0].indicators[0].target, Decimal(80))

    def test_a_reopened_and_approved_again_report_shows_the_new_approval(self) -> None:
        actions.report_reopen(actor=self.coordinator, report=self.report, comment="Rätta.")
        self.change_the_plan()
        actions.report_submit(actor=self.editor, report=self.report)
        actions.report_approve(actor=self.coordinator, report=self.report)
        page = report_page(self.report)
        self.assertEqual(page.goals[0].goal.title, "Nytt namn på målet")
        self.assertEqual(ReportSnapshot.objects.filter(report=self.report).count(), 2)


class AssessmentDateTests(ApprovedReportTestCase):
    def test_a_report_is_assessed_at_its_period_end_and_says_so(self) -> None:
        page = report_page(self.report)
        deadline = self.periods["T1"].deadline
        self.assertEqual(page.assessed_on, deadline)
        # 35 % on 15 May of a year-long activity: expected about 37 %, so on track,
        # whereas judged on 31 December it would be delayed.
        self.assertEqual(str(page.goals[0].activities[0].level.label), "I fas")
        response = self.client_for(self.reader).get(self.report.get_absolute_url())
        self.assertContains(response, f"Bedömning per {deadline:%Y-%m-%d}")

    def test_the_compiled_report_assesses_at_the_period_end_too(self) -> None:
        compilation = compile_report(
            action_plan=self.action_plan,
            period=self.periods["T1"],
            today=datetime.date(2026, 12, 5),
        )
        section = next(s for s in compilation.organisations if s.organisation == self.org)
        self.assertEqual(str(section.activities[0].level.label), "I fas")
        self.assertEqual(compilation.assessed_on, self.periods["T1"].deadline)


class TransitionTableTests(PlanningTestCase):
    def test_there_is_one_table_of_moves(self) -> None:
        self.assertEqual(next_statuses(ReportStatus.DRAFT), {"submitted", "sign_off"})
        self.assertEqual(next_statuses(ReportStatus.SUBMITTED), {"returned", "approved", "draft"})
        self.assertEqual(next_statuses(ReportStatus.APPROVED), {"returned"})
        self.assertEqual(TRANSITIONS["approve"].sources, {"submitted"})


class ReviewRaceTests(PlanningTestCase):
    def setUp(self) -> None:
        self.make_activity()
        report = self.make_report("T1")
        actions.report_submit(actor=self.editor, report=report)
        self.first = Report.objects.get(pk=report.pk)
        self.second = Report.objects.get(pk=report.pk)

    def test_the_second_of_two_reviews_is_refused_and_only_one_is_recorded(self) -> None:
        actions.report_approve(actor=self.coordinator, report=self.first)
        with self.assertRaisesMessage(ValidationError, "Rapporten har redan granskats"):
            actions.report_return(actor=self.coordinator, report=self.second, comment="Nej.")
        self.second.refresh_from_db()
        self.assertEqual(self.second.status, ReportStatus.APPROVED)
        moves = [e.changes["status"] for e in self.events_for(self.second, "update")]
        self.assertEqual(moves.count(["submitted", "approved"]), 1)
        self.assertNotIn(["submitted", "returned"], moves)

    def test_the_page_answers_409_to_the_second_review(self) -> None:
        actions.report_return(actor=self.coordinator, report=self.first, comment="Komplettera.")
        url = self.second.get_absolute_url()
        response = self.client_for(self.coordinator).post(url + "godkann/")
        self.assertEqual(response.status_code, 409)
        self.assertContains(response, "Rapporten har redan granskats", status_code=409)
        self.second.refresh_from_db()
        self.assertEqual(self.second.status, ReportStatus.RETURNED)

    def test_the_api_answers_409_to_the_second_review(self) -> None:
        actions.report_approve(actor=self.coordinator, report=self.first)
        response = self.client_for(self.coordinator).post(
            f"/api/v1/reports/{self.second.pk}/approve"
        )
        self.assertEqual(response.status_code, 409)
        self.assertIn("Rapporten har redan granskats", response.json()["detail"])


class EmptyAndWithdrawnTests(PlanningTestCase):
    def test_an_empty_report_cannot_be_submitted(self) -> None:
        report = self.make_report("VB")
        with self.assertRaisesMessage(ValidationError, "Rapporten är tom"):
            actions.report_submit(actor=self.editor, report=report)
        report.refresh_from_db()
        self.assertEqual(report.status, ReportStatus.DRAFT)

    def test_an_editor_withdraws_a_submitted_report_until_review(self) -> None:
        self.make_activity()
        report = self.make_report("T1")
        actions.report_submit(actor=self.editor, report=report)
        actions.report_withdraw(actor=self.editor, report=report)
        report.refresh_from_db()
        self.assertEqual(report.status, ReportStatus.DRAFT)
        self.assertEqual(
            self.events_for(report, "update")[0].changes["status"], ["submitted", "draft"]
        )
        actions.report_submit(actor=self.editor, report=report)
        actions.report_approve(actor=self.coordinator, report=report)
        with self.assertRaisesMessage(ValidationError, "kan inte dras tillbaka"):
            actions.report_withdraw(actor=self.editor, report=report)

    def test_readers_cannot_withdraw(self) -> None:
        self.make_activity()
        report = self.make_report("T1")
        actions.report_submit(actor=self.editor, report=report)
        for user in (self.reader, self.approver, self.outsider):
            with self.assertRaises(PermissionDenied):
                actions.report_withdraw(actor=user, report=report)
        report.refresh_from_db()
        self.assertEqual(report.status, ReportStatus.SUBMITTED)


class SignOffTests(PlanningTestCase):
    def setUp(self) -> None:
        self.make_activity()
        self.report = self.make_report("T1")
        SignOffSetting.objects.create(organisation=self.org, required=True)

    def test_a_report_goes_to_the_approver_before_slk(self) -> None:
        actions.report_submit(actor=self.editor, report=self.report)
        self.assertEqual(self.report.status, ReportStatus.AWAITING_SIGN_OFF)
        with self.assertRaisesMessage(ValidationError, "kan inte godkännas"):
            actions.report_approve(actor=self.coordinator, report=self.report)
        actions.report_sign_off(actor=self.approver, report=self.report)
        self.assertEqual(self.report.status, ReportStatus.SUBMITTED)
        self.assertEqual(self.report.signed_off_by, self.approver)
        actions.report_approve(actor=self.coordinator, report=self.report)
        self.assertEqual(self.report.status, ReportStatus.APPROVED)

    def test_only_the_organisations_approver_signs_off(self) -> None:
        actions.report_submit(actor=self.editor, report=self.report)
        for user in (self.editor, self.reader, self.outsider, self.coordinator):
            with self.assertRaises(PermissionDenied):
                actions.report_sign_off(actor=user, report=self.report)
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, ReportStatus.AWAITING_SIGN_OFF)


class WorkflowPageTests(PlanningTestCase):
    def setUp(self) -> None:
        self.make_activity()
        self.report = self.make_report("T1")
        self.url = self.report.get_absolute_url()

    def test_an_editor_withdraws_from_the_page(self) -> None:
        actions.report_submit(actor=self.editor, report=self.report)
        client = self.client_for(self.editor)
        self.assertContains(client.get(self.url), "Dra tillbaka rapporten")
        response = client.post(self.url + "dra-tillbaka/")
        self.assertEqual(response.status_code, 302)
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, ReportStatus.DRAFT)
        self.assertEqual(
            self.client_for(self.reader).post(self.url + "dra-tillbaka/").status_code, 403
        )

    def test_the_approver_signs_off_from_the_page(self) -> None:
        SignOffSetting.objects.create(organisation=self.org, required=True)
        actions.report_submit(actor=self.editor, report=self.report)
        self.assertEqual(
            self.client_for(self.editor).post(self.url + "attestera/").status_code, 403
        )
        client = self.client_for(self.approver)
        self.assertContains(client.get(self.url), "Attestera och skicka till samordnaren")
        client.post(self.url + "attestera/")
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, ReportStatus.SUBMITTED)

    def test_review_can_finish_after_the_period_is_closed(self) -> None:
        actions.report_submit(actor=self.editor, report=self.report)
        self.close_period("T1")
        client = self.client_for(self.coordinator)
        self.assertContains(client.get(self.url), "Godkänn rapporten")
        client.post(self.url + "godkann/")
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, ReportStatus.APPROVED)
        self.assertNotContains(client.get(self.url), "Öppna rapporten igen")


class LivePlanAssessmentTests(PlanningTestCase):
    def test_the_live_plan_says_it_is_assessed_today(self) -> None:
        self.make_activity(self.make_goal())
        response = self.client_for(self.reader).get(f"/planering/{self.org.slug}/2026/")
        today = response.context["page"].assessed_on
        self.assertContains(response, f"Den levande planen bedöms i dag, {today:%Y-%m-%d}")


class ApiSnapshotTests(ApprovedReportTestCase):
    def test_the_api_gives_the_report_as_approved(self) -> None:
        self.change_the_plan()
        response = self.client_for(self.reader).get(f"/api/v1/reports/{self.report.pk}")
        snapshot = response.json()["approved_snapshot"]
        self.assertEqual(snapshot["goals"][0]["title"], "Medarbetare har kunskap om rasism")
        self.assertEqual(snapshot["schema_version"], 1)


class SignOffSettingTests(PlanningTestCase):
    url = "/planering/{slug}/2026/intern-attest/"

    def test_an_org_admin_turns_sign_off_on_and_it_is_audited(self) -> None:
        url = self.url.format(slug=self.org.slug)
        client = self.client_for(self.org_admin)
        self.assertContains(client.get(f"/planering/{self.org.slug}/2026/"), url)
        response = client.post(url, {"required": "on"})
        self.assertEqual(response.status_code, 302)
        setting = SignOffSetting.objects.get(organisation=self.org)
        self.assertTrue(setting.required)
        self.assertEqual(self.events_for(setting)[0].actor, self.org_admin)
        client.post(url, {})
        setting.refresh_from_db()
        self.assertFalse(setting.required)

    def test_editors_readers_and_outsiders_cannot_change_it(self) -> None:
        url = self.url.format(slug=self.org.slug)
        for user in (self.editor, self.reader, self.approver, self.outsider):
            self.assertEqual(self.client_for(user).post(url, {"required": "on"}).status_code, 403)
        self.assertFalse(SignOffSetting.objects.exists())
        with self.assertRaises(PermissionDenied):
            actions.sign_off_setting_update(actor=self.editor, organisation=self.org, required=True)

    def test_a_coordinator_may_change_it(self) -> None:
        actions.sign_off_setting_update(
            actor=self.coordinator, organisation=self.org, required=True
        )
        self.assertTrue(SignOffSetting.objects.get(organisation=self.org).required)


class OwnReportDocumentTests(ApprovedReportTestCase):
    def test_the_pdf_and_word_document_show_the_report_as_approved(self) -> None:
        import io

        import docx
        import pypdf

        self.change_the_plan()
        client = self.client_for(self.reader)
        base = self.report.get_absolute_url().rstrip("/")
        response = client.get(base + ".pdf")
        self.assertEqual(response["Content-Type"], "application/pdf")
        reader = pypdf.PdfReader(io.BytesIO(response.content))
        text = " ".join(page.extract_text() for page in reader.pages)
        self.assertIn("Medarbetare har kunskap om rasism", text)
        self.assertIn("Utbildningen har gått bra.", text)
        self.assertNotIn("Nytt namn", text)
        self.assertIn("Sida 1 (1)", text)
        response = client.get(base + ".docx")
        document = docx.Document(io.BytesIO(response.content))
        parts = [p.text for p in document.paragraphs] + [
            cell.text for table in document.tables for row in table.rows for cell in row.cells
        ]
        joined = " ".join(parts)
        self.assertIn("Medarbetare har kunskap om rasism", joined)
        self.assertIn("Kvinnor", joined)
        self.assertNotIn("Flickor", joined)

    def test_anonymous_visitors_are_sent_to_log_in(self) -> None:
        base = self.report.get_absolute_url().rstrip("/")
        self.assertEqual(self.client.get(base + ".pdf").status_code, 302)


class EnglishTests(ApprovedReportTestCase):
    def test_the_new_pages_read_in_english(self) -> None:
        client = self.client_for(self.coordinator)
        period = self.periods["T1"]
        report_url = f"/en/planering/{self.org.slug}/2026/rapporter/{self.report.pk}/"
        self.assertContains(client.get(f"/en/planering/perioder/{period.pk}/stang/"), "Close T1")
        page = client.get(report_url)
        self.assertContains(page, "Assessment as of")
        self.assertContains(page, "Shown as approved")
        text = client.get(f"/en/planering/sammanstallning/{self.action_plan.slug}/2026/T1/text/")
        self.assertContains(text, "Summary and analysis")
        setting = client.get(f"/en/planering/{self.org.slug}/2026/intern-attest/")
        self.assertContains(setting, "Internal sign-off")
