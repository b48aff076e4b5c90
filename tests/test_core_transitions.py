"""Every status field's table: each move not in it is refused, each move in it is made and
recorded in the history under its kind."""

from django.core.exceptions import ValidationError
from django.test import SimpleTestCase

# Importing the apps' actions registers their tables.
import mrplan.consultations.actions  # noqa: F401, E402
import mrplan.planning.actions  # noqa: F401, E402
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
