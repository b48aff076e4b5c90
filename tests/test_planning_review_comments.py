"""The reviewing coordinator comments on single goals and activities; the editors see them."""

from django.urls import reverse

from mrplan.planning import actions
from mrplan.planning.models import ActivityUpdate, Report, ReviewComment
from mrplan.planning.review_comments import comment_lines
from tests.test_planning_support import PlanningTestCase


class ReviewCommentTests(PlanningTestCase):
    def setUp(self) -> None:
        self.goal = self.make_goal(title="Kunskap om rasism")
        self.activity = self.make_activity(self.goal, title="Utbildning för chefer")
        self.report = self.make_report("T1", status="submitted")
        self.url = reverse(
            "planning-review-comment-create", args=[self.org.slug, 2026, self.report.pk]
        )

    def test_a_coordinator_comments_on_an_activity_and_the_editor_sees_it(self) -> None:
        client = self.client_for(self.coordinator)
        page = client.get(self.report.get_absolute_url())
        self.assertContains(page, self.url + f"?om=goal-{self.goal.pk}")
        response = client.post(
            self.url, {"subject": f"activity-{self.activity.pk}", "text": "Ange antal deltagare."}
        )
        self.assertEqual(response.status_code, 302)
        comment = ReviewComment.objects.get()
        self.assertEqual(
            (comment.activity, comment.goal, comment.author),
            (self.activity, None, self.coordinator),
        )
        self.assertTrue(self.events_for(comment, "create"))
        report_events = self.events_for(self.report, "update")
        self.assertTrue(any("Ange antal deltagare." in e.message for e in report_events))
        editor_page = self.client_for(self.editor).get(self.report.get_absolute_url())
        self.assertContains(editor_page, "Aktivitet: Utbildning för chefer")
        self.assertContains(editor_page, "Ange antal deltagare.")
        self.assertEqual(
            comment_lines(self.report), ["Aktivitet: Utbildning för chefer – Ange antal deltagare."]
        )

    def test_comments_stay_visible_after_the_report_is_returned(self) -> None:
        client = self.client_for(self.coordinator)
        client.post(self.url, {"subject": f"goal-{self.goal.pk}", "text": "Förtydliga målet."})
        client.post(
            self.url, {"subject": f"activity-{self.activity.pk}", "text": "Hur många deltog?"}
        )
        ActivityUpdate.objects.filter(report=self.report).delete()
        actions.report_return(
            actor=self.coordinator,
            report=Report.objects.get(pk=self.report.pk),
            comment="Se kommentarerna.",
        )
        page = self.client_for(self.editor).get(self.report.get_absolute_url())
        self.assertContains(page, "Mål: Kunskap om rasism")
        self.assertContains(page, "Förtydliga målet.")
        # ... and next to the goal in the form the editor fills in again.
        html = page.content.decode()
        section = html.split(f'id="rapport-mal-{self.goal.pk}"')[1]
        self.assertIn("Kommentar från samordnaren:</strong> Förtydliga målet.", section)
        activity = html.split(f'id="rapport-aktivitet-{self.activity.pk}"')[1].split("</fieldset>")[
            0
        ]
        self.assertIn("Kommentar från samordnaren:</strong> Hur många deltog?", activity)
        self.assertNotIn("Förtydliga målet.", activity)

    def test_bad_input_is_refused_and_nothing_saved(self) -> None:
        client = self.client_for(self.coordinator)
        other = self.make_goal(title="Annan organisations mål", organisation=self.other_org)
        for data, message in (
            ({"subject": f"goal-{self.goal.pk}", "text": ""}, "Skriv en kommentar."),
            ({"subject": "", "text": "Hej"}, "Välj ett mål eller en aktivitet."),
            ({"subject": f"goal-{other.pk}", "text": "Hej"}, "Välj ett giltigt alternativ"),
        ):
            with self.subTest(data=data):
                self.assertContains(client.post(self.url, data), message, status_code=400)
        Report.objects.filter(pk=self.report.pk).update(status="approved")
        response = client.post(self.url, {"subject": f"goal-{self.goal.pk}", "text": "Sent"})
        self.assertContains(response, "medan rapporten granskas", status_code=400)
        self.assertFalse(ReviewComment.objects.exists())

    def test_only_coordinators_comment(self) -> None:
        data = {"subject": f"goal-{self.goal.pk}", "text": "Hej"}
        # The organisation's own people are refused; another organisation's may not even
        # know of a report that is not approved (need-to-know: 404).
        for user, status in ((self.editor, 403), (self.reader, 403), (self.outsider, 404)):
            with self.subTest(user=user.username):
                self.assertEqual(self.client_for(user).post(self.url, data).status_code, status)
        page = self.client_for(self.editor).get(self.report.get_absolute_url())
        self.assertNotContains(page, self.url)
        self.assertFalse(ReviewComment.objects.exists())

    def test_the_comment_page_speaks_english_under_en(self) -> None:
        response = self.client_for(self.coordinator).get("/en" + self.url)
        self.assertContains(response, "Comment on a goal or an activity")
        self.assertContains(response, "Goal or activity")


class ApprovedCommentNamesTests(PlanningTestCase):
    def test_an_approved_report_names_the_commented_activity_as_approved(self) -> None:
        from mrplan.planning.models import Activity
        from mrplan.planning.review_comments import review_comment_add

        goal = self.make_goal(title="Kunskap om rasism")
        activity = self.make_activity(goal, title="Utbildning för chefer")
        report = self.make_report("T1", status="submitted")
        review_comment_add(
            actor=self.coordinator, report=report, text="Ange antal.", activity=activity
        )
        actions.report_approve(actor=self.coordinator, report=report)
        Activity.objects.filter(pk=activity.pk).update(title="Utbildning för alla")
        page = self.client_for(self.editor).get(report.get_absolute_url())
        self.assertContains(page, "Aktivitet: Utbildning för chefer</strong>: Ange antal.")
        self.assertNotContains(page, "Utbildning för alla")
