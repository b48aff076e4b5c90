"""The planning API's writes: goals, activities and indicators; creating, filling in and
reopening reports."""

import datetime
import json
from decimal import Decimal
from typing import Any

from django.test import Client
from django.utils import timezone

from mrplan.core.models import AuditEvent
from mrplan.planning.actions.reports import next_statuses
from mrplan.planning.models import (
    Activity,
    ActivityStatus,
    ActivityUpdate,
    Goal,
    GoalAnalysis,
    Indicator,
    IndicatorValue,
    Milestone,
    Report,
    ReportingPeriod,
    ReportStatus,
)
from tests.test_planning_support import PlanningTestCase

FORBIDDEN = "Du har inte behörighet att göra det här."


class PlanningWriteTestCase(PlanningTestCase):
    def setUp(self) -> None:
        self.goal = self.make_goal(title="Medarbetare har kunskap om rasism")
        self.activity = self.make_activity(self.goal, title="Utbildning för alla chefer")
        self.indicator = self.make_indicator(self.goal, unit="procent")

    def send(self, method: str, url: str, body: Any = None, user: Any = None) -> Any:
        client = self.client_for(user) if user is not None else Client()
        if body is None:
            return getattr(client, method)(url)
        return getattr(client, method)(
            url,
            body if isinstance(body, str) else json.dumps(body),
            content_type="application/json",
        )

    def post(self, url: str, body: Any = None, user: Any = None) -> Any:
        return self.send("post", url, body, user)

    def patch(self, url: str, body: Any = None, user: Any = None) -> Any:
        return self.send("patch", url, body, user)

    def delete(self, url: str, user: Any = None) -> Any:
        return self.send("delete", url, None, user)

    def assert_refused(self, response: Any, status: int, text: str = "") -> dict[str, Any]:
        self.assertEqual(response.status_code, status, response.content)
        body: dict[str, Any] = response.json()
        self.assertIn(text, body["detail"])
        return body


# Goals


class GoalCreateTests(PlanningWriteTestCase):
    def url(self, organisation: Any = None, year: int = 2026) -> str:
        return f"/api/v1/organisations/{(organisation or self.org).pk}/plan/{year}/goals"

    def body(self, **fields: Any) -> dict[str, Any]:
        return {
            "title": "  Barn och unga möts inte av rasism  ",
            "description": "I förskolan och fritidsgårdarna.",
            "development_area_ids": [self.children_area.pk],
            "target_group_ids": [self.target_group.pk],
            **fields,
        }

    def test_an_editor_adds_a_goal_with_its_links(self) -> None:
        response = self.post(self.url(), self.body(), self.editor)
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertEqual(body["title"], "Barn och unga möts inte av rasism")
        self.assertEqual(body["development_area_ids"], [self.children_area.pk])
        self.assertEqual(body["target_group_ids"], [self.target_group.pk])
        self.assertEqual(body["activities"], [])
        goal = Goal.objects.get(pk=body["id"])
        self.assertEqual((goal.organisation, goal.planning_year), (self.org, self.year))
        self.assertTrue(self.events_for(goal, "create"))

    def test_a_coordinator_adds_a_goal_to_any_organisation(self) -> None:
        response = self.post(self.url(self.other_org), self.body(), self.coordinator)
        self.assertEqual(response.status_code, 201)
        self.assertEqual(response.json()["organisation_id"], self.other_org.pk)

    def test_outsiders_readers_and_approvers_get_403_and_nothing_is_added(self) -> None:
        for user in (self.outsider, self.reader, self.approver):
            with self.subTest(user=user.username):
                self.assert_refused(self.post(self.url(), self.body(), user), 403, FORBIDDEN)
        self.assertEqual(Goal.objects.count(), 1)

    def test_an_anonymous_caller_gets_401(self) -> None:
        self.assert_refused(self.post(self.url(), self.body()), 401, "Logga in")
        self.assertEqual(Goal.objects.count(), 1)

    def test_an_unknown_organisation_or_year_gets_a_swedish_404(self) -> None:
        response = self.post(self.url(year=2031), self.body(), self.editor)
        self.assert_refused(response, 404, "Planeringsåret finns inte.")
        response = self.post(
            "/api/v1/organisations/999999/plan/2026/goals", self.body(), self.coordinator
        )
        self.assert_refused(response, 404, "Organisationen finns inte.")

    def test_a_blank_title_and_unknown_ids_get_400_and_nothing_is_added(self) -> None:
        events = AuditEvent.objects.count()
        response = self.post(self.url(), self.body(title="   "), self.editor)
        body = self.assert_refused(response, 400, "Se felen per fält")
        self.assertEqual(body["errors"]["title"], ["Målet måste ha en titel."])
        response = self.post(
            self.url(),
            self.body(development_area_ids=[999999], sdg_target_codes=["99.9"]),
            self.editor,
        )
        errors = self.assert_refused(response, 400)["errors"]
        self.assertEqual(
            errors["development_area_ids"], ["Det finns inget utvecklingsområde med id 999999."]
        )
        self.assertIn("99.9", errors["sdg_target_codes"][0])
        self.assertEqual(Goal.objects.count(), 1)
        self.assertEqual(AuditEvent.objects.count(), events)

    def test_a_body_that_breaks_the_schema_gets_422(self) -> None:
        response = self.post(self.url(), {"description": "Utan titel"}, self.editor)
        errors = self.assert_refused(response, 422)["errors"]
        self.assertEqual(errors["title"], ["Fältet måste anges."])
        response = self.post(self.url(), self.body(colour="grön"), self.editor)
        self.assertIn(
            "Fältet finns inte.", self.assert_refused(response, 422)["errors"]["colour"][0]
        )
        self.assertEqual(Goal.objects.count(), 1)

    def test_a_closed_year_gets_409(self) -> None:
        self.close_year()
        self.assert_refused(self.post(self.url(), self.body(), self.editor), 409, "stängda")
        self.assertEqual(Goal.objects.count(), 1)


class GoalUpdateTests(PlanningWriteTestCase):
    def url(self) -> str:
        return f"/api/v1/goals/{self.goal.pk}"

    def assert_unchanged(self) -> None:
        goal = Goal.objects.get(pk=self.goal.pk)
        self.assertEqual(goal.title, "Medarbetare har kunskap om rasism")
        self.assertEqual(list(goal.development_areas.all()), [self.area])
        self.assertFalse(self.events_for(goal, "update"))

    def test_an_editor_changes_the_title_and_the_areas(self) -> None:
        response = self.patch(
            self.url(),
            {"title": "Alla medarbetare känner igen rasism", "development_area_ids": []},
            self.editor,
        )
        self.assertEqual(response.status_code, 200, response.content)
        body = response.json()
        self.assertEqual(body["title"], "Alla medarbetare känner igen rasism")
        self.assertEqual(body["development_area_ids"], [])
        self.assertEqual([row["id"] for row in body["activities"]], [self.activity.pk])
        goal = Goal.objects.get(pk=self.goal.pk)
        self.assertEqual(goal.description, "")  # not sent, so unchanged
        self.assertTrue(self.events_for(goal, "update"))

    def test_outsiders_get_403_and_anonymous_callers_401(self) -> None:
        for user in (self.outsider, self.reader):
            with self.subTest(user=user.username):
                self.assert_refused(self.patch(self.url(), {"title": "Nej"}, user), 403)
        self.assert_refused(self.patch(self.url(), {"title": "Nej"}), 401)
        self.assert_unchanged()

    def test_bad_input_gets_400_or_422_and_nothing_changes(self) -> None:
        response = self.patch(self.url(), {"title": ""}, self.editor)
        self.assertEqual(
            self.assert_refused(response, 400)["errors"]["title"], ["Målet måste ha en titel."]
        )
        response = self.patch(self.url(), {"title": None}, self.editor)
        errors = self.assert_refused(response, 422)["errors"]
        self.assertIn("får inte vara null", errors["title"][0])
        response = self.patch(self.url(), {"target_group_ids": [999999]}, self.editor)
        self.assert_refused(response, 400)
        self.assert_unchanged()

    def test_an_unknown_goal_gets_404(self) -> None:
        response = self.patch("/api/v1/goals/999999", {"title": "X"}, self.editor)
        self.assert_refused(response, 404, "Målet finns inte.")

    def test_a_closed_year_gets_409(self) -> None:
        self.close_year()
        self.assert_refused(self.patch(self.url(), {"title": "Ny"}, self.editor), 409, "stängda")
        self.assert_unchanged()


class GoalDeleteTests(PlanningWriteTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.empty = self.make_goal(title="Ett mål utan aktiviteter")
        self.make_indicator(self.empty, name="Antal anmälningar")

    def test_an_editor_deletes_a_goal_without_activities(self) -> None:
        pk = self.empty.pk
        response = self.delete(f"/api/v1/goals/{pk}", self.editor)
        self.assertEqual(response.status_code, 204, response.content)
        self.assertFalse(Goal.objects.filter(pk=pk).exists())
        self.assertFalse(Indicator.objects.filter(goal_id=pk).exists())
        self.assertTrue(self.events_for(self.empty, "delete", pk=pk))

    def test_a_goal_with_activities_gets_409(self) -> None:
        response = self.delete(f"/api/v1/goals/{self.goal.pk}", self.editor)
        self.assert_refused(response, 409, "Målet har aktiviteter")
        self.assertTrue(Goal.objects.filter(pk=self.goal.pk).exists())

    def test_outsiders_get_403_and_anonymous_callers_401(self) -> None:
        self.assert_refused(self.delete(f"/api/v1/goals/{self.empty.pk}", self.outsider), 403)
        self.assert_refused(self.delete(f"/api/v1/goals/{self.empty.pk}", self.reader), 403)
        self.assert_refused(self.delete(f"/api/v1/goals/{self.empty.pk}"), 401)
        self.assertTrue(Goal.objects.filter(pk=self.empty.pk).exists())

    def test_an_unknown_goal_gets_404_and_a_closed_year_409(self) -> None:
        self.assert_refused(self.delete("/api/v1/goals/999999", self.editor), 404)
        self.close_year()
        response = self.delete(f"/api/v1/goals/{self.empty.pk}", self.editor)
        self.assert_refused(response, 409, "stängda")
        self.assertTrue(Goal.objects.filter(pk=self.empty.pk).exists())


# Activities


class ActivityCreateTests(PlanningWriteTestCase):
    def url(self) -> str:
        return f"/api/v1/organisations/{self.org.pk}/plan/2026/activities"

    def body(self, **fields: Any) -> dict[str, Any]:
        return {
            "title": "Studiecirkel om antisemitism",
            "goal_id": self.goal.pk,
            "responsible_department_id": self.department.pk,
            "status": "ongoing",
            "progress": 10,
            "start_date": "2026-02-01",
            "end_date": "2026-11-30",
            "target_group_ids": [self.target_group.pk],
            "milestones": [{"date": "2026-04-01", "title": "Första träffen"}],
            **fields,
        }

    def test_an_editor_adds_an_activity_with_milestones(self) -> None:
        response = self.post(self.url(), self.body(), self.editor)
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertEqual(body["goal_id"], self.goal.pk)
        self.assertEqual(body["responsible_department_id"], self.department.pk)
        self.assertEqual(body["status_label"], "Pågår")
        self.assertEqual(body["version"], 1)
        self.assertEqual([row["title"] for row in body["milestones"]], ["Första träffen"])
        activity = Activity.objects.get(pk=body["id"])
        self.assertEqual(list(activity.target_groups.all()), [self.target_group])
        self.assertTrue(self.events_for(activity, "create"))

    def test_an_activity_directly_under_a_city_activity(self) -> None:
        body = self.body(goal_id=None, city_activity_id=self.city_activity.pk, milestones=[])
        response = self.post(self.url(), body, self.coordinator)
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["city_activity_id"], self.city_activity.pk)

    def test_outsiders_get_403_and_anonymous_callers_401(self) -> None:
        for user in (self.outsider, self.reader, self.approver):
            with self.subTest(user=user.username):
                self.assert_refused(self.post(self.url(), self.body(), user), 403, FORBIDDEN)
        self.assert_refused(self.post(self.url(), self.body()), 401)
        self.assertEqual(Activity.objects.count(), 1)

    def test_bad_input_gets_400_in_swedish_and_nothing_is_added(self) -> None:
        response = self.post(self.url(), self.body(goal_id=None), self.editor)
        errors = self.assert_refused(response, 400)["errors"]
        self.assertIn("Koppla aktiviteten", errors["goal_id"][0])
        response = self.post(self.url(), self.body(status="completed", progress=50), self.editor)
        errors = self.assert_refused(response, 400)["errors"]
        self.assertEqual(
            errors["progress"], ["En genomförd aktivitet ska ha framdriften 100 procent."]
        )
        other_goal = self.make_goal(self.other_org, title="Ett annat mål")
        response = self.post(
            self.url(),
            self.body(goal_id=other_goal.pk, responsible_department_id=self.other_department.pk),
            self.editor,
        )
        errors = self.assert_refused(response, 400)["errors"]
        self.assertIn(str(other_goal.pk), errors["goal_id"][0])
        self.assertIn("avdelning", errors["responsible_department_id"][0])
        response = self.post(self.url(), self.body(end_date="2026-01-01"), self.editor)
        errors = self.assert_refused(response, 400)["errors"]
        self.assertEqual(errors["end_date"], ["Slutdatumet kan inte ligga före startdatumet."])
        self.assertEqual(Activity.objects.count(), 1)
        self.assertEqual(Milestone.objects.count(), 0)

    def test_a_body_that_breaks_the_schema_gets_422(self) -> None:
        cases: list[tuple[dict[str, Any], str]] = [
            (self.body(progress=120), "progress"),
            (self.body(status="klar"), "status"),
            (self.body(milestones=[{"title": "Utan datum"}]), "milestones.0.date"),
            (self.body(start_date="1 februari"), "start_date"),
        ]
        for body, field in cases:
            with self.subTest(field=field):
                self.assertIn(
                    field,
                    self.assert_refused(self.post(self.url(), body, self.editor), 422)["errors"],
                )
        self.assertEqual(Activity.objects.count(), 1)

    def test_a_closed_year_gets_409(self) -> None:
        self.close_year()
        self.assert_refused(self.post(self.url(), self.body(), self.editor), 409, "stängda")
        self.assertEqual(Activity.objects.count(), 1)


class ActivityDeleteTests(PlanningWriteTestCase):
    def url(self) -> str:
        return f"/api/v1/activities/{self.activity.pk}"

    def test_an_editor_deletes_an_activity(self) -> None:
        pk = self.activity.pk
        self.assertEqual(self.delete(self.url(), self.org_admin).status_code, 204)
        self.assertFalse(Activity.objects.filter(pk=pk).exists())
        self.assertTrue(self.events_for(self.activity, "delete", pk=pk))

    def test_an_activity_in_a_submitted_report_gets_409(self) -> None:
        self.make_report("T1", status=ReportStatus.SUBMITTED)
        self.assert_refused(self.delete(self.url(), self.editor), 409, "Inställd")
        self.assertTrue(Activity.objects.filter(pk=self.activity.pk).exists())

    def test_outsiders_get_403_anonymous_callers_401_unknown_ids_404(self) -> None:
        self.assert_refused(self.delete(self.url(), self.outsider), 403)
        self.assert_refused(self.delete(self.url()), 401)
        self.assert_refused(
            self.delete("/api/v1/activities/999999", self.editor), 404, "Aktiviteten finns inte."
        )
        self.assertTrue(Activity.objects.filter(pk=self.activity.pk).exists())

    def test_a_closed_year_gets_409(self) -> None:
        self.close_year()
        self.assert_refused(self.delete(self.url(), self.editor), 409, "stängda")
        self.assertTrue(Activity.objects.filter(pk=self.activity.pk).exists())


# Indicators


class IndicatorWriteTests(PlanningWriteTestCase):
    def create_url(self) -> str:
        return f"/api/v1/goals/{self.goal.pk}/indicators"

    def url(self) -> str:
        return f"/api/v1/indicators/{self.indicator.pk}"

    def test_an_editor_adds_an_indicator_with_a_breakdown(self) -> None:
        body = {
            "name": "Andel elever som känner sig trygga",
            "unit": "procent",
            "direction": "higher",
            "baseline_value": "71.5",
            "baseline_year": 2025,
            "target_value": 85,
            "target_year": 2028,
            "breakdown_dimension": "Kön",
            "breakdown_categories": ["Flickor", "Pojkar"],
        }
        response = self.post(self.create_url(), body, self.editor)
        self.assertEqual(response.status_code, 201, response.content)
        created = response.json()
        self.assertEqual(created["goal_id"], self.goal.pk)
        self.assertEqual(created["baseline_value"], 71.5)  # a JSON number, not text
        self.assertEqual(created["breakdown_categories"], ["Flickor", "Pojkar"])
        indicator = Indicator.objects.get(pk=created["id"])
        self.assertTrue(self.events_for(indicator, "create"))

    def test_bad_indicators_get_400_and_nothing_is_added(self) -> None:
        cases: list[tuple[dict[str, Any], str]] = [
            ({"name": "  "}, "name"),
            ({"name": "Andel", "baseline_value": 10}, "baseline_year"),
            (
                {"name": "Andel", "breakdown_dimension": "Kön", "breakdown_categories": ["A"]},
                "breakdown_categories",
            ),
            ({"name": "Andel", "target_value": "1234567890123456"}, "target_value"),
        ]
        for body, field in cases:
            with self.subTest(field=field):
                response = self.post(self.create_url(), body, self.editor)
                self.assertIn(field, self.assert_refused(response, 400)["errors"])
        self.assertEqual(Indicator.objects.count(), 1)

    def test_an_editor_changes_an_indicator_and_clears_its_target(self) -> None:
        Indicator.objects.filter(pk=self.indicator.pk).update(target_value=90, target_year=2027)
        response = self.patch(
            self.url(), {"unit": "antal", "target_value": None, "target_year": None}, self.editor
        )
        self.assertEqual(response.status_code, 200, response.content)
        body = response.json()
        self.assertEqual((body["unit"], body["target_value"]), ("antal", None))
        self.assertTrue(self.events_for(self.indicator, "update"))

    def test_a_null_name_gets_422_and_a_blank_name_400(self) -> None:
        self.assert_refused(self.patch(self.url(), {"name": None}, self.editor), 422)
        self.assert_refused(self.patch(self.url(), {"name": ""}, self.editor), 400)
        self.assertEqual(Indicator.objects.get(pk=self.indicator.pk).name, self.indicator.name)

    def test_an_editor_deletes_an_indicator(self) -> None:
        pk = self.indicator.pk
        self.assertEqual(self.delete(self.url(), self.editor).status_code, 204)
        self.assertFalse(Indicator.objects.filter(pk=pk).exists())
        self.assertTrue(self.events_for(self.indicator, "delete", pk=pk))

    def test_an_indicator_with_values_in_an_approved_report_gets_409(self) -> None:
        report = self.make_report("T1", status=ReportStatus.APPROVED)
        IndicatorValue.objects.create(report=report, indicator=self.indicator, value=3)
        self.assert_refused(self.delete(self.url(), self.editor), 409, "kan inte tas bort")
        self.assertTrue(Indicator.objects.filter(pk=self.indicator.pk).exists())

    def test_outsiders_get_403_and_anonymous_callers_401_on_every_write(self) -> None:
        for user, status in ((self.outsider, 403), (self.reader, 403), (None, 401)):
            with self.subTest(user=user and user.username):
                self.assert_refused(self.post(self.create_url(), {"name": "X"}, user), status)
                self.assert_refused(self.patch(self.url(), {"name": "X"}, user), status)
                self.assert_refused(self.delete(self.url(), user), status)
        self.assertEqual(Indicator.objects.count(), 1)
        self.assertEqual(Indicator.objects.get().name, self.indicator.name)

    def test_unknown_ids_get_404(self) -> None:
        self.assert_refused(
            self.post("/api/v1/goals/999999/indicators", {"name": "X"}, self.editor),
            404,
            "Målet finns inte.",
        )
        self.assert_refused(
            self.patch("/api/v1/indicators/999999", {"name": "X"}, self.editor),
            404,
            "Indikatorn finns inte.",
        )

    def test_a_closed_year_gets_409_on_every_write(self) -> None:
        self.close_year()
        self.assert_refused(self.post(self.create_url(), {"name": "X"}, self.editor), 409)
        self.assert_refused(self.patch(self.url(), {"name": "X"}, self.editor), 409)
        self.assert_refused(self.delete(self.url(), self.editor), 409)
        self.assertEqual(Indicator.objects.get().name, self.indicator.name)


# Reports


class ReportCreateTests(PlanningWriteTestCase):
    def body(self, **fields: Any) -> dict[str, Any]:
        return {
            "organisation_id": self.org.pk,
            "action_plan_id": self.action_plan.pk,
            "period_id": self.periods["T1"].pk,
            **fields,
        }

    def test_an_editor_starts_a_report_filled_in_from_the_plan(self) -> None:
        response = self.post("/api/v1/reports/", self.body(), self.editor)
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertEqual((body["status"], body["period_code"]), ("draft", "T1"))
        [update] = body["activity_updates"]
        self.assertEqual((update["activity_id"], update["progress"]), (self.activity.pk, 40))
        report = Report.objects.get(pk=body["id"])
        self.assertTrue(self.events_for(report, "create"))

    def test_a_second_report_for_the_same_period_gets_409(self) -> None:
        self.make_report("T1")
        response = self.post("/api/v1/reports/", self.body(), self.editor)
        self.assert_refused(response, 409, "Det finns redan en rapport")
        self.assertEqual(Report.objects.count(), 1)

    def test_a_closed_period_gets_409(self) -> None:
        self.close_period("T1")
        self.assert_refused(self.post("/api/v1/reports/", self.body(), self.editor), 409, "stängd")
        self.assertFalse(Report.objects.exists())

    def test_outsiders_get_403_before_the_ids_are_looked_at(self) -> None:
        for user in (self.outsider, self.reader):
            with self.subTest(user=user.username):
                response = self.post("/api/v1/reports/", self.body(period_id=999999), user)
                self.assert_refused(response, 403, FORBIDDEN)
        self.assert_refused(self.post("/api/v1/reports/", self.body()), 401)
        self.assertFalse(Report.objects.exists())

    def test_unknown_ids_get_400_and_a_bad_body_422(self) -> None:
        response = self.post(
            "/api/v1/reports/",
            self.body(organisation_id=999999, action_plan_id=999999, period_id=999999),
            self.coordinator,
        )
        errors = self.assert_refused(response, 400)["errors"]
        self.assertEqual(set(errors), {"organisation_id", "action_plan_id", "period_id"})
        response = self.post("/api/v1/reports/", {"organisation_id": self.org.pk}, self.editor)
        self.assertEqual(
            self.assert_refused(response, 422)["errors"]["period_id"], ["Fältet måste anges."]
        )
        self.assertFalse(Report.objects.exists())


class ReportUpdateTests(PlanningWriteTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.report = self.make_report("T1")

    def url(self) -> str:
        return f"/api/v1/reports/{self.report.pk}"

    def body(self, **fields: Any) -> dict[str, Any]:
        return {
            "version": 1,
            "activity_updates": [
                {
                    "activity_id": self.activity.pk,
                    "status": "delayed",
                    "progress": 45,
                    "comment": "Lokalerna blev klara sent.",
                }
            ],
            "indicator_values": [{"indicator_id": self.indicator.pk, "value": "42.5"}],
            "goal_analyses": [{"goal_id": self.goal.pk, "text": "Vi ligger nästan i fas."}],
            **fields,
        }

    def assert_unchanged(self, events: int = 0) -> None:
        report = Report.objects.get(pk=self.report.pk)
        update = ActivityUpdate.objects.get(report=report, activity=self.activity)
        self.assertEqual((update.status, update.progress, update.comment), ("ongoing", 40, ""))
        self.assertFalse(IndicatorValue.objects.filter(report=report).exists())
        self.assertFalse(GoalAnalysis.objects.filter(report=report).exists())
        self.assertEqual(Activity.objects.get(pk=self.activity.pk).progress, 40)
        self.assertEqual(len(self.events_for(report, "update")), events)

    def test_an_editor_fills_in_the_report(self) -> None:
        # T1 is the current period, so the report also updates the live plan.
        ReportingPeriod.objects.filter(pk=self.periods["T1"].pk).update(
            deadline=timezone.localdate() + datetime.timedelta(days=30)
        )
        response = self.patch(self.url(), self.body(), self.editor)
        self.assertEqual(response.status_code, 200, response.content)
        body = response.json()
        self.assertEqual(body["version"], 2)
        [update] = body["activity_updates"]
        self.assertEqual((update["status"], update["progress"]), ("delayed", 45))
        [value] = body["indicator_values"]
        self.assertEqual(Decimal(value["value"]), Decimal("42.5"))
        self.assertEqual(body["goal_analyses"][0]["text"], "Vi ligger nästan i fas.")
        activity = Activity.objects.get(pk=self.activity.pk)
        self.assertEqual((activity.status, activity.progress), (ActivityStatus.DELAYED, 45))
        self.assertTrue(self.events_for(self.report, "update"))

    def test_only_what_is_sent_is_saved(self) -> None:
        response = self.patch(
            self.url(),
            {"version": 1, "goal_analyses": [{"goal_id": self.goal.pk, "text": "Bra."}]},
            self.editor,
        )
        self.assertEqual(response.status_code, 200, response.content)
        update = ActivityUpdate.objects.get(report=self.report, activity=self.activity)
        self.assertEqual(update.progress, 40)

    def test_a_stale_version_gets_409_and_nothing_is_saved(self) -> None:
        self.assertEqual(self.patch(self.url(), {"version": 1}, self.editor).status_code, 200)
        events = len(self.events_for(self.report, "update"))  # the trail is append-only
        response = self.patch(self.url(), self.body(), self.org_admin)
        self.assert_refused(response, 409, "har ändrats sedan du öppnade den")
        self.assert_unchanged(events=events)
        self.assertEqual(Report.objects.get(pk=self.report.pk).version, 2)

    def test_a_submitted_report_or_a_closed_period_gets_409(self) -> None:
        Report.objects.filter(pk=self.report.pk).update(status=ReportStatus.SUBMITTED)
        self.assert_refused(self.patch(self.url(), self.body(), self.editor), 409, "inskickad")
        Report.objects.filter(pk=self.report.pk).update(status=ReportStatus.DRAFT)
        self.close_period("T1")
        self.assert_refused(self.patch(self.url(), self.body(), self.editor), 409, "stängd")
        self.assert_unchanged()

    def test_outsiders_get_404_readers_403_and_anonymous_callers_401(self) -> None:
        # A draft does not exist for an outsider, as when they read it (and on the pages).
        self.assert_refused(
            self.patch(self.url(), self.body(), self.outsider), 404, "Rapporten finns inte."
        )
        for user in (self.reader, self.approver):
            with self.subTest(user=user.username):
                self.assert_refused(self.patch(self.url(), self.body(), user), 403, FORBIDDEN)
        self.assert_refused(self.patch(self.url(), self.body()), 401)
        self.assert_refused(self.patch("/api/v1/reports/999999", self.body(), self.editor), 404)
        self.assert_unchanged()

    def test_bad_contents_get_400_per_item_and_nothing_is_saved(self) -> None:
        updates = [{"activity_id": self.activity.pk, "status": "completed", "progress": 50}]
        response = self.patch(self.url(), self.body(activity_updates=updates), self.editor)
        errors = self.assert_refused(response, 400)["errors"]
        self.assertEqual(
            errors["activity_updates.0.progress"],
            ["En genomförd aktivitet ska ha framdriften 100 procent."],
        )
        other = self.make_activity(self.make_goal(self.other_org), title="Någon annans")
        updates = [{"activity_id": other.pk, "status": "ongoing", "progress": 5}]
        response = self.patch(self.url(), self.body(activity_updates=updates), self.editor)
        self.assertIn(
            "hör inte till rapporten", self.assert_refused(response, 400)["errors"]["__all__"][0]
        )
        values = [
            {"indicator_id": self.indicator.pk, "value": "1"},
            {"indicator_id": self.indicator.pk, "value": "123456789012345"},
        ]
        response = self.patch(self.url(), self.body(indicator_values=values), self.editor)
        errors = self.assert_refused(response, 400)["errors"]
        self.assertIn("indicator_values.1.indicator_id", errors)
        self.assertIn("indicator_values.1.value", errors)
        values = [{"indicator_id": self.indicator.pk, "category": "Flickor", "value": "3"}]
        response = self.patch(self.url(), self.body(indicator_values=values), self.editor)
        self.assert_refused(response, 400)
        self.assert_unchanged()
        self.assertEqual(Report.objects.get(pk=self.report.pk).version, 1)

    def test_a_body_that_breaks_the_schema_gets_422(self) -> None:
        self.assertIn(
            "version", self.assert_refused(self.patch(self.url(), {}, self.editor), 422)["errors"]
        )
        updates = [{"activity_id": self.activity.pk, "status": "ongoing", "progress": 101}]
        response = self.patch(self.url(), self.body(activity_updates=updates), self.editor)
        self.assertIn("activity_updates.0.progress", self.assert_refused(response, 422)["errors"])
        self.assert_unchanged()


class ReportReopenTests(PlanningWriteTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.report = self.make_report("T1", status=ReportStatus.APPROVED)

    def url(self, report: Report | None = None) -> str:
        return f"/api/v1/reports/{(report or self.report).pk}/reopen"

    def status_of(self) -> str:
        return Report.objects.get(pk=self.report.pk).status

    def test_a_coordinator_reopens_an_approved_report_with_a_comment(self) -> None:
        response = self.post(
            self.url(), {"comment": "  Indikatorvärdet är fel.  "}, self.coordinator
        )
        self.assertEqual(response.status_code, 200, response.content)
        body = response.json()
        self.assertEqual(body["status"], "returned")
        self.assertEqual(body["review_comment"], "Indikatorvärdet är fel.")
        self.assertTrue(self.events_for(self.report, "update"))

    def test_a_blank_comment_gets_400_and_a_missing_one_422(self) -> None:
        response = self.post(self.url(), {"comment": "  "}, self.coordinator)
        self.assertEqual(
            self.assert_refused(response, 400)["errors"]["comment"],
            ["Skriv en kommentar som förklarar vad som ska ändras."],
        )
        self.assert_refused(self.post(self.url(), {}, self.coordinator), 422)
        self.assertEqual(self.status_of(), ReportStatus.APPROVED)
        self.assertFalse(self.events_for(self.report, "update"))

    def test_editors_and_outsiders_get_403_and_anonymous_callers_401(self) -> None:
        for user in (self.editor, self.org_admin, self.outsider):
            with self.subTest(user=user.username):
                self.assert_refused(self.post(self.url(), {"comment": "Ändra"}, user), 403)
        self.assert_refused(self.post(self.url(), {"comment": "Ändra"}), 401)
        self.assertEqual(self.status_of(), ReportStatus.APPROVED)

    def test_a_draft_gets_409_and_a_closed_period_409(self) -> None:
        draft = self.make_report("T2")
        response = self.post(self.url(draft), {"comment": "Ändra"}, self.coordinator)
        self.assert_refused(response, 409, "Bara godkända rapporter")
        self.close_period("T1")
        response = self.post(self.url(), {"comment": "Ändra"}, self.coordinator)
        self.assert_refused(response, 409, "stängd")
        self.assertEqual(self.status_of(), ReportStatus.APPROVED)
        self.assertFalse(self.events_for(self.report, "update"))


class WorkflowTests(PlanningWriteTestCase):
    def test_the_whole_cycle_through_the_api(self) -> None:
        response = self.post(
            "/api/v1/reports/",
            {
                "organisation_id": self.org.pk,
                "action_plan_id": self.action_plan.pk,
                "period_id": self.periods["T1"].pk,
            },
            self.editor,
        )
        report = response.json()
        url = f"/api/v1/reports/{report['id']}"
        response = self.patch(
            url,
            {
                "version": report["version"],
                "goal_analyses": [{"goal_id": self.goal.pk, "text": "I fas."}],
            },
            self.editor,
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.post(f"{url}/submit", user=self.editor).status_code, 200)
        self.assertEqual(self.post(f"{url}/approve", user=self.coordinator).status_code, 200)
        self.assert_refused(self.patch(url, {"version": 3}, self.editor), 409, "godkänd")
        response = self.post(f"{url}/reopen", {"comment": "Komplettera."}, self.coordinator)
        self.assertEqual(response.json()["status"], "returned")
        version = response.json()["version"]
        self.assertEqual(self.patch(url, {"version": version}, self.editor).status_code, 200)
        self.assertEqual(next_statuses("returned"), {"submitted", "sign_off"})
