"""The statement pages: editor, preparation, attestation order, approve, versions, verify."""

import datetime

from django.conf import settings
from django.urls import reverse

from mrplan.consultations.actions.statements import (
    approval_steps_set,
    statement_approve,
    statement_update,
)
from mrplan.consultations.models import Approval, Statement, StatementVersion
from mrplan.core.models import AuditEvent
from tests.consultations_statement_base import StatementTestCase


def _edit_data(statement: Statement, **changes: str) -> dict[str, str]:
    data = {
        name: str(getattr(statement, name) or "")
        for name in (
            "organisation_name",
            "administration_name",
            "department_name",
            "diary_number",
            "case_officer_name",
            "case_officer_phone",
            "addressee_name",
            "title",
            "subtitle",
            "decision_proposal",
            "summary",
            "background",
            "matter",
            "preparation_text",
            "views",
            "attachments_text",
        )
    }
    data["document_date"] = "2024-12-27"
    data["meeting_date"] = "2025-01-23"
    data["version"] = str(statement.current_version)
    data["signature_0_name"] = "Lee Orberson"
    data["signature_0_title"] = "stadsdelsdirektör"
    data["signature_0_organisation"] = "Hägersten-Älvsjö stadsdelsförvaltning"
    data.update(changes)
    return data


class StatementCreateViewTests(StatementTestCase):
    def test_an_editor_starts_the_statement_from_the_case(self) -> None:
        url = reverse("consultations-statement-create", args=[self.case.pk])
        response = self.client_for(self.editor).post(url)
        statement = Statement.objects.get()
        self.assertRedirects(response, reverse("consultations-statement-edit", args=[statement.pk]))

    def test_a_reader_is_refused_and_anonymous_is_sent_to_login(self) -> None:
        url = reverse("consultations-statement-create", args=[self.case.pk])
        assert self.client_for(self.reader).post(url).status_code == 403
        assert self.client_for(self.outsider).post(url).status_code == 404
        assert self.client_for(None).post(url).status_code == 302
        assert not Statement.objects.exists()


class StatementEditViewTests(StatementTestCase):
    def setUp(self) -> None:
        self.statement = self.make_statement()
        self.url = reverse("consultations-statement-edit", args=[self.statement.pk])

    def test_the_editor_shows_the_header_the_sections_and_the_questions(self) -> None:
        response = self.client_for(self.editor).get(self.url)
        assert response.status_code == 200
        content = response.content.decode()
        headings = [
            "Förvaltningens förslag till beslut",
            "Sammanfattning",
            "Bakgrund",
            "Ärendet",
            "Ärendets beredning",
            "Förvaltningens synpunkter och förslag",
            "Bilagor",
        ]
        positions = [content.index(heading) for heading in headings]
        assert positions == sorted(positions)
        assert "Vilket stöd behöver ni?" in content
        assert "HÄ 2024/689" in content

    def test_a_save_makes_a_version(self) -> None:
        data = _edit_data(self.statement, summary="Ny sammanfattning.")
        data[f"answer_{self.question.pk}"] = "Utbildning."
        response = self.client_for(self.editor).post(self.url, data)
        self.assertRedirects(response, self.statement.get_absolute_url())
        self.statement.refresh_from_db()
        assert self.statement.current_version == 2
        assert self.statement.summary == "Ny sammanfattning."
        assert self.statement.answers == {str(self.question.pk): "Utbildning."}
        assert self.statement.signatures[0]["name"] == "Lee Orberson"
        assert self.statement.meeting_date == datetime.date(2025, 1, 23)
        assert AuditEvent.objects.filter(verb="update", object_id=str(self.statement.pk)).exists()

    def test_a_stale_form_is_refused_and_nothing_is_saved(self) -> None:
        stale = _edit_data(self.statement, summary="Min text.")
        statement_update(
            actor=self.editor, statement=self.statement, data={"summary": "Annan."}, version=1
        )
        response = self.client_for(self.editor).post(self.url, stale)
        assert response.status_code == 409
        self.assertContains(response, "har ändrats sedan du öppnade det", status_code=409)
        self.statement.refresh_from_db()
        assert self.statement.summary == "Annan."
        assert StatementVersion.objects.filter(statement=self.statement).count() == 2

    def test_bad_input_is_shown_in_swedish_and_nothing_changes(self) -> None:
        response = self.client_for(self.editor).post(
            self.url, _edit_data(self.statement, title="", meeting_date="i morgon")
        )
        assert response.status_code == 400
        self.assertContains(response, "Detta fält måste fyllas i.", status_code=400)
        self.assertContains(response, "Fyll i ett giltigt datum.", status_code=400)
        self.statement.refresh_from_db()
        assert self.statement.current_version == 1

    def test_readers_approvers_and_outsiders_may_not_edit(self) -> None:
        for user, status in ((self.reader, 403), (self.approver, 403), (self.outsider, 404)):
            assert self.client_for(user).get(self.url).status_code == status
            assert (
                self.client_for(user).post(self.url, _edit_data(self.statement)).status_code
                == status
            )
        response = self.client_for(None).get(self.url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse(settings.LOGIN_URL))
        assert self.statement.versions.count() == 1


class PreparationViewTests(StatementTestCase):
    def test_the_preparation_rewrites_the_section(self) -> None:
        statement = self.make_statement()
        url = reverse("consultations-statement-preparation", args=[statement.pk])
        assert self.client_for(self.editor).get(url).status_code == 200
        response = self.client_for(self.editor).post(
            url,
            {
                "prepared_by": "nämndkansliet",
                "departments": [d.pk for d in self.departments[1:]],
                "union_informed_on": "2025-01-14",
                "version": "1",
            },
        )
        self.assertRedirects(response, statement.get_absolute_url())
        statement.refresh_from_db()
        assert "den 14 januari 2025" in statement.preparation_text
        assert statement.current_version == 2

    def test_bad_date_is_refused(self) -> None:
        statement = self.make_statement()
        url = reverse("consultations-statement-preparation", args=[statement.pk])
        response = self.client_for(self.editor).post(
            url, {"prepared_by": "x", "union_informed_on": "14/1", "version": "1"}
        )
        assert response.status_code == 400
        assert self.client_for(self.reader).get(url).status_code == 403


class AttestationViewTests(StatementTestCase):
    def setUp(self) -> None:
        self.statement = self.make_statement()
        self.approve_url = reverse("consultations-statement-approve", args=[self.statement.pk])

    def _steps(self) -> None:
        approval_steps_set(
            actor=self.editor,
            statement=self.statement,
            steps=[(self.approver, "avdelningschef"), (self.director, "stadsdelsdirektör")],
        )

    def test_an_editor_sets_the_order(self) -> None:
        url = reverse("consultations-statement-steps", args=[self.statement.pk])
        assert self.client_for(self.editor).get(url).status_code == 200
        response = self.client_for(self.editor).post(
            url, {"approver_0": self.approver.pk, "title_0": "", "approver_1": self.director.pk}
        )
        self.assertRedirects(response, self.statement.get_absolute_url())
        assert self.statement.approval_steps.count() == 2
        assert self.client_for(self.reader).post(url, {}).status_code == 403

    def test_an_approver_who_is_not_in_the_role_is_refused_in_the_form(self) -> None:
        url = reverse("consultations-statement-steps", args=[self.statement.pk])
        response = self.client_for(self.editor).post(url, {"approver_0": self.reader.pk})
        assert response.status_code == 400
        assert not self.statement.approval_steps.exists()

    def test_approvers_attest_in_order_through_the_page(self) -> None:
        self._steps()
        page = self.client_for(self.approver).get(self.statement.get_absolute_url())
        self.assertContains(page, "Attestera")
        response = self.client_for(self.approver).post(self.approve_url, {"version": "1"})
        self.assertRedirects(response, self.statement.get_absolute_url())
        response = self.client_for(self.director).post(self.approve_url, {"version": "1"})
        self.assertRedirects(response, self.statement.get_absolute_url())
        self.statement.refresh_from_db()
        assert self.statement.status == "approved"

    def test_out_of_order_and_stale_approvals_are_refused(self) -> None:
        self._steps()
        response = self.client_for(self.director).post(self.approve_url, {"version": "1"})
        self.assertContains(response, "inte din tur", status_code=400)
        response = self.client_for(self.approver).post(self.approve_url, {"version": "7"})
        self.assertContains(response, "har ändrats", status_code=409)
        assert not Approval.objects.exists()
        assert (
            self.client_for(self.reader).post(self.approve_url, {"version": "1"}).status_code == 403
        )
        assert (
            self.client_for(self.outsider).post(self.approve_url, {"version": "1"}).status_code
            == 404
        )

    def test_voided_approvals_are_marked_on_the_page(self) -> None:
        self._steps()
        statement_approve(actor=self.approver, statement=self.statement, version=1)
        statement_update(
            actor=self.editor, statement=self.statement, data={"views": "Ändrat."}, version=1
        )
        response = self.client_for(self.reader).get(self.statement.get_absolute_url())
        self.assertContains(response, "Ogiltig – dokumentet har ändrats")

    def test_the_detail_page_costs_a_fixed_number_of_queries(self) -> None:
        self._steps()
        statement_approve(actor=self.approver, statement=self.statement, version=1)
        client = self.client_for(self.reader)
        client.get(self.statement.get_absolute_url())
        with self.assertNumQueries(12):
            client.get(self.statement.get_absolute_url())
        statement_approve(actor=self.director, statement=self.statement, version=1)
        with self.assertNumQueries(12):
            client.get(self.statement.get_absolute_url())


class VersionsViewTests(StatementTestCase):
    def test_two_versions_are_compared_with_labelled_insertions_and_deletions(self) -> None:
        statement = self.make_statement(summary="Staden arbetar mot rasism.")
        statement_update(
            actor=self.editor,
            statement=statement,
            data={"summary": "Staden arbetar aktivt mot rasism."},
            version=1,
        )
        url = reverse("consultations-statement-versions", args=[statement.pk])
        response = self.client_for(self.reader).get(url, {"fran": 1, "till": 2})
        assert response.status_code == 200
        content = response.content.decode()
        assert '<ins><span class="visually-hidden">tillagt: </span>aktivt' in content
        assert "Sammanfattning" in content
        assert self.client_for(self.reader).get(url, {"fran": 1, "till": 9}).status_code == 404
        assert self.client_for(self.outsider).get(url).status_code == 404

    def test_answers_are_compared_by_their_question_text_not_its_id(self) -> None:
        statement = self.make_statement()
        key = str(self.question.pk)
        statement_update(
            actor=self.editor, statement=statement, data={"answers": {key: "Mer stöd."}}, version=1
        )
        url = reverse("consultations-statement-versions", args=[statement.pk])
        response = self.client_for(self.reader).get(url, {"fran": 1, "till": 2})
        self.assertContains(response, "Vilket stöd behöver ni?: ")
        self.assertNotContains(response, f"{key}: ")


class VerifyViewTests(StatementTestCase):
    def test_the_public_verification_says_intact_and_then_broken(self) -> None:
        statement = self.make_statement()
        approval_steps_set(actor=self.editor, statement=statement, steps=[(self.approver, "")])
        statement_approve(actor=self.approver, statement=statement, version=1)
        url = reverse("consultations-statement-verify", args=[statement.pk])
        json_url = reverse("consultations-statement-verify-json", args=[statement.pk])
        anonymous = self.client_for(self.reader)  # not public: a draft answer
        self.assertContains(anonymous.get(url), "Dokumentet är intakt")
        data = anonymous.get(json_url).json()
        assert data["intact"] is True and data["approvals"][0]["valid"] is True
        Statement.objects.filter(pk=statement.pk).update(summary="Manipulerad.")
        self.assertContains(anonymous.get(url), "Dokumentet är inte intakt")
        data = anonymous.get(json_url).json()
        assert data["intact"] is False and data["approvals"][0]["valid"] is False
        assert (
            anonymous.get(reverse("consultations-statement-verify", args=[999])).status_code == 404
        )
