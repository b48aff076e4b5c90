"""The report form shows baseline, target and last period's value next to each indicator input,
and each activity's status across the year's periods."""

from decimal import Decimal

from mrplan.planning.models import ActivityStatus, ActivityUpdate, IndicatorValue
from tests.test_planning_support import PlanningTestCase


class ReportFormContextTests(PlanningTestCase):
    def setUp(self) -> None:
        self.goal = self.make_goal()
        self.activity = self.make_activity(self.goal, title="Utbildning")
        self.indicator = self.make_indicator(
            self.goal,
            name="Andel",
            baseline_value=Decimal("20"),
            baseline_year=2025,
            target_value=Decimal("50"),
            target_year=2026,
            decimals=1,
            breakdown_dimension="Kön",
            breakdown_categories=["Kvinnor", "Män"],
        )
        t1 = self.make_report("T1", status="approved")
        IndicatorValue.objects.create(
            report=t1, indicator=self.indicator, category="", value=Decimal("34.5")
        )
        IndicatorValue.objects.create(
            report=t1, indicator=self.indicator, category="Kvinnor", value=Decimal("40")
        )
        ActivityUpdate.objects.update_or_create(
            report=t1,
            activity=self.activity,
            defaults={"status": ActivityStatus.DELAYED, "progress": 10, "comment": "Sent"},
        )
        self.report = self.make_report("T2")

    def test_each_indicator_input_has_baseline_target_and_last_value(self) -> None:
        response = self.client_for(self.editor).get(self.report.get_absolute_url())
        self.assertContains(response, "Utgångsvärde 20,0 (2025)")
        self.assertContains(response, "Målvärde 50,0 (2026)")
        self.assertContains(response, "Förra perioden (T1): 34,5")
        self.assertContains(response, "Förra perioden (T1): 40,0")

    def test_each_activity_shows_its_status_across_the_periods(self) -> None:
        response = self.client_for(self.editor).get(self.report.get_absolute_url())
        codes = list(self.year.periods.order_by("position").values_list("code", flat=True))
        self.assertEqual(codes, ["VP", "T1", "T2", "VB"])
        self.assertContains(response, "VP – → T1 Försenad → T2 ")
        self.assertContains(response, "(den här rapporten) → VB –")

    def test_the_first_period_has_no_earlier_value(self) -> None:
        vp = self.make_report("VP")
        response = self.client_for(self.editor).get(vp.get_absolute_url())
        self.assertNotContains(response, "Förra perioden")
        self.assertContains(response, "Målvärde 50,0 (2026)")
