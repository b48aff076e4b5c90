"""The demo consultations: two remisser from the executive board, loaded idempotently."""

import datetime

from django.test import TestCase
from django.utils import timezone

from mrplan.accounts.demo import load_users
from mrplan.consultations.demo import attach_seed_answers, load_consultations, load_seed_cases
from mrplan.consultations.models import (
    Approval,
    Case,
    Consultation,
    ConsultationRecipient,
    Decision,
    RecipientStatus,
    Statement,
    StatementStatus,
)
from mrplan.consultations.selectors import recipient_rows
from mrplan.organisations.demo import load_organisations
from mrplan.organisations.models import Organisation


class DemoTests(TestCase):
    def test_it_loads_two_consultations_in_every_state_and_is_idempotent(self) -> None:
        load_organisations()
        load_consultations()
        load_consultations()
        self.assertEqual(
            sorted(Consultation.objects.values_list("title", flat=True)),
            ["Handlingsplan mot rasism", "Stockholms stads program för de mänskliga rättigheterna"],
        )
        racism = Consultation.objects.get(title="Handlingsplan mot rasism")
        self.assertEqual(racism.deadline, datetime.date(2025, 1, 31))
        self.assertEqual(racism.sender.name, "Kommunstyrelsen")
        self.assertEqual(racism.questions.count(), 2)
        self.assertEqual(ConsultationRecipient.objects.count(), 8)
        states = {row.state for row in recipient_rows(racism, today=datetime.date(2025, 3, 1))}
        self.assertEqual(states, {"late", "declined"})
        self.assertTrue(
            racism.recipients.filter(
                organisation__name="Hägersten-Älvsjö stadsdelsförvaltning"
            ).exists()
        )

    def test_it_attaches_the_imported_seed_case_when_it_is_decided(self) -> None:
        load_organisations()
        load_consultations()
        hagersten_alvsjo = Organisation.objects.get(name="Hägersten-Älvsjö stadsdelsförvaltning")
        case = Case.objects.create(
            organisation=hagersten_alvsjo,
            year=2024,
            serial=689,
            diary_number="HÄ 2024/689",
            title="Handlingsplan mot rasism",
            registered_on=datetime.date(2024, 11, 12),
        )
        Statement.objects.create(case=case, title="Svar", status=StatementStatus.DECIDED)
        attach_seed_answers()
        case.refresh_from_db()
        recipient = case.consultation_recipient
        self.assertEqual(recipient.consultation.title, "Handlingsplan mot rasism")
        self.assertEqual(recipient.status, RecipientStatus.ANSWERED)
        self.assertLessEqual(recipient.answered_at, timezone.now())


class SeedCaseDemoTests(TestCase):
    def test_loading_the_seed_cases_twice_changes_nothing(self) -> None:
        load_organisations()
        load_users()
        load_consultations()
        load_seed_cases()
        counts = (Case.objects.count(), Approval.objects.count(), Decision.objects.count())
        self.assertEqual(counts, (4, 3, 2))
        load_seed_cases()
        self.assertEqual(
            counts, (Case.objects.count(), Approval.objects.count(), Decision.objects.count())
        )
        decision = Decision.objects.get(statement__case__diary_number="HÄ 2024/689")
        self.assertEqual(decision.paragraph, "–")
