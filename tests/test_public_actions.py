from django.core.exceptions import PermissionDenied, ValidationError

from mrplan.core.models import AuditEvent
from mrplan.demo.publication import publish_demo_content
from mrplan.planning import actions as planning_actions
from mrplan.planning.models import Activity, Goal, Indicator, Report
from mrplan.public import actions
from mrplan.public.models import PublicationRule, RuleKind
from tests.test_planning_support import PlanningTestCase


class PublishTests(PlanningTestCase):
    def test_an_editor_publishes_and_unpublishes_a_goal_of_the_own_organisation(self) -> None:
        goal = self.make_goal()

        actions.publish(actor=self.editor, obj=goal)
        goal.refresh_from_db()
        self.assertTrue(goal.is_published)
        self.assertIsNotNone(goal.published_at)

        actions.unpublish(actor=self.org_admin, obj=goal)
        goal.refresh_from_db()
        self.assertFalse(goal.is_published)
        self.assertIsNone(goal.published_at)
        events = sorted(self.events_for(goal, "update"), key=lambda event: event.pk)
        changes = [event.changes for event in events]
        self.assertEqual(
            changes, [{"is_published": [False, True]}, {"is_published": [True, False]}]
        )
        self.assertEqual([event.actor for event in events], [self.editor, self.org_admin])

    def test_it_refuses_readers_approvers_and_other_organisations(self) -> None:
        goal = self.make_goal()
        activity = self.make_activity(goal)
        for user in (self.reader, self.approver, self.outsider, self.nobody):
            for obj in (goal, activity):
                with self.subTest(user=user.username, obj=obj), self.assertRaises(PermissionDenied):
                    actions.publish(actor=user, obj=obj)
        self.assertFalse(Goal.objects.filter(is_published=True).exists())
        self.assertFalse(Activity.objects.filter(is_published=True).exists())
        self.assertFalse(AuditEvent.objects.filter(verb="update").exists())

    def test_only_coordinators_publish_reports_and_only_approved_ones(self) -> None:
        self.make_goal()
        report = self.make_report("T1", status="approved")
        with self.assertRaises(PermissionDenied):
            actions.publish(actor=self.org_admin, obj=report)

        actions.publish(actor=self.coordinator, obj=report)
        self.assertTrue(Report.objects.get(pk=report.pk).is_published)
        self.assertEqual(
            self.events_for(report, "update")[0].changes["is_published"], [False, True]
        )

    def test_a_report_that_is_not_approved_is_never_published(self) -> None:
        for status in ("draft", "submitted", "returned"):
            report = self.make_report(
                {"draft": "T1", "submitted": "T2", "returned": "VB"}[status], status=status
            )
            with (
                self.subTest(status=status),
                self.assertRaisesMessage(
                    ValidationError, "Rapporten är inte godkänd och kan inte publiceras"
                ),
            ):
                actions.publish(actor=self.coordinator, obj=report)
        self.assertFalse(Report.objects.filter(is_published=True).exists())

    def test_an_indicator_needs_its_goal_published_first(self) -> None:
        goal = self.make_goal()
        indicator = self.make_indicator(goal)
        with self.assertRaisesMessage(ValidationError, "Publicera målet först"):
            actions.publish(actor=self.editor, obj=indicator)
        actions.publish(actor=self.editor, obj=goal)
        actions.publish(actor=self.editor, obj=indicator)
        self.assertTrue(Indicator.objects.get(pk=indicator.pk).is_published)

    def test_publishing_does_not_overwrite_other_fields_or_the_version(self) -> None:
        activity = self.make_activity()
        stale = Activity.objects.get(pk=activity.pk)
        Activity.objects.filter(pk=activity.pk).update(title="Ny titel")
        actions.publish(actor=self.editor, obj=stale)
        activity.refresh_from_db()
        self.assertEqual(activity.title, "Ny titel")
        self.assertEqual(activity.version, 1)
        self.assertTrue(activity.is_published)


class RuleTests(PlanningTestCase):
    def _submitted_report(self) -> Report:
        return self.make_report("T1", status="submitted")

    def test_without_rules_approval_publishes_nothing(self) -> None:
        goal = self.make_goal()
        self.make_activity(goal)
        report = planning_actions.report_approve(
            actor=self.coordinator, report=self._submitted_report()
        )
        self.assertFalse(Report.objects.get(pk=report.pk).is_published)
        self.assertFalse(Goal.objects.get(pk=goal.pk).is_published)

    def test_approved_reports_publish_themselves_with_the_rule(self) -> None:
        actions.publication_rule_set(
            actor=self.coordinator, kind=RuleKind.APPROVED_REPORTS, enabled=True
        )
        goal = self.make_goal()
        report = planning_actions.report_approve(
            actor=self.coordinator, report=self._submitted_report()
        )
        self.assertTrue(Report.objects.get(pk=report.pk).is_published)
        self.assertFalse(Goal.objects.get(pk=goal.pk).is_published)
        published = [e for e in self.events_for(report, "update") if "is_published" in e.changes]
        self.assertEqual([e.actor for e in published], [self.coordinator])

    def test_the_plan_rule_publishes_what_the_report_covers(self) -> None:
        actions.publication_rule_set(
            actor=self.coordinator, kind=RuleKind.PLANS_WITH_APPROVED_REPORT, enabled=True
        )
        goal = self.make_goal()
        activity = self.make_activity(goal)
        indicator = self.make_indicator(goal)
        elsewhere = self.make_activity(title="Annan plan", development_area=self.other_area)
        report = planning_actions.report_approve(
            actor=self.coordinator, report=self._submitted_report()
        )
        self.assertTrue(Goal.objects.get(pk=goal.pk).is_published)
        self.assertTrue(Activity.objects.get(pk=activity.pk).is_published)
        self.assertTrue(Indicator.objects.get(pk=indicator.pk).is_published)
        self.assertFalse(Activity.objects.get(pk=elsewhere.pk).is_published)
        self.assertFalse(Report.objects.get(pk=report.pk).is_published)

    def test_reopening_a_report_takes_it_off_the_public_site(self) -> None:
        report = self.make_report("T1", status="approved")
        actions.publish(actor=self.coordinator, obj=report)
        planning_actions.report_reopen(actor=self.coordinator, report=report, comment="Rätta T1.")
        self.assertFalse(Report.objects.get(pk=report.pk).is_published)

    def test_only_coordinators_set_rules_and_each_change_is_audited(self) -> None:
        with self.assertRaises(PermissionDenied):
            actions.publication_rule_set(
                actor=self.org_admin, kind=RuleKind.APPROVED_REPORTS, enabled=True
            )
        rule = actions.publication_rule_set(
            actor=self.coordinator, kind=RuleKind.APPROVED_REPORTS, enabled=True
        )
        actions.publication_rule_set(
            actor=self.coordinator, kind=RuleKind.APPROVED_REPORTS, enabled=False
        )
        self.assertEqual(PublicationRule.objects.count(), 1)
        self.assertEqual(len(self.events_for(rule)), 2)
        with self.assertRaises(ValidationError):
            actions.publication_rule_set(actor=self.coordinator, kind="allt", enabled=True)


class DemoTests(PlanningTestCase):
    def test_it_publishes_approved_reports_and_their_plans_once(self) -> None:
        goal = self.make_goal()
        activity = self.make_activity(goal)
        approved = self.make_report("T1", status="approved")
        draft = self.make_report("T2")

        first = publish_demo_content()
        second = publish_demo_content()

        self.assertEqual(first, 3)
        self.assertEqual(second, 0)
        self.assertTrue(Report.objects.get(pk=approved.pk).is_published)
        self.assertFalse(Report.objects.get(pk=draft.pk).is_published)
        self.assertTrue(Goal.objects.get(pk=goal.pk).is_published)
        self.assertTrue(Activity.objects.get(pk=activity.pk).is_published)
