import datetime

from django.core.exceptions import PermissionDenied, ValidationError

from mrplan.planning import actions
from mrplan.planning.models import PlanningYear, ReportingPeriod
from tests.test_planning_support import PlanningTestCase


class PlanningYearCreateTests(PlanningTestCase):
    def test_a_coordinator_creates_a_year_with_the_four_default_periods(self) -> None:
        planning_year = actions.planning_year_create(actor=self.coordinator, year=2027)
        periods = list(planning_year.periods.order_by("position"))
        self.assertEqual([p.code for p in periods], ["VP", "T1", "T2", "VB"])
        self.assertEqual(periods[0].name, "Verksamhetsplan")
        self.assertEqual(periods[3].deadline, datetime.date(2028, 2, 15))
        self.assertTrue(all(p.status == "open" for p in periods))
        event = self.events_for(planning_year, "create")[0]
        self.assertEqual(event.changes["year"], [None, 2027])
        self.assertEqual(event.actor, self.coordinator)
        self.assertEqual(len(self.events_for(periods[1], "create")), 1)

    def test_it_refuses_anyone_but_a_coordinator(self) -> None:
        for user in (self.org_admin, self.editor, self.approver, self.reader, self.nobody):
            with self.assertRaises(PermissionDenied):
                actions.planning_year_create(actor=user, year=2027)
        self.assertFalse(PlanningYear.objects.filter(year=2027).exists())

    def test_it_refuses_a_year_that_exists_or_is_out_of_range(self) -> None:
        with self.assertRaisesMessage(ValidationError, "Planeringsåret 2026 finns redan"):
            actions.planning_year_create(actor=self.coordinator, year=2026)
        for year in (1999, 2101):
            with self.assertRaisesMessage(ValidationError, "Ange ett år mellan 2000 och 2100"):
                actions.planning_year_create(actor=self.coordinator, year=year)
        self.assertEqual(PlanningYear.objects.count(), 1)
        self.assertEqual(ReportingPeriod.objects.count(), 4)


class ReportingPeriodTests(PlanningTestCase):
    def test_a_coordinator_adds_and_changes_a_period(self) -> None:
        period = actions.reporting_period_create(
            actor=self.coordinator,
            planning_year=self.year,
            data={"code": " T3 ", "name": "Tertialrapport 3", "deadline": self.date(12, 15)},
        )
        self.assertEqual((period.code, period.position, period.status), ("T3", 4, "open"))
        actions.reporting_period_update(
            actor=self.coordinator, period=period, data={"deadline": self.date(12, 20)}
        )
        event = self.events_for(period, "update")[0]
        self.assertEqual(event.changes["deadline"], ["2026-12-15", "2026-12-20"])

    def test_it_refuses_a_taken_code_and_missing_values(self) -> None:
        with self.assertRaisesMessage(ValidationError, "koden t1"):
            actions.reporting_period_create(
                actor=self.coordinator,
                planning_year=self.year,
                data={"code": "t1", "name": "Dubblett", "deadline": self.date(5, 1)},
            )
        with self.assertRaisesMessage(ValidationError, "Namnet måste anges"):
            actions.reporting_period_update(
                actor=self.coordinator, period=self.periods["T1"], data={"name": "  "}
            )
        self.assertEqual(self.year.periods.count(), 4)
        self.periods["T1"].refresh_from_db()
        self.assertEqual(self.periods["T1"].name, "Tertialrapport 1")

    def test_only_coordinators_change_periods(self) -> None:
        with self.assertRaises(PermissionDenied):
            actions.reporting_period_update(
                actor=self.org_admin, period=self.periods["T1"], data={"name": "Egen"}
            )
        with self.assertRaises(PermissionDenied):
            actions.reporting_period_create(
                actor=self.editor,
                planning_year=self.year,
                data={"code": "X", "name": "X", "deadline": self.date(1, 1)},
            )

    def test_a_closed_period_cannot_be_changed(self) -> None:
        period = self.close_period("T1")
        with self.assertRaisesMessage(ValidationError, "är stängd"):
            actions.reporting_period_update(
                actor=self.coordinator, period=period, data={"deadline": self.date(6, 1)}
            )
        period.refresh_from_db()
        self.assertEqual(period.deadline, self.date(5, 15))


class OpenAndCloseTests(PlanningTestCase):
    def test_a_coordinator_closes_and_reopens_a_period_with_audit(self) -> None:
        period = self.periods["T1"]
        actions.reporting_period_close(actor=self.coordinator, period=period)
        period.refresh_from_db()
        self.assertEqual(period.status, "closed")
        actions.reporting_period_open(actor=self.coordinator, period=period)
        period.refresh_from_db()
        self.assertEqual(period.status, "open")
        changes = [event.changes["status"] for event in self.events_for(period, "update")]
        self.assertEqual(changes, [["closed", "open"], ["open", "closed"]])

    def test_it_refuses_a_move_to_the_state_it_is_in(self) -> None:
        with self.assertRaisesMessage(ValidationError, "redan öppen"):
            actions.reporting_period_open(actor=self.coordinator, period=self.periods["T1"])
        period = self.close_period("T2")
        with self.assertRaisesMessage(ValidationError, "redan stängd"):
            actions.reporting_period_close(actor=self.coordinator, period=period)
        self.assertEqual(self.events_for(period, "update"), [])

    def test_only_coordinators_open_and_close(self) -> None:
        for user in (self.org_admin, self.editor, self.outsider):
            with self.assertRaises(PermissionDenied):
                actions.reporting_period_close(actor=user, period=self.periods["T1"])
        self.periods["T1"].refresh_from_db()
        self.assertEqual(self.periods["T1"].status, "open")
