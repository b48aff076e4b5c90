"""Dates (issue 10, item 7): decisions neither in the future nor before the case; the diary
refuses future registrations and a number whose year is not the registration's; the
compilation shows the committee's decision date, not the day it was recorded."""

import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from mrplan.consultations.actions.decisions import decision_record
from mrplan.consultations.diary import register_case
from mrplan.consultations.models import Case, ConsultationStatus, Decision
from tests.base import BaseTestCase
from tests.consultations_support import (
    make_case,
    make_consultation,
    make_director,
    make_statement,
)
from tests.factories import OrganisationFactory


class DecisionDateTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.ks = OrganisationFactory(name="Kommunstyrelsen", kind="executive_board")
        cls.director = make_director(cls.org)

    def setUp(self) -> None:
        self.consultation = make_consultation(self.ks, [self.org], status=ConsultationStatus.SENT)
        self.recipient = self.consultation.recipients.get()
        self.case = make_case(self.org, 5, consultation_recipient=self.recipient)
        self.statement = make_statement(self.case, approvers=[self.approver, self.director])

    def record(self, meeting: datetime.date, decided: datetime.date) -> Decision:
        return decision_record(
            actor=self.editor,
            statement=self.statement,
            committee=self.district,
            meeting_date=meeting,
            paragraph="7",
            text="Godkänt.",
            decided_on=decided,
        )

    def test_a_decision_in_the_future_is_refused(self) -> None:
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        with self.assertRaisesMessage(ValidationError, "kan inte ligga i framtiden"):
            self.record(tomorrow, tomorrow)
        assert not Decision.objects.exists()

    def test_a_decision_before_the_case_was_registered_is_refused(self) -> None:
        before = self.case.registered_on - datetime.timedelta(days=1)
        with self.assertRaisesMessage(ValidationError, "före ärendets registrering"):
            self.record(before, before)
        assert not Decision.objects.exists()

    def test_the_compilation_shows_the_decision_date(self) -> None:
        decided = datetime.date(2024, 9, 19)
        self.record(decided, decided)  # recorded today, decided in 2024
        response = self.client_for(self.coordinator).get(
            reverse("consultations-compilation", args=[self.consultation.pk])
        )
        self.assertContains(response, "Beslutsdatum")
        self.assertContains(response, "2024-09-19")
        self.assertNotContains(response, timezone.localdate().isoformat())


class RegistrationDateTests(BaseTestCase):
    def test_a_registration_in_the_future_is_refused(self) -> None:
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        with self.assertRaisesMessage(ValidationError, "kan inte ligga i framtiden"):
            register_case(
                actor=self.editor, organisation=self.org, title="Ärende", registered_on=tomorrow
            )
        assert not Case.objects.exists()

    def test_the_year_of_an_explicit_number_must_match_the_registration(self) -> None:
        with self.assertRaisesMessage(ValidationError, "stämmer inte med registreringsdatumet"):
            register_case(
                actor=self.editor,
                organisation=self.org,
                title="Ärende",
                registered_on=datetime.date(2026, 1, 5),
                diary_number="HÄ 2027/1",
            )
        assert not Case.objects.exists()
        case = register_case(
            actor=self.editor,
            organisation=self.org,
            title="Ärende",
            registered_on=datetime.date(2024, 3, 5),
            diary_number="HÄ 2024/12",
        )
        assert case.diary_number == "HÄ 2024/12"

    def test_the_form_shows_the_error(self) -> None:
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        response = self.client_for(self.editor).post(
            reverse("consultations-case-create", args=[self.org.slug]),
            {"title": "Ärende", "registered_on": tomorrow.isoformat()},
        )
        self.assertContains(response, "kan inte ligga i framtiden", status_code=400)
