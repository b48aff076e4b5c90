"""A base test case for the planning app: an action plan, a year with its periods, helpers.

(Named test_planning_* to sit with the planning tests; it holds no tests itself.)
"""

import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from mrplan.core.models import AuditEvent
from mrplan.organisations.models import Organisation
from mrplan.planning import actions
from mrplan.planning.models import (
    Activity,
    ActivityStatus,
    Goal,
    Indicator,
    PeriodStatus,
    Report,
    ReportingPeriod,
)
from tests.base import BaseTestCase
from tests.factories import (
    ActionPlanFactory,
    CityActivityFactory,
    DepartmentFactory,
    DevelopmentAreaFactory,
    TargetGroupFactory,
)


class PlanningTestCase(BaseTestCase):
    """BaseTestCase plus the racism plan with two areas, another plan, and the year 2026."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.action_plan = ActionPlanFactory(title="Handlingsplan mot rasism")
        cls.area = DevelopmentAreaFactory(
            action_plan=cls.action_plan, title="Öka kunskapen om rasism och diskriminering"
        )
        cls.children_area = DevelopmentAreaFactory(
            action_plan=cls.action_plan, title="Motverka att barn och unga utsätts för rasism"
        )
        cls.other_plan = ActionPlanFactory(
            programme=cls.action_plan.programme, title="Handlingsplan för ett jämställt Stockholm"
        )
        cls.other_area = DevelopmentAreaFactory(action_plan=cls.other_plan)
        cls.city_activity = CityActivityFactory(
            development_area=cls.area, title="Utbildningsinsatser för chefer och medarbetare"
        )
        cls.target_group = TargetGroupFactory(name="Afrofobi")
        cls.department = DepartmentFactory(organisation=cls.org, name="Avdelningen för förskola")
        cls.other_department = DepartmentFactory(organisation=cls.other_org, name="Biblioteken")
        cls.year = actions.planning_year_create(actor=cls.coordinator, year=2026)
        cls.periods = {period.code: period for period in cls.year.periods.all()}

    # Helpers that write straight to the database, so that tests set up quickly.

    def make_goal(self, organisation: Organisation | None = None, **fields: Any) -> Goal:
        areas = fields.pop("development_areas", [self.area])
        goal = Goal.objects.create(
            organisation=organisation or self.org,
            planning_year=fields.pop("planning_year", self.year),
            title=fields.pop("title", "Medarbetare har kunskap om rasism"),
            **fields,
        )
        goal.development_areas.set(areas)
        return goal

    def make_activity(self, goal: Goal | None = None, **fields: Any) -> Activity:
        defaults: dict[str, Any] = {
            "organisation": goal.organisation if goal else self.org,
            "planning_year": goal.planning_year if goal else self.year,
            "goal": goal,
            "title": "Utbildning för alla chefer",
            "status": ActivityStatus.ONGOING,
            "progress": 40,
        }
        if goal is None and "development_area" not in fields and "city_activity" not in fields:
            defaults["development_area"] = self.area
        activity = Activity(**{**defaults, **fields})
        activity.full_clean()
        activity.save()
        return activity

    def make_indicator(self, goal: Goal, **fields: Any) -> Indicator:
        indicator = Indicator(
            goal=goal, name=fields.pop("name", "Andel chefer som gått utbildningen"), **fields
        )
        indicator.full_clean()
        indicator.save()
        return indicator

    def make_report(
        self,
        code: str = "T1",
        *,
        organisation: Organisation | None = None,
        status: str = "draft",
        action_plan: Any = None,
    ) -> Report:
        report = actions.report_create(
            actor=self.coordinator,
            organisation=organisation or self.org,
            action_plan=action_plan or self.action_plan,
            period=self.periods[code],
        )
        if status != "draft":
            Report.objects.filter(pk=report.pk).update(status=status)
            report.refresh_from_db()
        return report

    def close_period(self, code: str) -> ReportingPeriod:
        period = self.periods[code]
        ReportingPeriod.objects.filter(pk=period.pk).update(status=PeriodStatus.CLOSED)
        period.refresh_from_db()
        return period

    def close_year(self) -> None:
        ReportingPeriod.objects.filter(planning_year=self.year).update(status=PeriodStatus.CLOSED)

    def events_for(
        self, obj: models.Model, verb: str | None = None, *, pk: int | None = None
    ) -> list[AuditEvent]:
        """Return the audit events about OBJ (give PK for an object already deleted)."""
        events = AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(pk if pk is not None else obj.pk),
        )
        if verb:
            events = events.filter(verb=verb)
        return list(events)

    @staticmethod
    def date(month: int, day: int, year: int = 2026) -> datetime.date:
        return datetime.date(year, month, day)
