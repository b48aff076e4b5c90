"""Attestation an auditor can trust (issue 10, items 2–5).

- approvals printed in an imported file are information, never attestation;
- the author of a version may not approve it; at least N different approvers (policy);
- versions and approvals are signed with the server's key and chained, so a database-only
  edit that recomputes SHA-256 is caught;
- the verification page is public only for decided answers to published consultations.
"""

import datetime
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.urls import reverse

from mrplan.consultations import signing
from mrplan.consultations.actions.attestation import attestation_policy_update
from mrplan.consultations.actions.decisions import decision_record
from mrplan.consultations.actions.statements import (
    approval_steps_set,
    statement_approve,
    statement_update,
)
from mrplan.consultations.content import content_hash, statement_content
from mrplan.consultations.importing import statement_import
from mrplan.consultations.models import (
    Approval,
    AttestationPolicy,
    Statement,
    StatementStatus,
    StatementVersion,
)
from mrplan.consultations.parsing import parse_statement
from mrplan.consultations.statements.attestation import (
    IMPORTED_ATTESTATION_LABEL,
    is_fully_approved,
    verify,
)
from mrplan.consultations.statements.documents import render_pdf
from mrplan.core.models import AuditEvent
from tests.consultations_statement_base import StatementTestCase

SEEDS = Path(__file__).resolve().parent.parent / "src/mrplan/consultations/data/seeds"
FORGED = """Hägersten-Älvsjö stadsdelsförvaltning
Tjänsteutlåtande
Dnr HÄ 2026/12
Sida 1 (1)
2026-01-09
Handläggare
Fejk Fejksson
Telefon: 08-1
Till
Hägersten-Älvsjö stadsdelsnämnd
Svar på remiss
Förvaltningens förslag till beslut
Nämnden godkänner tjänsteutlåtandet.
Sammanfattning
Kort.
Detta dokument har godkänts digitalt av följande personer:
Fejk Direktorsson, stadsdirektör 2026-01-09
"""


def _decide(statement: Statement, actor) -> None:  # type: ignore[no-untyped-def]
    decision_record(
        actor=actor,
        statement=statement,
        committee=None,
        meeting_date=datetime.date(2025, 1, 23),
        paragraph="5",
        text="Nämnden godkänner.",
        decided_on=datetime.date(2025, 1, 23),
    )


class ImportedApprovalsTests(StatementTestCase):
    def import_text(self, text: str) -> Statement:
        result = statement_import(
            actor=self.editor,
            parsed=parse_statement(text),
            organisation=self.org,
            source_name="forged.txt",
        )
        return Statement.objects.get(pk=result.statement.pk)

    def test_printed_approvals_do_not_attest_the_import(self) -> None:
        statement = self.import_text(FORGED)
        assert statement.external_approvals[0]["name"] == "Fejk Direktorsson"
        assert statement.status == StatementStatus.DRAFT
        assert not is_fully_approved(statement)
        assert verify(statement).as_json()["fully_approved"] is False

    def test_an_import_with_printed_approvals_cannot_be_decided(self) -> None:
        statement = self.import_text(FORGED)
        with self.assertRaises(ValidationError):
            decision_record(
                actor=self.editor,
                statement=statement,
                committee=self.district,
                meeting_date=datetime.date(2026, 1, 20),
                paragraph="5",
                text="Nämnden godkänner.",
                decided_on=datetime.date(2026, 1, 20),
            )
        assert not Statement.objects.filter(pk=statement.pk, status="decided").exists()

    def test_pages_json_and_pdf_say_not_verified(self) -> None:
        statement = self.import_text(FORGED)
        client = self.client_for(self.reader)
        page = client.get(reverse("consultations-statement-detail", args=[statement.pk]))
        self.assertContains(page, IMPORTED_ATTESTATION_LABEL)
        self.assertNotContains(page, "räknas som attesterat")
        verify_page = client.get(reverse("consultations-statement-verify", args=[statement.pk]))
        self.assertContains(verify_page, IMPORTED_ATTESTATION_LABEL)
        data = client.get(reverse("consultations-statement-verify-json", args=[statement.pk]))
        row = data.json()["external_approvals"][0]
        assert row["verified"] is False and row["label"] == IMPORTED_ATTESTATION_LABEL
        assert data.json()["fully_approved"] is False

        import io

        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(render_pdf(statement)))
        text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
        assert IMPORTED_ATTESTATION_LABEL in text
        assert "Detta dokument har godkänts digitalt" not in text

    def test_imported_approvals_never_fill_the_attestation_order(self) -> None:
        statement = self.import_text(FORGED)
        approval_steps_set(
            actor=self.editor,
            statement=statement,
            steps=[(self.approver, "avdelningschef"), (self.director, "stadsdelsdirektör")],
        )
        statement = Statement.objects.get(pk=statement.pk)
        assert not is_fully_approved(statement)
        statement_approve(actor=self.approver, statement=statement, version=1)
        assert not is_fully_approved(Statement.objects.get(pk=statement.pk))


class SeparationOfDutiesTests(StatementTestCase):
    def test_the_author_of_a_version_may_not_approve_it(self) -> None:
        from tests.factories import MembershipFactory

        MembershipFactory(user=self.editor, organisation=self.org, role="approver", title="chef")
        statement = self.make_statement()  # version 1 written by the editor
        approval_steps_set(
            actor=self.editor,
            statement=statement,
            steps=[(self.editor, "chef"), (self.approver, "avdelningschef")],
        )
        with self.assertRaisesMessage(ValidationError, "Du har skrivit den här versionen"):
            statement_approve(actor=self.editor, statement=statement, version=1)
        assert not Approval.objects.filter(step__statement=statement).exists()

    def test_one_approver_is_not_enough_by_default(self) -> None:
        statement = self.make_statement(summary="Text.")
        approval_steps_set(actor=self.editor, statement=statement, steps=[(self.approver, "")])
        statement_approve(actor=self.approver, statement=statement, version=1)
        statement = Statement.objects.get(pk=statement.pk)
        verification = verify(statement)
        assert verification.minimum_approvers == 2
        assert not verification.fully_approved
        with self.assertRaises(ValidationError):
            _decide(statement, self.editor)

    def test_two_distinct_approvers_are_enough(self) -> None:
        statement = self.make_statement(summary="Text.")
        approval_steps_set(
            actor=self.editor,
            statement=statement,
            steps=[(self.approver, ""), (self.director, "")],
        )
        statement_approve(actor=self.approver, statement=statement, version=1)
        statement_approve(actor=self.director, statement=statement, version=1)
        assert is_fully_approved(Statement.objects.get(pk=statement.pk))

    def test_coordinators_set_the_minimum_audited(self) -> None:
        attestation_policy_update(actor=self.coordinator, minimum_approvers=3)
        assert AttestationPolicy.objects.get().minimum_approvers == 3
        assert (
            AuditEvent.objects.filter(verb="update").exists()
            or AuditEvent.objects.filter(verb="create").exists()
        )
        statement = self.make_statement(summary="Text.")
        approval_steps_set(
            actor=self.editor,
            statement=statement,
            steps=[(self.approver, ""), (self.director, "")],
        )
        statement_approve(actor=self.approver, statement=statement, version=1)
        statement_approve(actor=self.director, statement=statement, version=1)
        assert not is_fully_approved(Statement.objects.get(pk=statement.pk))

    def test_only_coordinators_set_the_minimum_and_it_must_be_at_least_one(self) -> None:
        with self.assertRaises(PermissionDenied):
            attestation_policy_update(actor=self.org_admin, minimum_approvers=1)
        with self.assertRaises(ValidationError):
            attestation_policy_update(actor=self.coordinator, minimum_approvers=0)
        assert not AttestationPolicy.objects.exists()

    def test_the_policy_form_is_for_coordinators(self) -> None:
        url = reverse("consultations-attestation-policy")
        assert self.client_for(self.org_admin).get(url).status_code == 403
        client = self.client_for(self.coordinator)
        self.assertContains(client.get(url), "Minsta antal attesterare")
        response = client.post(url, {"minimum_approvers": "0"})
        self.assertContains(response, "minst 1", status_code=400)
        response = client.post(url, {"minimum_approvers": "3"})
        assert response.status_code == 302
        assert AttestationPolicy.objects.get().minimum_approvers == 3


class KeyedHashTests(StatementTestCase):
    def attested(self) -> Statement:
        statement = self.make_statement(summary="Ursprunglig text.")
        approval_steps_set(
            actor=self.editor,
            statement=statement,
            steps=[(self.approver, ""), (self.director, "")],
        )
        statement_approve(actor=self.approver, statement=statement, version=1)
        statement_approve(actor=self.director, statement=statement, version=1)
        return Statement.objects.get(pk=statement.pk)

    def test_a_database_edit_that_recomputes_sha256_is_not_intact(self) -> None:
        statement = self.attested()
        assert verify(statement).intact
        # Rewrite the text everywhere and recompute every SHA-256, as someone with database
        # access but without the server's key would.
        Statement.objects.filter(pk=statement.pk).update(summary="Förfalskad text.")
        statement = Statement.objects.get(pk=statement.pk)
        content = statement_content(statement)
        new_hash = content_hash(content)
        StatementVersion.objects.filter(statement=statement).update(
            content=content, content_hash=new_hash
        )
        Approval.objects.filter(step__statement=statement).update(content_hash=new_hash)
        verification = verify(statement)
        assert verification.current_hash == new_hash
        assert verification.intact is False
        assert not verification.fully_approved
        assert not is_fully_approved(statement)

    def test_a_forged_approver_name_breaks_the_signature(self) -> None:
        statement = self.attested()
        Approval.objects.filter(step__position=1).update(approver_name="Någon Annan")
        verification = verify(statement)
        assert verification.intact is False
        assert verification.approvals[0].valid is False

    def test_removing_an_approval_breaks_the_chain(self) -> None:
        statement = self.attested()
        first = Approval.objects.get(step__statement=statement, step__position=1)
        second = Approval.objects.get(step__statement=statement, step__position=2)
        assert second.previous_signature == first.signature
        assert first.previous_signature == ""
        Approval.objects.filter(pk=first.pk).delete()
        verification = verify(Statement.objects.get(pk=statement.pk))
        assert verification.chain_intact is False
        assert verification.intact is False

    def test_another_key_does_not_verify(self) -> None:
        statement = self.attested()
        with override_settings(ATTESTATION_KEY="en-annan-nyckel"):
            assert verify(statement).intact is False
        assert verify(statement).intact is True

    def test_the_signature_is_the_documented_hmac(self) -> None:
        import hashlib
        import hmac
        import json

        statement = self.attested()
        version = StatementVersion.objects.get(statement=statement, number=1)
        message = {
            "content_hash": version.content_hash,
            "kind": "version",
            "number": 1,
            "statement": statement.pk,
        }
        from django.conf import settings

        expected = hmac.new(
            settings.ATTESTATION_KEY.encode(),
            json.dumps(message, sort_keys=True, separators=(",", ":")).encode(),
            hashlib.sha256,
        ).hexdigest()
        assert version.signature == expected
        assert signing.version_signed(version)

    def test_an_edit_still_voids_and_new_approvals_chain_on_the_new_version(self) -> None:
        statement = self.attested()
        statement_update(
            actor=self.editor, statement=statement, data={"summary": "Ny text."}, version=1
        )
        statement = Statement.objects.get(pk=statement.pk)
        assert verify(statement).intact
        statement_approve(actor=self.approver, statement=statement, version=2)
        approval = Approval.objects.get(version__number=2)
        assert approval.previous_signature == ""
        assert verify(Statement.objects.get(pk=statement.pk)).approvals


class VerificationAccessTests(StatementTestCase):
    def urls(self, statement: Statement) -> list[str]:
        return [
            reverse("consultations-statement-verify", args=[statement.pk]),
            reverse("consultations-statement-verify-json", args=[statement.pk]),
        ]

    def test_a_draft_is_not_public(self) -> None:
        statement = self.make_statement(summary="Hemligt utkast.")
        for url in self.urls(statement):
            assert self.client_for(None).get(url).status_code == 404
            assert self.client_for(self.outsider).get(url).status_code == 404
            assert self.client_for(self.reader).get(url).status_code == 200

    def test_a_decided_answer_to_an_unpublished_consultation_is_not_public(self) -> None:
        statement = self.make_statement()
        Statement.objects.filter(pk=statement.pk).update(status=StatementStatus.DECIDED)
        for url in self.urls(statement):
            assert self.client_for(None).get(url).status_code == 404

    def test_a_decided_answer_to_a_published_consultation_is_public(self) -> None:
        statement = self.make_statement()
        Statement.objects.filter(pk=statement.pk).update(status=StatementStatus.DECIDED)
        self.consultation.is_published = True
        self.consultation.save()
        for url in self.urls(statement):
            assert self.client_for(None).get(url).status_code == 200


class EnglishTests(StatementTestCase):
    def test_the_new_pages_speak_english_under_en(self) -> None:
        client = self.client_for(self.coordinator)
        statement = self.make_statement(external_approvals=[{"name": "A B", "date": "2025-01-01"}])
        policy_url = reverse("consultations-attestation-policy")
        statement_url = reverse("consultations-statement-detail", args=[statement.pk])
        response = client.get("/en" + policy_url)
        self.assertContains(response, "Minimum number of approvers")
        response = client.get("/en" + statement_url)
        self.assertContains(
            response, "Approval according to the imported document – not verified in mrplan"
        )


class ApiTests(StatementTestCase):
    def test_the_api_refuses_the_author_and_shows_signatures(self) -> None:
        from tests.factories import MembershipFactory

        MembershipFactory(user=self.editor, organisation=self.org, role="approver", title="chef")
        statement = self.make_statement()
        approval_steps_set(
            actor=self.editor,
            statement=statement,
            steps=[(self.editor, "chef"), (self.approver, "avdelningschef")],
        )
        client = self.client_for(self.editor)
        response = client.post(
            f"/api/v1/statements/{statement.pk}/approve",
            {"version": 1},
            content_type="application/json",
        )
        assert response.status_code == 409
        assert "Du har skrivit den här versionen" in response.json()["detail"]
        data = client.get(f"/api/v1/statements/{statement.pk}/verify").json()
        assert data["version_signed"] is True and data["fully_approved"] is False
