"""The planning API: the cycle, plans, goals, activities, indicators and their reads."""

import json
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from mrplan.accounts.actions import token_create
from mrplan.core.models import AuditEvent
from mrplan.planning.models import Activity, ActivityStatus, Milestone
from tests.test_planning_support import PlanningTestCase


class PlanningApiTestCase(PlanningTestCase):
    def setUp(self) -> None:
        self.goal = self.make_goal(title="Medarbetare har kunskap om rasism")
        self.goal.target_groups.set([self.target_group])
        self.activity = self.make_activity(self.goal, title="Utbildning för alla chefer")
        self.activity.target_groups.set([self.target_group])
        Milestone.objects.create(
            activity=self.activity, date=self.date(3, 1), title="Första utbildningen"
        )
        self.loose = self.make_activity(title="Föreläsning om afrofobi")
        self.indicator = self.make_indicator(self.goal, unit="procent")

    def get(self, url: str, user: Any = None, **params: Any) -> Any:
        client = self.client_for(user) if user is not None else Client()
        return client.get(url, params)

    def patch(self, url: str, body: Any, user: Any = None) -> Any:
        client = self.client_for(user) if user is not None else Client()
        return client.patch(
            url,
            body if isinstance(body, str) else json.dumps(body),
            content_type="application/json",
        )


class PlanningYearListTests(PlanningApiTestCase):
    def test_a_signed_in_user_lists_the_years_with_their_periods(self) -> None:
        response = self.get("/api/v1/planning/years/", self.outsider)
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["count"], 1)
        year = body["items"][0]
        self.assertEqual(year["year"], 2026)
        codes = [period["code"] for period in year["periods"]]
        self.assertEqual(codes, ["VP", "T1", "T2", "VB"])
        self.assertEqual(year["periods"][1]["status"], "open")
        self.assertEqual(year["periods"][1]["status_label"], "Öppen")
        self.assertIn("deadline", year["periods"][1])

    def test_it_answers_an_anonymous_caller_401_in_swedish(self) -> None:
        response = self.get("/api/v1/planning/years/")
        self.assertEqual(response.status_code, 401)
        self.assertIn("Logga in", response.json()["detail"])

    def test_a_token_works_too(self) -> None:
        _token, key = token_create(actor=self.reader, name="Skript")
        response = Client().get(
            "/api/v1/planning/years/", headers={"Authorization": f"Bearer {key}"}
        )
        self.assertEqual(response.status_code, 200)


class PlanDetailTests(PlanningApiTestCase):
    def url(self, organisation: Any = None, year: int = 2026) -> str:
        return f"/api/v1/organisations/{(organisation or self.org).pk}/plan/{year}"

    def test_an_outsider_reads_the_plan_with_goals_activities_and_rollup(self) -> None:
        response = self.get(self.url(), self.outsider)
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["organisation_id"], self.org.pk)
        self.assertEqual(body["year"], 2026)
        self.assertTrue(body["is_open"])
        [goal] = body["goals"]
        self.assertEqual(goal["title"], "Medarbetare har kunskap om rasism")
        self.assertEqual(goal["development_area_ids"], [self.area.pk])
        self.assertEqual(goal["target_group_ids"], [self.target_group.pk])
        self.assertEqual(goal["indicators"][0]["unit"], "procent")
        [activity] = goal["activities"]
        self.assertEqual(activity["status"], "ongoing")
        self.assertEqual(activity["status_label"], "Pågår")
        self.assertEqual(activity["progress"], 40)
        self.assertEqual(activity["milestones"][0]["title"], "Första utbildningen")
        self.assertEqual(activity["version"], 1)
        self.assertEqual(goal["progress"]["percent"], 40)
        self.assertEqual(goal["progress"]["label"], "I fas")
        self.assertEqual(goal["progress"]["colour"], "green")
        self.assertEqual(
            [row["title"] for row in body["other_activities"]], ["Föreläsning om afrofobi"]
        )
        [plan] = body["action_plans"]
        self.assertEqual(plan["action_plan_id"], self.action_plan.pk)
        self.assertEqual(plan["progress"]["percent"], 40)
        self.assertTrue(plan["progress"]["method"])

    def test_it_answers_an_anonymous_caller_401(self) -> None:
        self.assertEqual(self.get(self.url()).status_code, 401)

    def test_it_answers_404_in_swedish_for_an_unknown_year_or_organisation(self) -> None:
        response = self.get(self.url(year=1999), self.editor)
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json()["detail"], "Planeringsåret finns inte.")
        response = self.get("/api/v1/organisations/999999/plan/2026", self.editor)
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json()["detail"], "Organisationen finns inte.")

    def test_it_answers_422_in_swedish_for_a_year_that_is_not_a_number(self) -> None:
        response = self.get(f"/api/v1/organisations/{self.org.pk}/plan/tjugo", self.editor)
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["errors"]["year"], ["Ange ett heltal."])

    def count_queries(self) -> int:
        client = self.client_for(self.outsider)
        client.get(self.url())  # warm up the session
        with CaptureQueriesContext(connection) as queries:
            response = client.get(self.url())
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def test_it_costs_a_fixed_number_of_queries_whatever_the_size(self) -> None:
        small = self.count_queries()
        for number in range(5):
            goal = self.make_goal(title=f"Mål {number}", development_areas=[self.children_area])
            goal.target_groups.set([self.target_group])
            self.make_indicator(goal, name=f"Indikator {number}")
            for index in range(3):
                activity = self.make_activity(goal, title=f"Aktivitet {number}.{index}")
                activity.target_groups.set([self.target_group])
                Milestone.objects.create(activity=activity, date=self.date(5, 1), title="Klar")
            self.make_activity(title=f"Lös aktivitet {number}", city_activity=self.city_activity)
        self.make_report("T1")
        large = self.count_queries()
        self.assertEqual(small, large)
        self.assertLessEqual(large, 17)


class GoalActivityIndicatorDetailTests(PlanningApiTestCase):
    def test_an_outsider_reads_a_goal_with_indicators_activities_and_progress(self) -> None:
        response = self.get(f"/api/v1/goals/{self.goal.pk}", self.outsider)
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["organisation_id"], self.org.pk)
        self.assertEqual(body["year"], 2026)
        self.assertEqual([row["id"] for row in body["indicators"]], [self.indicator.pk])
        self.assertEqual([row["id"] for row in body["activities"]], [self.activity.pk])
        self.assertEqual(body["progress"]["label"], "I fas")

    def test_an_outsider_reads_an_activity(self) -> None:
        response = self.get(f"/api/v1/activities/{self.activity.pk}", self.outsider)
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["goal_id"], self.goal.pk)
        self.assertEqual(body["target_group_ids"], [self.target_group.pk])
        self.assertEqual(body["assessment"]["label"], "I fas")

    def test_an_outsider_reads_an_indicator(self) -> None:
        response = self.get(f"/api/v1/indicators/{self.indicator.pk}", self.outsider)
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["goal_id"], self.goal.pk)
        self.assertEqual(body["direction"], "higher")
        self.assertEqual(body["direction_label"], "Högre är bättre")

    def test_anonymous_callers_get_401(self) -> None:
        for url in (
            f"/api/v1/goals/{self.goal.pk}",
            f"/api/v1/activities/{self.activity.pk}",
            f"/api/v1/indicators/{self.indicator.pk}",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.get(url).status_code, 401)

    def test_unknown_ids_get_a_swedish_404(self) -> None:
        expected = {
            "/api/v1/goals/999999": "Målet finns inte.",
            "/api/v1/activities/999999": "Aktiviteten finns inte.",
            "/api/v1/indicators/999999": "Indikatorn finns inte.",
            "/api/v1/activities/99999999999999999999999": "Aktiviteten finns inte.",
        }
        for url, detail in expected.items():
            with self.subTest(url=url):
                response = self.get(url, self.editor)
                self.assertIn(response.status_code, (404, 422))
                if response.status_code == 404:
                    self.assertEqual(response.json()["detail"], detail)


class ActivityUpdateTests(PlanningApiTestCase):
    def url(self) -> str:
        return f"/api/v1/activities/{self.activity.pk}"

    def assert_unchanged(self) -> None:
        activity = Activity.objects.get(pk=self.activity.pk)
        self.assertEqual(activity.status, ActivityStatus.ONGOING)
        self.assertEqual(activity.progress, 40)
        self.assertEqual(activity.description, "")
        self.assertEqual(activity.version, 1)
        self.assertEqual(Milestone.objects.filter(activity=activity).count(), 1)
        self.assertFalse(self.events_for(activity, "update"))

    def test_an_editor_changes_status_progress_and_milestones(self) -> None:
        response = self.patch(
            self.url(),
            {
                "version": 1,
                "status": "delayed",
                "progress": 55,
                "description": "  Vi har fått vänta på lokaler.  ",
                "milestones": [{"date": "2026-06-01", "title": "Andra utbildningen"}],
            },
            self.editor,
        )
        self.assertEqual(response.status_code, 200, response.content)
        body = response.json()
        self.assertEqual(body["status"], "delayed")
        self.assertEqual(body["progress"], 55)
        self.assertEqual(body["version"], 2)
        self.assertEqual(len(body["milestones"]), 2)
        activity = Activity.objects.get(pk=self.activity.pk)
        self.assertEqual(activity.description, "Vi har fått vänta på lokaler.")
        self.assertEqual(activity.version, 2)
        self.assertTrue(self.events_for(activity, "update"))

    def test_a_coordinator_may_change_any_organisations_activity(self) -> None:
        response = self.patch(self.url(), {"version": 1, "progress": 60}, self.coordinator)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(Activity.objects.get(pk=self.activity.pk).progress, 60)

    def test_an_outsider_and_a_reader_get_403_and_nothing_changes(self) -> None:
        for user in (self.outsider, self.reader, self.approver):
            with self.subTest(user=user.username):
                response = self.patch(self.url(), {"version": 1, "progress": 90}, user)
                self.assertEqual(response.status_code, 403)
                self.assertEqual(
                    response.json()["detail"], "Du har inte behörighet att göra det här."
                )
        self.assert_unchanged()

    def test_an_anonymous_caller_gets_401(self) -> None:
        response = self.patch(self.url(), {"version": 1, "progress": 90})
        self.assertEqual(response.status_code, 401)
        self.assert_unchanged()

    def test_a_stale_version_gets_409_with_the_changed_since_message(self) -> None:
        Activity.objects.filter(pk=self.activity.pk).update(version=2)
        response = self.patch(self.url(), {"version": 1, "progress": 90}, self.editor)
        self.assertEqual(response.status_code, 409)
        self.assertIn("har ändrats sedan du öppnade den", response.json()["detail"])
        activity = Activity.objects.get(pk=self.activity.pk)
        self.assertEqual(activity.progress, 40)
        self.assertEqual(activity.version, 2)
        self.assertFalse(self.events_for(activity, "update"))

    def test_of_two_saves_from_the_same_version_the_second_is_refused(self) -> None:
        first = self.patch(self.url(), {"version": 1, "progress": 50}, self.editor)
        second = self.patch(self.url(), {"version": 1, "progress": 70}, self.org_admin)
        self.assertEqual(first.status_code, 200)
        self.assertEqual(second.status_code, 409)
        self.assertEqual(Activity.objects.get(pk=self.activity.pk).progress, 50)

    def test_a_progress_contradicting_the_status_is_refused_with_400(self) -> None:
        response = self.patch(self.url(), {"version": 1, "status": "completed"}, self.editor)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(
            response.json()["errors"]["progress"],
            ["En genomförd aktivitet ska ha framdriften 100 procent."],
        )
        self.assert_unchanged()

    def test_an_unknown_target_group_or_foreign_department_is_refused_with_400(self) -> None:
        response = self.patch(
            self.url(),
            {
                "version": 1,
                "target_group_ids": [999999],
                "responsible_department_id": self.other_department.pk,
            },
            self.editor,
        )
        self.assertEqual(response.status_code, 400)
        errors = response.json()["errors"]
        self.assertEqual(errors["target_group_ids"], ["Det finns ingen målgrupp med id 999999."])
        self.assertIn("avdelning", errors["responsible_department_id"][0])
        self.assert_unchanged()

    def test_schema_errors_get_422_in_swedish(self) -> None:
        cases: list[tuple[Any, str, str]] = [
            ({"progress": 50}, "version", "Fältet måste anges."),
            ({"version": 1, "progress": 101}, "progress", "Värdet får vara högst 100."),
            ({"version": 1, "status": "klar"}, "status", ""),
            ({"version": 1, "colour": "red"}, "colour", "Fältet finns inte."),
            ({"version": 1, "title": None}, "title", "Värdet får inte vara null."),
        ]
        for body, field, message in cases:
            with self.subTest(body=body):
                response = self.patch(self.url(), body, self.editor)
                self.assertEqual(response.status_code, 422)
                self.assertIn(message, response.json()["errors"][field][0])
        self.assert_unchanged()

    def test_a_closed_year_is_refused_with_409(self) -> None:
        self.close_year()
        response = self.patch(self.url(), {"version": 1, "progress": 90}, self.editor)
        self.assertEqual(response.status_code, 409)
        self.assertIn("stängda", response.json()["detail"])
        self.assert_unchanged()

    def test_no_audit_event_is_written_for_a_refusal(self) -> None:
        before = AuditEvent.objects.count()
        self.patch(self.url(), {"version": 1, "status": "completed"}, self.editor)
        self.assertEqual(AuditEvent.objects.count(), before)


class PlanningOpenApiTests(PlanningApiTestCase):
    def test_every_planning_endpoint_is_documented_and_needs_a_user(self) -> None:
        paths = self.client.get("/api/v1/openapi.json").json()["paths"]
        expected = [
            "/api/v1/planning/years/",
            "/api/v1/organisations/{organisation_id}/plan/{year}",
            "/api/v1/goals/{goal_id}",
            "/api/v1/activities/{activity_id}",
            "/api/v1/indicators/{indicator_id}",
            "/api/v1/reports/",
            "/api/v1/reports/{report_id}",
            "/api/v1/reports/{report_id}/submit",
            "/api/v1/reports/{report_id}/return",
            "/api/v1/reports/{report_id}/approve",
        ]
        for path in expected:
            with self.subTest(path=path):
                self.assertIn(path, paths)
                for operation in paths[path].values():
                    self.assertNotIn({}, operation["security"])
        self.assertIn("patch", paths["/api/v1/activities/{activity_id}"])
