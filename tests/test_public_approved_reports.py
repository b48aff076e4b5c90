"""Public pages and open data keep what was approved when the plan changes afterwards."""

from decimal import Decimal

from mrplan.planning.models import Activity, ActivityUpdate, Indicator
from mrplan.public.opendata import rows as opendata_rows
from mrplan.public.selectors import organisation_plan
from tests.test_planning_support import PlanningTestCase
from tests.test_public_views import PublicPlanTestCase


class ApprovedValuesStayPublicTests(PublicPlanTestCase):
    def test_a_renamed_category_keeps_its_approved_value_on_the_public_page(self) -> None:
        self.publish_plan()
        Indicator.objects.update(breakdown_categories=["Flickor", "Pojkar"])
        response = self.client_for(None).get(self.url())
        self.assertContains(response, "Kvinnor")
        self.assertContains(response, "<td>41,00</td>")

    def test_open_data_rows_from_reports_do_not_change_with_the_plan(self) -> None:
        self.publish_plan()
        before_values = list(opendata_rows.indicator_value_rows())
        before_status = [
            (row["id"], row["status"], row["progress"], row["status_period"])
            for row in opendata_rows.activity_rows()
        ]
        Indicator.objects.update(
            breakdown_categories=["Flickor", "Pojkar"], target_value=Decimal(99)
        )
        Activity.objects.update(progress=90)
        self.make_activity(title="Tillagd efter godkännandet")
        self.assertEqual(list(opendata_rows.indicator_value_rows()), before_values)
        after_status = [
            (row["id"], row["status"], row["progress"], row["status_period"])
            for row in opendata_rows.activity_rows()
        ]
        self.assertEqual(after_status, before_status)

    def test_a_reported_status_is_assessed_at_its_period_end(self) -> None:
        self.publish_plan()
        activity = Activity.objects.get(title="Publicerad aktivitet 0")
        Activity.objects.filter(pk=activity.pk).update(
            start_date=self.date(1, 1), end_date=self.date(12, 31)
        )
        ActivityUpdate.objects.filter(activity=activity).update(status="ongoing", progress=35)
        plan = organisation_plan(slug=self.org.slug, year=2026, today=self.date(12, 5))
        item = plan.goals[0].activities[0]
        assert item.reported is not None
        self.assertEqual(item.reported.assessed_on, self.periods["T1"].deadline)
        # On 15 May 35 % of a year-long activity is on track; on 5 December it would be late.
        self.assertEqual(str(item.level.label), "I fas")
        self.assertEqual(str(plan.goals[0].rollup.level.label), "I fas")


class ApprovedMilestoneTests(PlanningTestCase):
    def test_milestone_flags_are_those_of_the_approved_report_not_live_edits(self) -> None:
        from mrplan.planning import actions as planning_actions
        from mrplan.planning.models import Milestone, Report
        from mrplan.public import actions as public_actions

        goal = self.make_goal(title="Mål med delmål")
        activity = self.make_activity(goal, title="Aktivitet med delmål")
        stone = Milestone.objects.create(activity=activity, date=self.date(5, 1), title="Halvvägs")
        report = self.make_report("T1")
        planning_actions.report_submit(actor=self.editor, report=report)
        report = Report.objects.get(pk=report.pk)
        planning_actions.report_approve(actor=self.coordinator, report=report)
        for obj in (goal, activity, Report.objects.get(pk=report.pk)):
            public_actions.publish(actor=self.coordinator, obj=obj)
        Milestone.objects.filter(pk=stone.pk).update(done=True)  # edited after approval
        html = (
            self.client_for(None)
            .get(f"/oppet/organisationer/{self.org.slug}/2026/")
            .content.decode()
        )
        row = html[html.index("Halvvägs") :][:200]
        assert "ej klart" in row
