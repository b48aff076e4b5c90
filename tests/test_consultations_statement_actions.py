"""The statement actions: create with a filled-in header, versioned saves, preparation."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mrplan.consultations.actions.statements import (
    preparation_update,
    statement_create,
    statement_update,
)
from mrplan.consultations.content import content_hash, statement_content
from mrplan.consultations.models import Statement, StatementStatus, StatementVersion
from mrplan.core.models import AuditEvent
from tests.consultations_statement_base import StatementTestCase


class StatementCreateTests(StatementTestCase):
    def test_it_fills_in_the_header_from_the_case_and_the_organisation(self) -> None:
        statement = self.make_statement()
        assert statement.organisation_name == "Hägersten-Älvsjö stadsdelsnämnd"
        assert statement.administration_name == "Hägersten-Älvsjö stadsdelsförvaltning"
        assert statement.diary_number == "HÄ 2024/689"
        assert statement.case_officer_name == "Jens Westlund"
        assert statement.case_officer_phone == "08-50821150"
        assert statement.addressee_name == "Hägersten-Älvsjö stadsdelsnämnd"
        assert statement.title == "Handlingsplan för arbete mot rasism"
        assert statement.subtitle == "Yttrande till kommunstyrelsen"
        assert statement.decision_proposal == (
            "Hägersten-Älvsjö stadsdelsnämnd godkänner förvaltningens tjänsteutlåtande och "
            "överlämnar det till kommunstyrelsen som svar på remissen."
        )
        assert statement.status == StatementStatus.DRAFT

    def test_it_stores_the_first_version_with_its_hash(self) -> None:
        statement = self.make_statement(department_name="Nämndkansliet")
        version = statement.versions.get()
        assert (statement.current_version, version.number) == (1, 1)
        assert version.content == statement_content(statement)
        assert version.content_hash == content_hash(statement_content(statement))
        assert AuditEvent.objects.filter(verb="create", object_id=str(statement.pk)).exists()

    def test_it_refuses_a_second_statement_for_the_case(self) -> None:
        self.make_statement()
        with pytest.raises(ValidationError, match="redan ett tjänsteutlåtande"):
            self.make_statement()
        assert Statement.objects.count() == 1

    def test_it_refuses_a_reader_an_outsider_and_an_approver(self) -> None:
        for user in (self.reader, self.outsider, self.approver, self.nobody):
            with pytest.raises(PermissionDenied):
                statement_create(actor=user, case=self.case, data={})
        assert not Statement.objects.exists()


class StatementUpdateTests(StatementTestCase):
    def test_every_save_is_a_new_version(self) -> None:
        statement = self.make_statement()
        statement_update(
            actor=self.editor, statement=statement, data={"summary": "Första."}, version=1
        )
        statement_update(
            actor=self.editor, statement=statement, data={"summary": "Andra."}, version=2
        )
        statement.refresh_from_db()
        assert statement.current_version == 3
        assert list(statement.versions.values_list("number", flat=True)) == [3, 2, 1]
        assert statement.versions.get(number=2).content["summary"] == "Första."
        events = AuditEvent.objects.filter(verb="update", object_id=str(statement.pk))
        assert events.count() == 2
        assert events.first() is not None

    def test_it_refuses_a_stale_version_and_saves_nothing(self) -> None:
        statement = self.make_statement()
        statement_update(actor=self.editor, statement=statement, data={"summary": "A"}, version=1)
        stale = Statement.objects.get(pk=statement.pk)
        with pytest.raises(ValidationError, match="har ändrats sedan du öppnade det"):
            statement_update(actor=self.editor, statement=stale, data={"summary": "B"}, version=1)
        statement.refresh_from_db()
        assert statement.summary == "A"
        assert StatementVersion.objects.filter(statement=statement).count() == 2

    def test_it_refuses_an_edit_after_the_decision(self) -> None:
        statement = self.make_statement()
        Statement.objects.filter(pk=statement.pk).update(status=StatementStatus.DECIDED)
        statement.refresh_from_db()
        with pytest.raises(ValidationError, match="beslutat"):
            statement_update(
                actor=self.editor, statement=statement, data={"summary": "B"}, version=1
            )
        assert StatementVersion.objects.filter(statement=statement).count() == 1

    def test_it_refuses_a_reader(self) -> None:
        statement = self.make_statement()
        with pytest.raises(PermissionDenied):
            statement_update(
                actor=self.reader, statement=statement, data={"summary": "B"}, version=1
            )

    def test_a_save_that_changes_nothing_makes_no_version(self) -> None:
        statement = self.make_statement()
        statement_update(
            actor=self.editor, statement=statement, data={"title": statement.title}, version=1
        )
        assert statement.versions.count() == 1

    def test_it_rejects_an_empty_title(self) -> None:
        statement = self.make_statement()
        with pytest.raises(ValidationError):
            statement_update(actor=self.editor, statement=statement, data={"title": " "}, version=1)
        statement.refresh_from_db()
        assert statement.current_version == 1
        assert statement.title == "Handlingsplan för arbete mot rasism"


class PreparationTests(StatementTestCase):
    def test_it_writes_the_preparation_section_in_the_seeds_wording(self) -> None:
        statement = self.make_statement()
        preparation_update(
            actor=self.editor,
            statement=statement,
            data={
                "prepared_by": "nämndkansliet",
                "departments": self.departments[1:],
                "union_informed_on": datetime.date(2025, 1, 14),
            },
            version=1,
        )
        statement.refresh_from_db()
        assert statement.preparation_text == (
            "Ärendet har beretts inom nämndkansliet i samråd med avdelningarna för "
            "funktionsnedsättning och socialpsykiatri, individ- och familjeomsorg, "
            "äldreomsorg samt förskola. De fackliga organisationerna informeras i "
            "förvaltningsgruppen den 14 januari 2025."
        )
        assert statement.current_version == 2
        assert (
            statement.versions.get(number=2)
            .content["preparation_text"]
            .startswith("Ärendet har beretts")
        )
        assert AuditEvent.objects.filter(object_repr__startswith="Beredning").exists()

    def test_it_refuses_departments_of_another_organisation(self) -> None:
        from tests.factories import DepartmentFactory

        statement = self.make_statement()
        foreign = DepartmentFactory(organisation=self.other_org, name="Kulturavdelningen")
        with pytest.raises(ValidationError):
            preparation_update(
                actor=self.editor,
                statement=statement,
                data={"prepared_by": "x", "departments": [foreign]},
                version=1,
            )
        statement.refresh_from_db()
        assert statement.current_version == 1
        assert not hasattr(statement, "preparation") or statement.preparation is None
