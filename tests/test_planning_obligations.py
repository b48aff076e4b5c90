"""Who must report: planning.selectors.reporting_obligations."""

from mrplan.planning.selectors import reporting_obligations
from tests.factories import OrganisationFactory
from tests.test_planning_support import PlanningTestCase


class ReportingObligationsTests(PlanningTestCase):
    def test_it_names_the_plans_each_organisation_plans_against(self) -> None:
        self.make_goal()  # the racism plan, through the goal's area
        goal_elsewhere = self.make_goal(self.other_org, development_areas=[self.other_area])
        self.make_activity(goal_elsewhere, title="Under målet")
        self.make_activity(organisation=self.other_org, city_activity=self.city_activity)
        self.make_goal(OrganisationFactory(), development_areas=[])  # no plan: no duty
        self.assertEqual(
            reporting_obligations([self.year.pk]),
            {
                (self.org.pk, self.year.pk): {self.action_plan.pk},
                (self.other_org.pk, self.year.pk): {self.other_plan.pk, self.action_plan.pk},
            },
        )

    def test_it_costs_two_queries_whatever_the_data_size(self) -> None:
        self.make_activity(self.make_goal())
        with self.assertNumQueries(2):
            small = reporting_obligations([self.year.pk])
        for index in range(5):
            organisation = OrganisationFactory(kind="district_committee")
            goal = self.make_goal(organisation, title=f"Mål {index}")
            self.make_activity(goal, title=f"Aktivitet {index}")
            self.make_activity(organisation=organisation, development_area=self.other_area)
        with self.assertNumQueries(2):
            large = reporting_obligations([self.year.pk])
        self.assertEqual(len(small), 1)
        self.assertEqual(len(large), 6)
