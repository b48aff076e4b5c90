"""The diary page, registering a case from the UI, the case page and opening a late case."""

from django.urls import reverse
from django.utils import timezone

from mrplan.consultations.models import Case, ConsultationStatus
from mrplan.core.models import AuditEvent
from tests.base import BaseTestCase
from tests.consultations_support import make_case, make_consultation
from tests.factories import OrganisationFactory


class DiaryPageTests(BaseTestCase):
    def setUp(self) -> None:
        make_case(
            self.org,
            427,
            title="Remiss av program för mänskliga rättigheter",
            sender="Kommunstyrelsen",
            case_officer=self.editor,
        )
        make_case(
            self.org, 689, title="Remiss av handlingsplan mot rasism", sender="Kommunstyrelsen"
        )
        make_case(self.org, 700, title="Medborgarförslag om parkbänkar", sender="Privatperson")
        self.url = reverse("consultations-diary", args=[self.org.slug])

    def test_it_lists_cases_newest_first_with_all_columns(self) -> None:
        response = self.client_for(self.reader).get(self.url)
        self.assertEqual(response.status_code, 200)
        content = response.content.decode()
        self.assertLess(content.index("HÄ 2024/700"), content.index("HÄ 2024/427"))
        self.assertContains(response, "2024-05-17")
        self.assertContains(response, "Kommunstyrelsen")
        self.assertContains(response, self.editor.get_full_name())
        self.assertNotContains(response, "Registrera ärende")

    def test_it_searches_number_title_and_sender(self) -> None:
        client = self.client_for(self.editor)
        for query, expected, missing in (
            ("2024/689", "rasism", "parkbänkar"),
            ("parkbänk", "parkbänkar", "rasism"),
            ("privatperson", "parkbänkar", "rasism"),
        ):
            with self.subTest(query=query):
                response = client.get(self.url, {"q": query})
                self.assertContains(response, expected)
                self.assertNotContains(response, missing)

    def test_it_costs_a_fixed_number_of_queries(self) -> None:
        client = self.client_for(self.editor)
        client.get(self.url)
        with self.assertNumQueries(5):
            client.get(self.url)
        for serial in range(800, 810):
            make_case(self.org, serial, case_officer=self.approver)
        with self.assertNumQueries(5):
            response = client.get(self.url)
        self.assertContains(response, "HÄ 2024/809")

    def test_it_is_hidden_from_outsiders_and_anonymous(self) -> None:
        self.assertEqual(self.client_for(self.outsider).get(self.url).status_code, 404)
        self.assertEqual(self.client_for(self.nobody).get(self.url).status_code, 404)
        self.assertEqual(self.client_for(None).get(self.url).status_code, 302)
        self.assertEqual(self.client_for(self.coordinator).get(self.url).status_code, 200)


class CaseCreateTests(BaseTestCase):
    def setUp(self) -> None:
        self.url = reverse("consultations-case-create", args=[self.org.slug])

    def data(self, **overrides):  # type: ignore[no-untyped-def]
        data = {
            "title": "Skrivelse om tillgänglighet",
            "registered_on": "2024-06-03",
            "sender": "Funktionsrätt Stockholm",
            "recipient": "",
            "case_officer": self.editor.pk,
            "diary_number": "",
        }
        data.update(overrides)
        return data

    def test_an_editor_registers_the_next_number(self) -> None:
        make_case(self.org, 689)
        self.assertContains(self.client_for(self.editor).get(self.url), "Registrera ärende")
        response = self.client_for(self.editor).post(self.url, self.data())
        case = Case.objects.get(title="Skrivelse om tillgänglighet")
        self.assertRedirects(response, case.get_absolute_url())
        # The existing case was not numbered through the sequence; the sequence starts at 1.
        self.assertEqual(case.diary_number, "HÄ 2024/1")
        self.assertEqual(case.case_officer, self.editor)
        self.assertTrue(AuditEvent.objects.filter(object_id=str(case.pk), verb="create").exists())

    def test_it_refuses_a_duplicate_explicit_number(self) -> None:
        self.client_for(self.editor).post(self.url, self.data(diary_number="HÄ 2024/427"))
        response = self.client_for(self.editor).post(
            self.url, self.data(title="Annat", diary_number="HÄ 2024/427")
        )
        self.assertContains(response, "Diarienumret HÄ 2024/427 finns redan.", status_code=400)
        self.assertEqual(Case.objects.count(), 1)

    def test_it_refuses_bad_input_in_swedish(self) -> None:
        response = self.client_for(self.editor).post(
            self.url, self.data(title="", registered_on="igår", diary_number="2024-427")
        )
        self.assertContains(response, "Detta fält måste fyllas i.", status_code=400)
        self.assertContains(response, "Fyll i ett giltigt datum.", status_code=400)
        self.assertFalse(Case.objects.exists())

    def test_it_refuses_readers_outsiders_and_anonymous(self) -> None:
        self.assertEqual(self.client_for(self.reader).post(self.url, self.data()).status_code, 403)
        self.assertEqual(self.client_for(self.approver).get(self.url).status_code, 403)
        self.assertEqual(
            self.client_for(self.outsider).post(self.url, self.data()).status_code, 404
        )
        self.assertEqual(self.client_for(None).post(self.url, self.data()).status_code, 302)
        self.assertFalse(Case.objects.exists())


class CaseDetailTests(BaseTestCase):
    def test_members_see_a_case_and_outsiders_do_not(self) -> None:
        ks = OrganisationFactory(name="Kommunstyrelsen", kind="executive_board")
        consultation = make_consultation(ks, [self.org], status=ConsultationStatus.SENT)
        case = make_case(
            self.org,
            689,
            consultation_recipient=consultation.recipients.get(),
            sender="Kommunstyrelsen",
        )
        response = self.client_for(self.reader).get(case.get_absolute_url())
        self.assertContains(response, "HÄ 2024/689")
        self.assertContains(response, consultation.title)
        self.assertContains(response, "Inget tjänsteutlåtande ännu.")
        self.assertEqual(
            self.client_for(self.outsider).get(case.get_absolute_url()).status_code, 404
        )
        self.assertEqual(self.client_for(None).get(case.get_absolute_url()).status_code, 302)
        history = reverse("core-history", args=["case", case.pk])
        self.assertEqual(self.client_for(self.reader).get(history).status_code, 200)
        self.assertEqual(self.client_for(self.outsider).get(history).status_code, 404)


class OpenCaseLaterTests(BaseTestCase):
    def test_a_recipient_without_prefix_registers_its_case_once_it_has_one(self) -> None:
        ks = OrganisationFactory(name="Kommunstyrelsen", kind="executive_board")
        consultation = make_consultation(ks, [self.other_org], status=ConsultationStatus.SENT)
        recipient = consultation.recipients.get()
        url = reverse("consultations-recipient-case-open", args=[recipient.pk])
        response = self.client_for(self.outsider).post(url)
        self.assertRedirects(
            response, consultation.get_absolute_url(), fetch_redirect_response=False
        )
        self.assertFalse(Case.objects.exists())
        self.other_org.diary_prefix = "KU"
        self.other_org.save()
        response = self.client_for(self.outsider).post(url)
        case = Case.objects.get()
        self.assertRedirects(response, case.get_absolute_url())
        self.assertEqual(case.diary_number, f"KU {timezone.localdate().year}/1")
        self.assertEqual(self.client_for(self.editor).post(url).status_code, 404)
