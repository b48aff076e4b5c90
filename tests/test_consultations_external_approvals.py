"""Approvals an imported statement carries from another system (external_approvals).

Seed 000 says "Detta dokument har godkänts digitalt av följande personer: Lee Orberson,
stadsdelsdirektör 2025-01-09; Lars Wennberg, avdelningschef 2025-01-07". The import keeps
them with the statement as information: printed and shown as "Attest enligt importerat
dokument – ej verifierad i mrplan", hashed, cleared by any edit, and never attestation
(issue 10: an import could forge the attestation).
"""

import datetime
import io
from pathlib import Path

import docx
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mrplan.consultations.actions.decisions import decision_record
from mrplan.consultations.actions.statements import approval_steps_set, statement_update
from mrplan.consultations.content import content_hash, statement_content
from mrplan.consultations.importing import statement_import
from mrplan.consultations.models import Statement, StatementStatus, StatementVersion
from mrplan.consultations.parsing import parse_statement
from mrplan.consultations.statements.attestation import is_fully_approved, verify
from mrplan.consultations.statements.documents import render_docx
from mrplan.core.models import AuditEvent
from tests.base import BaseTestCase

SEEDS = Path(__file__).resolve().parent.parent / "src/mrplan/consultations/data/seeds"
EXTERNAL = [
    {"name": "Lee Orberson", "title": "stadsdelsdirektör", "date": "2025-01-09"},
    {"name": "Lars Wennberg", "title": "avdelningschef", "date": "2025-01-07"},
]


class ExternalApprovalTests(BaseTestCase):
    def import_seed(self, name: str) -> Statement:
        path = SEEDS / name
        result = statement_import(
            actor=self.editor,
            parsed=parse_statement(path.read_text(encoding="utf-8")),
            organisation=self.org,
            source_name=path.name,
        )
        return Statement.objects.get(pk=result.statement.pk)

    def setUp(self) -> None:
        self.statement = self.import_seed("000_cee42084136e04fd.txt")

    def test_the_import_keeps_them_hashed_but_the_statement_is_not_attested(self) -> None:
        statement = self.statement
        self.assertEqual(statement.external_approvals, EXTERNAL)
        self.assertEqual(statement.status, StatementStatus.DRAFT)
        version = StatementVersion.objects.get(statement=statement, number=1)
        self.assertEqual(version.content["external_approvals"], EXTERNAL)
        self.assertEqual(version.content_hash, content_hash(statement_content(statement)))
        self.assertTrue(verify(statement).intact)
        self.assertFalse(is_fully_approved(statement))

    def test_a_statement_without_them_hashes_as_before(self) -> None:
        statement = self.import_seed("003_3d82ad2851e29e18.txt")
        self.assertEqual(statement.external_approvals, [])
        self.assertNotIn("external_approvals", statement_content(statement))
        self.assertEqual(statement.status, StatementStatus.DRAFT)
        self.assertFalse(is_fully_approved(statement))

    def test_changing_them_behind_the_applications_back_breaks_the_hash(self) -> None:
        Statement.objects.filter(pk=self.statement.pk).update(
            external_approvals=[{**EXTERNAL[0], "date": "2025-01-01"}]
        )
        statement = Statement.objects.get(pk=self.statement.pk)
        self.assertFalse(verify(statement).intact)
        self.assertFalse(is_fully_approved(statement))

    def test_an_edit_clears_them_with_a_note_in_the_history(self) -> None:
        statement_update(
            actor=self.editor, statement=self.statement, data={"views": "Nytt."}, version=1
        )
        statement = Statement.objects.get(pk=self.statement.pk)
        self.assertEqual(statement.external_approvals, [])
        self.assertEqual(statement.status, StatementStatus.DRAFT)
        self.assertEqual(statement.current_version, 2)
        self.assertTrue(verify(statement).intact)
        self.assertFalse(is_fully_approved(statement))
        note = AuditEvent.objects.get(
            object_id=str(statement.pk), message__startswith="Attesteringen från ett annat system"
        )
        self.assertIn("Lee Orberson, stadsdelsdirektör 2025-01-09", note.message)
        self.assertEqual(note.actor, self.editor)

    def test_a_save_that_changes_nothing_keeps_them(self) -> None:
        statement_update(
            actor=self.editor,
            statement=self.statement,
            data={"views": self.statement.views},
            version=1,
        )
        self.statement.refresh_from_db()
        self.assertEqual(self.statement.external_approvals, EXTERNAL)

    def test_no_edit_may_set_them(self) -> None:
        with pytest.raises(ValueError):
            statement_update(
                actor=self.editor,
                statement=self.statement,
                data={"external_approvals": EXTERNAL},
                version=1,
            )

    def test_an_approval_order_of_its_own_takes_precedence(self) -> None:
        approval_steps_set(
            actor=self.editor, statement=self.statement, steps=[(self.approver, "avdelningschef")]
        )
        statement = Statement.objects.get(pk=self.statement.pk)
        self.assertFalse(is_fully_approved(statement))

    def test_even_the_untouched_import_cannot_be_decided(self) -> None:
        meeting = datetime.date(2025, 1, 23)
        with pytest.raises(ValidationError):
            decision_record(
                actor=self.editor,
                statement=self.statement,
                committee=self.district,
                meeting_date=meeting,
                paragraph="–",
                text=self.statement.decision_proposal,
                decided_on=meeting,
            )
        self.statement.refresh_from_db()
        self.assertEqual(self.statement.status, StatementStatus.DRAFT)

    def test_an_edited_import_cannot_be_decided(self) -> None:
        statement_update(
            actor=self.editor, statement=self.statement, data={"views": "Nytt."}, version=1
        )
        with pytest.raises(ValidationError):
            decision_record(
                actor=self.editor,
                statement=Statement.objects.get(pk=self.statement.pk),
                committee=self.district,
                meeting_date=datetime.date(2025, 1, 23),
                paragraph="–",
                text="Beslut.",
                decided_on=datetime.date(2025, 1, 23),
            )

    def test_the_statement_page_shows_them_apart_from_mrplans_own(self) -> None:
        response = self.client_for(self.reader).get(self.statement.get_absolute_url())
        self.assertContains(response, "Attest enligt importerat dokument – ej verifierad i mrplan")
        self.assertContains(response, "Lee Orberson, stadsdelsdirektör")
        self.assertContains(response, "2025-01-07")
        self.assertContains(response, "mrplan har inte kontrollerat dem")
        self.assertNotContains(response, "Ingen attesteringsordning är vald.")

    def test_the_verification_says_they_are_not_verified_by_mrplan(self) -> None:
        url = reverse("consultations-statement-verify", args=[self.statement.pk])
        response = self.client_for(self.reader).get(url)
        self.assertContains(response, "Attest enligt importerat dokument – ej verifierad i mrplan")
        self.assertContains(response, "Ej verifierad i mrplan")
        self.assertContains(response, "Lars Wennberg, avdelningschef")
        json_url = reverse("consultations-statement-verify-json", args=[self.statement.pk])
        data = self.client_for(self.reader).get(json_url).json()
        self.assertTrue(data["intact"])
        self.assertFalse(data["fully_approved"])
        self.assertEqual(data["approvals"], [])
        self.assertEqual(
            data["external_approvals"],
            [
                {
                    **row,
                    "verified": False,
                    "label": "Attest enligt importerat dokument – ej verifierad i mrplan",
                }
                for row in EXTERNAL
            ],
        )

    def test_the_docx_prints_them_as_not_verified(self) -> None:
        document = docx.Document(io.BytesIO(render_docx(self.statement)))
        paragraphs = [paragraph.text for paragraph in document.paragraphs]
        self.assertIn("Attest enligt importerat dokument – ej verifierad i mrplan", paragraphs)
        self.assertNotIn("Detta dokument har godkänts digitalt av följande personer:", paragraphs)
        rows = [[cell.text for cell in row.cells] for row in document.tables[-1].rows]
        self.assertEqual(
            rows,
            [
                ["Namn", "Datum"],
                ["Lee Orberson, stadsdelsdirektör", "2025-01-09"],
                ["Lars Wennberg, avdelningschef", "2025-01-07"],
            ],
        )
