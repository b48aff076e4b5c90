import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from mrplan.planning import actions
from mrplan.planning.actions import ActivityUpdateInput
from mrplan.planning.actions.reports import next_statuses
from mrplan.planning.models import (
    ActivityUpdate,
    GoalAnalysis,
    IndicatorValue,
    Report,
    ReportingPeriod,
    ReportStatus,
)
from tests.test_planning_support import PlanningTestCase


class ReportCreateTests(PlanningTestCase):
    def test_it_carries_over_status_progress_and_the_latest_values(self) -> None:
        goal = self.make_goal()
        activity = self.make_activity(goal, status="delayed", progress=25)
        loose = self.make_activity(title="Direkt under området", progress=10)
        elsewhere = self.make_activity(
            title="Annan handlingsplan", development_area=self.other_area
        )
        indicator = self.make_indicator(
            goal, breakdown_dimension="Kön", breakdown_categories=["Kvinnor", "Män"]
        )
        t1 = self.make_report("T1")
        IndicatorValue.objects.bulk_create(
            [
                IndicatorValue(report=t1, indicator=indicator, category="", value=Decimal(30)),
                IndicatorValue(report=t1, indicator=indicator, category="Män", value=Decimal(20)),
            ]
        )
        vp = self.make_report("VP")  # earlier, with an older value
        IndicatorValue.objects.create(report=vp, indicator=indicator, value=Decimal(5))

        t2 = actions.report_create(
            actor=self.editor,
            organisation=self.org,
            action_plan=self.action_plan,
            period=self.periods["T2"],
        )

        updates = {u.activity_id: (u.status, u.progress) for u in t2.activity_updates.all()}
        self.assertEqual(updates, {activity.pk: ("delayed", 25), loose.pk: ("ongoing", 10)})
        self.assertNotIn(elsewhere.pk, updates)
        values = {(v.category, v.value) for v in t2.indicator_values.all()}
        self.assertEqual(values, {("", Decimal(30)), ("Män", Decimal(20))})
        self.assertEqual(t2.status, "draft")
        self.assertEqual(self.events_for(t2, "create")[0].actor, self.editor)

    def test_there_is_one_report_per_organisation_plan_and_period(self) -> None:
        self.make_report("T1")
        with self.assertRaisesMessage(ValidationError, "Det finns redan en rapport"):
            self.make_report("T1")
        self.assertEqual(Report.objects.count(), 1)

    def test_it_refuses_a_closed_period(self) -> None:
        self.close_period("T1")
        with self.assertRaisesMessage(ValidationError, "Perioden Tertialrapport 1 2026 är stängd"):
            self.make_report("T1")
        self.assertFalse(Report.objects.exists())

    def test_readers_and_outsiders_cannot_start_a_report(self) -> None:
        for user in (self.reader, self.approver, self.outsider):
            with self.assertRaises(PermissionDenied):
                actions.report_create(
                    actor=user,
                    organisation=self.org,
                    action_plan=self.action_plan,
                    period=self.periods["T1"],
                )
        self.assertFalse(Report.objects.exists())


class ReportUpdateTests(PlanningTestCase):
    def setUp(self) -> None:
        self.goal = self.make_goal()
        self.activity = self.make_activity(self.goal, progress=40)
        self.indicator = self.make_indicator(
            self.goal, breakdown_dimension="Kön", breakdown_categories=["Kvinnor", "Män"]
        )
        self.report = self.make_report("T1")

    def save(self, user=None, version=None, **parts):  # type: ignore[no-untyped-def]
        return actions.report_update(
            actor=user or self.editor,
            report=self.report,
            version=self.report.version if version is None else version,
            **parts,
        )

    def test_an_editor_fills_in_the_report(self) -> None:
        self.save(
            activities={self.activity.pk: ActivityUpdateInput("ongoing", 60, " Går enligt plan ")},
            indicator_values={
                (self.indicator.pk, ""): Decimal("42.5"),
                (self.indicator.pk, "Kvinnor"): Decimal(45),
            },
            analyses={self.goal.pk: "Arbetet går framåt."},
        )
        update = ActivityUpdate.objects.get(report=self.report, activity=self.activity)
        self.assertEqual((update.progress, update.comment), (60, "Går enligt plan"))
        self.assertEqual(self.report.indicator_values.count(), 2)
        self.assertEqual(GoalAnalysis.objects.get(report=self.report).text, "Arbetet går framåt.")
        event = self.events_for(self.report, "update")[0]
        self.assertEqual(event.changes[f"{self.activity.title} – framdrift"], ["40", "60"])
        self.assertEqual(event.changes[f"{self.indicator.name} (Kvinnor)"], [None, "45"])
        self.report.refresh_from_db()
        self.assertEqual(self.report.version, 2)

    def make_t1_current(self) -> None:
        soon = timezone.localdate() + datetime.timedelta(days=30)
        ReportingPeriod.objects.filter(pk=self.periods["T1"].pk).update(deadline=soon)

    def test_the_activity_follows_its_latest_report(self) -> None:
        self.make_t1_current()
        self.save(activities={self.activity.pk: ActivityUpdateInput("delayed", 45, "Sen start")})
        self.activity.refresh_from_db()
        self.assertEqual((self.activity.status, self.activity.progress), ("delayed", 45))
        self.assertEqual(self.activity.version, 2)
        event = self.events_for(self.activity, "update")[0]
        self.assertEqual(event.changes["status"], ["ongoing", "delayed"])
        self.assertIn("Från rapporten", event.message)

    def test_a_reopened_earlier_report_keeps_its_values_to_its_period(self) -> None:
        # T1's deadline has passed and T2 is the current period: T1 is an older period.
        ReportingPeriod.objects.filter(pk=self.periods["T1"].pk).update(
            deadline=timezone.localdate() - datetime.timedelta(days=30)
        )
        ReportingPeriod.objects.filter(pk=self.periods["T2"].pk).update(
            deadline=timezone.localdate() + datetime.timedelta(days=30)
        )
        self.report.refresh_from_db()
        self.save(activities={self.activity.pk: ActivityUpdateInput("delayed", 45, "Sen start")})
        self.activity.refresh_from_db()
        self.assertEqual((self.activity.status, self.activity.progress), ("ongoing", 40))
        update = ActivityUpdate.objects.get(report=self.report, activity=self.activity)
        self.assertEqual((update.status, update.progress), ("delayed", 45))
        vb = self.make_report("VB")
        carried = ActivityUpdate.objects.get(report=vb, activity=self.activity)
        self.assertEqual(carried.progress, 40)

    def test_an_older_report_does_not_overwrite_what_a_later_one_says(self) -> None:
        later = self.make_report("T2")
        ActivityUpdate.objects.filter(report=later).update(progress=70)
        self.save(activities={self.activity.pk: ActivityUpdateInput("ongoing", 45, "")})
        self.activity.refresh_from_db()
        self.assertEqual(self.activity.progress, 40)

    def test_clearing_a_value_removes_it(self) -> None:
        IndicatorValue.objects.create(report=self.report, indicator=self.indicator, value=7)
        self.save(indicator_values={(self.indicator.pk, ""): None})
        self.assertFalse(self.report.indicator_values.exists())

    def test_bad_input_is_refused_with_the_field_named_and_nothing_changes(self) -> None:
        with self.assertRaises(ValidationError) as raised:
            self.save(
                activities={self.activity.pk: ActivityUpdateInput("completed", 50, "")},
                analyses={self.goal.pk: "Skulle inte sparas."},
            )
        name = f"activity-{self.activity.pk}-progress"
        self.assertIn("genomförd aktivitet", raised.exception.message_dict[name][0])
        self.assertFalse(GoalAnalysis.objects.exists())
        self.report.refresh_from_db()
        self.assertEqual(self.report.version, 1)
        self.assertEqual(self.events_for(self.report, "update"), [])

    def test_parts_outside_the_report_are_refused(self) -> None:
        foreign = self.make_activity(title="Annan plan", development_area=self.other_area)
        with self.assertRaisesMessage(ValidationError, "hör inte till rapporten"):
            self.save(activities={foreign.pk: ActivityUpdateInput("ongoing", 50, "")})
        with self.assertRaisesMessage(ValidationError, "hör inte till rapporten"):
            self.save(indicator_values={(self.indicator.pk, "Okänd"): Decimal(1)})
        self.assertFalse(ActivityUpdate.objects.filter(activity=foreign).exists())

    def test_a_stale_save_is_refused(self) -> None:
        self.save(analyses={self.goal.pk: "Först"})
        with self.assertRaisesMessage(
            ValidationError, "Rapporten har ändrats sedan du öppnade den"
        ):
            self.save(version=1, analyses={self.goal.pk: "Sedan"})
        self.assertEqual(GoalAnalysis.objects.get().text, "Först")

    def test_submitted_and_approved_reports_are_locked(self) -> None:
        for status, message in (("submitted", "väntar på granskning"), ("approved", "låst")):
            Report.objects.filter(pk=self.report.pk).update(status=status)
            self.report.refresh_from_db()
            with self.subTest(status), self.assertRaisesMessage(ValidationError, message):
                self.save(user=self.coordinator, analyses={self.goal.pk: "Ändring"})
        self.assertFalse(GoalAnalysis.objects.exists())

    def test_a_report_in_a_closed_period_is_read_only(self) -> None:
        self.close_period("T1")
        self.report.refresh_from_db()
        with self.assertRaisesMessage(ValidationError, "är stängd"):
            self.save(analyses={self.goal.pk: "Ändring"})
        self.assertFalse(GoalAnalysis.objects.exists())

    def test_only_writers_fill_in(self) -> None:
        for user in (self.reader, self.approver, self.outsider):
            with self.assertRaises(PermissionDenied):
                self.save(user=user, analyses={self.goal.pk: "Otillåtet"})
        self.assertFalse(GoalAnalysis.objects.exists())


class WorkflowTests(PlanningTestCase):
    def setUp(self) -> None:
        self.activity = self.make_activity(status="ongoing", progress=40)
        self.report = self.make_report("T1")

    def test_the_allowed_transitions_are_explicit(self) -> None:
        self.assertEqual(
            {status: next_statuses(status) for status in ReportStatus.values},
            {
                ReportStatus.DRAFT: {"submitted", "sign_off"},
                ReportStatus.AWAITING_SIGN_OFF: {"submitted", "draft"},
                ReportStatus.SUBMITTED: {"returned", "approved", "draft"},
                ReportStatus.RETURNED: {"submitted", "sign_off"},
                ReportStatus.APPROVED: {"returned"},
            },
        )

    def test_the_whole_cycle_is_in_the_audit_trail(self) -> None:
        actions.report_submit(actor=self.editor, report=self.report)
        self.assertEqual(self.report.submitted_by, self.editor)
        actions.report_return(
            actor=self.coordinator, report=self.report, comment=" Komplettera analysen. "
        )
        self.assertEqual(self.report.review_comment, "Komplettera analysen.")
        actions.report_submit(actor=self.org_admin, report=self.report)
        actions.report_approve(actor=self.coordinator, report=self.report)
        actions.report_reopen(actor=self.coordinator, report=self.report, comment="Fel siffra.")
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, "returned")
        steps = [
            event.changes["status"]
            for event in reversed(self.events_for(self.report, "update"))
            if "status" in event.changes
        ]
        self.assertEqual(
            steps,
            [
                ["draft", "submitted"],
                ["submitted", "returned"],
                ["returned", "submitted"],
                ["submitted", "approved"],
                ["approved", "returned"],
            ],
        )
        messages = [e.message for e in self.events_for(self.report, "update") if e.message]
        self.assertEqual(messages, ["Fel siffra.", "Komplettera analysen."])

    def test_refused_transitions_say_why_in_swedish(self) -> None:
        with self.assertRaisesMessage(ValidationError, "Bara inskickade rapporter kan godkännas"):
            actions.report_approve(actor=self.coordinator, report=self.report)
        with self.assertRaisesMessage(ValidationError, "Bara inskickade rapporter kan returneras"):
            actions.report_return(actor=self.coordinator, report=self.report, comment="X")
        with self.assertRaisesMessage(ValidationError, "Bara godkända rapporter"):
            actions.report_reopen(actor=self.coordinator, report=self.report, comment="X")
        Report.objects.filter(pk=self.report.pk).update(status="approved")
        self.report.refresh_from_db()
        with self.assertRaisesMessage(ValidationError, "den har status godkänd"):
            actions.report_submit(actor=self.editor, report=self.report)
        self.assertEqual(self.events_for(self.report, "update"), [])

    def test_an_approved_report_is_reopened_not_returned(self) -> None:
        actions.report_submit(actor=self.editor, report=self.report)
        actions.report_approve(actor=self.coordinator, report=self.report)
        with self.assertRaisesMessage(ValidationError, "Bara inskickade rapporter kan returneras"):
            actions.report_return(actor=self.coordinator, report=self.report, comment="X")
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, "approved")

    def test_only_coordinators_review(self) -> None:
        actions.report_submit(actor=self.editor, report=self.report)
        for user in (self.org_admin, self.editor, self.approver, self.outsider):
            with self.assertRaises(PermissionDenied):
                actions.report_approve(actor=user, report=self.report)
            with self.assertRaises(PermissionDenied):
                actions.report_return(actor=user, report=self.report, comment="Nej")
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, "submitted")

    def test_readers_cannot_submit(self) -> None:
        with self.assertRaises(PermissionDenied):
            actions.report_submit(actor=self.reader, report=self.report)
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, "draft")

    def test_a_return_needs_a_comment(self) -> None:
        actions.report_submit(actor=self.editor, report=self.report)
        with self.assertRaisesMessage(ValidationError, "Skriv en kommentar"):
            actions.report_return(actor=self.coordinator, report=self.report, comment="   ")
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, "submitted")

    def test_a_delayed_activity_needs_a_comment_before_submitting(self) -> None:
        ActivityUpdate.objects.filter(report=self.report).update(status="delayed")
        with self.assertRaisesMessage(ValidationError, "varför aktiviteten är försenad"):
            actions.report_submit(actor=self.editor, report=self.report)
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, "draft")

    def test_only_review_moves_in_a_closed_period(self) -> None:
        actions.report_submit(actor=self.editor, report=self.report)
        self.close_period("T1")
        self.report.refresh_from_db()
        with self.assertRaisesMessage(ValidationError, "är stängd"):
            actions.report_withdraw(actor=self.editor, report=self.report)
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, "submitted")
        # Review can finish after the period is closed.
        actions.report_approve(actor=self.coordinator, report=self.report)
        self.assertEqual(self.report.status, "approved")
        with self.assertRaisesMessage(ValidationError, "är stängd"):
            actions.report_reopen(actor=self.coordinator, report=self.report, comment="Fel.")
