"""Diary corrections (issue 10, item 8): edit a case, cancel it with a reason; numbers stay
and are never reused."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from mrplan.consultations.actions.cases import case_cancel, case_update
from mrplan.consultations.actions.statements import statement_create
from mrplan.consultations.diary import register_case
from mrplan.consultations.models import Case, CaseStatus, ConsultationStatus
from mrplan.core.models import AuditEvent
from tests.base import BaseTestCase
from tests.consultations_support import make_consultation
from tests.factories import OrganisationFactory

DAY = datetime.date(2026, 1, 5)


class CaseCorrectionTests(BaseTestCase):
    def setUp(self) -> None:
        self.case = register_case(
            actor=self.editor, organisation=self.org, title="Felstavad rubrik", registered_on=DAY
        )

    def test_an_editor_corrects_title_and_officer_through_the_form(self) -> None:
        client = self.client_for(self.editor)
        page = client.get(self.case.get_absolute_url())
        self.assertContains(page, reverse("consultations-case-edit", args=[self.case.pk]))
        url = reverse("consultations-case-edit", args=[self.case.pk])
        response = client.post(url, {"title": "", "case_officer": self.editor.pk})
        self.assertContains(response, "Ange ärendets rubrik", status_code=400)
        response = client.post(url, {"title": "Rätt rubrik", "case_officer": self.editor.pk})
        self.assertRedirects(response, self.case.get_absolute_url())
        case = Case.objects.get(pk=self.case.pk)
        assert (case.title, case.case_officer, case.diary_number) == (
            "Rätt rubrik",
            self.editor,
            self.case.diary_number,
        )
        event = AuditEvent.objects.filter(object_id=str(case.pk), verb="update").latest("pk")
        assert event.actor == self.editor and "title" in event.changes

    def test_readers_and_outsiders_may_not_correct(self) -> None:
        url = reverse("consultations-case-edit", args=[self.case.pk])
        assert self.client_for(self.reader).get(url).status_code == 403
        assert self.client_for(self.outsider).get(url).status_code == 404
        with self.assertRaises(PermissionDenied):
            case_update(actor=self.reader, case=self.case, title="X")

    def test_cancelling_keeps_the_number_and_records_the_reason(self) -> None:
        url = reverse("consultations-case-cancel", args=[self.case.pk])
        client = self.client_for(self.editor)
        response = client.post(url, {"reason": ""})
        self.assertContains(response, "Ange skälet", status_code=400)
        assert Case.objects.get(pk=self.case.pk).status == CaseStatus.OPEN
        response = client.post(url, {"reason": "Registrerat två gånger."})
        self.assertRedirects(response, self.case.get_absolute_url())
        case = Case.objects.get(pk=self.case.pk)
        assert case.status == CaseStatus.CANCELLED
        assert case.cancelled_reason == "Registrerat två gånger."
        assert case.diary_number == self.case.diary_number
        self.assertContains(client.get(case.get_absolute_url()), "Registrerat två gånger.")
        diary = client.get(reverse("consultations-diary", args=[self.org.slug]))
        self.assertContains(diary, "Makulerat")
        assert AuditEvent.objects.filter(
            object_id=str(case.pk), message__startswith="Ärendet makulerades"
        ).exists()
        # The number is never handed out again.
        following = register_case(
            actor=self.editor, organisation=self.org, title="Nästa", registered_on=DAY
        )
        assert following.serial == case.serial + 1
        # A cancelled case is neither edited nor answered.
        with self.assertRaises(ValidationError):
            case_update(actor=self.editor, case=case, title="Ny")
        with self.assertRaises(ValidationError):
            statement_create(actor=self.editor, case=case)
        with self.assertRaises(ValidationError):
            case_cancel(actor=self.editor, case=case, reason="Igen.")

    def test_cancelling_a_remiss_case_lets_the_remiss_be_registered_again(self) -> None:
        ks = OrganisationFactory(name="Kommunstyrelsen", kind="executive_board")
        consultation = make_consultation(ks, [self.org], status=ConsultationStatus.SENT)
        recipient = consultation.recipients.get()
        case = register_case(
            actor=self.editor,
            organisation=self.org,
            title="Remiss",
            registered_on=DAY,
            consultation_recipient=recipient,
        )
        case_cancel(actor=self.editor, case=case, reason="Fel organisation.")
        response = self.client_for(self.editor).post(
            reverse("consultations-recipient-case-open", args=[recipient.pk])
        )
        assert response.status_code == 302
        assert Case.objects.get(consultation_recipient=recipient).pk != case.pk

    def test_readers_may_not_cancel(self) -> None:
        url = reverse("consultations-case-cancel", args=[self.case.pk])
        assert self.client_for(self.reader).post(url, {"reason": "x"}).status_code == 403
        assert Case.objects.get(pk=self.case.pk).status == CaseStatus.OPEN


class DiarySearchTests(BaseTestCase):
    def test_search_ignores_case_for_swedish_letters(self) -> None:
        register_case(
            actor=self.editor,
            organisation=self.org,
            title="Remiss om ÄLDREOMSORG i Älvsjö",
            registered_on=DAY,
            sender="Östermalms stadsdelsnämnd",
        )
        register_case(actor=self.editor, organisation=self.org, title="Annat", registered_on=DAY)
        url = reverse("consultations-diary", args=[self.org.slug])
        client = self.client_for(self.reader)
        for query in ("älvsjö", "ÄLVSJÖ", "äldreomsorg", "östermalms", "hä 2026/1"):
            with self.subTest(query=query):
                response = client.get(url, {"q": query})
                self.assertEqual(len(response.context["cases"]), 1, query)
