"""The statements API: read, edit, versions, attest and verify, with the pages' rules."""

import json
from typing import Any

from django.test import Client
from django.urls import reverse

from mrplan.accounts.models import User
from mrplan.consultations.actions.statements import approval_steps_set, statement_approve
from mrplan.consultations.models import Approval, Statement, StatementStatus, StatementVersion
from mrplan.consultations.statements.attestation import verify
from mrplan.core.models import AuditEvent
from tests.consultations_statement_base import StatementTestCase

BASE = "/api/v1/statements"


class StatementApiTests(StatementTestCase):
    def setUp(self) -> None:
        self.statement = self.make_statement(summary="Förvaltningen tillstyrker.")
        approval_steps_set(
            actor=self.editor,
            statement=self.statement,
            steps=[(self.approver, "avdelningschef"), (self.director, "stadsdelsdirektör")],
        )
        self.url = f"{BASE}/{self.statement.pk}"

    def call(self, method: str, url: str, user: User | None, body: Any = None) -> Any:
        client = self.client_for(user) if user is not None else Client()
        if method == "get":
            return client.get(url)
        send = client.patch if method == "patch" else client.post
        return send(url, json.dumps(body or {}), content_type="application/json")

    def snapshot(self) -> tuple[Any, ...]:
        statement = Statement.objects.get(pk=self.statement.pk)
        return (
            statement.summary,
            statement.title,
            statement.current_version,
            statement.status,
            StatementVersion.objects.filter(statement=statement).count(),
            Approval.objects.filter(step__statement=statement).count(),
        )

    # -- read -------------------------------------------------------------------

    def test_members_and_coordinators_read_the_statement(self) -> None:
        for user in (self.coordinator, self.editor, self.approver, self.reader):
            response = self.call("get", self.url, user)
            self.assertEqual(response.status_code, 200, user)
        data = response.json()
        self.assertEqual(data["header"]["diary_number"], "HÄ 2024/689")
        self.assertEqual(data["current_version"], 1)
        self.assertEqual(data["status"], "draft")
        self.assertEqual(data["sections"][1]["text"], "Förvaltningen tillstyrker.")
        self.assertEqual(data["sections"][0]["heading"], "Förvaltningens förslag till beslut")
        version = StatementVersion.objects.get(statement=self.statement, number=1)
        self.assertEqual(data["content_hash"], version.content_hash)
        self.assertEqual([step["title"] for step in data["approval_steps"]][0], "avdelningschef")
        self.assertEqual(data["next_approver_id"], self.approver.pk)

    def test_others_do_not_see_the_statement(self) -> None:
        for url in (self.url, f"{self.url}/versions", f"{self.url}/verify"):
            self.assertEqual(self.call("get", url, self.outsider).status_code, 404, url)
            self.assertEqual(self.call("get", url, self.nobody).status_code, 404, url)
            self.assertEqual(self.call("get", url, None).status_code, 401, url)
        self.assertEqual(self.call("get", f"{BASE}/999999", self.coordinator).status_code, 404)

    # -- edit -------------------------------------------------------------------

    def test_the_editor_saves_a_new_version_and_voids_the_approvals(self) -> None:
        statement_approve(actor=self.approver, statement=self.statement, version=1)
        response = self.call(
            "patch", self.url, self.editor, {"version": 1, "summary": "Nytt stycke."}
        )
        self.assertEqual(response.status_code, 200, response.content)
        data = response.json()
        self.assertEqual(data["current_version"], 2)
        self.assertEqual(data["sections"][1]["text"], "Nytt stycke.")
        self.assertEqual(data["status"], "draft")
        approval = data["approval_steps"][0]["approvals"][0]
        self.assertFalse(approval["valid"])
        self.assertIsNotNone(approval["voided_at"])
        self.assertTrue(
            AuditEvent.objects.filter(
                verb="update", object_id=str(self.statement.pk), actor=self.editor
            ).exists()
        )

    def test_a_coordinator_edits_too(self) -> None:
        response = self.call("patch", self.url, self.coordinator, {"version": 1, "title": "Ny"})
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["header"]["title"], "Ny")

    def test_it_refuses_an_edit_by_those_without_the_role(self) -> None:
        before = self.snapshot()
        body = {"version": 1, "summary": "Nej."}
        for user, status in (
            (self.approver, 403),
            (self.reader, 403),
            (self.outsider, 404),
            (None, 401),
        ):
            self.assertEqual(self.call("patch", self.url, user, body).status_code, status, user)
        self.assertEqual(self.snapshot(), before)

    def test_it_refuses_a_stale_version(self) -> None:
        self.call("patch", self.url, self.editor, {"version": 1, "summary": "Först."})
        before = self.snapshot()
        response = self.call("patch", self.url, self.editor, {"version": 1, "summary": "Sen."})
        self.assertEqual(response.status_code, 409)
        self.assertIn("har ändrats sedan du öppnade det", response.json()["detail"])
        self.assertEqual(self.snapshot(), before)

    def test_it_refuses_an_edit_after_the_decision(self) -> None:
        Statement.objects.filter(pk=self.statement.pk).update(status=StatementStatus.DECIDED)
        before = self.snapshot()
        response = self.call("patch", self.url, self.editor, {"version": 1, "summary": "Sen."})
        self.assertEqual(response.status_code, 409)
        self.assertIn("beslutat", response.json()["detail"])
        self.assertEqual(self.snapshot(), before)

    def test_it_refuses_bad_input(self) -> None:
        before = self.snapshot()
        response = self.call("patch", self.url, self.editor, {"version": 1, "title": ""})
        self.assertEqual(response.status_code, 400)
        self.assertIn("title", response.json()["errors"])
        unknown = self.call("patch", self.url, self.editor, {"version": 1, "status": "decided"})
        self.assertEqual(unknown.status_code, 422)
        missing = self.call("patch", self.url, self.editor, {"summary": "Utan version."})
        self.assertEqual(missing.status_code, 422)
        self.assertEqual(self.snapshot(), before)

    # -- versions ---------------------------------------------------------------

    def test_it_lists_the_versions_newest_first(self) -> None:
        self.call("patch", self.url, self.editor, {"version": 1, "summary": "Andra."})
        for user in (self.coordinator, self.editor, self.approver):
            response = self.call("get", f"{self.url}/versions", user)
            self.assertEqual(response.status_code, 200)
        data = response.json()
        self.assertEqual([row["number"] for row in data], [2, 1])
        self.assertEqual(data[0]["created_by"], "Jens Westlund")
        stored = StatementVersion.objects.get(statement=self.statement, number=2)
        self.assertEqual(data[0]["content_hash"], stored.content_hash)

    # -- approve ----------------------------------------------------------------

    def test_the_approver_in_turn_attests(self) -> None:
        response = self.call("post", f"{self.url}/approve", self.approver, {"version": 1})
        self.assertEqual(response.status_code, 200, response.content)
        data = response.json()
        self.assertEqual(data["status"], "in_approval")
        approval = data["approval_steps"][0]["approvals"][0]
        self.assertTrue(approval["valid"])
        self.assertEqual(approval["name"], "Lars Wennberg")
        self.assertEqual(data["next_approver_id"], self.director.pk)
        self.assertTrue(AuditEvent.objects.filter(verb="create", actor=self.approver).exists())
        second = self.call("post", f"{self.url}/approve", self.director, {"version": 1})
        self.assertEqual(second.status_code, 200, second.content)
        self.assertEqual(second.json()["status"], "approved")

    def test_it_refuses_an_approval_out_of_turn(self) -> None:
        before = self.snapshot()
        response = self.call("post", f"{self.url}/approve", self.director, {"version": 1})
        self.assertEqual(response.status_code, 409)
        self.assertIn("Det är inte din tur att attestera", response.json()["detail"])
        self.assertEqual(self.snapshot(), before)

    def test_it_refuses_an_approval_of_a_stale_version(self) -> None:
        self.call("patch", self.url, self.editor, {"version": 1, "summary": "Ändrad."})
        before = self.snapshot()
        response = self.call("post", f"{self.url}/approve", self.approver, {"version": 1})
        self.assertEqual(response.status_code, 409)
        self.assertIn("nu version 2", response.json()["detail"])
        self.assertEqual(self.snapshot(), before)

    def test_it_refuses_an_approval_by_others(self) -> None:
        before = self.snapshot()
        url = f"{self.url}/approve"
        for user, status in (
            (self.editor, 403),
            (self.coordinator, 403),
            (self.reader, 403),
            (self.outsider, 404),
            (None, 401),
        ):
            response = self.call("post", url, user, {"version": 1})
            self.assertEqual(response.status_code, status, user)
        self.assertEqual(self.snapshot(), before)

    # -- verify -----------------------------------------------------------------

    def test_verify_gives_the_verification_pages_json(self) -> None:
        statement_approve(actor=self.approver, statement=self.statement, version=1)
        for user in (self.coordinator, self.editor, self.approver):
            response = self.call("get", f"{self.url}/verify", user)
            self.assertEqual(response.status_code, 200)
        data = response.json()
        expected = verify(Statement.objects.get(pk=self.statement.pk)).as_json()
        self.assertEqual(data, json.loads(json.dumps(expected)))
        self.assertTrue(data["intact"])
        self.assertTrue(data["approvals"][0]["valid"])
        page = self.client_for(self.editor).get(
            reverse("consultations-statement-verify-json", args=[self.statement.pk])
        )
        self.assertEqual(page.json(), data)
