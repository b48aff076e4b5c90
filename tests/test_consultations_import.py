"""The import_statement command and the statement_import action: both seeds, refusals."""

import io
import json
import tempfile
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from mrplan.consultations.importing import find_organisation, parsed_from_dict, statement_import
from mrplan.consultations.models import Case, Statement, StatementVersion
from mrplan.consultations.parsing import SECTION_KEYS, parse_statement
from mrplan.core.models import AuditEvent
from tests.base import BaseTestCase

SEEDS = Path(__file__).resolve().parent.parent / "src/mrplan/consultations/data/seeds"
SEED_000 = SEEDS / "000_cee42084136e04fd.txt"
SEED_003 = SEEDS / "003_3d82ad2851e29e18.txt"
HÄ = "Hägersten-Älvsjö stadsdelsförvaltning"


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_statement", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


class ImportCommandJsonTests(BaseTestCase):
    def test_it_prints_the_parsed_seed_000_and_saves_nothing(self) -> None:
        out, _err = run(str(SEED_000), "--json")
        data = json.loads(out)
        expected = parse_statement(SEED_000.read_text()).to_dict()
        for name, value in expected.items():
            self.assertEqual(data[name], value, name)
        self.assertEqual(data["diary_number"], "HÄ 2024/689")
        self.assertEqual(data["document_date"], "2024-12-27")
        self.assertEqual(data["meeting_date"], "2025-01-23")
        self.assertEqual(data["case_officer"], "Jens Westlund")
        self.assertEqual(data["case_officer_phone"], "08-50821150")
        self.assertEqual(data["addressee"], "Hägersten-Älvsjö stadsdelsnämnd")
        self.assertEqual(data["title"], "Handlingsplan för arbete mot rasism")
        self.assertTrue(
            data["sections"]["decision_proposal"].startswith(
                "Hägersten-Älvsjö stadsdelsnämnd godkänner förvaltningens tjänsteutlåtande"
            )
        )
        self.assertEqual(
            data["approvals"],
            [
                {"name": "Lee Orberson", "title": "stadsdelsdirektör", "date": "2025-01-09"},
                {"name": "Lars Wennberg", "title": "avdelningschef", "date": "2025-01-07"},
            ],
        )
        self.assertFalse(Case.objects.exists())
        self.assertFalse(Statement.objects.exists())

    def test_it_prints_the_parsed_seed_003(self) -> None:
        out, _err = run(str(SEED_003), "--json")
        data = json.loads(out)
        self.assertEqual(data, parse_statement(SEED_003.read_text()).to_dict())
        self.assertEqual(data["diary_number"], "HÄ 2024/427")
        self.assertEqual(data["document_date"], "2024-08-16")
        self.assertEqual(data["meeting_date"], "2024-09-26")
        self.assertTrue(all(data["sections"][key] for key in SECTION_KEYS))
        self.assertFalse(Case.objects.exists())


class ImportCommandSaveTests(BaseTestCase):
    def assert_imported(self, path: Path, number: str) -> Statement:
        parsed = parse_statement(path.read_text())
        case = Case.objects.get(organisation=self.org, diary_number=number)
        statement = Statement.objects.get(case=case)
        for key in SECTION_KEYS:
            self.assertEqual(getattr(statement, key), parsed.sections[key], key)
            self.assertTrue(getattr(statement, key), key)
        self.assertEqual(statement.diary_number, number)
        self.assertEqual(statement.title, parsed.title)
        self.assertEqual(statement.subtitle, "Yttrande till kommunstyrelsen")
        self.assertEqual(statement.document_date, parsed.document_date)
        self.assertEqual(statement.meeting_date, parsed.meeting_date)
        self.assertEqual(statement.case_officer_name, "Jens Westlund")
        self.assertEqual(statement.case_officer_phone, "08-50821150")
        self.assertEqual(statement.addressee_name, "Hägersten-Älvsjö stadsdelsnämnd")
        self.assertEqual(statement.administration_name, HÄ)
        self.assertEqual(statement.department_name, "Nämndkansliet")
        self.assertEqual(
            statement.signatures,
            [
                {"name": "Lee Orberson", "title": "stadsdelsdirektör", "organisation": HÄ},
                {"name": "Lars Wennberg", "title": "avdelningschef", "organisation": HÄ},
            ],
        )
        self.assertEqual(case.title, parsed.title)
        self.assertEqual(case.registered_on, parsed.document_date)
        self.assertEqual(case.recipient, "Kommunstyrelsen")
        self.assertEqual(statement.current_version, 1)
        self.assertTrue(StatementVersion.objects.filter(statement=statement, number=1).exists())
        self.assertFalse(statement.approval_steps.exists())
        return statement

    def test_it_imports_both_seeds_into_hagersten_alvsjo(self) -> None:
        out, err = run(str(SEED_003), "--user", "cecilia")
        self.assertIn("HÄ 2024/427", out)
        self.assertIn("digital attestering", err)
        out, err = run(str(SEED_000), "--user", "erik")
        self.assertIn("HÄ 2024/689", out)
        self.assertEqual(err, "")
        self.assert_imported(SEED_003, "HÄ 2024/427")
        statement = self.assert_imported(SEED_000, "HÄ 2024/689")
        events = AuditEvent.objects.filter(object_id=str(statement.pk))
        self.assertTrue(events.filter(verb="create", actor=self.editor).exists())
        history = events.get(message__startswith="Importerat från filen")
        self.assertIn("Lee Orberson, stadsdelsdirektör 2025-01-09", history.message)
        self.assertIn("Lars Wennberg, avdelningschef 2025-01-07", history.message)
        self.assertIn("annat system", history.message)
        self.assertTrue(AuditEvent.objects.filter(object_id=str(statement.case.pk)).exists())

    def test_it_acts_as_the_first_superuser_without_user(self) -> None:
        self.nobody.is_superuser = True
        self.nobody.save()
        run(str(SEED_003))
        self.assertTrue(Case.objects.filter(diary_number="HÄ 2024/427").exists())

    def test_it_refuses_without_an_actor(self) -> None:
        with self.assertRaisesMessage(CommandError, "--user"):
            run(str(SEED_003))
        self.assertFalse(Case.objects.exists())

    def test_it_refuses_a_duplicate_diary_number(self) -> None:
        run(str(SEED_003), "--user", "cecilia")
        with self.assertRaisesMessage(CommandError, "Diarienumret HÄ 2024/427 finns redan"):
            run(str(SEED_003), "--user", "cecilia")
        self.assertEqual(Case.objects.count(), 1)
        self.assertEqual(Statement.objects.count(), 1)

    def test_it_refuses_a_file_that_is_not_a_statement(self) -> None:
        path = Path(self.enterContext(tempfile.TemporaryDirectory())) / "lista.txt"
        path.write_text("Inköpslista\n\nMjölk\nBröd\n", encoding="utf-8")
        with self.assertRaisesMessage(CommandError, "ser inte ut som ett tjänsteutlåtande"):
            run(str(path), "--user", "cecilia")
        with self.assertRaisesMessage(CommandError, "ser inte ut som ett tjänsteutlåtande"):
            run(str(path), "--json")
        self.assertFalse(Case.objects.exists())

    def test_it_refuses_a_missing_file(self) -> None:
        with self.assertRaisesMessage(CommandError, "kan inte läsas"):
            run("/nonexistent/utlatande.txt", "--json")

    def test_it_refuses_an_organisation_without_a_diary(self) -> None:
        with self.assertRaisesMessage(CommandError, "Kulturförvaltningen har inget diarieprefix"):
            run(str(SEED_003), "--user", "cecilia", "--organisation", self.other_org.slug)
        self.assertFalse(Case.objects.exists())

    def test_it_refuses_an_unknown_organisation(self) -> None:
        with self.assertRaisesMessage(CommandError, "ingen organisation med adressnamnet"):
            run(str(SEED_003), "--user", "cecilia", "--organisation", "finns-inte")

    def test_it_refuses_a_user_without_write_rights(self) -> None:
        for username in ("rita", "oskar", "lars"):
            with self.assertRaisesMessage(CommandError, "får inte registrera ärenden"):
                run(str(SEED_003), "--user", username)
        self.assertFalse(Case.objects.exists())


class ImportActionTests(BaseTestCase):
    def test_it_finds_the_organisation_by_diary_prefix(self) -> None:
        parsed = parse_statement(SEED_000.read_text())
        self.assertEqual(find_organisation(parsed), self.org)

    def test_it_round_trips_the_parsed_result_through_a_dict(self) -> None:
        for path in (SEED_000, SEED_003):
            parsed = parse_statement(path.read_text())
            self.assertEqual(parsed_from_dict(parsed.to_dict()), parsed)

    def test_it_refuses_an_outsider(self) -> None:
        parsed = parse_statement(SEED_000.read_text())
        with pytest.raises(PermissionDenied):
            statement_import(actor=self.outsider, parsed=parsed, organisation=self.org)
        self.assertFalse(Case.objects.exists())

    def test_it_links_the_case_officer_when_a_member_has_that_name(self) -> None:
        self.editor.first_name, self.editor.last_name = "Jens", "Westlund"
        self.editor.save()
        parsed = parse_statement(SEED_000.read_text())
        result = statement_import(actor=self.coordinator, parsed=parsed, organisation=self.org)
        self.assertEqual(result.statement.case.case_officer, self.editor)
        self.assertEqual(result.missing, [])
        self.assertEqual(len(result.attestation), 2)
