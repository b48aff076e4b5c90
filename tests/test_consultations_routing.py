"""Routing (issue 10, item 1): the nämnd is the recipient, its förvaltning prepares the
answer, keeps the case in its diary, gets the e-mail and may write and decline."""

from django.core import mail
from django.urls import reverse

from mrplan.consultations.models import Case, ConsultationStatus, RecipientStatus
from mrplan.consultations.routing import preparing_organisation
from tests.base import BaseTestCase
from tests.consultations_support import make_consultation
from tests.factories import OrganisationFactory


class RoutingTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.ks = OrganisationFactory(name="Kommunstyrelsen", kind="executive_board")
        cls.editor.email = "erik@example.org"
        cls.editor.save()

    def send(self, consultation):  # type: ignore[no-untyped-def]
        with self.captureOnCommitCallbacks(execute=True):
            return self.client_for(self.coordinator).post(
                reverse("consultations-send", args=[consultation.pk])
            )

    def test_the_preparing_organisation_of_a_namnd_is_its_forvaltning(self) -> None:
        assert preparing_organisation(self.district) == self.org
        assert preparing_organisation(self.org) == self.org
        assert preparing_organisation(self.other_committee) == self.other_org
        assert preparing_organisation(OrganisationFactory(name="Tomma nämnden")) is None

    def test_a_remiss_to_the_namnd_reaches_its_forvaltning(self) -> None:
        consultation = make_consultation(self.ks, [self.district])
        response = self.send(consultation)
        self.assertRedirects(response, consultation.get_absolute_url())
        recipient = consultation.recipients.get()
        assert recipient.organisation == self.district
        assert recipient.preparing_organisation == self.org
        case = Case.objects.get(consultation_recipient=recipient)
        assert case.organisation == self.org
        assert case.diary_number.startswith("HÄ ")
        assert case.recipient == self.district.name
        assert [m for m in mail.outbox if self.editor.email in m.bcc]
        # The förvaltning's people see the remiss, the case, and may write and decline.
        editor = self.client_for(self.editor)
        page = editor.get(consultation.get_absolute_url())
        self.assertContains(page, "Skriv svar")
        self.assertContains(page, "Bereds av Hägersten-Älvsjö stadsdelsförvaltning")
        assert editor.get(case.get_absolute_url()).status_code == 200
        response = editor.post(reverse("consultations-statement-create", args=[case.pk]))
        assert response.status_code == 302
        assert Case.objects.get(pk=case.pk).statement.organisation_name == self.district.name
        assert self.client_for(self.reader).get(consultation.get_absolute_url()).status_code == 200
        assert (
            self.client_for(self.outsider).get(consultation.get_absolute_url()).status_code == 404
        )

    def test_the_forvaltning_may_decline_for_its_namnd(self) -> None:
        consultation = make_consultation(self.ks, [self.district])
        self.send(consultation)
        recipient = consultation.recipients.get()
        url = reverse("consultations-recipient-decline", args=[recipient.pk])
        assert self.client_for(self.outsider).post(url, {"reason": "x"}).status_code == 404
        response = self.client_for(self.editor).post(url, {"reason": "Berör oss inte."})
        assert response.status_code == 302
        recipient.refresh_from_db()
        assert recipient.status == RecipientStatus.DECLINED

    def test_it_refuses_to_send_when_a_recipient_has_no_preparing_organisation(self) -> None:
        orphan = OrganisationFactory(name="Nämnden utan förvaltning", kind="specialist_committee")
        consultation = make_consultation(self.ks, [self.district, orphan])
        url = reverse("consultations-send", args=[consultation.pk])
        self.assertContains(
            self.client_for(self.coordinator).get(url), "ingen förvaltning bereder ärendet"
        )
        response = self.send(consultation)
        self.assertContains(
            response,
            "Nämnden utan förvaltning har ingen förvaltning som bereder ärendet",
            status_code=400,
        )
        consultation.refresh_from_db()
        assert consultation.status == ConsultationStatus.DRAFT
        assert not Case.objects.exists()
        assert mail.outbox == []
        assert not consultation.recipients.filter(preparing_organisation__isnull=False).exists()

    def test_the_success_message_counts_in_the_singular(self) -> None:
        consultation = make_consultation(self.ks, [self.district])
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client_for(self.coordinator).post(
                reverse("consultations-send", args=[consultation.pk]), follow=True
            )
        self.assertContains(response, "1 ärende registrerades")
