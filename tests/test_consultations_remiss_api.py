"""The consultations API: same rules as the pages (401 anonymous, 404 hidden, 403, 400)."""

import datetime
import json
from typing import Any

from django.core import mail
from django.test import Client
from django.utils import timezone

from mrplan.consultations.models import Case, ConsultationStatus, Decision, RecipientStatus
from mrplan.core.models import AuditEvent
from tests.base import BaseTestCase
from tests.consultations_support import (
    make_case,
    make_consultation,
    make_director,
    make_statement,
)
from tests.factories import OrganisationFactory

BASE = "/api/v1"


class ConsultationApiTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.ks = OrganisationFactory(name="Kommunstyrelsen", kind="executive_board")

    def call(self, method: str, url: str, user: Any = None, body: Any = None) -> Any:
        client = self.client_for(user) if user is not None else Client()
        if method == "get":
            return client.get(BASE + url)
        return client.post(BASE + url, json.dumps(body or {}), content_type="application/json")

    def test_anonymous_callers_get_401(self) -> None:
        self.assertEqual(self.call("get", "/consultations/").status_code, 401)

    def test_the_coordinator_sends_and_sees_the_status(self) -> None:
        consultation = make_consultation(self.ks, [self.org])
        self.assertEqual(
            self.call("post", f"/consultations/{consultation.pk}/send/", self.editor).status_code,
            404,
        )
        with self.captureOnCommitCallbacks(execute=True):
            response = self.call(
                "post", f"/consultations/{consultation.pk}/send/", self.coordinator
            )
        self.assertEqual(response.status_code, 200, response.content)
        data = response.json()
        self.assertEqual(data["status"], "sent")
        self.assertEqual(data["recipients"][0]["diary_number"], f"HÄ {timezone.localdate().year}/1")
        self.assertEqual(len(mail.outbox), 1)
        again = self.call("post", f"/consultations/{consultation.pk}/send/", self.coordinator)
        self.assertEqual(again.status_code, 400)
        self.assertIn("redan skickad", json.dumps(again.json(), ensure_ascii=False))
        listing = self.call("get", "/consultations/", self.reader).json()
        self.assertEqual([item["id"] for item in listing], [consultation.pk])
        self.assertEqual(self.call("get", "/consultations/", self.outsider).json(), [])

    def test_a_recipient_declines_and_others_may_not(self) -> None:
        consultation = make_consultation(self.ks, [self.org], status=ConsultationStatus.SENT)
        recipient = consultation.recipients.get()
        url = f"/consultations/recipients/{recipient.pk}/decline/"
        self.assertEqual(self.call("post", url, self.reader, {"reason": "x"}).status_code, 403)
        self.assertEqual(self.call("post", url, self.outsider, {"reason": "x"}).status_code, 404)
        empty = self.call("post", url, self.editor, {"reason": " "})
        self.assertEqual(empty.status_code, 400)
        self.assertIn("Ange skälet", json.dumps(empty.json(), ensure_ascii=False))
        response = self.call("post", url, self.editor, {"reason": "Ingen kapacitet."})
        self.assertEqual(response.status_code, 200)
        recipient.refresh_from_db()
        self.assertEqual(recipient.status, RecipientStatus.DECLINED)

    def test_the_diary_lists_searches_and_registers(self) -> None:
        make_case(self.org, 427, title="Program för mänskliga rättigheter")
        url = f"/organisations/{self.org.slug}/cases/"
        self.assertEqual(self.call("get", url, self.outsider).status_code, 404)
        found = self.call("get", url + "?q=427", self.reader).json()
        self.assertEqual([case["diary_number"] for case in found], ["HÄ 2024/427"])
        body = {"title": "Importerat", "registered_on": "2024-08-01", "diary_number": "HÄ 2024/427"}
        duplicate = self.call("post", url, self.editor, body)
        self.assertEqual(duplicate.status_code, 400)
        self.assertIn(
            "Diarienumret HÄ 2024/427 finns redan", json.dumps(duplicate.json(), ensure_ascii=False)
        )
        self.assertEqual(self.call("post", url, self.reader, body).status_code, 403)
        body["diary_number"] = ""
        created = self.call("post", url, self.editor, body)
        self.assertEqual(created.status_code, 201)
        self.assertEqual(created.json()["diary_number"], "HÄ 2024/1")
        self.assertEqual(Case.objects.count(), 2)
        case_id = created.json()["id"]
        self.assertEqual(self.call("get", f"/cases/{case_id}/", self.reader).status_code, 200)
        self.assertEqual(self.call("get", f"/cases/{case_id}/", self.outsider).status_code, 404)

    def test_a_decision_is_recorded_on_an_attested_statement(self) -> None:
        consultation = make_consultation(self.ks, [self.org], status=ConsultationStatus.SENT)
        recipient = consultation.recipients.get()
        case = make_case(self.org, 689, consultation_recipient=recipient)
        statement = make_statement(case, approvers=[self.approver, make_director(self.org)])
        body = {
            "committee_id": self.district.pk,
            "meeting_date": "2025-01-23",
            "paragraph": "7",
            "text": "Nämnden godkänner tjänsteutlåtandet.",
            "decided_on": "2025-01-23",
        }
        url = f"/statements/{statement.pk}/decision/"
        self.assertEqual(self.call("post", url, self.approver, body).status_code, 403)
        response = self.call("post", url, self.editor, body)
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["paragraph"], "7")
        self.assertTrue(
            AuditEvent.objects.filter(object_id=str(Decision.objects.get().pk)).exists()
        )
        again = self.call("post", url, self.editor, body)
        self.assertEqual(again.status_code, 400)
        detail = self.call("get", f"/consultations/{consultation.pk}/", self.coordinator).json()
        self.assertEqual(detail["recipients"][0]["status"], "answered")
        self.assertEqual(detail["recipients"][0]["statement_id"], statement.pk)
        self.assertEqual(datetime.date.fromisoformat(body["decided_on"]).year, 2025)
