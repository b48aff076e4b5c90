"""The public consultation pages and publishing a consultation."""

import datetime

from django.urls import reverse

from mrplan.consultations.models import (
    Consultation,
    ConsultationQuestion,
    ConsultationRecipient,
    ConsultationStatus,
    Decision,
    RecipientStatus,
    Statement,
    StatementStatus,
)
from mrplan.core.models import AuditEvent
from mrplan.public import actions
from tests.base import BaseTestCase
from tests.consultations_support import make_case, make_consultation, make_statement
from tests.factories import OrganisationFactory

PHONE = "08-508 111 22"


class PublicConsultationTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.third_org = OrganisationFactory(name="Farsta stadsdelsnämnd")
        cls.consultation = make_consultation(
            cls.slk,
            [cls.org, cls.other_org, cls.third_org],
            status=ConsultationStatus.SENT,
            deadline=datetime.date(2025, 1, 31),
        )
        cls.question = ConsultationQuestion.objects.create(
            consultation=cls.consultation, position=1, text="Vilket stöd behöver ni?"
        )
        recipients = {r.organisation_id: r for r in cls.consultation.recipients.all()}
        # Hägersten-Älvsjö: a decided answer, with the case officer's phone in the header and,
        # by mistake, in the text too.
        case = make_case(cls.org, 689, consultation_recipient=recipients[cls.org.pk])
        decided = make_statement(case)
        Statement.objects.filter(pk=decided.pk).update(
            status=StatementStatus.DECIDED,
            case_officer_name="Hanna Handläggare",
            case_officer_phone=PHONE,
            summary=f"Förvaltningen välkomnar planen och vill ha utbildning. Ring {PHONE}.",
            views="Stadsledningskontoret bör samordna och stödja arbetet.",
            answers={str(cls.question.pk): "Metodstöd till chefer."},
        )
        Decision.objects.create(
            statement=decided,
            committee=cls.district,
            meeting_date=datetime.date(2025, 1, 23),
            paragraph="12",
            text="Nämnden godkänner förvaltningens tjänsteutlåtande.",
            decided_on=datetime.date(2025, 1, 23),
        )
        recipients[cls.org.pk].status = RecipientStatus.ANSWERED
        recipients[cls.org.pk].save()
        # Kulturförvaltningen: a draft still being written.
        other_org = OrganisationFactory(name="X", diary_prefix="KU")
        draft_case = make_case(
            other_org, 12, consultation_recipient=recipients[cls.other_org.pk], diary_number="KU 1"
        )
        draft = make_statement(draft_case)
        Statement.objects.filter(pk=draft.pk).update(
            summary="Hemligt utkast om utbildning.", views="Utkastets synpunkter."
        )
        ConsultationRecipient.objects.filter(pk=recipients[cls.third_org.pk].pk).update(
            status=RecipientStatus.DECLINED, declined_reason="Tidsbrist inför sammanträdet."
        )

    def detail_url(self, consultation: Consultation | None = None) -> str:
        return reverse("public-consultation-detail", args=[(consultation or self.consultation).pk])

    def publish(self, consultation: Consultation | None = None) -> None:
        actions.publish(actor=self.coordinator, obj=consultation or self.consultation)


class ConsultationPageTests(PublicConsultationTestCase):
    def test_anyone_reads_a_published_consultation_with_its_decided_answer(self) -> None:
        self.publish()
        response = self.client_for(None).get(self.detail_url())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Handlingsplan mot rasism")
        self.assertContains(response, "2025-01-31")
        self.assertContains(response, "Förvaltningen välkomnar planen")
        self.assertContains(response, "Metodstöd till chefer.")
        self.assertContains(response, "Tidsbrist inför sammanträdet.")
        self.assertContains(response, "Avstår")
        self.assertContains(response, "HÄ 2024/689")
        self.assertContains(response, "§ 12")
        # The compilation: themes and the side-by-side sections from the decided answer.
        self.assertContains(response, "Återkommande teman")
        self.assertContains(response, "Utbildning")
        self.assertContains(response, "Svar per avsnitt, sida vid sida")

    def test_drafts_phone_numbers_and_case_officers_never_appear(self) -> None:
        self.publish()
        html = self.client_for(None).get(self.detail_url()).content.decode()
        for secret in (PHONE, "Hanna Handläggare", "Hemligt utkast", "Utkastets synpunkter"):
            self.assertNotIn(secret, html, secret)
        self.assertIn("[telefonnummer borttaget]", html)
        # The recipient with a draft is listed as not having answered yet.
        self.assertIn("Kulturförvaltningen", html)

    def test_unpublished_draft_and_unknown_consultations_are_404(self) -> None:
        draft = make_consultation(self.slk, [self.org], title="Utkastremiss")
        Consultation.objects.filter(pk=draft.pk).update(is_published=True)
        for url in (self.detail_url(), self.detail_url(draft), "/oppet/remisser/999999/"):
            with self.subTest(url=url):
                response = self.client_for(self.coordinator).get(url)
                self.assertEqual(response.status_code, 404)
        listing = self.client_for(None).get(reverse("public-consultation-list"))
        self.assertNotContains(listing, "Handlingsplan mot rasism")
        self.assertNotContains(listing, "Utkastremiss")

    def test_the_list_shows_published_consultations_in_a_fixed_number_of_queries(self) -> None:
        self.publish()
        url = reverse("public-consultation-list")
        with self.assertNumQueries(1):
            response = self.client_for(None).get(url)
        self.assertContains(response, "Handlingsplan mot rasism")
        self.assertContains(response, "1 av 3")
        for number in range(3):
            self.publish(
                make_consultation(
                    self.slk, [self.org], status=ConsultationStatus.SENT, title=f"Remiss {number}"
                )
            )
        with self.assertNumQueries(1):
            response = self.client_for(None).get(url)
        self.assertContains(response, "Remiss 2")

    def test_the_detail_page_costs_a_fixed_number_of_queries(self) -> None:
        self.publish()
        client = self.client_for(None)
        with self.assertNumQueries(5):
            client.get(self.detail_url())

    def test_a_file_under_review_downloads_only_when_published(self) -> None:
        from django.core.files.base import ContentFile

        document = self.consultation.documents.create(
            title="Remissunderlag", file=ContentFile(b"%PDF-1.4", name="underlag.pdf")
        )
        url = reverse("public-consultation-document", args=[document.pk])
        self.assertEqual(self.client_for(None).get(url).status_code, 404)
        self.publish()
        response = self.client_for(None).get(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(b"".join(response.streaming_content), b"%PDF-1.4")
        self.assertContains(self.client_for(None).get(self.detail_url()), url)
        document.file.delete()


class ConsultationPublishTests(PublicConsultationTestCase):
    def test_a_coordinator_publishes_and_unpublishes_from_the_consultation_page(self) -> None:
        client = self.client_for(self.coordinator)
        page = client.get(self.consultation.get_absolute_url())
        publish_url = reverse("public-publish", args=["remiss", self.consultation.pk])
        self.assertContains(page, publish_url)

        response = client.post(publish_url)
        self.assertRedirects(response, self.consultation.get_absolute_url())
        self.consultation.refresh_from_db()
        self.assertTrue(self.consultation.is_published)
        self.assertEqual(self.client_for(None).get(self.detail_url()).status_code, 200)

        response = client.post(reverse("public-unpublish", args=["remiss", self.consultation.pk]))
        self.assertRedirects(response, self.consultation.get_absolute_url())
        self.consultation.refresh_from_db()
        self.assertFalse(self.consultation.is_published)
        self.assertEqual(self.client_for(None).get(self.detail_url()).status_code, 404)
        changes = [
            event.changes
            for event in AuditEvent.objects.filter(object_id=str(self.consultation.pk)).order_by(
                "pk"
            )
            if "is_published" in event.changes
        ]
        self.assertEqual(
            changes, [{"is_published": [False, True]}, {"is_published": [True, False]}]
        )

    def test_it_refuses_everyone_but_coordinators(self) -> None:
        url = reverse("public-publish", args=["remiss", self.consultation.pk])
        for user in (self.org_admin, self.editor, self.reader, self.nobody):
            with self.subTest(user=user.username):
                self.assertEqual(self.client_for(user).post(url).status_code, 403)
        response = self.client_for(None).post(url)
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("accounts-login"), response["Location"])
        self.consultation.refresh_from_db()
        self.assertFalse(self.consultation.is_published)

    def test_a_draft_consultation_cannot_be_published(self) -> None:
        draft = make_consultation(self.slk, [self.org], title="Utkastremiss")
        response = self.client_for(self.coordinator).post(
            reverse("public-publish", args=["remiss", draft.pk])
        )
        self.assertContains(response, "Remissen är inte skickad", status_code=400)
        draft.refresh_from_db()
        self.assertFalse(draft.is_published)
