"""Closed years read only, sane dates, percentages within 0–100, numbers by the indicator's
decimals, and messages in view after an upload."""

from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mrplan.planning import actions
from mrplan.planning.models import Activity, Goal, Indicator, IndicatorValue, Milestone
from tests.test_planning_plan_views import activity_post
from tests.test_planning_support import PlanningTestCase


class ClosedYearFormTests(PlanningTestCase):
    def setUp(self) -> None:
        self.goal = self.make_goal(title="Gammalt mål")
        self.activity = self.make_activity(self.goal, title="Gammal aktivitet")
        self.indicator = self.make_indicator(self.goal, name="Gammal indikator")
        self.close_year()

    def urls(self) -> list[str]:
        slug = self.org.slug
        return [
            reverse("planning-goal-edit", args=[slug, 2026, self.goal.pk]),
            reverse("planning-activity-edit", args=[slug, 2026, self.activity.pk]),
            reverse("planning-indicator-edit", args=[slug, 2026, self.indicator.pk]),
            reverse("planning-goal-create", args=[slug, 2026]),
            reverse("planning-activity-create", args=[slug, 2026]),
            reverse("planning-indicator-create", args=[slug, 2026, self.goal.pk]),
        ]

    def test_the_forms_of_a_closed_year_are_read_only_without_save_buttons(self) -> None:
        client = self.client_for(self.editor)
        for url in self.urls():
            with self.subTest(url=url):
                response = client.get(url)
                self.assertEqual(response.status_code, 200)
                html = response.content.decode()
                self.assertNotIn('type="submit"', html.split("<main")[1])
                self.assertIn("kan bara läsas", html)
                self.assertIn("disabled", html)

    def test_the_server_refuses_a_save_in_a_closed_year(self) -> None:
        client = self.client_for(self.editor)
        url = reverse("planning-goal-edit", args=[self.org.slug, 2026, self.goal.pk])
        response = client.post(url, {"title": "Nytt namn", "development_areas": [self.area.pk]})
        self.assertContains(response, "kan inte längre ändras", status_code=400)
        data = activity_post(self.activity, goal=str(self.goal.pk), title="Ändrad")
        url = reverse("planning-activity-edit", args=[self.org.slug, 2026, self.activity.pk])
        self.assertEqual(client.post(url, data).status_code, 400)
        self.assertEqual(Goal.objects.get().title, "Gammalt mål")
        self.assertEqual(Activity.objects.get().title, "Gammal aktivitet")


class DateRangeTests(PlanningTestCase):
    def test_dates_outside_a_sane_range_are_refused_in_swedish(self) -> None:
        client = self.client_for(self.editor)
        url = reverse("planning-activity-create", args=[self.org.slug, 2026])
        cases: list[dict[str, Any]] = [
            {"start_date": "1900-01-01"},
            {"end_date": "2999-12-31"},
            {"start_date": "2030-01-01", "end_date": "2030-06-30"},
            {"start_date": "2020-01-01", "end_date": "2021-06-30"},
            {"delmal-0-date": "1901-03-01", "delmal-0-title": "Delmål"},
        ]
        for overrides in cases:
            with self.subTest(overrides=overrides):
                data = activity_post(development_area=str(self.area.pk), **overrides)
                response = client.post(url, data)
                self.assertEqual(response.status_code, 400)
                self.assertRegex(
                    response.content.decode(), r"mellan 2000 och 2100|planeringsåret 2026"
                )
        self.assertFalse(Activity.objects.exists())
        self.assertFalse(Milestone.objects.exists())

    def test_an_activity_that_runs_over_the_year_end_is_allowed(self) -> None:
        client = self.client_for(self.editor)
        url = reverse("planning-activity-create", args=[self.org.slug, 2026])
        data = activity_post(
            development_area=str(self.area.pk), start_date="2025-09-01", end_date="2027-03-31"
        )
        response = client.post(url, data)
        self.assertEqual(response.status_code, 302)


class PercentageTests(PlanningTestCase):
    def setUp(self) -> None:
        self.goal = self.make_goal()
        self.indicator = self.make_indicator(self.goal, name="Andel", unit="procent")
        self.report = self.make_report("T1")

    def data(self, value: str) -> dict[str, Any]:
        return {
            "version": str(self.report.version),
            f"indicator-{self.indicator.pk}-0": value,
            f"goal-{self.goal.pk}-analysis": "Analys som ska finnas kvar",
        }

    def test_a_percentage_outside_0_to_100_is_refused(self) -> None:
        client = self.client_for(self.editor)
        for value in ("-5", "150"):
            with self.subTest(value=value):
                response = client.post(self.report.get_absolute_url(), self.data(value))
                self.assertContains(response, "mellan 0 och 100", status_code=400)
        self.assertFalse(IndicatorValue.objects.exists())
        response = client.post(self.report.get_absolute_url(), self.data("100"))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(IndicatorValue.objects.get().value, Decimal("100"))

    def test_a_percentage_target_over_100_is_refused(self) -> None:
        url = reverse("planning-indicator-edit", args=[self.org.slug, 2026, self.indicator.pk])
        response = self.client_for(self.editor).post(
            url,
            {
                "name": "Andel",
                "unit": "%",
                "direction": "higher",
                "target_value": "150",
                "target_year": "2026",
                "decimals": "1",
            },
        )
        self.assertContains(response, "mellan 0 och 100", status_code=400)
        self.assertIsNone(Indicator.objects.get().target_value)


class DecimalsTests(PlanningTestCase):
    def test_values_and_targets_are_shown_with_the_indicators_decimals(self) -> None:
        goal = self.make_goal()
        indicator = self.make_indicator(
            goal, name="Andel", target_value=Decimal("50"), target_year=2026, decimals=2
        )
        report = self.make_report("T1", status="approved")
        IndicatorValue.objects.create(
            report=report, indicator=indicator, category="", value=Decimal("34.5")
        )
        client = self.client_for(self.editor)
        plan = client.get(reverse("planning-plan", args=[self.org.slug, 2026]))
        self.assertContains(plan, "50,00")
        self.assertContains(plan, "34,50")
        # Through the action, as every write is (the plan page is cached until a write).
        actions.indicator_update(actor=self.editor, indicator=indicator, data={"decimals": 0})
        plan = client.get(reverse("planning-plan", args=[self.org.slug, 2026]))
        self.assertNotContains(plan, "34,50")
        self.assertContains(plan, ">50 ")


class UploadMessageTests(PlanningTestCase):
    def test_the_upload_message_is_shown_in_the_attachment_section(self) -> None:
        report = self.make_report("T1")
        client = self.client_for(self.editor)
        url = reverse("planning-report-attachment-add", args=[self.org.slug, 2026, report.pk])
        upload = SimpleUploadedFile("underlag.txt", b"hej", content_type="text/plain")
        response = client.post(url, {"file": upload, "description": ""}, follow=True)
        html = response.content.decode()
        section = html.split('id="bilagor"')[1]
        self.assertIn("Bilagan underlag.txt är tillagd.", section)
        self.assertEqual(html.count("Bilagan underlag.txt är tillagd."), 1)
