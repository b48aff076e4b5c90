"""Public pages and open data keep what was approved when the plan changes afterwards."""

from decimal import Decimal

from mrplan.planning.models import Activity, ActivityUpdate, Indicator
from mrplan.public import opendata_rows
from mrplan.public.selectors import organisation_plan
from tests.test_public_views import PublicPlanTestCase


class ApprovedValuesStayPublicTests(PublicPlanTestCase):
    def test_a_renamed_category_keeps_its_approved_value_on_the_public_page(self) -> None:
        self.publish_plan()
        Indicator.objects.update(breakdown_categories=["Flickor", "Pojkar"])
        response = self.client_for(None).get(self.url())
        self.assertContains(response, "Kvinnor")
        self.assertContains(response, "<td>41</td>")

    def test_open_data_rows_from_reports_do_not_change_with_the_plan(self) -> None:
        self.publish_plan()
        before_values = opendata_rows.indicator_value_rows()
        before_status = [
            (row["id"], row["status"], row["progress"], row["status_period"])
            for row in opendata_rows.activity_rows()
        ]
        Indicator.objects.update(
            breakdown_categories=["Flickor", "Pojkar"], target_value=Decimal(99)
        )
        Activity.objects.update(progress=90)
        self.make_activity(title="Tillagd efter godkännandet")
        self.assertEqual(opendata_rows.indicator_value_rows(), before_values)
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
