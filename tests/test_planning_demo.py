from django.test import Client, TestCase

from mrplan.accounts import demo as account_demo
from mrplan.accounts.models import User
from mrplan.organisations import demo as organisation_demo
from mrplan.planning.demo import HAGERSTEN_ALVSJO, load_planning
from mrplan.planning.models import (
    Activity,
    ActivityStatus,
    Goal,
    IndicatorValue,
    PlanningYear,
    Report,
    ReportingPeriod,
    ReportStatus,
)
from mrplan.programmes import demo as programme_demo
from mrplan.programmes.agenda2030 import load_agenda2030


def counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (PlanningYear, ReportingPeriod, Goal, Activity, Report, IndicatorValue)
    )


class LoadPlanningTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load_agenda2030()
        organisation_demo.load_organisations()
        programme_demo.load_programmes()
        account_demo.load_users()
        load_planning()

    def test_it_loads_two_years_with_the_four_periods(self) -> None:
        for year in (2025, 2026):
            codes = list(
                ReportingPeriod.objects.filter(planning_year__year=year)
                .order_by("position")
                .values_list("code", flat=True)
            )
            self.assertEqual(codes, ["VP", "T1", "T2", "VB"])
        closed = set(
            ReportingPeriod.objects.filter(status="closed").values_list(
                "planning_year__year", "code"
            )
        )
        self.assertIn((2025, "VB"), closed)
        self.assertNotIn((2026, "T2"), closed)

    def test_hagersten_alvsjo_and_others_have_plans_tied_to_the_racism_plan(self) -> None:
        goals = Goal.objects.filter(organisation__slug=HAGERSTEN_ALVSJO, planning_year__year=2026)
        self.assertGreaterEqual(goals.count(), 3)
        for goal in goals:
            self.assertTrue(
                goal.development_areas.filter(action_plan__slug="handlingsplan-mot-rasism").exists()
            )
        self.assertGreaterEqual(Goal.objects.values("organisation").distinct().count(), 4)
        self.assertTrue(IndicatorValue.objects.filter(category="Kvinnor").exists())

    def test_activities_and_reports_are_in_every_state(self) -> None:
        statuses = set(Activity.objects.values_list("status", flat=True))
        self.assertEqual(statuses, set(ActivityStatus.values))
        self.assertEqual(
            set(Report.objects.values_list("status", flat=True)), set(ReportStatus.values)
        )
        for activity in Activity.objects.all():
            activity.full_clean()

    def test_running_it_again_neither_duplicates_nor_overwrites(self) -> None:
        before = counts()
        activity = Activity.objects.filter(status="ongoing").first()
        assert activity is not None
        activity.title = "Ändrad av en redaktör"
        activity.save()
        period = ReportingPeriod.objects.get(planning_year__year=2025, code="VB")
        period.status = "open"
        period.save()
        load_planning()
        self.assertEqual(counts(), before)
        activity.refresh_from_db()
        self.assertEqual(activity.title, "Ändrad av en redaktör")
        period.refresh_from_db()
        self.assertEqual(period.status, "open")

    def test_the_demo_pages_render(self) -> None:
        client = Client()
        client.force_login(User.objects.get(username="redaktor.ha"))
        response = client.get(f"/planering/{HAGERSTEN_ALVSJO}/2026/")
        self.assertContains(response, "Barn i förskolan möts av en verksamhet fri från rasism")
        self.assertContains(response, "Framdrift per handlingsplan")
        for report in Report.objects.select_related("organisation", "period__planning_year"):
            self.assertEqual(client.get(report.get_absolute_url()).status_code, 200)
