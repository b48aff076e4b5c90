"""The demo consultations: two remisser from the executive board, loaded idempotently."""

import datetime

from django.test import TestCase
from django.utils import timezone

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
from mrplan.demo.consultations import attach_seed_answers, load_consultations, load_seed_cases
from mrplan.demo.users import load_users
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
        # The nämnd is the recipient; its förvaltning prepares the answer.
        recipient = racism.recipients.get(organisation__name="Hägersten-Älvsjö stadsdelsnämnd")
        self.assertEqual(
            recipient.preparing_organisation.name, "Hägersten-Älvsjö stadsdelsförvaltning"
        )
        culture = racism.recipients.get(organisation__name="Kulturnämnden")
        self.assertEqual(culture.preparing_organisation.name, "Kulturförvaltningen")

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
        # Both seeds attested by two in mrplan (the printed approvals of seed 000 do not
        # count), plus Kulturförvaltningen's first approval.
        self.assertEqual(counts, (4, 5, 2))
        load_seed_cases()
        self.assertEqual(
            counts, (Case.objects.count(), Approval.objects.count(), Decision.objects.count())
        )
        decision = Decision.objects.get(statement__case__diary_number="HÄ 2024/689")
        self.assertEqual(decision.paragraph, "–")


class DemoVisibilityTests(TestCase):
    def test_each_forvaltning_sees_its_namnds_demo_cases(self) -> None:
        from django.test import Client
        from django.urls import reverse

        from mrplan.accounts.models import User
        from mrplan.consultations.statements.attestation import is_fully_approved

        load_organisations()
        load_users()
        load_consultations()
        load_seed_cases()
        culture_cases = Case.objects.filter(
            consultation_recipient__organisation__name="Kulturnämnden"
        )
        self.assertEqual(culture_cases.count(), 2)
        ha_cases = Case.objects.filter(
            consultation_recipient__organisation__name="Hägersten-Älvsjö stadsdelsnämnd"
        )
        self.assertEqual(ha_cases.count(), 2)
        for username, cases, others in [
            ("redaktor.kultur", culture_cases, ha_cases),
            ("redaktor.ha", ha_cases, culture_cases),
        ]:
            client = Client()
            client.force_login(User.objects.get(username=username))
            for case in cases:
                self.assertEqual(client.get(case.get_absolute_url()).status_code, 200, username)
                consultation = case.consultation_recipient.consultation
                self.assertEqual(client.get(consultation.get_absolute_url()).status_code, 200)
            for case in others:
                self.assertEqual(client.get(case.get_absolute_url()).status_code, 404, username)
        for case in ha_cases:
            statement = Statement.objects.get(case=case)
            self.assertEqual(statement.status, StatementStatus.DECIDED)
            self.assertTrue(is_fully_approved(statement))
        self.assertTrue(reverse("consultations-list"))
