"""One public rule per model: `published()` keeps exactly what the public may see.

For every publishable model, rows that must stay hidden (drafts, unapproved or reopened
reports, unpublished rows, rows under an unpublished parent) are not in `.published()` and
appear neither on the public pages, in open data, in search nor in the feeds; the published
rows do. A signed-in user without a membership sees what an anonymous visitor sees. A last
test scans the public code for the rule written out by hand, so it is not restated again.
"""

import datetime
import json
import re
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone

from mrplan.collaboration.models import Material
from mrplan.consultations.models import (
    Consultation,
    ConsultationDocument,
    ConsultationStatus,
    Statement,
    StatementStatus,
)
from mrplan.core.publication import PublishedQuerySet, prefixed, published_rule
from mrplan.knowledge.models import Area, Dataset, Measure, Observation, Period
from mrplan.planning.models import (
    Activity,
    ActivityUpdate,
    GoalAnalysis,
    IndicatorValue,
    Report,
    ReportStatus,
)
from mrplan.programmes.models import CityActivity
from mrplan.public.opendata import rows as opendata_rows
from tests.consultations_support import make_case, make_consultation
from tests.factories import (
    ActionPlanFactory,
    CityActivityFactory,
    DevelopmentAreaFactory,
    FocusAreaFactory,
    ProgrammeFactory,
)
from tests.test_planning_support import PlanningTestCase

WORD = "kvastfena"
SRC = Path(__file__).resolve().parent.parent / "src" / "mrplan"


def _publish(obj: Model, **extra: Any) -> None:
    type(obj)._default_manager.filter(pk=obj.pk).update(is_published=True, **extra)


class PublishedRuleTestCase(PlanningTestCase):
    """Visible (`shown`) and hidden (`hidden`) rows of every publishable model."""

    shown: dict[str, Model]
    hidden: dict[str, Model]

    def setUp(self) -> None:
        super().setUp()
        self.shown, self.hidden = {}, {}
        self.build_programmes()
        self.build_plan()
        self.build_consultations()
        self.build_knowledge()
        self.shown["material"] = Material.objects.create(
            title=f"Material {WORD} synligt", audience="public", is_public=True, url="https://a.se"
        )
        self.hidden["material"] = Material.objects.create(
            title=f"Material {WORD} dolt", audience="staff", is_public=False, url="https://b.se"
        )

    def build_programmes(self) -> None:
        programme = ProgrammeFactory(title=f"Program {WORD} synligt")
        hidden_programme = ProgrammeFactory(title=f"Program {WORD} dolt", is_published=False)
        plan = ActionPlanFactory(programme=programme, title=f"Plan {WORD} synlig")
        unpublished_plan = ActionPlanFactory(
            programme=programme, title=f"Plan {WORD} opublicerad", is_published=False
        )
        # Published itself, but its programme is not: hidden all the same.
        orphan_plan = ActionPlanFactory(
            programme=hidden_programme, title=f"Plan {WORD} föräldralös"
        )
        self.shown.update(programme=programme, plan=plan)
        self.hidden.update(
            programme=hidden_programme, plan=unpublished_plan, plan_of_hidden=orphan_plan
        )
        self.shown["focus"] = FocusAreaFactory(programme=programme)
        self.hidden["focus"] = FocusAreaFactory(programme=hidden_programme)
        for key, parent, bucket in (
            ("area", plan, self.shown),
            ("area", unpublished_plan, self.hidden),
            ("area_of_hidden", orphan_plan, self.hidden),
        ):
            title = f"Område {WORD} {'synligt' if bucket is self.shown else key + ' dolt'}"
            area = DevelopmentAreaFactory(action_plan=parent, title=title)
            bucket[key] = area
            bucket[key.replace("area", "city")] = CityActivityFactory(development_area=area)

    def build_plan(self) -> None:
        goal = self.make_goal(
            title=f"Mål {WORD} synligt",
            development_areas=[self.shown["area"], self.hidden["area"]],
        )
        draft_goal = self.make_goal(title=f"Mål {WORD} utkast")
        activity = self.make_activity(
            goal, title=f"Aktivitet {WORD} synlig", city_activity=self.hidden["city"]
        )
        hidden_activity = self.make_activity(goal, title=f"Aktivitet {WORD} opublicerad")
        indicator = self.make_indicator(goal, name=f"Indikator {WORD} synlig")
        unpublished_indicator = self.make_indicator(goal, name=f"Indikator {WORD} opublicerad")
        # Published itself, but its goal is not: an indicator never shows alone.
        orphan_indicator = self.make_indicator(draft_goal, name=f"Indikator {WORD} föräldralös")
        for obj in (goal, activity, indicator, orphan_indicator):
            _publish(obj, published_at=timezone.now())
        now = timezone.now()
        approved = self.make_report("T1", status=ReportStatus.APPROVED)
        unpublished = self.make_report("T2", status=ReportStatus.APPROVED)
        # Reopened after publishing: back to draft, the flag not yet cleared.
        reopened = self.make_report("VB", status=ReportStatus.DRAFT)
        submitted = self.make_report(
            "T1", status=ReportStatus.SUBMITTED, organisation=self.other_org
        )
        for report in (approved, reopened, submitted):
            _publish(report, published_at=now)
        self.shown.update(goal=goal, activity=activity, indicator=indicator, report=approved)
        self.hidden.update(
            goal=draft_goal,
            activity=hidden_activity,
            indicator=unpublished_indicator,
            indicator_of_hidden=orphan_indicator,
            report=unpublished,
            reopened=reopened,
            submitted=submitted,
        )
        for key, report in (("", approved), ("_unpublished", unpublished), ("_reopened", reopened)):
            bucket = self.shown if report is approved else self.hidden
            update, _ = ActivityUpdate.objects.get_or_create(
                report=report, activity=activity, defaults={"status": "ongoing"}
            )
            bucket["update" + key] = update
            bucket["value" + key] = IndicatorValue.objects.create(
                report=report, indicator=indicator, value=1
            )
            bucket["analysis" + key] = GoalAnalysis.objects.create(
                report=report, goal=goal, text=f"Analys {WORD}{key}"
            )
        self.hidden["update_of_hidden"], _ = ActivityUpdate.objects.get_or_create(
            report=approved, activity=hidden_activity, defaults={"status": "ongoing"}
        )
        self.hidden["value_of_hidden"] = IndicatorValue.objects.create(
            report=approved, indicator=unpublished_indicator, value=2
        )
        self.hidden["analysis_of_hidden"] = GoalAnalysis.objects.create(
            report=approved, goal=draft_goal, text="x"
        )

    def build_consultations(self) -> None:
        sent = make_consultation(
            self.slk,
            [self.org, self.other_org],
            status=ConsultationStatus.SENT,
            title=f"Remiss {WORD} synlig",
        )
        unpublished = make_consultation(
            self.slk, [self.org], status=ConsultationStatus.SENT, title=f"Remiss {WORD} dold"
        )
        draft = make_consultation(self.slk, [self.org], title=f"Remiss {WORD} utkast")
        for consultation in (sent, draft):
            _publish(consultation)
        self.shown["consultation"] = sent
        self.hidden.update(consultation=unpublished, consultation_draft=draft)
        for serial, (key, consultation, organisation, status) in enumerate(
            (
                ("statement", sent, self.org, StatementStatus.DECIDED),
                ("statement_undecided", sent, self.other_org, StatementStatus.APPROVED),
                ("statement_of_hidden", unpublished, self.org, StatementStatus.DECIDED),
                ("statement_of_draft", draft, self.org, StatementStatus.DECIDED),
            ),
            start=1,
        ):
            recipient = consultation.recipients.get(organisation=organisation)
            case = make_case(organisation, serial, consultation_recipient=recipient)
            statement = Statement.objects.create(
                case=case, title=f"Svar {key}", diary_number=case.diary_number, status=status
            )
            (self.shown if key == "statement" else self.hidden)[key] = statement
        for key, consultation in (
            ("document", sent),
            ("document_of_hidden", unpublished),
            ("document_of_draft", draft),
        ):
            document = ConsultationDocument.objects.create(
                consultation=consultation,
                title=key,
                file=ContentFile(b"%PDF-1.4", name=f"{key}.pdf"),
            )
            (self.shown if key == "document" else self.hidden)[key] = document

    def build_knowledge(self) -> None:
        dataset = Dataset.objects.create(
            title=f"Dataset {WORD} synligt", slug="synligt", is_published=True
        )
        hidden = Dataset.objects.create(title=f"Dataset {WORD} dolt", slug="dolt")
        area, _ = Area.objects.get_or_create(name="Stockholm", kind="city", code="0180")
        period, _ = Period.objects.get_or_create(
            label="2024",
            kind="year",
            start=datetime.date(2024, 1, 1),
            end=datetime.date(2024, 12, 31),
        )
        for bucket, parent, key in ((self.shown, dataset, ""), (self.hidden, hidden, "_of_hidden")):
            bucket["dataset" + key] = parent
            measure = Measure.objects.create(
                dataset=parent, name=f"Mått {WORD}{key}", slug=f"matt{key}"
            )
            bucket["measure" + key] = measure
            bucket["observation" + key] = Observation.objects.create(
                measure=measure, area=area, period=period, value=1.0
            )

    def public_clients(self) -> list[Any]:
        """Anonymous, and signed in without a membership: the public, both."""
        return [self.client_for(None), self.client_for(self.nobody)]

    def assert_shows(self, url: str, shown: list[str], hidden: list[str]) -> None:
        for client in self.public_clients():
            response = client.get(url)
            self.assertEqual(response.status_code, 200, url)
            content = response.content.decode()
            for text in shown:
                self.assertIn(text, content, url)
            for text in hidden:
                self.assertNotIn(text, content, url)


class PublishedQuerySetTests(PublishedRuleTestCase):
    def test_every_publishable_model_states_its_rule_in_its_queryset(self) -> None:
        models = {type(obj) for obj in [*self.shown.values(), *self.hidden.values()]}
        self.assertEqual(len(models), 19)
        for model in models:
            with self.subTest(model=model.__name__):
                self.assertIsInstance(model._default_manager.all(), PublishedQuerySet)

    def test_published_keeps_the_public_rows_and_drops_every_hidden_one(self) -> None:
        for bucket, expected in ((self.shown, True), (self.hidden, False)):
            for key, obj in bucket.items():
                with self.subTest(key=key, shown=expected):
                    published = type(obj)._default_manager.all().published()
                    self.assertEqual(published.filter(pk=obj.pk).exists(), expected)

    def test_a_rule_under_a_prefix_is_the_same_rule_from_a_related_row(self) -> None:
        rule = published_rule(Consultation, "case__consultation_recipient__consultation__")
        answers = set(Statement.objects.filter(rule).values_list("title", flat=True))
        # The draft consultation is published but not sent: the negated part moved too.
        self.assertEqual(answers, {"Svar statement", "Svar statement_undecided"})
        self.assertEqual(
            set(ActivityUpdate.objects.filter(published_rule(Report, "report__"))),
            {self.shown["update"], self.hidden["update_of_hidden"]},
        )

    def test_prefixed_keeps_connectors_and_negation(self) -> None:
        from django.db.models import Q

        moved = prefixed(Q(a=1) | ~Q(b=2), "x__")
        self.assertEqual(moved, Q(x__a=1) | ~Q(x__b=2))
        self.assertEqual(prefixed(Q(a=1), ""), Q(a=1))

    def test_a_model_without_a_rule_is_refused(self) -> None:
        from mrplan.organisations.models import Organisation

        with self.assertRaises(TypeError):
            published_rule(Organisation)

    def test_is_published_ref_marks_links_to_hidden_parents(self) -> None:
        activity = (
            Activity.objects.annotate(
                area_public=CityActivity.objects.is_published_ref("city_activity")
            )
            .filter(pk=self.shown["activity"].pk)
            .get()
        )
        self.assertFalse(activity.area_public)  # type: ignore[attr-defined]


class OpenDataTests(PublishedRuleTestCase):
    TABLES = {
        "programme_rows": "programme",
        "action_plan_rows": "plan",
        "development_area_rows": "area",
        "goal_rows": "goal",
        "activity_rows": "activity",
        "indicator_rows": "indicator",
        "report_rows": "report",
        "indicator_value_rows": "value",
        "consultation_rows": "consultation",
        "consultation_answer_rows": "statement",
        "dataset_rows": "dataset",
        "measure_rows": "measure",
        "observation_rows": "observation",
        "material_rows": "material",
    }

    def test_each_table_holds_the_published_rows_only(self) -> None:
        for name, key in self.TABLES.items():
            with self.subTest(table=name):
                ids = {row["id"] for row in getattr(opendata_rows, name)()}
                model = type(self.shown[key])
                self.assertEqual(
                    ids, set(model._default_manager.all().published().values_list("pk", flat=True))
                )
                self.assertIn(self.shown[key].pk, ids)
                for hidden_key, obj in self.hidden.items():
                    if type(obj) is model:
                        self.assertNotIn(obj.pk, ids, hidden_key)

    def test_links_to_hidden_parents_are_left_empty(self) -> None:
        (goal,) = opendata_rows.goal_rows()
        self.assertEqual(goal["development_area_ids"], [self.shown["area"].pk])
        (activity,) = opendata_rows.activity_rows()
        self.assertIsNone(activity["city_activity_id"])
        self.assertEqual(activity["city_activity_title"], "")

    def test_the_download_gives_the_same_rows(self) -> None:
        for client in self.public_clients():
            response = client.get(reverse("public-opendata-download", args=["reports", "json"]))
            self.assertEqual(
                [row["id"] for row in json.loads(response.getvalue())["rows"]],
                [self.shown["report"].pk],
            )


class PublicPageTests(PublishedRuleTestCase):
    def test_the_organisation_plan_shows_published_goals_activities_and_indicators(self) -> None:
        self.assert_shows(
            reverse("public-organisation-plan", args=[self.org.slug, self.year.year]),
            [f"Mål {WORD} synligt", f"Aktivitet {WORD} synlig", f"Indikator {WORD} synlig"],
            [
                f"Mål {WORD} utkast",
                f"Aktivitet {WORD} opublicerad",
                f"Indikator {WORD} opublicerad",
                f"Indikator {WORD} föräldralös",
                # The goal's area and the activity's city activity sit in an unpublished plan.
                f"Område {WORD} area dolt",
                self.hidden["city"].title,
                f"Plan {WORD} opublicerad",
            ],
        )

    def test_the_consultation_pages_show_published_sent_consultations(self) -> None:
        self.assert_shows(
            reverse("public-consultation-list"),
            [f"Remiss {WORD} synlig"],
            [f"Remiss {WORD} dold", f"Remiss {WORD} utkast"],
        )
        for client in self.public_clients():
            for key, status in (
                ("document", 200),
                ("document_of_hidden", 404),
                ("document_of_draft", 404),
            ):
                obj = self.shown.get(key) or self.hidden[key]
                response = client.get(reverse("public-consultation-document", args=[obj.pk]))
                self.assertEqual(response.status_code, status, key)

    def test_the_action_plan_list_shows_published_plans_of_published_programmes(self) -> None:
        self.assert_shows(
            reverse("public-action-plan-list"),
            [f"Plan {WORD} synlig"],
            [f"Plan {WORD} opublicerad", f"Plan {WORD} föräldralös"],
        )
        for client in self.public_clients():
            response = client.get(
                reverse("public-action-plan", args=[self.hidden["plan_of_hidden"].slug])
            )
            self.assertEqual(response.status_code, 404)

    def test_datasets_and_material_show_the_published_ones(self) -> None:
        self.assert_shows(
            reverse("knowledge-dataset-list"), [f"Dataset {WORD} synligt"], [f"Dataset {WORD} dolt"]
        )
        self.assert_shows(
            reverse("collaboration-material-list"),
            [f"Material {WORD} synligt"],
            [f"Material {WORD} dolt"],
        )

    def test_search_finds_the_published_rows_only(self) -> None:
        for client in self.public_clients():
            response = client.get(reverse("public-search"), {"q": WORD})
            self.assertEqual(response.status_code, 200)
            titles = {hit.title for hit in response.context["page"].object_list}
            for title in (
                f"Program {WORD} synligt",
                f"Plan {WORD} synlig",
                f"Område {WORD} synligt",
                f"Mål {WORD} synligt",
                f"Aktivitet {WORD} synlig",
                f"Dataset {WORD} synligt",
                f"Mått {WORD}",
                f"Remiss {WORD} synlig",
                f"Material {WORD} synligt",
            ):
                self.assertIn(title, titles)
            hidden = [
                t for t in titles if re.search(r"dol[dt]|utkast|opublicerad|föräldralös|_of_", t)
            ]
            self.assertEqual(hidden, [])

    def test_the_feeds_carry_published_reports_and_consultations(self) -> None:
        self.assert_shows(
            reverse("public-feed-consultations"),
            [f"Remiss {WORD} synlig"],
            [f"Remiss {WORD} dold", f"Remiss {WORD} utkast"],
        )
        for client in self.public_clients():
            content = client.get(reverse("public-feed-reports")).content.decode()
            self.assertEqual(content.count("<entry>"), 1)


# The rule written out by hand: a filter on the flags or on the statuses that make a row
# public. Only the querysets (the models) state it; actions that SET a flag are allowed.
RESTATED = re.compile(
    r"is_published\s*=\s*True|__is_published\b|is_public\s*=\s*True|"
    r"\.is_published\s+and\b|exclude\(status=ConsultationStatus\.DRAFT\)|"
    r"status=ReportStatus\.APPROVED,\s*(?:report__)?is_published"
)
SCANNED = [
    "public",
    "programmes/selectors.py",
    "knowledge/selectors.py",
    "knowledge/comparison.py",
    "collaboration/selectors.py",
]
# Files that set the flag (publishing actions), not read it.
ALLOWED = {"public/actions.py"}


def test_the_public_rule_is_not_restated_outside_the_querysets() -> None:
    found = []
    for entry in SCANNED:
        path = SRC / entry
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            relative = file.relative_to(SRC).as_posix()
            if relative in ALLOWED or "/migrations/" in relative:
                continue
            for number, line in enumerate(file.read_text().splitlines(), start=1):
                if RESTATED.search(line):
                    found.append(f"{relative}:{number}: {line.strip()}")
    assert found == [], "use Model.objects.published() instead:\n" + "\n".join(found)


def test_the_scan_would_catch_a_restatement() -> None:
    for line in (
        "Goal.objects.filter(is_published=True)",
        "Measure.objects.filter(dataset__is_published=True)",
        "Consultation.objects.filter(x).exclude(status=ConsultationStatus.DRAFT)",
        "return target.is_published and target.programme.is_published",
        "Q(report__status=ReportStatus.APPROVED, report__is_published=True)",
    ):
        assert RESTATED.search(line), line
    assert not RESTATED.search("Goal.objects.published()")
