from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from mrplan.accounts.models import Membership, User
from mrplan.accounts.permissions import roles_for
from mrplan.consultations.models import (
    Case,
    CaseStatus,
    ConsultationRecipient,
    RecipientStatus,
    StatementStatus,
)
from mrplan.consultations.statements.attestation import is_fully_approved, verify
from mrplan.organisations.models import Organisation
from mrplan.programmes.models import ActionPlan, Programme, SdgGoal


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


class LoadDemoTests(TestCase):
    def test_it_loads_the_stockholm_demo_and_prints_the_logins(self) -> None:
        output = load_demo()
        self.assertIn("samordnare", output)
        self.assertIn("mrplan-demo", output)
        self.assertEqual(Organisation.objects.filter(kind="district_committee").count(), 11)
        programme = Programme.objects.get(status="adopted")
        self.assertEqual(programme.focus_areas.count(), 3)
        self.assertEqual(programme.action_plans.count(), 6)
        self.assertEqual(programme.replaces.count(), 4)
        self.assertEqual(SdgGoal.objects.count(), 17)
        coordinator = User.objects.get(username="samordnare")
        self.assertTrue(roles_for(coordinator).is_coordinator)
        self.assertTrue(coordinator.check_password("mrplan-demo"))

    def test_the_seeds_are_decided_cases_answering_their_consultations(self) -> None:
        load_demo()
        expected = {
            "HÄ 2024/427": "Stockholms stads program för de mänskliga rättigheterna",
            "HÄ 2024/689": "Handlingsplan mot rasism",
        }
        for number, consultation in expected.items():
            case = Case.objects.select_related(
                "statement__decision__committee", "consultation_recipient__consultation"
            ).get(organisation__slug="hagersten-alvsjo-stadsdelsforvaltning", diary_number=number)
            self.assertEqual(case.status, CaseStatus.DECIDED)
            statement = case.statement
            self.assertEqual(statement.status, StatementStatus.DECIDED)
            self.assertTrue(verify(statement).intact)
            self.assertTrue(is_fully_approved(statement))
            self.assertEqual(statement.decision.committee.name, "Hägersten-Älvsjö stadsdelsnämnd")
            self.assertEqual(statement.decision.meeting_date, statement.meeting_date)
            recipient = case.consultation_recipient
            self.assertEqual(recipient.consultation.title, consultation)
            self.assertEqual(recipient.status, RecipientStatus.ANSWERED)
        attested_elsewhere = Case.objects.get(diary_number="HÄ 2024/689").statement
        self.assertEqual(len(attested_elsewhere.external_approvals), 2)
        attested_here = Case.objects.get(diary_number="HÄ 2024/427").statement
        self.assertEqual(len(verify(attested_here).valid_approvals), 2)
        other_states = {
            recipient.case.statement.status
            for recipient in ConsultationRecipient.objects.filter(
                organisation__name="Kulturnämnden"
            ).select_related("case__statement")
        }
        self.assertEqual(other_states, {StatementStatus.DRAFT, StatementStatus.IN_APPROVAL})
        self.assertTrue(
            ConsultationRecipient.objects.filter(status=RecipientStatus.DECLINED).exists()
        )

    def test_running_it_twice_neither_duplicates_nor_wipes(self) -> None:
        load_demo()
        counts = (
            Organisation.objects.count(),
            User.objects.count(),
            Membership.objects.count(),
            ActionPlan.objects.count(),
        )
        plan = ActionPlan.objects.get(slug__contains="rasism")
        plan.goal = "Ett eget, ändrat mål."
        plan.save()
        output = load_demo()
        self.assertIn("laddas inte igen", output)
        self.assertEqual(
            counts,
            (
                Organisation.objects.count(),
                User.objects.count(),
                Membership.objects.count(),
                ActionPlan.objects.count(),
            ),
        )
        plan.refresh_from_db()
        self.assertEqual(plan.goal, "Ett eget, ändrat mål.")
