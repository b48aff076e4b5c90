"""A small programme structure shared by the programme tests (this module has no tests).

- programme      the adopted "MR-programmet" (slug "mr"), replacing `old_programme`
- draft          a draft programme, invisible to anonymous visitors
- plan           an adopted action plan with one development area, `area`, and one activity
- draft_plan     a draft action plan of `programme`, with `draft_area` and `draft_activity`
"""

from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from mrplan.core.models import AuditEvent
from mrplan.programmes.models import SdgGoal, SdgTarget
from tests.base import BaseTestCase
from tests.factories import (
    ActionPlanFactory,
    CityActivityFactory,
    DevelopmentAreaFactory,
    FocusAreaFactory,
    ProgrammeFactory,
    TargetGroupFactory,
)


class ProgrammeTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.old_programme = ProgrammeFactory(
            title="Program för ett jämställt Stockholm 2018-2022",
            slug="jamstallt-2018",
            status="replaced",
            adopted_on=None,
        )
        cls.programme = ProgrammeFactory(
            title="Stockholms stads program för de mänskliga rättigheterna",
            short_title="MR-programmet",
            slug="mr",
            goal="Stockholms stad är en öppen, jämlik och jämställd stad.",
            adopted_by=cls.council,
        )
        cls.programme.replaces.set([cls.old_programme])
        cls.draft = ProgrammeFactory(title="Hemligt utkast", slug="utkast", status="draft")
        cls.knowledge = FocusAreaFactory(
            programme=cls.programme, title="Kunskap och information", position=1
        )
        cls.welfare = FocusAreaFactory(
            programme=cls.programme, title="Välfärd och service", position=2
        )
        cls.draft_focus_area = FocusAreaFactory(programme=cls.draft, title="Utkastets fokus")
        cls.ground = TargetGroupFactory(name="Etnisk tillhörighet", category="ground")
        cls.racism = TargetGroupFactory(name="Antisemitism", category="form_of_racism")
        cls.goal = SdgGoal.objects.create(number=10, title="Minskad ojämlikhet")
        cls.target = SdgTarget.objects.create(
            goal=cls.goal,
            code="10.2",
            title="Främja social, ekonomisk och politisk inkludering",
            text="Till 2030 möjliggöra och verka för att alla människor blir inkluderade.",
            position=2,
        )
        cls.plan = ActionPlanFactory(
            programme=cls.programme,
            title="Handlingsplan mot rasism",
            slug="mot-rasism",
            goal="Stadens verksamheter ska vara fria från alla former av rasism.",
        )
        cls.plan.special_focus.set([cls.racism])
        cls.plan.sdg_targets.set([cls.target])
        cls.area = DevelopmentAreaFactory(
            action_plan=cls.plan,
            title="Öka kunskapen om rasism och diskriminering",
            focus_areas=[cls.knowledge],
        )
        cls.activity = CityActivityFactory(
            development_area=cls.area, title="Informationsmaterial om rasism", responsible=cls.slk
        )
        cls.draft_plan = ActionPlanFactory(
            programme=cls.programme, title="Hemlig handlingsplan", slug="hemlig", status="draft"
        )
        cls.draft_area = DevelopmentAreaFactory(
            action_plan=cls.draft_plan, title="Hemligt område", focus_areas=[cls.welfare]
        )
        cls.draft_activity = CityActivityFactory(
            development_area=cls.draft_area, title="Hemlig aktivitet"
        )
        cls.plan_in_draft = ActionPlanFactory(
            programme=cls.draft, title="Plan i utkastprogram", slug="plan-i-utkast"
        )

    def count_queries(self, client: Client, url: str) -> int:
        """Return how many queries a GET of URL costs (and check it answers 200)."""
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return len(queries)

    def assert_login_redirect(self, response: Any) -> None:
        self.assertEqual(response.status_code, 302)
        self.assertIn("/konto/logga-in/", response["Location"])

    def last_event(self, **filters: Any) -> AuditEvent:
        event = AuditEvent.objects.filter(**filters).first()
        assert event is not None, f"no audit event matching {filters}"
        return event
