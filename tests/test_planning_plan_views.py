from decimal import Decimal
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mrplan.planning.models import (
    Activity,
    Goal,
    Indicator,
    IndicatorValue,
    Milestone,
    Report,
)
from tests.test_planning_support import PlanningTestCase


class PlanPageTests(PlanningTestCase):
    def url(self, slug: str | None = None, year: int = 2026) -> str:
        return reverse("planning-plan", args=[slug or self.org.slug, year])

    def populate(self, goals: int) -> None:
        """Give the organisation GOALS goals, each with two activities and an indicator."""
        t1 = Report.objects.filter(period=self.periods["T1"]).first() or self.make_report("T1")
        for number in range(goals):
            goal = self.make_goal(title=f"Mål {number}", development_areas=[self.area])
            goal.target_groups.set([self.target_group])
            for half in ("a", "b"):
                activity = self.make_activity(
                    goal,
                    title=f"Aktivitet {number}{half}",
                    responsible_department=self.department,
                    start_date=self.date(1, 1),
                    end_date=self.date(12, 31),
                )
                activity.target_groups.set([self.target_group])
                Milestone.objects.create(activity=activity, date=self.date(3, 1), title="Klart")
            indicator = self.make_indicator(goal, name=f"Indikator {number}")
            IndicatorValue.objects.create(report=t1, indicator=indicator, value=Decimal(number))
        self.make_activity(title=f"Lös aktivitet {goals}", city_activity=self.city_activity)

    def test_an_editor_sees_the_plan_with_edit_buttons(self) -> None:
        goal = self.make_goal(title="Medarbetare har kunskap om rasism")
        activity = self.make_activity(goal, title="Utbildning för chefer", progress=40)
        Milestone.objects.create(activity=activity, date=self.date(3, 1), title="Första passet")
        self.make_indicator(goal, name="Andel chefer som gått utbildningen", unit="procent")
        response = self.client_for(self.editor).get(self.url())
        self.assertEqual(response.status_code, 200)
        for text in (
            "Plan 2026: Hägersten-Älvsjö stadsdelsförvaltning",
            "Medarbetare har kunskap om rasism",
            "Utbildning för chefer",
            "Första passet",
            "Andel chefer som gått utbildningen",
            "Nytt mål",
            "Ändra målet",
            "Nästa rapportering",
            "Verksamhetsplan (VP)",
            "Historik",
            "Påbörja rapporten",
        ):
            self.assertContains(response, text)
        self.assertContains(response, "40 %")

    def test_the_roll_up_shows_a_text_label_with_the_colour(self) -> None:
        goal = self.make_goal()
        self.make_activity(goal, status="delayed", progress=10)
        response = self.client_for(self.reader).get(self.url())
        self.assertContains(response, '<span class="badge status-bad">Försenad</span>', html=True)

    def test_readers_and_outsiders_read_without_edit_buttons(self) -> None:
        self.make_goal(title="Ett mål")
        self.assertEqual(self.client_for(self.nobody).get(self.url()).status_code, 403)
        for user in (self.reader, self.approver, self.outsider):
            response = self.client_for(user).get(self.url())
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, "Ett mål")
            self.assertNotContains(response, "Nytt mål")
            self.assertNotContains(response, "Påbörja rapporten")
            self.assertContains(response, "Du kan läsa planen")
        outsider_page = self.client_for(self.outsider).get(self.url())
        self.assertNotContains(outsider_page, "Historik")

    def test_anonymous_visitors_get_the_login_page(self) -> None:
        response = self.client_for(None).get(self.url())
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("accounts-login"), response["Location"])

    def test_an_unknown_organisation_or_year_is_not_found(self) -> None:
        client = self.client_for(self.editor)
        self.assertEqual(client.get(self.url(slug="finns-inte")).status_code, 404)
        self.assertEqual(client.get(self.url(year=2031)).status_code, 404)

    def test_a_closed_year_is_shown_read_only_even_to_editors(self) -> None:
        self.close_year()
        response = self.client_for(self.editor).get(self.url())
        self.assertContains(response, "Planen kan läsas men inte längre ändras")
        self.assertNotContains(response, "Nytt mål")

    def test_the_organisation_link_sends_to_the_current_year(self) -> None:
        response = self.client_for(self.reader).get(
            reverse("planning-organisation", args=[self.org.slug])
        )
        self.assertRedirects(response, self.url())

    def test_the_page_costs_the_same_number_of_queries_at_two_data_sizes(self) -> None:
        client = self.client_for(self.editor)
        self.populate(goals=1)
        with CaptureQueriesContext(connection) as small:
            self.assertEqual(client.get(self.url()).status_code, 200)
        self.populate(goals=6)
        self.make_report("VP")
        self.make_report("T2", action_plan=self.other_plan)
        self.assertEqual(Activity.objects.count(), 2 * 7 + 2)
        with self.assertNumQueries(len(small.captured_queries)):
            response = client.get(self.url())
        self.assertContains(response, "Aktivitet 5b")


def activity_post(activity: Activity | None = None, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Utbildning för chefer",
        "description": "",
        "goal": "",
        "development_area": "",
        "city_activity": "",
        "responsible_department": "",
        "start_date": "2026-02-01",
        "end_date": "2026-06-30",
        "status": "ongoing",
        "progress": "30",
        "weight": "1",
        "delmal-TOTAL_FORMS": "2",
        "delmal-INITIAL_FORMS": "0",
        "delmal-MIN_NUM_FORMS": "0",
        "delmal-MAX_NUM_FORMS": "50",
    }
    if activity is not None:
        data["version"] = str(activity.version)
    data.update(overrides)
    return data


class GoalViewTests(PlanningTestCase):
    def create_url(self) -> str:
        return reverse("planning-goal-create", args=[self.org.slug, 2026])

    def test_an_editor_adds_a_goal(self) -> None:
        response = self.client_for(self.editor).post(
            self.create_url(),
            {
                "title": "Barn möts av en förskola fri från rasism",
                "development_areas": [self.area.pk],
            },
        )
        goal = Goal.objects.get()
        self.assertRedirects(response, goal.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual(list(goal.development_areas.all()), [self.area])
        self.assertEqual(len(self.events_for(goal, "create")), 1)

    def test_bad_input_re_renders_the_form_in_swedish_and_saves_nothing(self) -> None:
        response = self.client_for(self.editor).post(
            self.create_url(), {"title": "", "development_areas": ["999999"]}
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Formuläret innehåller fel", status_code=400)
        self.assertContains(response, "Detta fält måste fyllas i", status_code=400)
        self.assertFalse(Goal.objects.exists())

    def test_readers_and_outsiders_are_forbidden_and_anonymous_sent_to_login(self) -> None:
        for user in (self.reader, self.approver, self.outsider):
            self.assertEqual(self.client_for(user).get(self.create_url()).status_code, 403)
            response = self.client_for(user).post(self.create_url(), {"title": "Otillåtet"})
            self.assertEqual(response.status_code, 403)
        response = self.client_for(None).post(self.create_url(), {"title": "Otillåtet"})
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("accounts-login"), response["Location"])
        self.assertFalse(Goal.objects.exists())

    def test_an_editor_changes_a_goal(self) -> None:
        goal = self.make_goal(title="Före")
        url = reverse("planning-goal-edit", args=[self.org.slug, 2026, goal.pk])
        client = self.client_for(self.editor)
        self.assertContains(client.get(url), 'value="Före"')
        client.post(url, {"title": "Efter", "development_areas": [self.children_area.pk]})
        goal.refresh_from_db()
        self.assertEqual(goal.title, "Efter")
        self.assertEqual(self.events_for(goal, "update")[0].changes["title"], ["Före", "Efter"])

    def test_a_goal_of_another_organisation_is_not_found_under_this_one(self) -> None:
        goal = self.make_goal(organisation=self.other_org)
        url = reverse("planning-goal-edit", args=[self.org.slug, 2026, goal.pk])
        self.assertEqual(self.client_for(self.coordinator).get(url).status_code, 404)

    def test_deleting_asks_first_and_refuses_a_goal_with_activities(self) -> None:
        goal = self.make_goal()
        self.make_activity(goal)
        url = reverse("planning-goal-delete", args=[self.org.slug, 2026, goal.pk])
        client = self.client_for(self.editor)
        self.assertContains(client.get(url), "Vill du ta bort målet")
        response = client.post(url)
        self.assertContains(response, "Målet har aktiviteter", status_code=400)
        self.assertTrue(Goal.objects.filter(pk=goal.pk).exists())
        self.assertEqual(self.client_for(self.reader).post(url).status_code, 403)

    def test_an_empty_goal_is_deleted(self) -> None:
        goal = self.make_goal()
        url = reverse("planning-goal-delete", args=[self.org.slug, 2026, goal.pk])
        response = self.client_for(self.editor).post(url)
        self.assertRedirects(
            response,
            reverse("planning-plan", args=[self.org.slug, 2026]),
            fetch_redirect_response=False,
        )
        self.assertFalse(Goal.objects.exists())


class ActivityViewTests(PlanningTestCase):
    def create_url(self) -> str:
        return reverse("planning-activity-create", args=[self.org.slug, 2026])

    def edit_url(self, activity: Activity) -> str:
        return reverse("planning-activity-edit", args=[self.org.slug, 2026, activity.pk])

    def test_an_editor_adds_an_activity_with_milestones(self) -> None:
        goal = self.make_goal()
        response = self.client_for(self.editor).post(
            self.create_url(),
            activity_post(
                goal=str(goal.pk),
                responsible_department=str(self.department.pk),
                target_groups=[str(self.target_group.pk)],
                **{"delmal-0-date": "2026-03-01", "delmal-0-title": "Första passet"},
            ),
        )
        activity = Activity.objects.get()
        self.assertRedirects(response, activity.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual(activity.goal, goal)
        self.assertEqual(
            list(activity.milestones.values_list("title", flat=True)), ["Första passet"]
        )

    def test_the_goal_is_preselected_from_the_query_string(self) -> None:
        goal = self.make_goal()
        response = self.client_for(self.editor).get(self.create_url() + f"?mal={goal.pk}")
        self.assertContains(response, f'<option value="{goal.pk}" selected>')

    def test_bad_input_is_re_rendered_and_nothing_saved(self) -> None:
        cases = [
            activity_post(),  # no goal, area or city activity
            activity_post(development_area=str(self.area.pk), progress="150"),
            activity_post(
                development_area=str(self.area.pk), **{"delmal-0-title": "Delmål utan datum"}
            ),
            activity_post(development_area=str(self.area.pk), end_date="2026-01-01"),
        ]
        messages = [
            "Koppla aktiviteten till ett mål",
            "Framdriften kan inte vara mer än 100",
            "Ange både datum och text för delmålet",
            "Slutdatumet kan inte ligga före startdatumet",
        ]
        client = self.client_for(self.editor)
        for data, message in zip(cases, messages, strict=True):
            with self.subTest(message):
                response = client.post(self.create_url(), data)
                self.assertContains(response, message, status_code=400)
        self.assertFalse(Activity.objects.exists())

    def test_a_stale_edit_is_refused_and_nothing_is_overwritten(self) -> None:
        activity = self.make_activity(title="Utbildning", progress=40)
        anna, erik = self.client_for(self.org_admin), self.client_for(self.editor)
        opened = activity_post(activity, development_area=str(self.area.pk), title="Utbildning")
        anna.post(self.edit_url(activity), {**opened, "progress": "50"})
        response = erik.post(self.edit_url(activity), {**opened, "progress": "90"})
        self.assertContains(
            response, "Aktiviteten har ändrats sedan du öppnade den", status_code=400
        )
        activity.refresh_from_db()
        self.assertEqual((activity.progress, activity.version), (50, 2))

    def test_an_edit_without_a_version_is_refused(self) -> None:
        activity = self.make_activity()
        data = activity_post(activity, development_area=str(self.area.pk), progress="70")
        del data["version"]
        response = self.client_for(self.editor).post(self.edit_url(activity), data)
        self.assertContains(response, "Formuläret saknar versionsnummer", status_code=400)
        activity.refresh_from_db()
        self.assertEqual(activity.progress, 40)

    def test_the_edit_form_carries_the_version_and_milestones(self) -> None:
        activity = self.make_activity()
        Milestone.objects.create(activity=activity, date=self.date(4, 1), title="Halvvägs")
        response = self.client_for(self.editor).get(self.edit_url(activity))
        self.assertContains(response, 'name="version" value="1"')
        self.assertContains(response, 'value="Halvvägs"')

    def test_readers_outsiders_and_anonymous_cannot_edit(self) -> None:
        activity = self.make_activity()
        data = activity_post(activity, development_area=str(self.area.pk), progress="99")
        for user in (self.reader, self.outsider):
            self.assertEqual(
                self.client_for(user).post(self.edit_url(activity), data).status_code, 403
            )
        self.assertEqual(self.client_for(None).get(self.edit_url(activity)).status_code, 302)
        activity.refresh_from_db()
        self.assertEqual(activity.progress, 40)

    def test_deleting_an_activity(self) -> None:
        activity = self.make_activity()
        url = reverse("planning-activity-delete", args=[self.org.slug, 2026, activity.pk])
        self.assertEqual(self.client_for(self.outsider).post(url).status_code, 403)
        self.client_for(self.editor).post(url)
        self.assertFalse(Activity.objects.exists())


class IndicatorViewTests(PlanningTestCase):
    def test_an_editor_adds_an_indicator_with_a_breakdown(self) -> None:
        goal = self.make_goal()
        url = reverse("planning-indicator-create", args=[self.org.slug, 2026, goal.pk])
        response = self.client_for(self.editor).post(
            url,
            {
                "name": "Andel medarbetare som gått utbildningen",
                "unit": "procent",
                "direction": "higher",
                "baseline_value": "8,5",
                "baseline_year": "2025",
                "target_value": "90",
                "target_year": "2026",
                "breakdown_dimension": "Kön",
                "breakdown_categories": "Kvinnor\nMän",
            },
        )
        indicator = Indicator.objects.get()
        self.assertRedirects(response, indicator.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual(indicator.baseline_value, Decimal("8.5"))
        self.assertEqual(indicator.breakdown_categories, ["Kvinnor", "Män"])

    def test_bad_numbers_are_refused_in_swedish(self) -> None:
        goal = self.make_goal()
        url = reverse("planning-indicator-create", args=[self.org.slug, 2026, goal.pk])
        response = self.client_for(self.editor).post(
            url,
            {"name": "X", "direction": "higher", "baseline_value": "många", "target_year": "26"},
        )
        self.assertContains(response, "Ange ett tal, till exempel 12,5", status_code=400)
        self.assertContains(response, "Ange ett år från och med 2000", status_code=400)
        self.assertFalse(Indicator.objects.exists())

    def test_editing_and_deleting_are_for_writers(self) -> None:
        goal = self.make_goal()
        indicator = self.make_indicator(goal, name="Före")
        edit = reverse("planning-indicator-edit", args=[self.org.slug, 2026, indicator.pk])
        delete = reverse("planning-indicator-delete", args=[self.org.slug, 2026, indicator.pk])
        self.assertEqual(self.client_for(self.reader).get(edit).status_code, 403)
        self.client_for(self.editor).post(edit, {"name": "Efter", "direction": "lower"})
        indicator.refresh_from_db()
        self.assertEqual((indicator.name, indicator.direction), ("Efter", "lower"))
        self.assertEqual(self.client_for(self.outsider).post(delete).status_code, 403)
        self.client_for(self.editor).post(delete)
        self.assertFalse(Indicator.objects.exists())


class HistoryTests(PlanningTestCase):
    def test_members_and_coordinators_see_the_history_of_a_goal(self) -> None:
        goal = self.make_goal(title="Före")
        self.client_for(self.editor).post(
            reverse("planning-goal-edit", args=[self.org.slug, 2026, goal.pk]),
            {"title": "Efter", "development_areas": [self.area.pk]},
        )
        url = reverse("core-history", args=["goal", goal.pk])
        for user in (self.reader, self.coordinator):
            response = self.client_for(user).get(url)
            self.assertContains(response, "Efter")
        self.assertEqual(self.client_for(self.outsider).get(url).status_code, 404)

    def test_every_planning_kind_has_a_history_page(self) -> None:
        goal = self.make_goal()
        activity = self.make_activity(goal)
        indicator = self.make_indicator(goal)
        report = self.make_report("T1")
        client = self.client_for(self.editor)
        for kind, obj in (
            ("goal", goal),
            ("activity", activity),
            ("indicator", indicator),
            ("report", report),
            ("reporting-period", self.periods["T1"]),
        ):
            with self.subTest(kind):
                response = client.get(reverse("core-history", args=[kind, obj.pk]))
                self.assertEqual(response.status_code, 200)
        self.assertEqual(client.get(reverse("core-history", args=["goal", "x1"])).status_code, 404)
