"""Reading the steering structure: programmes, action plans and development areas."""

from mrplan.accounts.actions import token_create
from mrplan.programmes.models import ActionPlan, Programme, SdgGoal, SdgTarget, TargetGroup
from tests.base import BaseTestCase
from tests.factories import (
    ActionPlanFactory,
    CityActivityFactory,
    DevelopmentAreaFactory,
    FocusAreaFactory,
    ProgrammeFactory,
)

PLAN_TITLES = [
    "Handlingsplan mot rasism",
    "Handlingsplan för barnets rättigheter och inflytande",
    "Handlingsplan för nationella minoriteternas rättigheter",
    "Handlingsplan för ett jämställt Stockholm",
    "Handlingsplan för hbtqi",
    "Handlingsplan för romsk inkludering",
]
FOCUS_AREA_TITLES = ["Kunskap och information", "Välfärd och service", "Delaktighet och inflytande"]


PROGRAMME_TITLE = "Stockholms stads program för de mänskliga rättigheterna"


def build_programme(title: str = PROGRAMME_TITLE, **kwargs: object) -> Programme:
    """Build a programme with 3 focus areas and 6 action plans of 3 development areas each."""
    programme = ProgrammeFactory(title=title, **kwargs)
    suffix = "" if title == PROGRAMME_TITLE else f" ({title})"
    focus_areas = [
        FocusAreaFactory(programme=programme, title=title, position=number)
        for number, title in enumerate(FOCUS_AREA_TITLES)
    ]
    goal = SdgGoal.objects.get_or_create(number=10, defaults={"title": "Minskad ojämlikhet"})[0]
    target = SdgTarget.objects.get_or_create(
        code="10.2", defaults={"goal": goal, "text": "Främja social inkludering."}
    )[0]
    group = TargetGroup.objects.get_or_create(
        slug="afrofobi", defaults={"name": "Afrofobi", "category": "form_of_racism"}
    )[0]
    for position, plan_title in enumerate(PLAN_TITLES):
        plan = ActionPlanFactory(programme=programme, title=plan_title + suffix, position=position)
        plan.special_focus.set([group])
        plan.sdg_targets.set([target])
        for number, focus_area in enumerate(focus_areas):
            area = DevelopmentAreaFactory(
                action_plan=plan, title=f"Område {number}", focus_areas=[focus_area]
            )
            area.target_groups.set([group])
            area.sdg_targets.set([target])
            activity = CityActivityFactory(development_area=area, responsible=None)
            activity.target_groups.set([group])
    return programme


class ProgrammeListTests(BaseTestCase):
    def test_it_lists_a_programme_with_its_three_focus_areas_and_six_action_plans(self) -> None:
        programme = build_programme()
        response = self.client.get("/api/v1/programmes/")
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["count"], 1)
        item = body["items"][0]
        self.assertEqual(item["id"], programme.pk)
        self.assertEqual(item["status"], "adopted")
        self.assertEqual(item["status_label"], "Antagen")
        self.assertEqual([area["title"] for area in item["focus_areas"]], FOCUS_AREA_TITLES)
        self.assertEqual([plan["title"] for plan in item["action_plans"]], PLAN_TITLES)

    def test_it_hides_draft_programmes_and_plans_from_anonymous_callers(self) -> None:
        programme = build_programme()
        draft = ProgrammeFactory(status="draft", title="Nytt program")
        ActionPlan.objects.filter(title=PLAN_TITLES[0]).update(status="draft", is_published=False)

        body = self.client.get("/api/v1/programmes/").json()
        self.assertEqual([item["id"] for item in body["items"]], [programme.pk])
        self.assertEqual(len(body["items"][0]["action_plans"]), 5)
        self.assertEqual(self.client.get(f"/api/v1/programmes/{draft.pk}").status_code, 404)

    def test_it_shows_drafts_to_signed_in_callers(self) -> None:
        build_programme()
        ProgrammeFactory(status="draft", title="Nytt program")
        ActionPlan.objects.filter(title=PLAN_TITLES[0]).update(status="draft", is_published=False)

        body = self.client_for(self.reader).get("/api/v1/programmes/").json()
        self.assertEqual(body["count"], 2)
        plans = {len(item["action_plans"]) for item in body["items"]}
        self.assertEqual(plans, {0, 6})

    def test_it_lists_which_programmes_one_replaces(self) -> None:
        old = ProgrammeFactory(status="replaced", title="Program för mänskliga rättigheter 2018")
        draft = ProgrammeFactory(status="draft", title="Utkast")
        programme = build_programme()
        programme.replaces.set([old, draft])
        item = self.client.get(f"/api/v1/programmes/{programme.pk}").json()
        self.assertEqual(item["replaces_ids"], [old.pk])

    def test_it_pages_the_list(self) -> None:
        for number in range(3):
            ProgrammeFactory(title=f"Program {number}")
        body = self.client.get("/api/v1/programmes/?page=2&page_size=2").json()
        self.assertEqual(body["count"], 3)
        self.assertEqual(len(body["items"]), 1)

    def test_it_refuses_a_page_number_below_one_in_swedish(self) -> None:
        response = self.client.get("/api/v1/programmes/?page=0")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["errors"], {"page": ["Värdet måste vara minst 1."]})

    def test_the_list_costs_a_fixed_number_of_queries(self) -> None:
        build_programme()
        build_programme(title="Ett andra program")
        # count, programmes, focus areas, action plans, replaced programmes
        with self.assertNumQueries(5):
            self.client.get("/api/v1/programmes/")

    def test_the_list_costs_a_fixed_number_of_queries_for_a_token(self) -> None:
        build_programme()
        _token, raw = token_create(actor=self.reader, name="Skript")
        # token, last used, roles, then the five of the list
        with self.assertNumQueries(8):
            self.client.get("/api/v1/programmes/", headers={"Authorization": f"Bearer {raw}"})


class ProgrammeDetailTests(BaseTestCase):
    def test_it_shows_a_programme(self) -> None:
        programme = build_programme(goal="Stockholms stad är en öppen, jämlik och jämställd stad")
        response = self.client.get(f"/api/v1/programmes/{programme.pk}")
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["goal"], "Stockholms stad är en öppen, jämlik och jämställd stad")
        self.assertEqual(len(body["focus_areas"]), 3)
        self.assertEqual(len(body["action_plans"]), 6)

    def test_it_answers_an_unknown_id_with_404_in_swedish(self) -> None:
        for pk in (999999, 0, 2**70):
            response = self.client.get(f"/api/v1/programmes/{pk}")
            self.assertEqual(response.status_code, 404)
            self.assertEqual(response.json(), {"detail": "Programmet finns inte."})

    def test_it_answers_a_draft_with_404_not_403(self) -> None:
        draft = ProgrammeFactory(status="draft")
        response = self.client.get(f"/api/v1/programmes/{draft.pk}")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(
            self.client_for(self.nobody).get(f"/api/v1/programmes/{draft.pk}").status_code, 404
        )
        self.assertEqual(
            self.client_for(self.outsider).get(f"/api/v1/programmes/{draft.pk}").status_code, 200
        )

    def test_it_refuses_an_id_that_is_not_a_number(self) -> None:
        response = self.client.get("/api/v1/programmes/rasism")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["errors"], {"programme_id": ["Ange ett heltal."]})


class ActionPlanTests(BaseTestCase):
    def setUp(self) -> None:
        self.programme = build_programme()
        self.plan = ActionPlan.objects.get(title=PLAN_TITLES[0])

    def test_it_lists_the_action_plans(self) -> None:
        body = self.client.get("/api/v1/action-plans/").json()
        self.assertEqual(body["count"], 6)
        first = body["items"][0]
        self.assertEqual(first["title"], "Handlingsplan mot rasism")
        self.assertEqual(first["programme_id"], self.programme.pk)
        self.assertEqual(first["sdg_target_codes"], ["10.2"])
        self.assertEqual([group["name"] for group in first["special_focus"]], ["Afrofobi"])

    def test_it_filters_the_list_by_programme(self) -> None:
        other = ProgrammeFactory()
        ActionPlanFactory(programme=other)
        body = self.client.get(f"/api/v1/action-plans/?programme_id={other.pk}").json()
        self.assertEqual(body["count"], 1)

    def test_it_hides_draft_plans_and_plans_of_draft_programmes_from_anonymous_callers(
        self,
    ) -> None:
        ActionPlan.objects.filter(pk=self.plan.pk).update(status="draft", is_published=False)
        ActionPlanFactory(programme=ProgrammeFactory(status="draft"), status="adopted")
        body = self.client.get("/api/v1/action-plans/").json()
        self.assertEqual(body["count"], 5)
        self.assertNotIn(self.plan.pk, [item["id"] for item in body["items"]])
        self.assertEqual(self.client.get(f"/api/v1/action-plans/{self.plan.pk}").status_code, 404)
        signed_in = self.client_for(self.reader)
        self.assertEqual(signed_in.get("/api/v1/action-plans/").json()["count"], 7)
        self.assertEqual(signed_in.get(f"/api/v1/action-plans/{self.plan.pk}").status_code, 200)

    def test_it_shows_a_plan_with_its_development_areas_and_activities(self) -> None:
        body = self.client.get(f"/api/v1/action-plans/{self.plan.pk}").json()
        self.assertEqual(body["status"], "adopted")
        self.assertEqual(body["special_focus"][0]["category"], "form_of_racism")
        self.assertEqual(len(body["development_areas"]), 3)
        area = body["development_areas"][0]
        focus_area = self.programme.focus_areas.get(title="Kunskap och information")
        self.assertEqual(area["focus_area_ids"], [focus_area.pk])
        self.assertEqual(area["sdg_target_codes"], ["10.2"])
        self.assertEqual(len(area["city_activities"]), 1)
        self.assertEqual(len(area["city_activities"][0]["target_group_ids"]), 1)

    def test_an_unknown_plan_is_404(self) -> None:
        response = self.client.get("/api/v1/action-plans/424242")
        self.assertEqual(response.json(), {"detail": "Handlingsplanen finns inte."})

    def test_the_list_costs_a_fixed_number_of_queries(self) -> None:
        with self.assertNumQueries(4):  # count, plans, special focus, SDG targets
            self.client.get("/api/v1/action-plans/")

    def test_the_detail_costs_a_fixed_number_of_queries(self) -> None:
        # plan, special focus, SDG targets, development areas, their focus areas, target
        # groups and SDG targets, city activities and their target groups
        with self.assertNumQueries(9):
            self.client.get(f"/api/v1/action-plans/{self.plan.pk}")


class DevelopmentAreaDetailTests(BaseTestCase):
    def setUp(self) -> None:
        self.programme = build_programme()
        self.area = self.programme.action_plans.get(title=PLAN_TITLES[0]).development_areas.first()

    def test_it_shows_a_development_area(self) -> None:
        assert self.area is not None
        body = self.client.get(f"/api/v1/development-areas/{self.area.pk}").json()
        self.assertEqual(body["id"], self.area.pk)
        self.assertEqual(body["action_plan_id"], self.area.action_plan_id)
        self.assertEqual(len(body["focus_area_ids"]), 1)

    def test_it_hides_an_area_of_a_draft_plan_from_anonymous_callers(self) -> None:
        assert self.area is not None
        ActionPlan.objects.filter(pk=self.area.action_plan_id).update(
            status="draft", is_published=False
        )
        response = self.client.get(f"/api/v1/development-areas/{self.area.pk}")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json(), {"detail": "Utvecklingsområdet finns inte."})
        signed_in = self.client_for(self.outsider)
        self.assertEqual(
            signed_in.get(f"/api/v1/development-areas/{self.area.pk}").status_code, 200
        )

    def test_it_costs_a_fixed_number_of_queries(self) -> None:
        assert self.area is not None
        with self.assertNumQueries(6):
            self.client.get(f"/api/v1/development-areas/{self.area.pk}")
