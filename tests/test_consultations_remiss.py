"""Consultations: create, edit while draft, attach files, send (cases and e-mail), decline."""

import datetime
import io
import tempfile
import zipfile

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from mrplan.consultations.models import (
    Case,
    Consultation,
    ConsultationDocument,
    ConsultationStatus,
    RecipientStatus,
)
from mrplan.core.models import AuditEvent
from tests.base import BaseTestCase
from tests.consultations_support import make_consultation
from tests.factories import OrganisationFactory

MEDIA_ROOT = tempfile.mkdtemp(prefix="mrplan-consultations-")
FUTURE = timezone.localdate() + datetime.timedelta(days=60)


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


class ConsultationTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.ks = OrganisationFactory(name="Kommunstyrelsen", kind="executive_board")

    def form_data(self, **overrides):  # type: ignore[no-untyped-def]
        data = {
            "title": "Handlingsplan mot rasism",
            "description": "Remiss av förslaget.",
            "sender": self.ks.pk,
            "deadline": FUTURE.isoformat(),
            "recipients": [self.org.pk, self.other_org.pk],
            "questions": "Hur vill ni bli stödda?\n\nVad saknas?",
        }
        data.update(overrides)
        return data


class CreateTests(ConsultationTestCase):
    def test_it_creates_a_draft_with_recipients_and_questions(self) -> None:
        response = self.client_for(self.coordinator).post(
            reverse("consultations-create"), self.form_data()
        )
        consultation = Consultation.objects.get()
        self.assertRedirects(response, consultation.get_absolute_url())
        self.assertEqual(consultation.status, ConsultationStatus.DRAFT)
        self.assertEqual(
            sorted(consultation.recipients.values_list("organisation_id", flat=True)),
            sorted([self.org.pk, self.other_org.pk]),
        )
        self.assertEqual(
            list(consultation.questions.values_list("text", flat=True)),
            ["Hur vill ni bli stödda?", "Vad saknas?"],
        )
        self.assertTrue(
            AuditEvent.objects.filter(object_id=str(consultation.pk), verb="create").exists()
        )

    def test_it_refuses_missing_recipients_and_title_in_swedish(self) -> None:
        response = self.client_for(self.coordinator).post(
            reverse("consultations-create"), self.form_data(title="", recipients=[])
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Välj minst en remissinstans.", status_code=400)
        self.assertContains(response, "Detta fält måste fyllas i.", status_code=400)
        self.assertFalse(Consultation.objects.exists())

    def test_it_refuses_editors_and_sends_anonymous_users_to_login(self) -> None:
        url = reverse("consultations-create")
        self.assertEqual(self.client_for(self.editor).get(url).status_code, 403)
        self.assertEqual(self.client_for(self.editor).post(url, self.form_data()).status_code, 403)
        response = self.client_for(None).get(url)
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(reverse("accounts-login")))
        self.assertFalse(Consultation.objects.exists())

    def test_the_coordinator_edits_a_draft(self) -> None:
        consultation = make_consultation(self.ks, [self.org])
        url = reverse("consultations-edit", args=[consultation.pk])
        self.assertContains(self.client_for(self.coordinator).get(url), "Handlingsplan mot rasism")
        response = self.client_for(self.coordinator).post(
            url, self.form_data(title="Ny titel", recipients=[self.other_org.pk], questions="")
        )
        self.assertRedirects(response, consultation.get_absolute_url())
        consultation.refresh_from_db()
        self.assertEqual(consultation.title, "Ny titel")
        self.assertEqual(
            list(consultation.recipients.values_list("organisation_id", flat=True)),
            [self.other_org.pk],
        )
        event = AuditEvent.objects.get(object_id=str(consultation.pk), verb="update")
        self.assertEqual(event.changes["title"], ["Handlingsplan mot rasism", "Ny titel"])

    def test_it_refuses_an_edit_after_sending(self) -> None:
        consultation = make_consultation(self.ks, [self.org], status=ConsultationStatus.SENT)
        response = self.client_for(self.coordinator).post(
            reverse("consultations-edit", args=[consultation.pk]), self.form_data(title="X")
        )
        self.assertRedirects(response, consultation.get_absolute_url())
        consultation.refresh_from_db()
        self.assertEqual(consultation.title, "Handlingsplan mot rasism")


class DocumentTests(ConsultationTestCase):
    def upload(self, name: str, content: bytes, user=None):  # type: ignore[no-untyped-def]
        consultation = make_consultation(self.ks, [self.org])
        response = self.client_for(user or self.coordinator).post(
            reverse("consultations-document-add", args=[consultation.pk]),
            {"title": "Remissunderlag", "file": SimpleUploadedFile(name, content)},
        )
        return consultation, response

    @override_settings(MEDIA_ROOT=MEDIA_ROOT)
    def test_it_attaches_a_real_pdf_and_a_docx(self) -> None:
        consultation, response = self.upload("förslag.pdf", b"%PDF-1.7\n%%EOF\n")
        self.assertRedirects(response, consultation.get_absolute_url())
        document = ConsultationDocument.objects.get()
        self.assertEqual(document.title, "Remissunderlag")
        download = self.client_for(self.coordinator).get(
            reverse("consultations-document", args=[document.pk])
        )
        self.assertEqual(download.status_code, 200)
        # Stored under a random name; the name people gave it comes back on download.
        self.assertRegex(document.file.name, r"^consultations/\d{4}/[0-9a-f]{32}\.pdf$")
        self.assertEqual(document.original_name, "förslag.pdf")
        self.assertIn("f%C3%B6rslag.pdf", download["Content-Disposition"])
        _consultation, response = self.upload("plan.docx", docx_bytes())
        self.assertEqual(response.status_code, 302)

    def test_it_refuses_a_fake_pdf_and_other_types(self) -> None:
        _consultation, response = self.upload("förslag.pdf", b"<html>nej</html>")
        self.assertContains(response, "stämmer inte med filändelsen .pdf", status_code=400)
        _consultation, response = self.upload("bild.exe", b"MZ")
        self.assertContains(response, "Filtypen är inte tillåten", status_code=400)
        self.assertFalse(ConsultationDocument.objects.exists())

    @override_settings(MEDIA_ROOT=MEDIA_ROOT)
    def test_it_refuses_a_file_over_20_mb(self) -> None:
        content = b"%PDF-1.7\n" + b"0" * (20 * 1024 * 1024)
        _consultation, response = self.upload("stor.pdf", content)
        self.assertContains(response, "Filen är större än 20 MB.", status_code=400)
        self.assertFalse(ConsultationDocument.objects.exists())

    def test_it_refuses_an_upload_by_an_editor(self) -> None:
        _consultation, response = self.upload("förslag.pdf", b"%PDF-1.7", user=self.editor)
        self.assertEqual(response.status_code, 404)  # drafts are not visible to recipients
        self.assertFalse(ConsultationDocument.objects.exists())


class SendTests(ConsultationTestCase):
    def test_it_sends_registers_cases_and_mails_on_commit(self) -> None:
        consultation = make_consultation(self.ks, [self.org, self.other_org])
        self.org_admin.email = "anna@example.org"
        self.org_admin.save()
        url = reverse("consultations-send", args=[consultation.pk])
        self.assertContains(self.client_for(self.coordinator).get(url), "saknar diarieprefix")
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            response = self.client_for(self.coordinator).post(url)
        self.assertRedirects(response, consultation.get_absolute_url())
        self.assertEqual(len(callbacks), 1)
        consultation.refresh_from_db()
        self.assertEqual(consultation.status, ConsultationStatus.SENT)
        self.assertEqual(consultation.sent_by, self.coordinator)
        case = Case.objects.get()
        self.assertEqual(case.organisation, self.org)
        self.assertEqual(case.diary_number, f"HÄ {timezone.localdate().year}/1")
        self.assertEqual(case.sender, "Kommunstyrelsen")
        self.assertEqual(case.consultation_recipient.consultation, consultation)
        # One mail per recipient organisation, to its editors and administrators only.
        self.assertEqual(len(mail.outbox), 2)
        to_org = next(m for m in mail.outbox if self.editor.email in m.bcc)
        self.assertIn(self.org_admin.email, to_org.bcc)
        self.assertNotIn(self.reader.email, to_org.bcc)
        self.assertNotIn(self.approver.email, to_org.bcc)
        self.assertEqual(to_org.subject, "Remiss: Handlingsplan mot rasism")
        self.assertIn(case.diary_number, to_org.body)
        to_other = next(m for m in mail.outbox if self.outsider.email in m.bcc)
        self.assertNotIn(self.editor.email, to_other.bcc)
        self.assertTrue(
            AuditEvent.objects.filter(object_id=str(consultation.pk), verb="update").exists()
        )

    def test_no_mail_leaves_before_the_commit(self) -> None:
        consultation = make_consultation(self.ks, [self.org])
        with self.captureOnCommitCallbacks(execute=False):
            self.client_for(self.coordinator).post(
                reverse("consultations-send", args=[consultation.pk])
            )
        self.assertEqual(mail.outbox, [])

    def test_it_refuses_sending_with_a_past_deadline(self) -> None:
        consultation = make_consultation(
            self.ks, [self.org], deadline=timezone.localdate() - datetime.timedelta(days=1)
        )
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client_for(self.coordinator).post(
                reverse("consultations-send", args=[consultation.pk])
            )
        self.assertContains(response, "Sista svarsdag har redan passerats", status_code=400)
        consultation.refresh_from_db()
        self.assertEqual(consultation.status, ConsultationStatus.DRAFT)
        self.assertFalse(Case.objects.exists())
        self.assertEqual(mail.outbox, [])

    def test_it_refuses_sending_twice_and_by_others(self) -> None:
        consultation = make_consultation(self.ks, [self.org], status=ConsultationStatus.SENT)
        url = reverse("consultations-send", args=[consultation.pk])
        response = self.client_for(self.coordinator).post(url)
        self.assertContains(response, "redan skickad", status_code=400)
        self.assertEqual(self.client_for(self.editor).post(url).status_code, 403)
        self.assertEqual(self.client_for(self.outsider).post(url).status_code, 404)
        self.assertEqual(self.client_for(None).post(url).status_code, 302)
        self.assertFalse(Case.objects.exists())


class StatusPageTests(ConsultationTestCase):
    def test_the_coordinator_sees_who_answered_is_late_and_declined(self) -> None:
        third = OrganisationFactory(name="Servicenämnden")
        consultation = make_consultation(
            self.ks,
            [self.org, self.other_org, third],
            status=ConsultationStatus.SENT,
            deadline=timezone.localdate() - datetime.timedelta(days=2),
        )
        recipients = {r.organisation_id: r for r in consultation.recipients.all()}
        declined = recipients[self.other_org.pk]
        declined.status = RecipientStatus.DECLINED
        declined.declined_reason = "Berör inte vår verksamhet."
        declined.save()
        answered = recipients[third.pk]
        answered.status = RecipientStatus.ANSWERED
        answered.answered_at = timezone.now()
        answered.save()
        client = self.client_for(self.coordinator)
        with self.assertNumQueries(8):
            response = client.get(consultation.get_absolute_url())
        self.assertContains(response, "Försenad")
        self.assertContains(response, "Skäl: Berör inte vår verksamhet.")
        self.assertContains(response, "Har svarat: 1. Försenade: 1. Avstår: 1.")

    def test_a_recipient_sees_only_its_own_row_and_an_outsider_nothing(self) -> None:
        consultation = make_consultation(self.ks, [self.org], status=ConsultationStatus.SENT)
        response = self.client_for(self.reader).get(consultation.get_absolute_url())
        self.assertContains(response, "Er organisations svar")
        self.assertNotContains(response, "Avstå från att svara")
        response = self.client_for(self.editor).get(consultation.get_absolute_url())
        self.assertContains(response, "Avstå från att svara")
        self.assertEqual(
            self.client_for(self.outsider).get(consultation.get_absolute_url()).status_code, 404
        )
        self.assertEqual(
            self.client_for(self.nobody).get(consultation.get_absolute_url()).status_code, 404
        )

    def test_drafts_are_hidden_from_recipients(self) -> None:
        consultation = make_consultation(self.ks, [self.org])
        self.assertEqual(
            self.client_for(self.editor).get(consultation.get_absolute_url()).status_code, 404
        )

    def test_the_list_costs_a_fixed_number_of_queries(self) -> None:
        for index in range(4):
            make_consultation(
                self.ks, [self.org, self.other_org], status="sent", title=f"Remiss {index}"
            )
        client = self.client_for(self.coordinator)
        with self.assertNumQueries(5):
            response = client.get(reverse("consultations-list"))
        self.assertContains(response, "Remiss 3")
        self.assertContains(response, "0 av 2 har svarat")
        response = self.client_for(self.outsider).get(reverse("consultations-list"))
        self.assertContains(response, "Remiss 3")
        self.assertNotContains(
            self.client_for(self.nobody).get(reverse("consultations-list")), "Remiss 3"
        )


class DeclineTests(ConsultationTestCase):
    def setUp(self) -> None:
        self.consultation = make_consultation(self.ks, [self.org], status=ConsultationStatus.SENT)
        self.recipient = self.consultation.recipients.get()
        self.url = reverse("consultations-recipient-decline", args=[self.recipient.pk])

    def test_an_editor_declines_with_a_reason(self) -> None:
        response = self.client_for(self.editor).post(self.url, {"reason": "Ingen kapacitet."})
        self.assertRedirects(response, self.consultation.get_absolute_url())
        self.recipient.refresh_from_db()
        self.assertEqual(self.recipient.status, RecipientStatus.DECLINED)
        self.assertEqual(self.recipient.declined_reason, "Ingen kapacitet.")
        event = AuditEvent.objects.get(object_id=str(self.recipient.pk), verb="update")
        self.assertEqual(event.changes["status"], ["pending", "declined"])

    def test_it_requires_a_reason(self) -> None:
        response = self.client_for(self.org_admin).post(self.url, {"reason": "  "})
        self.assertContains(response, "Ange skälet till att ni avstår.", status_code=400)
        self.recipient.refresh_from_db()
        self.assertEqual(self.recipient.status, RecipientStatus.PENDING)

    def test_it_refuses_readers_outsiders_and_anonymous(self) -> None:
        # Coordinators may record a decline on the recipient's behalf (issue 10, item 11).
        for user, status in (
            (self.reader, 403),
            (self.approver, 403),
            (self.outsider, 404),
        ):
            with self.subTest(user=user.username):
                response = self.client_for(user).post(self.url, {"reason": "Nej."})
                self.assertEqual(response.status_code, status)
        self.assertEqual(self.client_for(None).post(self.url, {"reason": "Nej."}).status_code, 302)
        self.recipient.refresh_from_db()
        self.assertEqual(self.recipient.status, RecipientStatus.PENDING)

    def test_it_refuses_declining_twice(self) -> None:
        self.client_for(self.editor).post(self.url, {"reason": "Ingen kapacitet."})
        response = self.client_for(self.editor).post(self.url, {"reason": "Igen."})
        self.assertContains(response, "redan besvarad eller avböjd", status_code=400)
        self.recipient.refresh_from_db()
        self.assertEqual(self.recipient.declined_reason, "Ingen kapacitet.")
