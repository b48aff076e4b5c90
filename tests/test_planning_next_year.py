"""Starting next year's plan from this year's: preview, confirm, what stays behind, refusals."""

import datetime
from decimal import Decimal

from django.urls import reverse

from mrplan.core.models import AuditEvent
from mrplan.planning import actions
from mrplan.planning.models import (
    Activity,
    ActivityStatus,
    Goal,
    Indicator,
    IndicatorValue,
    Milestone,
    Report,
)
from tests.test_planning_support import PlanningTestCase


class NextYearTests(PlanningTestCase):
    def setUp(self) -> None:
        self.next = actions.planning_year_create(actor=self.coordinator, year=2027)
        self.goal = self.make_goal(title="Kunskap om rasism")
        self.goal.target_groups.set([self.target_group])
        self.indicator = self.make_indicator(
            self.goal,
            name="Andel utbildade",
            unit="procent",
            target_value=Decimal("80"),
            target_year=2027,
            decimals=1,
        )
        self.ongoing = self.make_activity(
            self.goal,
            title="Utbildning pågår",
            start_date=self.date(2, 1),
            end_date=self.date(11, 30),
        )
        Milestone.objects.create(activity=self.ongoing, date=self.date(3, 1), title="Start")
        self.done = self.make_activity(
            self.goal, title="Klar workshop", status=ActivityStatus.COMPLETED, progress=100
        )
        report = self.make_report("T1")
        IndicatorValue.objects.create(
            report=report, indicator=self.indicator, category="", value=Decimal("12")
        )
        self.url = reverse("planning-copy-previous-year", args=[self.org.slug, 2027])

    def test_the_preview_lists_what_is_copied_and_what_not_and_why(self) -> None:
        response = self.client_for(self.editor).get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Kunskap om rasism")
        self.assertContains(response, "Utbildning pågår")
        self.assertContains(response, "Klar workshop")
        self.assertContains(response, "genomförd och stannar i 2026")
        self.assertContains(response, "Delmålen för Utbildning pågår")
        self.assertContains(response, "Kopiera till 2027")
        self.assertFalse(Goal.objects.filter(planning_year=self.next).exists())

    def test_confirming_copies_goals_indicators_and_unfinished_activities(self) -> None:
        response = self.client_for(self.editor).post(self.url)
        self.assertRedirects(
            response,
            reverse("planning-plan", args=[self.org.slug, 2027]),
            fetch_redirect_response=False,
        )
        goal = Goal.objects.get(planning_year=self.next)
        self.assertEqual(goal.title, "Kunskap om rasism")
        self.assertEqual(list(goal.target_groups.all()), [self.target_group])
        indicator = Indicator.objects.get(goal=goal)
        self.assertEqual(
            (indicator.name, indicator.target_value, indicator.decimals),
            ("Andel utbildade", Decimal("80"), 1),
        )
        activity = Activity.objects.get(planning_year=self.next)
        self.assertEqual(activity.title, "Utbildning pågår")
        self.assertEqual(activity.goal, goal)
        self.assertEqual(
            (activity.start_date, activity.end_date),
            (datetime.date(2027, 2, 1), datetime.date(2027, 11, 30)),
        )
        self.assertFalse(activity.milestones.exists())
        self.assertFalse(IndicatorValue.objects.filter(indicator=indicator).exists())
        self.assertFalse(Report.objects.filter(period__planning_year=self.next).exists())
        events = AuditEvent.objects.filter(verb="create", message__contains="2026")
        self.assertEqual(events.count(), 3)
        self.assertTrue(all(event.actor == self.editor for event in events))
        # The old year is unchanged.
        self.assertEqual(Activity.objects.filter(planning_year=self.year).count(), 2)

    def test_it_refuses_a_year_that_already_has_a_plan(self) -> None:
        self.make_goal(title="Redan inlagt", planning_year=self.next)
        client = self.client_for(self.editor)
        self.assertContains(client.get(self.url), "har redan mål eller aktiviteter för 2027")
        self.assertNotContains(client.get(self.url), "Kopiera till 2027")
        response = client.post(self.url)
        self.assertContains(response, "har redan mål eller aktiviteter", status_code=400)
        self.assertEqual(Goal.objects.filter(planning_year=self.next).count(), 1)
        self.assertFalse(Activity.objects.filter(planning_year=self.next).exists())

    def test_a_second_confirm_copies_nothing_more(self) -> None:
        client = self.client_for(self.editor)
        client.post(self.url)
        self.assertEqual(client.post(self.url).status_code, 400)
        self.assertEqual(Goal.objects.filter(planning_year=self.next).count(), 1)

    def test_only_writers_copy(self) -> None:
        for user in (self.reader, self.outsider, self.approver):
            with self.subTest(user=user.username):
                client = self.client_for(user)
                self.assertEqual(client.get(self.url).status_code, 403)
                self.assertEqual(client.post(self.url).status_code, 403)
        self.assertFalse(Goal.objects.filter(planning_year=self.next).exists())

    def test_the_empty_plan_links_to_the_copy(self) -> None:
        response = self.client_for(self.editor).get(
            reverse("planning-plan", args=[self.org.slug, 2027])
        )
        self.assertContains(response, self.url)
        response = self.client_for(self.reader).get(
            reverse("planning-plan", args=[self.org.slug, 2027])
        )
        self.assertNotContains(response, self.url)

    def test_the_preview_speaks_english_under_en(self) -> None:
        response = self.client_for(self.editor).get("/en" + self.url)
        self.assertContains(response, "Start 2027 from the plan for 2026")
        self.assertContains(response, "Not copied")
        self.assertContains(response, "Copy to 2027")
        self.assertNotContains(response, "Kopieras inte")
