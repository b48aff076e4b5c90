import json
import tempfile
from io import StringIO
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse

from mrplan.programmes.agenda2030 import load_agenda2030
from mrplan.programmes.models import SdgGoal, SdgTarget
from tests.factories import ActionPlanFactory, ProgrammeFactory
from tests.test_programmes_base import ProgrammeTestCase


def _write(document: dict[str, object]) -> Path:
    file = tempfile.NamedTemporaryFile(  # noqa: SIM115  (deleted by the test's cleanup)
        "w", suffix=".json", delete=False, encoding="utf-8"
    )
    with file:
        json.dump(document, file, ensure_ascii=False)
    return Path(file.name)


class LoadAgenda2030Tests(TestCase):
    def test_it_loads_the_17_goals_in_swedish(self) -> None:
        result = load_agenda2030()
        self.assertEqual(result.goals, 17)
        self.assertEqual(SdgGoal.objects.count(), 17)
        titles = dict(SdgGoal.objects.values_list("number", "title"))
        self.assertEqual(titles[1], "Ingen fattigdom")
        self.assertEqual(titles[2], "Ingen hunger")
        self.assertEqual(titles[3], "God hälsa och välbefinnande")
        self.assertEqual(titles[4], "God utbildning för alla")
        self.assertEqual(titles[5], "Jämställdhet")
        self.assertEqual(titles[10], "Minskad ojämlikhet")
        self.assertEqual(titles[16], "Fredliga och inkluderande samhällen")
        self.assertEqual(titles[17], "Genomförande och globalt partnerskap")

    def test_it_loads_the_targets_of_the_goals_the_programme_uses(self) -> None:
        load_agenda2030()
        for number in (1, 4, 5, 8, 10, 11, 16):
            with self.subTest(goal=number):
                self.assertGreaterEqual(SdgTarget.objects.filter(goal__number=number).count(), 5)
        target = SdgTarget.objects.get(code="10.2")
        self.assertEqual(target.title, "Främja social, ekonomisk och politisk inkludering")
        self.assertEqual(
            SdgTarget.objects.get(code="10.3").title,
            "Säkerställ lika rättigheter och möjligheter för alla och stoppa diskriminering",
        )
        self.assertEqual(
            SdgTarget.objects.get(code="16.b").title,
            "Främja och tillämpa icke-diskriminerande lagar och policyer",
        )
        self.assertEqual(
            SdgTarget.objects.get(code="5.1").title, "Stoppa diskriminering av kvinnor och flickor"
        )
        self.assertEqual(
            SdgTarget.objects.get(code="4.5").title, "Eliminera diskriminering i utbildning"
        )

    def test_it_orders_targets_numbers_first_then_letters(self) -> None:
        load_agenda2030()
        codes = list(SdgTarget.objects.filter(goal__number=16).values_list("code", flat=True))
        self.assertEqual(codes[:2], ["16.1", "16.2"])
        self.assertEqual(codes[9:], ["16.10", "16.a", "16.b"])

    def test_it_is_idempotent(self) -> None:
        load_agenda2030()
        targets = SdgTarget.objects.count()
        load_agenda2030()
        self.assertEqual(SdgGoal.objects.count(), 17)
        self.assertEqual(SdgTarget.objects.count(), targets)

    def test_a_file_can_add_targets_to_goals_loaded_before(self) -> None:
        load_agenda2030()
        path = _write(
            {
                "goals": [
                    {
                        "number": 3,
                        "targets": [
                            {
                                "code": "3.4",
                                "title": "Minska icke-smittsamma sjukdomar",
                                "text": "Till 2030 …",
                            }
                        ],
                    }
                ]
            }
        )
        self.addCleanup(path.unlink)
        load_agenda2030(path)
        self.assertEqual(SdgGoal.objects.get(number=3).title, "God hälsa och välbefinnande")
        self.assertEqual(SdgTarget.objects.get(code="3.4").goal.number, 3)

    def test_it_refuses_a_new_goal_without_title(self) -> None:
        path = _write({"goals": [{"number": 7}]})
        self.addCleanup(path.unlink)
        with self.assertRaises(ValidationError):
            load_agenda2030(path)
        self.assertFalse(SdgGoal.objects.exists())


class LoadAgenda2030CommandTests(TestCase):
    def test_it_loads_the_bundled_file(self) -> None:
        out = StringIO()
        call_command("load_agenda2030", stdout=out)
        self.assertIn("17 mål", out.getvalue())
        self.assertEqual(SdgGoal.objects.count(), 17)

    def test_it_loads_a_given_file(self) -> None:
        path = _write({"goals": [{"number": 13, "title": "Bekämpa klimatförändringarna"}]})
        self.addCleanup(path.unlink)
        call_command("load_agenda2030", str(path), stdout=StringIO())
        self.assertEqual(SdgGoal.objects.get().title, "Bekämpa klimatförändringarna")

    def test_it_reports_a_missing_or_broken_file(self) -> None:
        with self.assertRaisesMessage(CommandError, "Filen finns inte"):
            call_command("load_agenda2030", "/finns/inte.json", stdout=StringIO())
        path = Path(tempfile.mkstemp(suffix=".json")[1])
        self.addCleanup(path.unlink)
        path.write_text("{inte json", encoding="utf-8")
        with self.assertRaisesMessage(CommandError, "inte giltig JSON"):
            call_command("load_agenda2030", str(path), stdout=StringIO())


class SdgListTests(ProgrammeTestCase):
    url = reverse("programmes-sdg-list")

    def test_it_lists_the_goals_and_their_targets(self) -> None:
        load_agenda2030()
        response = self.client.get(self.url)
        self.assertContains(response, "Lämna ingen utanför")
        self.assertContains(response, "Mål 1: Ingen fattigdom")
        self.assertContains(response, "Mål 17: Genomförande och globalt partnerskap")
        self.assertContains(response, 'id="delmal-10.2"')
        self.assertContains(response, "Främja och tillämpa icke-diskriminerande lagar och policyer")
        self.assertContains(response, "Handlingsplan mot rasism")
        self.assertContains(response, "Delmålen för det här målet är inte inlästa ännu.")

    def test_it_does_not_reveal_draft_plans_to_anonymous_visitors(self) -> None:
        self.draft_plan.sdg_targets.add(self.target)
        self.assertNotContains(self.client.get(self.url), "Hemlig handlingsplan")
        self.assertContains(self.client_for(self.reader).get(self.url), "Hemlig handlingsplan")

    def test_it_costs_the_same_queries_with_all_the_data_loaded(self) -> None:
        before = self.count_queries(self.client, self.url)
        load_agenda2030()
        for code in ("10.3", "16.b", "5.1"):
            plan = ActionPlanFactory(programme=ProgrammeFactory())
            plan.sdg_targets.set([SdgTarget.objects.get(code=code), self.target])
        self.assertEqual(self.count_queries(self.client, self.url), before)
