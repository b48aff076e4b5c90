from decimal import Decimal
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mrplan.planning.models import Activity, ActivityUpdate, GoalAnalysis, IndicatorValue, Report
from tests.test_planning_support import PlanningTestCase


class ReportCreateViewTests(PlanningTestCase):
    def url(self) -> str:
        return reverse("planning-report-create", args=[self.org.slug, 2026])

    def test_an_editor_starts_a_report_filled_in_from_the_plan(self) -> None:
        activity = self.make_activity(progress=35)
        client = self.client_for(self.editor)
        page = client.get(
            self.url() + f"?handlingsplan={self.action_plan.pk}&period={self.periods['T1'].pk}"
        )
        self.assertContains(page, f'<option value="{self.periods["T1"].pk}" selected>')
        response = client.post(
            self.url(), {"action_plan": self.action_plan.pk, "period": self.periods["T1"].pk}
        )
        report = Report.objects.get()
        self.assertRedirects(response, report.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual(report.activity_updates.get().activity, activity)

    def test_a_closed_period_cannot_be_chosen(self) -> None:
        self.close_period("T1")
        response = self.client_for(self.editor).post(
            self.url(), {"action_plan": self.action_plan.pk, "period": self.periods["T1"].pk}
        )
        self.assertContains(response, "Välj ett giltigt alternativ", status_code=400)
        self.assertFalse(Report.objects.exists())

    def test_a_second_report_for_the_same_period_is_refused(self) -> None:
        self.make_report("T1")
        response = self.client_for(self.editor).post(
            self.url(), {"action_plan": self.action_plan.pk, "period": self.periods["T1"].pk}
        )
        self.assertContains(response, "Det finns redan en rapport", status_code=400)
        self.assertEqual(Report.objects.count(), 1)

    def test_readers_outsiders_and_anonymous_cannot_start_reports(self) -> None:
        data = {"action_plan": self.action_plan.pk, "period": self.periods["T1"].pk}
        for user in (self.reader, self.approver, self.outsider):
            self.assertEqual(self.client_for(user).post(self.url(), data).status_code, 403)
        self.assertEqual(self.client_for(None).post(self.url(), data).status_code, 302)
        self.assertFalse(Report.objects.exists())


class ReportPageTests(PlanningTestCase):
    def setUp(self) -> None:
        self.goal = self.make_goal(title="Medarbetare har kunskap om rasism")
        self.activity = self.make_activity(self.goal, title="Utbildning för chefer", progress=40)
        self.indicator = self.make_indicator(
            self.goal,
            name="Andel som gått utbildningen",
            breakdown_dimension="Kön",
            breakdown_categories=["Kvinnor", "Män"],
        )
        self.report = self.make_report("T1")
        self.url = self.report.get_absolute_url()

    def post_data(self, **overrides: Any) -> dict[str, Any]:
        pk, ind, goal = self.activity.pk, self.indicator.pk, self.goal.pk
        data = {
            "version": str(self.report.version),
            f"activity-{pk}-status": "ongoing",
            f"activity-{pk}-progress": "60",
            f"activity-{pk}-comment": "Går enligt plan.",
            f"indicator-{ind}-0": "42,5",
            f"indicator-{ind}-1": "45",
            f"indicator-{ind}-2": "",
            f"goal-{goal}-analysis": "Arbetet går framåt.",
        }
        data.update(overrides)
        return data

    def test_an_editor_sees_the_form_filled_in(self) -> None:
        response = self.client_for(self.editor).get(self.url)
        self.assertContains(response, "Utbildning för chefer")
        self.assertContains(response, f'name="activity-{self.activity.pk}-progress" value="40"')
        self.assertContains(response, "Spara och skicka in")
        self.assertContains(response, "<legend>Andel som gått utbildningen</legend>", html=True)

    def test_readers_see_the_report_read_only_and_outsiders_not_at_all(self) -> None:
        # Need-to-know: an unfinished report does not exist for another organisation.
        self.assertEqual(self.client_for(self.outsider).get(self.url).status_code, 404)
        for user in (self.reader,):
            response = self.client_for(user).get(self.url)
            self.assertContains(response, "Utbildning för chefer")
            self.assertNotContains(response, "Spara och skicka in")
            self.assertNotContains(response, "Godkänn rapporten")
        self.assertEqual(self.client_for(None).get(self.url).status_code, 302)

    def test_an_editor_saves_the_report(self) -> None:
        response = self.client_for(self.editor).post(self.url, self.post_data())
        self.assertRedirects(response, self.url, fetch_redirect_response=False)
        update = ActivityUpdate.objects.get(report=self.report)
        self.assertEqual((update.progress, update.comment), (60, "Går enligt plan."))
        values = dict(self.report.indicator_values.values_list("category", "value"))
        self.assertEqual(values, {"": Decimal("42.5"), "Kvinnor": Decimal(45)})
        self.assertEqual(GoalAnalysis.objects.get().text, "Arbetet går framåt.")
        self.assertEqual(len(self.events_for(self.report, "update")), 1)

    def test_save_and_submit_in_one_go(self) -> None:
        self.client_for(self.editor).post(self.url, self.post_data(submit_report="1"))
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, "submitted")

    def test_saved_but_not_submitted_says_why(self) -> None:
        pk = self.activity.pk
        response = self.client_for(self.editor).post(
            self.url,
            self.post_data(
                submit_report="1",
                **{f"activity-{pk}-status": "delayed", f"activity-{pk}-comment": ""},
            ),
            follow=True,
        )
        self.assertContains(response, "Rapporten är sparad men kunde inte skickas in")
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, "draft")

    def test_bad_input_is_re_rendered_with_its_context_and_nothing_saved(self) -> None:
        pk = self.activity.pk
        response = self.client_for(self.editor).post(
            self.url,
            self.post_data(
                **{
                    f"activity-{pk}-progress": "150",
                    f"indicator-{self.indicator.pk}-0": "mycket",
                }
            ),
        )
        self.assertContains(
            response,
            "Utbildning för chefer, framdrift: Framdriften kan inte vara mer än 100.",
            status_code=400,
        )
        self.assertContains(response, "Ange ett tal, till exempel 12,5", status_code=400)
        self.assertFalse(GoalAnalysis.objects.exists())
        self.assertEqual(ActivityUpdate.objects.get().progress, 40)

    def test_an_action_error_is_shown_next_to_its_field(self) -> None:
        pk = self.activity.pk
        response = self.client_for(self.editor).post(
            self.url, self.post_data(**{f"activity-{pk}-status": "completed"})
        )
        self.assertContains(
            response, "En genomförd aktivitet ska ha framdriften 100", status_code=400
        )
        self.assertFalse(IndicatorValue.objects.exists())

    def test_a_stale_save_is_refused(self) -> None:
        stale = self.post_data()
        self.client_for(self.org_admin).post(
            self.url, self.post_data(**{f"goal-{self.goal.pk}-analysis": "Annas analys"})
        )
        response = self.client_for(self.editor).post(self.url, stale)
        self.assertContains(response, "Rapporten har ändrats sedan du öppnade den", status_code=400)
        self.assertEqual(GoalAnalysis.objects.get().text, "Annas analys")

    def test_readers_cannot_post(self) -> None:
        for user, expected in ((self.reader, 403), (self.outsider, 404)):
            response = self.client_for(user).post(self.url, self.post_data())
            self.assertEqual(response.status_code, expected)
        self.assertFalse(GoalAnalysis.objects.exists())

    def test_a_locked_report_has_no_form_and_refuses_posts(self) -> None:
        Report.objects.filter(pk=self.report.pk).update(status="approved")
        client = self.client_for(self.editor)
        page = client.get(self.url)
        self.assertContains(page, "Rapporten är godkänd och låst")
        self.assertNotContains(page, "Spara utkast")
        response = client.post(self.url, self.post_data())
        self.assertContains(response, "Rapporten är godkänd och låst", status_code=400)
        self.assertFalse(GoalAnalysis.objects.exists())

    def test_the_page_costs_the_same_number_of_queries_at_two_data_sizes(self) -> None:
        client = self.client_for(self.editor)
        with CaptureQueriesContext(connection) as small:
            self.assertEqual(client.get(self.url).status_code, 200)
        for number in range(5):
            goal = self.make_goal(title=f"Mål {number}")
            self.make_activity(goal, title=f"Aktivitet {number}")
            self.make_activity(title=f"Lös aktivitet {number}")
            self.make_indicator(goal, name=f"Indikator {number}")
        with self.assertNumQueries(len(small.captured_queries)):
            response = client.get(self.url)
        self.assertContains(response, "Lös aktivitet 4")
        self.assertContains(response, "Indikator 4")

    def test_an_activity_moved_out_of_the_plan_keeps_its_reported_row(self) -> None:
        # The activities are read as the plan's scope UNION the report's updates: one that left
        # the plan after the report was made is still in it, with what was reported.
        moved = self.make_activity(title="Flyttad aktivitet", development_area=self.area)
        report = self.make_report("T2")
        self.assertTrue(report.activity_updates.filter(activity=moved).exists())
        Activity.objects.filter(pk=moved.pk).update(development_area=self.other_area)
        url = reverse("planning-report", args=[self.org.slug, 2026, report.pk])
        response = self.client_for(self.editor).get(url)
        self.assertContains(response, "Flyttad aktivitet")
        self.assertContains(response, "Utbildning för chefer")

    def test_a_closed_period_is_read_only(self) -> None:
        self.close_period("T1")
        client = self.client_for(self.editor)
        self.assertContains(client.get(self.url), "Perioden är stängd")
        response = client.post(self.url, self.post_data())
        self.assertContains(response, "är stängd och kan inte ändras", status_code=400)
        self.assertFalse(GoalAnalysis.objects.exists())


class ReviewViewTests(PlanningTestCase):
    def setUp(self) -> None:
        self.make_activity()
        self.report = self.make_report("T1", status="submitted")
        slug, pk = self.org.slug, self.report.pk
        self.approve_url = reverse("planning-report-approve", args=[slug, 2026, pk])
        self.return_url = reverse("planning-report-return", args=[slug, 2026, pk])
        self.reopen_url = reverse("planning-report-reopen", args=[slug, 2026, pk])
        self.submit_url = reverse("planning-report-submit", args=[slug, 2026, pk])

    def test_the_coordinator_sees_the_review_buttons(self) -> None:
        response = self.client_for(self.coordinator).get(self.report.get_absolute_url())
        self.assertContains(response, "Godkänn rapporten")
        self.assertContains(response, "Returnera med kommentar")
        editor_page = self.client_for(self.editor).get(self.report.get_absolute_url())
        self.assertNotContains(editor_page, "Godkänn rapporten")

    def test_the_coordinator_returns_with_a_comment_shown_to_the_organisation(self) -> None:
        client = self.client_for(self.coordinator)
        self.assertEqual(client.get(self.return_url).status_code, 200)
        response = client.post(self.return_url, {"comment": "Komplettera analysen."})
        self.assertRedirects(
            response, self.report.get_absolute_url(), fetch_redirect_response=False
        )
        page = self.client_for(self.editor).get(self.report.get_absolute_url())
        self.assertContains(page, "Kommentar från samordnaren")
        self.assertContains(page, "Komplettera analysen.")
        self.assertContains(page, "Spara och skicka in")

    def test_a_return_without_a_comment_is_refused(self) -> None:
        response = self.client_for(self.coordinator).post(self.return_url, {"comment": " "})
        self.assertContains(response, "Skriv en kommentar", status_code=400)
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, "submitted")

    def test_the_coordinator_approves_and_reopens(self) -> None:
        client = self.client_for(self.coordinator)
        client.post(self.approve_url)
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, "approved")
        self.assertContains(client.get(self.report.get_absolute_url()), "Öppna rapporten igen")
        client.post(self.reopen_url, {"comment": "En siffra är fel."})
        self.report.refresh_from_db()
        self.assertEqual(
            (self.report.status, self.report.review_comment), ("returned", "En siffra är fel.")
        )

    def test_a_refused_transition_is_explained(self) -> None:
        Report.objects.filter(pk=self.report.pk).update(status="draft")
        response = self.client_for(self.coordinator).post(self.approve_url)
        self.assertContains(response, "Bara inskickade rapporter kan godkännas", status_code=400)
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, "draft")

    def test_only_coordinators_review(self) -> None:
        for user in (self.org_admin, self.editor, self.approver, self.outsider):
            client = self.client_for(user)
            expected = 404 if user == self.outsider else 403
            self.assertEqual(client.post(self.approve_url).status_code, expected)
            self.assertEqual(client.get(self.return_url).status_code, expected)
            self.assertEqual(client.post(self.return_url, {"comment": "Nej"}).status_code, expected)
        self.assertEqual(self.client_for(None).post(self.approve_url).status_code, 302)
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, "submitted")

    def test_the_submit_button_view(self) -> None:
        Report.objects.filter(pk=self.report.pk).update(status="returned")
        self.assertEqual(self.client_for(self.reader).post(self.submit_url).status_code, 403)
        self.client_for(self.editor).post(self.submit_url)
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, "submitted")
        again = self.client_for(self.editor).post(self.submit_url)
        self.assertContains(again, "Rapporten kan inte skickas in", status_code=400)
