"""Shared set-up for the statement tests: a case of Hägersten-Älvsjö answering a remiss."""

import datetime

from mrplan.accounts.models import User
from mrplan.consultations.actions.statements import statement_create
from mrplan.consultations.models import (
    Case,
    Consultation,
    ConsultationQuestion,
    ConsultationRecipient,
    Statement,
)
from tests.base import BaseTestCase
from tests.factories import DepartmentFactory, MembershipFactory, UserFactory


class StatementTestCase(BaseTestCase):
    director: User

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.editor.first_name, cls.editor.last_name, cls.editor.phone = (
            "Jens",
            "Westlund",
            "08-50821150",
        )
        cls.editor.save()
        cls.approver.first_name, cls.approver.last_name = "Lars", "Wennberg"
        cls.approver.save()
        cls.director = UserFactory(username="lee", first_name="Lee", last_name="Orberson")
        MembershipFactory(
            user=cls.director, organisation=cls.org, role="approver", title="stadsdelsdirektör"
        )
        cls.departments = [
            DepartmentFactory(organisation=cls.org, name=name)
            for name in (
                "Nämndkansliet",
                "Avdelningen för funktionsnedsättning och socialpsykiatri",
                "Avdelningen för individ- och familjeomsorg",
                "Avdelningen för äldreomsorg",
                "Avdelningen för förskola",
            )
        ]
        cls.consultation = Consultation.objects.create(
            title="Handlingsplan mot rasism",
            sender=cls.slk,
            deadline=datetime.date(2025, 1, 31),
            status="sent",
        )
        cls.question = ConsultationQuestion.objects.create(
            consultation=cls.consultation, position=1, text="Vilket stöd behöver ni?"
        )
        cls.recipient = ConsultationRecipient.objects.create(
            consultation=cls.consultation, organisation=cls.org
        )
        cls.case = Case.objects.create(
            organisation=cls.org,
            year=2024,
            serial=689,
            diary_number="HÄ 2024/689",
            title="Handlingsplan för arbete mot rasism",
            registered_on=datetime.date(2024, 12, 2),
            sender="Kommunstyrelsen",
            case_officer=cls.editor,
            consultation_recipient=cls.recipient,
        )

    def make_statement(self, **data: object) -> Statement:
        """Start the case's statement; it says something unless DATA says otherwise."""
        data.setdefault("summary", "Förvaltningen ställer sig bakom förslaget.")
        return statement_create(actor=self.editor, case=self.case, data=data)
