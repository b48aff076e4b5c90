"""Every status field's table: each move not in it is refused, each move in it is made and
recorded in the history under its kind."""

from django.core.exceptions import ValidationError
from django.test import SimpleTestCase

# Importing the apps' actions registers their tables.
import mrplan.consultations.actions  # noqa: F401, E402
import mrplan.planning.actions  # noqa: F401, E402
import mrplan.programmes.actions  # noqa: F401, E402
from mrplan.core.models import AuditEvent
from mrplan.core.transitions import ALREADY_DONE, TABLES, Transition, TransitionTable, table_for
from mrplan.planning.actions.reports import REPORT_MOVES
from mrplan.planning.models import Report, ReportStatus
from tests.test_planning_support import PlanningTestCase


class EveryTableTests(SimpleTestCase):
    def test_every_move_not_in_a_table_is_refused(self):
        self.assertTrue(TABLES)
        for table in TABLES:
            for name, move in table.moves.items():
                for state in table.states() - move.sources:
                    obj = table.model(**{table.field_name: state})
                    with self.subTest(table=table.label, move=name, state=state):
                        with self.assertRaises(ValidationError) as caught:
                            table.check(obj, name)
                        self.assertIn(caught.exception.code, {"state", ALREADY_DONE})
                for state in move.sources:
                    obj = table.model(**{table.field_name: state})
                    with self.subTest(table=table.label, move=name, state=state):
                        self.assertIs(table.check(obj, name), move)

    def test_tables_name_only_states_of_their_field(self):
        before = list(TABLES)
        with self.assertRaises(ValueError):
            TransitionTable(Report, "status", {"fly": Transition({"draft"}, "flying", "nej")})
        self.assertEqual(TABLES, before)

    def test_each_status_field_has_at_most_one_table(self):
        seen = [(table.model, table.field_name) for table in TABLES]
        self.assertEqual(len(seen), len(set(seen)))
        self.assertIs(table_for(Report), REPORT_MOVES)


class ApplyTests(PlanningTestCase):
    def test_a_move_is_audited_under_its_kind(self):
        report = self.make_report("T1")
        Report.objects.filter(pk=report.pk).update(status=ReportStatus.SUBMITTED)
        REPORT_MOVES.apply(report, actor=self.coordinator, name="approve")
        report.refresh_from_db()
        self.assertEqual(report.status, ReportStatus.APPROVED)
        event = AuditEvent.objects.filter(kind="report.approve").get()
        self.assertEqual(event.changes["status"], ["submitted", "approved"])

    def test_a_lost_race_says_it_is_already_done(self):
        report = self.make_report("T1")
        Report.objects.filter(pk=report.pk).update(status=ReportStatus.APPROVED)
        with self.assertRaises(ValidationError) as caught:
            REPORT_MOVES.apply(report, actor=self.coordinator, name="return")
        self.assertEqual(caught.exception.code, ALREADY_DONE)
        self.assertIn("redan granskats", caught.exception.messages[0])
        self.assertFalse(AuditEvent.objects.filter(kind="report.return").exists())


class PlanningAndProgrammeTablesTests(PlanningTestCase):
    def test_the_period_and_programme_tables_are_registered(self) -> None:
        from mrplan.planning.actions.cycle import PERIOD_MOVES
        from mrplan.planning.models import ReportingPeriod
        from mrplan.programmes.actions import ACTION_PLAN_MOVES, PROGRAMME_MOVES
        from mrplan.programmes.models import ActionPlan, Programme

        self.assertIs(table_for(ReportingPeriod), PERIOD_MOVES)
        self.assertIs(table_for(Programme), PROGRAMME_MOVES)
        self.assertIs(table_for(ActionPlan), ACTION_PLAN_MOVES)

    def test_closing_and_opening_a_period_are_audited_under_their_kinds(self) -> None:
        from mrplan.planning import actions

        period = self.periods["T2"]
        actions.reporting_period_close(actor=self.coordinator, period=period)
        with self.assertRaises(ValidationError) as caught:
            actions.reporting_period_close(actor=self.coordinator, period=period)
        self.assertEqual(caught.exception.messages, ["Perioden är redan stängd."])
        actions.reporting_period_open(actor=self.coordinator, period=period)
        kinds = list(
            AuditEvent.objects.filter(kind__startswith="reportingperiod.")
            .order_by("pk")
            .values_list("kind", flat=True)
        )
        self.assertEqual(kinds, ["reportingperiod.close", "reportingperiod.open"])

    def test_a_programme_status_change_is_the_tables_move_with_the_other_fields(self) -> None:
        from mrplan.programmes import actions as programme_actions

        programme = self.action_plan.programme
        programme_actions.programme_update(
            actor=self.coordinator,
            programme=programme,
            data={"status": "on_consultation", "summary": "Ute på remiss."},
        )
        event = AuditEvent.objects.get(kind="programme.send_on_consultation")
        self.assertEqual(event.changes["summary"][1], "Ute på remiss.")
        # The same status again is an ordinary edit, not a move.
        programme_actions.programme_update(
            actor=self.coordinator, programme=programme, data={"status": "on_consultation"}
        )
        self.assertEqual(AuditEvent.objects.filter(kind__startswith="programme.").count(), 1)
        programme_actions.action_plan_update(
            actor=self.coordinator, action_plan=self.action_plan, data={"status": "replaced"}
        )
        self.assertTrue(AuditEvent.objects.filter(kind="actionplan.replace").exists())

    def test_the_history_page_names_each_move(self) -> None:
        from django.urls import reverse

        from mrplan.planning import actions

        period = self.periods["T2"]
        actions.reporting_period_close(actor=self.coordinator, period=period)
        self.make_activity(self.make_goal())
        report = self.make_report("T1", status="submitted")
        actions.report_return(actor=self.coordinator, report=report, comment="Mer analys.")
        html = (
            self.client_for(self.coordinator)
            .get(reverse("core-history", args=["report", report.pk]))
            .content.decode()
        )
        self.assertIn("returnerade", html)
        self.assertNotIn("skickade tillbaka", html)
