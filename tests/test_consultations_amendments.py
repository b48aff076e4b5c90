"""A sent remiss (issue 10, items 11 and 12): a later deadline, a new recipient (audited,
recipients told by e-mail), and closing it only after a confirmation page."""

import datetime

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mrplan.consultations.models import Case, ConsultationStatus
from mrplan.core.models import AuditEvent
from tests.base import BaseTestCase
from tests.consultations_support import make_consultation
from tests.factories import OrganisationFactory


class AmendmentTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.ks = OrganisationFactory(name="Kommunstyrelsen", kind="executive_board")
        cls.editor.email = "erik@example.org"
        cls.editor.save()
        cls.outsider.email = "oskar@example.org"
        cls.outsider.save()

    def setUp(self) -> None:
        self.consultation = make_consultation(
            self.ks, [self.district], status=ConsultationStatus.SENT
        )
        self.consultation.recipients.update(preparing_organisation=self.org)
        self.url = reverse("consultations-amend", args=[self.consultation.pk])

    def post(self, user, data):  # type: ignore[no-untyped-def]
        with self.captureOnCommitCallbacks(execute=True):
            return self.client_for(user).post(self.url, data)

    def test_a_later_deadline_is_audited_and_mailed(self) -> None:
        old = self.consultation.deadline
        later = old + datetime.timedelta(days=14)
        response = self.post(
            self.coordinator, {"action": "deadline", "deadline-deadline": later.isoformat()}
        )
        self.assertRedirects(response, self.consultation.get_absolute_url())
        self.consultation.refresh_from_db()
        assert self.consultation.deadline == later
        assert AuditEvent.objects.filter(
            object_id=str(self.consultation.pk), message__startswith="Sista svarsdag flyttades"
        ).exists()
        assert len(mail.outbox) == 1
        assert self.editor.email in mail.outbox[0].bcc
        assert later.isoformat() in mail.outbox[0].body

    def test_an_earlier_deadline_is_refused(self) -> None:
        earlier = self.consultation.deadline - datetime.timedelta(days=1)
        response = self.post(
            self.coordinator, {"action": "deadline", "deadline-deadline": earlier.isoformat()}
        )
        self.assertContains(response, "måste vara efter", status_code=400)
        assert mail.outbox == []

    def test_a_new_recipient_is_routed_registered_and_mailed(self) -> None:
        response = self.post(
            self.coordinator,
            {"action": "recipient", "recipient-organisation": self.other_committee.pk},
        )
        self.assertRedirects(response, self.consultation.get_absolute_url())
        recipient = self.consultation.recipients.get(organisation=self.other_committee)
        assert recipient.preparing_organisation == self.other_org
        assert mail.outbox and self.outsider.email in mail.outbox[0].bcc
        assert self.editor.email not in mail.outbox[0].bcc
        assert not Case.objects.filter(consultation_recipient=recipient).exists()  # no prefix
        assert AuditEvent.objects.filter(
            object_id=str(recipient.pk), message__startswith="Tillagd som remissinstans"
        ).exists()

    def test_a_recipient_without_a_preparing_organisation_is_refused(self) -> None:
        orphan = OrganisationFactory(name="Ensamma nämnden", kind="specialist_committee")
        response = self.post(
            self.coordinator, {"action": "recipient", "recipient-organisation": orphan.pk}
        )
        self.assertContains(response, "har ingen förvaltning", status_code=400)
        assert not self.consultation.recipients.filter(organisation=orphan).exists()

    def test_only_coordinators_amend(self) -> None:
        assert self.client_for(self.editor).get(self.url).status_code == 403
        assert self.client_for(self.nobody).get(self.url).status_code == 404


class CloseConfirmationTests(BaseTestCase):
    def test_closing_asks_for_confirmation_first(self) -> None:
        ks = OrganisationFactory(name="Kommunstyrelsen", kind="executive_board")
        consultation = make_consultation(ks, [self.org], status=ConsultationStatus.SENT)
        url = reverse("consultations-close", args=[consultation.pk])
        client = self.client_for(self.coordinator)
        detail = client.get(consultation.get_absolute_url())
        self.assertContains(detail, f'href="{url}"')
        page = client.get(url)
        self.assertContains(page, "Ja, avsluta remissen")
        self.assertContains(page, "1 remissinstans har ännu inte svarat.")
        consultation.refresh_from_db()
        assert consultation.status == ConsultationStatus.SENT
        response = client.post(url)
        self.assertRedirects(response, consultation.get_absolute_url())
        consultation.refresh_from_db()
        assert consultation.status == ConsultationStatus.CLOSED
        assert self.client_for(self.editor).post(url).status_code == 403
        assert timezone.now()
