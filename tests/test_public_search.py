import datetime
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mrplan.collaboration.models import Material
from mrplan.consultations.models import Consultation
from mrplan.knowledge.models import Dataset, Measure
from mrplan.planning.models import Activity, ActivityUpdate, Goal, Report
from mrplan.programmes.models import ActionPlan
from mrplan.public import actions
from mrplan.public.search import stem
from tests.factories import (
    ActionPlanFactory,
    DevelopmentAreaFactory,
    OrganisationFactory,
    ProgrammeFactory,
    TargetGroupFactory,
)
from tests.test_planning_support import PlanningTestCase

SECRET = "zorblaxhemlis"
OPEN = "quintoppenord"


class SearchTestCase(PlanningTestCase):
    def search(self, **params: Any) -> Any:
        return self.client_for(None).get(reverse("public-search"), params)

    def titles(self, response: Any) -> list[str]:
        self.assertEqual(response.status_code, 200)
        return [hit.title for hit in response.context["page"].object_list]

    def goal(self, title: str, *, published: bool = True, **fields: Any) -> Goal:
        goal = self.make_goal(title=title, **fields)
        if published:
            actions.publish(actor=self.coordinator, obj=goal)
        return goal

    def activity(self, title: str, *, published: bool = True, **fields: Any) -> Activity:
        activity = self.make_activity(title=title, **fields)
        if published:
            actions.publish(actor=self.coordinator, obj=activity)
        return activity

    def content_of_every_kind(self, word: str, *, published: bool) -> None:
        """Create one item of each searchable kind whose title holds WORD."""
        programme = ProgrammeFactory(
            title=f"Program {word}", status="adopted" if published else "draft"
        )
        plan = ActionPlanFactory(
            programme=programme if published else ProgrammeFactory(),
            title=f"Handlingsplan {word}",
            is_published=published,
        )
        DevelopmentAreaFactory(action_plan=plan, title=f"Område {word}")
        self.goal(f"Mål {word}", published=published)
        self.activity(f"Aktivitet {word}", published=published)
        dataset = Dataset.objects.create(
            title=f"Dataset {word}",
            slug=f"dataset-{word}",
            source="Stockholmsenkäten",
            is_published=published,
        )
        Measure.objects.create(dataset=dataset, name=f"Mått {word}", slug=f"matt-{word}")
        Consultation.objects.create(
            title=f"Remiss {word}",
            sender=self.slk,
            deadline=datetime.date(2026, 3, 1),
            status="sent",
            is_published=published,
        )
        Material.objects.create(
            title=f"Material {word}",
            audience="public",
            url="https://example.org/material",
            is_public=published,
        )


class PublicationTests(SearchTestCase):
    def test_it_finds_every_kind_of_published_content(self) -> None:
        self.content_of_every_kind(OPEN, published=True)
        response = self.search(q=OPEN)
        kinds = {hit.kind for hit in response.context["page"].object_list}
        self.assertEqual(
            kinds,
            {
                "program",
                "handlingsplan",
                "omrade",
                "mal",
                "aktivitet",
                "dataset",
                "matt",
                "remiss",
                "material",
            },
        )

    def test_no_draft_or_unpublished_item_ever_appears(self) -> None:
        self.content_of_every_kind(SECRET, published=False)
        # A published consultation that is still a draft is a draft.
        Consultation.objects.create(
            title=f"Remissutkast {SECRET}",
            sender=self.slk,
            deadline=datetime.date(2026, 3, 1),
            status="draft",
            is_published=True,
        )
        # An approved report that is not published gives no status to the public.
        self.activity(f"Publicerad {OPEN}")
        for query in ("", OPEN, "Remissutkast"):
            response = self.search(q=query)
            self.assertEqual(response.status_code, 200)
            self.assertNotContains(response, SECRET)
        self.assertEqual(self.titles(self.search(q=SECRET)), [])
        self.assertEqual(self.titles(self.search(q=OPEN)), [f"Publicerad {OPEN}"])

    def test_the_status_of_an_activity_comes_only_from_an_approved_published_report(
        self,
    ) -> None:
        activity = self.activity(f"Aktivitet {OPEN}")
        self.make_goal()  # keep an unpublished goal around
        draft = self.make_report("T1")
        ActivityUpdate.objects.update_or_create(
            report=draft, activity=activity, defaults={"status": "delayed", "progress": 10}
        )
        response = self.search(q=OPEN)
        self.assertEqual(response.context["page"].object_list[0].status, "")
        self.assertNotContains(response, "Försenad")
        Report.objects.filter(pk=draft.pk).update(status="approved")
        actions.publish(actor=self.coordinator, obj=Report.objects.get(pk=draft.pk))
        response = self.search(q=OPEN)
        self.assertEqual(response.context["page"].object_list[0].status, "delayed")
        self.assertContains(response, "Status: Försenad")

    def test_a_published_programme_still_drafted_is_found_like_on_its_public_page(self) -> None:
        ProgrammeFactory(title=f"Programförslag {OPEN}", status="draft", is_published=True)
        response = self.search()
        self.assertEqual(response.status_code, 200)
        self.assertContains(self.search(q=OPEN), "Status: Utkast")

    def test_goals_link_to_the_public_plan_of_the_organisation(self) -> None:
        goal = self.goal(f"Mål {OPEN}")
        response = self.search(q=OPEN)
        url = reverse("public-organisation-plan", args=[self.org.slug, 2026])
        self.assertContains(response, f'href="{url}#mal-{goal.pk}"')


class StemmingTests(SearchTestCase):
    def test_the_stemmer_strips_swedish_inflections(self) -> None:
        self.assertEqual(stem("rasismen"), stem("rasism"))
        self.assertEqual(stem("utbildningar"), stem("utbildning"))
        self.assertEqual(stem("utbildningarna"), "utbildning")
        self.assertEqual(stem("barnens"), "barn")

    def search(self, **params: Any) -> Any:
        """Search only goals and activities (the fixture's plans speak of rasism too)."""
        return super().search(typ=["mal", "aktivitet"], **params)

    def test_inflected_words_find_each_other_on_this_database(self) -> None:
        self.goal("Ingen ska utsättas för rasismen i skolan")
        self.activity("Utbildningar för alla medarbetare")
        self.goal("Utbildning i mänskliga rättigheter")
        self.goal("Allt om rasism")
        self.assertCountEqual(
            self.titles(self.search(q="rasism")),
            ["Ingen ska utsättas för rasismen i skolan", "Allt om rasism"],
        )
        self.assertCountEqual(
            self.titles(self.search(q="rasismen")),
            ["Ingen ska utsättas för rasismen i skolan", "Allt om rasism"],
        )
        self.assertCountEqual(
            self.titles(self.search(q="utbildning")),
            ["Utbildningar för alla medarbetare", "Utbildning i mänskliga rättigheter"],
        )
        self.assertCountEqual(
            self.titles(self.search(q="utbildningar")),
            ["Utbildningar för alla medarbetare", "Utbildning i mänskliga rättigheter"],
        )

    def test_every_word_must_match_and_the_title_ranks_first(self) -> None:
        self.goal("Barn och rasism", description="")
        self.goal("Vuxna", description="Om rasism bland barn och vuxna.")
        self.goal("Bara rasism")
        self.assertEqual(self.titles(self.search(q="rasism barn"))[0], "Barn och rasism")
        self.assertNotIn("Bara rasism", self.titles(self.search(q="rasism barn")))

    def test_the_snippet_marks_the_word_and_escapes_the_text(self) -> None:
        self.goal("Mål", description="Vi motverkar rasism & diskriminering <i staden>.")
        response = self.search(q="rasism")
        self.assertContains(response, "<mark>rasism</mark> &amp; diskriminering &lt;i staden&gt;")


class FacetTests(SearchTestCase):
    def test_facets_narrow_the_results_and_show_counts(self) -> None:
        group = TargetGroupFactory(name="Antiziganism", slug="antiziganism")
        ours = self.goal(f"Vårt mål {OPEN}")
        ours.target_groups.set([group])
        self.goal(f"Deras mål {OPEN}", organisation=self.other_org)
        self.activity(f"Vår aktivitet {OPEN}", development_area=self.children_area)
        everything = self.search(q=OPEN)
        self.assertEqual(len(self.titles(everything)), 3)
        facets = {facet.name: facet for facet in everything.context["result"].facets}
        counts = {option.value: option.count for option in facets["organisation"].options}
        self.assertEqual(counts, {self.org.slug: 2, self.other_org.slug: 1})
        self.assertContains(everything, "Kulturförvaltningen <span")

        self.assertCountEqual(
            self.titles(self.search(q=OPEN, organisation=self.org.slug)),
            [f"Vårt mål {OPEN}", f"Vår aktivitet {OPEN}"],
        )
        self.assertEqual(
            self.titles(self.search(q=OPEN, malgrupp="antiziganism")), [f"Vårt mål {OPEN}"]
        )
        self.assertEqual(
            self.titles(self.search(q=OPEN, omrade=str(self.children_area.pk))),
            [f"Vår aktivitet {OPEN}"],
        )
        self.assertEqual(
            len(self.titles(self.search(q=OPEN, handlingsplan=self.action_plan.slug))), 3
        )
        self.assertEqual(
            self.titles(self.search(q=OPEN, typ="aktivitet", ar="2026")), [f"Vår aktivitet {OPEN}"]
        )
        self.assertEqual(self.titles(self.search(q=OPEN, ar="2030")), [])
        # Two values of one facet widen; two facets narrow.
        both = self.search(q=OPEN, organisation=[self.org.slug, self.other_org.slug], typ="mal")
        self.assertEqual(len(self.titles(both)), 2)

    def test_a_filter_on_an_unpublished_action_plan_is_unknown(self) -> None:
        hidden = ActionPlanFactory(title="Dold plan", status="draft")
        self.assertFalse(ActionPlan.objects.get(pk=hidden.pk).is_published)
        response = self.search(handlingsplan=hidden.slug)
        self.assertEqual(response.status_code, 400)
        self.assertNotContains(response, "Dold plan", status_code=400)


class BadInputTests(SearchTestCase):
    def test_malformed_parameters_give_400_in_swedish(self) -> None:
        cases = {
            "sida=abc": "Sidnumret ska vara ett heltal",
            "sida=0": "Sidnumret ska vara ett heltal",
            "sida=99": "Sidan 99 finns inte",
            "ar=xyz": "Året ska anges med fyra siffror",
            "ar=1700": "har inget värde",
            "organisation=finns-inte": "Filtret ”Organisation” har inget värde ”finns-inte”",
            "status=bogus": "Filtret ”Status” har inget värde",
            "typ=hemligt": "Filtret ”Typ av innehåll”",
            "omrade=abc": "Filtret ”Utvecklingsområde”",
            "malgrupp=ingen": "Filtret ”Målgrupp”",
            "q=" + "a" * 201: "Sökfrågan får vara högst 200 tecken",
        }
        for query, message in cases.items():
            with self.subTest(query=query):
                response = self.client_for(None).get(f"{reverse('public-search')}?{query}")
                self.assertEqual(response.status_code, 400)
                self.assertContains(response, message, status_code=400)

    def test_odd_but_harmless_queries_work(self) -> None:
        for query in ("!!!", "och", "a | b & !c", "'\"<>", "rasism:*"):
            with self.subTest(query=query):
                self.assertEqual(self.search(q=query).status_code, 200)

    def test_only_get_is_allowed(self) -> None:
        response = self.client_for(None).post(reverse("public-search"))
        self.assertEqual(response.status_code, 405)


class PagingTests(SearchTestCase):
    def count_queries(self, **params: Any) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = self.search(**params)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def test_it_pages_the_results_and_keeps_the_filters(self) -> None:
        for number in range(25):
            self.goal(f"Mål {number:02} {OPEN}")
        first = self.search(q=OPEN, organisation=self.org.slug)
        self.assertEqual(len(self.titles(first)), 20)
        self.assertContains(first, "Sida 1 av 2")
        self.assertContains(first, f"?q={OPEN}&amp;organisation={self.org.slug}&amp;sida=2")
        second = self.search(q=OPEN, organisation=self.org.slug, sida="2")
        self.assertEqual(len(self.titles(second)), 5)

    def test_a_page_costs_the_same_queries_for_few_and_many_items(self) -> None:
        self.content_of_every_kind(OPEN, published=True)
        few = self.count_queries(q=OPEN, organisation=self.org.slug)
        few_all = self.count_queries()
        for number in range(8):
            group = TargetGroupFactory()
            goal = self.goal(f"Mål {number} {OPEN}")
            goal.target_groups.set([group])
            activity = self.activity(f"Aktivitet {number} {OPEN}", goal=goal)
            activity.target_groups.set([group])
            # Through a city activity: its area and plan come with the row too.
            self.activity(f"Stadsgemensam {number} {OPEN}", city_activity=self.city_activity)
            self.content_of_every_kind(f"{OPEN}x{number}", published=True)
            # A consultation under a plan and an organisation under another: the columns
            # `.only()` loads must include what their hits show.
            Consultation.objects.create(
                title=f"Remiss med plan {number} {OPEN}",
                sender=self.slk,
                action_plan=self.action_plan,
                deadline=datetime.date(2026, 3, 1),
                status="sent",
                is_published=True,
            )
            OrganisationFactory(name=f"Förvaltning {number} {OPEN}", parent=self.org)
        self.assertEqual(self.count_queries(q=OPEN, organisation=self.org.slug), few)
        # The whole listing's first page now holds no goal or activity, which are not loaded.
        self.assertLessEqual(self.count_queries(), few_all)
        self.assertLessEqual(few_all, 24)


class ScaleTests(SearchTestCase):
    """Goals and activities are filtered, ranked, paged and counted by the database."""

    def count_queries(self, **params: Any) -> tuple[int, Any]:
        with CaptureQueriesContext(connection) as queries:
            response = self.search(**params)
        self.assertEqual(response.status_code, 200)
        return len(queries), response

    def test_a_word_in_every_activity_costs_the_same_queries_for_few_and_many(self) -> None:
        for number in range(3):
            self.activity(f"Aktivitet {number} {OPEN}")
        few, response = self.count_queries(q="aktivitet")
        self.assertEqual(response.context["paginator"].count, 3)
        for number in range(3, 45):
            self.activity(f"Aktivitet {number} {OPEN}", development_area=self.children_area)
        many, response = self.count_queries(q="aktivitet")
        self.assertEqual(many, few)
        self.assertEqual(response.context["paginator"].count, 45)
        self.assertEqual(len(response.context["page"].object_list), 20)
        facets = {facet.name: facet for facet in response.context["result"].facets}
        counts = {option.value: option.count for option in facets["omrade"].options}
        self.assertEqual(counts[str(self.children_area.pk)], 42)
        self.assertEqual(sum(counts.values()), 45)
        last, response = self.count_queries(q="aktivitet", sida="3")
        self.assertEqual(last, few)
        self.assertEqual(len(response.context["page"].object_list), 5)
        # The three pages hold every activity once.
        titles = set()
        for page in ("1", "2", "3"):
            titles |= set(self.titles(self.search(q="aktivitet", sida=page)))
        self.assertEqual(len(titles), 45)

    def test_the_status_facet_counts_and_filters_the_latest_public_status(self) -> None:
        shown = self.activity(f"Aktivitet {OPEN}")
        self.activity(f"Annan aktivitet {OPEN}")
        report = self.make_report("T1")
        ActivityUpdate.objects.update_or_create(
            report=report, activity=shown, defaults={"status": "delayed", "progress": 10}
        )
        Report.objects.filter(pk=report.pk).update(status="approved")
        actions.publish(actor=self.coordinator, obj=Report.objects.get(pk=report.pk))
        response = self.search(q=OPEN)
        facets = {facet.name: facet for facet in response.context["result"].facets}
        counts = {option.value: option.count for option in facets["status"].options}
        # The same statuses the hits show (read per hit when the page is built).
        shown_statuses = [hit.status for hit in response.context["page"].object_list]
        self.assertEqual(
            counts, {status: shown_statuses.count(status) for status in shown_statuses}
        )
        self.assertEqual(counts["delayed"], 1)
        self.assertEqual(self.titles(self.search(q=OPEN, status="delayed")), [f"Aktivitet {OPEN}"])

    def test_the_status_facet_follows_the_latest_public_report_under_other_filters(self) -> None:
        early = self.activity(f"Tidig {OPEN}")
        late = self.activity(f"Sen {OPEN}", development_area=self.children_area)
        updates = {
            "T1": {early: "delayed", late: "delayed"},
            "T2": {early: "completed", late: "ongoing"},  # the latest public report
            "VB": {early: "cancelled", late: "cancelled"},  # approved, never published
        }
        for code, statuses in updates.items():
            report = self.make_report(code, status="approved")
            for activity, status in statuses.items():
                progress = 100 if status == "completed" else 10
                ActivityUpdate.objects.update_or_create(
                    report=report,
                    activity=activity,
                    defaults={"status": status, "progress": progress},
                )
            if code != "VB":
                actions.publish(actor=self.coordinator, obj=report)

        def status_counts(**params: Any) -> dict[str, int]:
            response = self.search(q=OPEN, **params)
            facets = {facet.name: facet for facet in response.context["result"].facets}
            return {option.value: option.count for option in facets["status"].options}

        self.assertEqual(status_counts(), {"completed": 1, "ongoing": 1})
        # The status facet counts the hits that pass the other facets' filters only.
        self.assertEqual(status_counts(omrade=str(self.children_area.pk)), {"ongoing": 1})
        self.assertEqual(
            status_counts(omrade=str(self.children_area.pk), status="completed"),
            {"completed": 0, "ongoing": 1},
        )
        self.assertEqual(self.titles(self.search(q=OPEN, status="completed")), [f"Tidig {OPEN}"])
        self.assertEqual(self.titles(self.search(q=OPEN, status="cancelled")), [])
