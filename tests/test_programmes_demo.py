import datetime

from django.test import TestCase
from django.urls import reverse

from mrplan.programmes.demo import load_programmes
from mrplan.programmes.models import (
    ActionPlan,
    CityActivity,
    DevelopmentArea,
    FocusArea,
    Programme,
    SdgGoal,
    TargetGroup,
)
from tests.base import BaseTestCase

MR_TITLE = "Stockholms stads program för de mänskliga rättigheterna"


class LoadProgrammesTests(BaseTestCase):
    def test_it_creates_the_adopted_mr_programme(self) -> None:
        load_programmes()
        programme = Programme.objects.get(status="adopted")
        self.assertEqual(programme.title, MR_TITLE)
        self.assertEqual(
            programme.goal,
            "Stockholms stad är en öppen, jämlik och jämställd stad, "
            "fri från alla former av diskriminering och rasism.",
        )
        self.assertEqual(programme.adopted_on, datetime.date(2024, 12, 16))
        self.assertEqual(programme.adopted_by, self.council)
        self.assertEqual(
            list(programme.focus_areas.values_list("title", flat=True)),
            ["Kunskap och information", "Välfärd och service", "Delaktighet och inflytande"],
        )
        self.assertEqual(programme.action_plans.count(), 6)

    def test_it_replaces_the_four_earlier_programmes(self) -> None:
        load_programmes()
        programme = Programme.objects.get(status="adopted")
        replaced = programme.replaces.all()
        self.assertEqual(replaced.count(), 4)
        self.assertEqual({p.status for p in replaced}, {"replaced"})
        self.assertIn("Strategi för romsk inkludering 2018-2022", {p.title for p in replaced})

    def test_the_racism_plan_has_three_areas_each_answering_its_focus_area(self) -> None:
        load_programmes()
        plan = ActionPlan.objects.get(title="Handlingsplan mot rasism")
        self.assertEqual(
            plan.goal, "Stockholms stads verksamheter ska vara fria från alla former av rasism."
        )
        self.assertEqual(plan.status, "on_consultation")
        mapping = {
            area.title: [focus_area.title for focus_area in area.focus_areas.all()]
            for area in plan.development_areas.all()
        }
        self.assertEqual(
            mapping,
            {
                "Öka kunskapen om rasism och diskriminering": ["Kunskap och information"],
                "Motverka att barn och unga utsätts för rasism": ["Välfärd och service"],
                "Stärka samverkan med civilsamhället i arbetet mot rasism": [
                    "Delaktighet och inflytande"
                ],
            },
        )
        self.assertEqual(
            {group.name for group in plan.special_focus.all()},
            {"Afrofobi", "Antisemitism", "Antiziganism", "Islamofobi", "Rasism mot samer"},
        )
        self.assertTrue(
            {"10.2", "10.3", "16.b"} <= set(plan.sdg_targets.values_list("code", flat=True))
        )
        for area in plan.development_areas.all():
            with self.subTest(area=area.title):
                activities = list(area.city_activities.all())
                self.assertGreaterEqual(len(activities), 2)
                for activity in activities:
                    self.assertIn("Exempel i demodata", activity.description)

    def test_it_creates_the_target_group_taxonomy(self) -> None:
        load_programmes()
        by_category: dict[str, set[str]] = {}
        for name, category in TargetGroup.objects.values_list("name", "category"):
            by_category.setdefault(category, set()).add(name)
        self.assertEqual(len(by_category["ground"]), 7)
        self.assertIn("Könsöverskridande identitet eller uttryck", by_category["ground"])
        self.assertEqual(
            by_category["national_minority"],
            {"Judar", "Romer", "Samer", "Sverigefinnar", "Tornedalingar"},
        )
        self.assertEqual(len(by_category["form_of_racism"]), 5)
        self.assertEqual(by_category["age"], {"Barn och unga"})

    def test_it_is_idempotent(self) -> None:
        load_programmes()
        counts = [
            model.objects.count()
            for model in (
                Programme,
                FocusArea,
                ActionPlan,
                DevelopmentArea,
                CityActivity,
                TargetGroup,
            )
        ]
        load_programmes()
        self.assertEqual(
            [
                model.objects.count()
                for model in (
                    Programme,
                    FocusArea,
                    ActionPlan,
                    DevelopmentArea,
                    CityActivity,
                    TargetGroup,
                )
            ],
            counts,
        )
        self.assertEqual(counts[:3], [5, 3, 6])
        self.assertEqual(SdgGoal.objects.count(), 17)

    def test_the_pages_show_the_demo_programme(self) -> None:
        load_programmes()
        home = self.client.get(reverse("core-home"))
        self.assertContains(home, MR_TITLE)
        self.assertContains(home, "Delaktighet och inflytande")
        self.assertContains(home, "På remiss")
        # The adopted programme names all six plans, so all six are public.
        self.assertContains(home, "Handlingsplan för romsk inkludering")
        self.assertContains(home, "Utkast")
        plan = self.client.get(
            reverse("programmes-action-plan-detail", args=["handlingsplan-mot-rasism"])
        )
        self.assertContains(plan, "Stärka samverkan med civilsamhället i arbetet mot rasism")


class LoadProgrammesWithoutOrganisationsTests(TestCase):
    def test_it_leaves_the_adopting_body_empty(self) -> None:
        load_programmes()
        programme = Programme.objects.get(status="adopted")
        self.assertIsNone(programme.adopted_by)
        self.assertEqual(programme.action_plans.count(), 6)
