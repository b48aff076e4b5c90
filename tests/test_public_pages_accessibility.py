"""The accessibility statement and its report form."""

from django.core import mail
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from mrplan.core.models import AuditEvent
from mrplan.public.models import AccessibilityReport
from tests.base import BaseTestCase

URL = reverse("public-accessibility")
GOOD = {
    "page_url": "/oppet/remisser/",
    "description": "Tabellen går inte att läsa med min skärmläsare.",
    "email": "anna@example.org",
}


class AccessibilityStatementTests(BaseTestCase):
    def test_anyone_reads_the_statement_in_the_digg_model_structure(self) -> None:
        response = self.client_for(None).get(URL)
        self.assertEqual(response.status_code, 200)
        for text in (
            "Tillgänglighetsredogörelse",
            "lagen (2018:1937) om tillgänglighet till digital offentlig service",
            "delvis förenlig",
            "Innehåll som inte är tillgängligt",
            "PDF-filer och Word-dokument",
            "Samma värden finns alltid i en tabell",
            "Rapportera brister",
            "Myndigheten för digital förvaltning (DIGG)",
            "https://www.digg.se/tdosanmalan",
            "axe-core",
            "Redogörelsen uppdaterades senast",
        ):
            self.assertContains(response, text)
        self.assertContains(response, '<label for="id_page_url">')

    @override_settings(ACCESSIBILITY_CONTACT_EMAIL="tillganglighet@stad.example")
    def test_a_report_is_stored_audited_and_mailed_after_the_commit(self) -> None:
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            response = self.client_for(None).post(URL, GOOD)
        self.assertRedirects(response, reverse("public-accessibility-thanks"))
        self.assertEqual(len(mail.outbox), 0)  # nothing is sent before the commit
        for callback in callbacks:
            callback()
        report = AccessibilityReport.objects.get()
        self.assertEqual(report.page_url, "/oppet/remisser/")
        self.assertEqual(report.email, "anna@example.org")
        self.assertTrue(AuditEvent.objects.filter(object_id=str(report.pk), verb="create").exists())
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(message.to, ["tillganglighet@stad.example"])
        # The sender's address is in the text, never a Reply-To header: a visitor must not
        # be able to steer where the city's replies go without someone reading it first.
        self.assertEqual(message.reply_to, [])
        self.assertIn("anna@example.org", message.body)
        self.assertIn("/oppet/remisser/", message.subject)
        self.assertIn("Tabellen går inte att läsa", message.body)
        thanks = self.client_for(None).get(reverse("public-accessibility-thanks"))
        self.assertContains(thanks, "Tack för din rapport")

    def test_without_a_contact_setting_it_mails_the_default_address(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            self.client_for(None).post(URL, {**GOOD, "email": "", "page_url": "https://x.se/a"})
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].reply_to, [])
        self.assertEqual(AccessibilityReport.objects.get().email, "")

    def test_bad_input_is_refused_in_swedish_and_nothing_is_stored_or_sent(self) -> None:
        cases = [
            ({**GOOD, "page_url": ""}, "Ange adressen till sidan där problemet finns."),
            ({**GOOD, "page_url": "javascript:alert(1)"}, "Ange en adress som börjar med /"),
            ({**GOOD, "page_url": "//evil.example/"}, "Ange en adress som börjar med /"),
            ({**GOOD, "page_url": "/" + "a" * 600}, "högst 500 tecken"),
            ({**GOOD, "description": ""}, "Beskriv problemet du stötte på."),
            ({**GOOD, "email": "inte-en-adress"}, "Ange en giltig e-postadress"),
        ]
        for data, message in cases:
            with self.subTest(message=message):
                with self.captureOnCommitCallbacks(execute=True):
                    response = self.client_for(None).post(URL, data)
                self.assertContains(response, message, status_code=400)
        self.assertFalse(AccessibilityReport.objects.exists())
        self.assertEqual(len(mail.outbox), 0)

    def test_the_page_address_can_be_filled_in_from_the_link(self) -> None:
        response = self.client_for(None).get(URL, {"sida": "/oppet/lattlast/"})
        self.assertContains(response, 'value="/oppet/lattlast/"')

    def test_other_methods_are_refused(self) -> None:
        self.assertEqual(self.client_for(None).put(URL).status_code, 405)


@override_settings(MRPLAN_ACCESSIBILITY_REPORTS_PER_HOUR=2)
class AccessibilityReportRateTests(BaseTestCase):
    def setUp(self) -> None:
        cache.clear()

    def test_one_address_may_send_only_so_many_reports_an_hour(self) -> None:
        client = self.client_for(None)
        for _ in range(2):
            response = client.post(URL, GOOD, REMOTE_ADDR="192.0.2.10")
            self.assertEqual(response.status_code, 302)
        response = client.post(URL, GOOD, REMOTE_ADDR="192.0.2.10")
        self.assertContains(response, "Du har skickat många rapporter", status_code=429)
        self.assertEqual(AccessibilityReport.objects.count(), 2)
        other = client.post(URL, GOOD, REMOTE_ADDR="192.0.2.11")
        self.assertEqual(other.status_code, 302)
        self.assertEqual(AccessibilityReport.objects.count(), 3)

    def test_invalid_reports_do_not_count(self) -> None:
        client = self.client_for(None)
        for _ in range(3):
            client.post(URL, {**GOOD, "page_url": ""}, REMOTE_ADDR="192.0.2.12")
        self.assertEqual(client.post(URL, GOOD, REMOTE_ADDR="192.0.2.12").status_code, 302)
