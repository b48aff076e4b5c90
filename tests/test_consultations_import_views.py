"""The statement upload form: preview, confirm, permissions and bad files."""

import html
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.urls import reverse

from mrplan.consultations.models import Case, Statement
from mrplan.consultations.views.importing import SESSION_KEY
from mrplan.core.models import AuditEvent
from tests.base import BaseTestCase
from tests.jobs_support import run_queued_tasks

SEEDS = Path(__file__).resolve().parent.parent / "src/mrplan/consultations/data/seeds"
SEED_000 = SEEDS / "000_cee42084136e04fd.txt"
SEED_003 = SEEDS / "003_3d82ad2851e29e18.txt"
URL = "/remisser/importera/"
CONFIRM_URL = "/remisser/importera/bekrafta/"


def upload(path: Path, name: str = "") -> SimpleUploadedFile:
    return SimpleUploadedFile(name or path.name, path.read_bytes(), content_type="text/plain")


def read(client, data: dict, url: str = URL) -> HttpResponse:  # type: ignore[no-untyped-def]
    """Upload, let the worker read the file, and follow the status page to its result."""
    response = client.post(url, data)
    assert response.status_code == 302, response.status_code
    assert "/jobb/" in response["Location"], response["Location"]
    run_queued_tasks()
    return client.get(response["Location"], follow=True)


class ImportUploadTests(BaseTestCase):
    def test_the_urls_are_named(self) -> None:
        self.assertEqual(reverse("consultations-import"), URL)
        self.assertEqual(reverse("consultations-import-confirm"), CONFIRM_URL)

    def test_it_shows_the_form_to_editors_admins_and_coordinators(self) -> None:
        for user in (self.editor, self.org_admin, self.coordinator):
            response = self.client_for(user).get(URL)
            self.assertContains(response, "Importera tjänsteutlåtande")
            self.assertContains(response, 'enctype="multipart/form-data"')

    def test_it_refuses_readers_approvers_and_organisations_without_a_diary(self) -> None:
        for user in (self.reader, self.approver, self.outsider, self.nobody):
            self.assertEqual(self.client_for(user).get(URL).status_code, 403, user)
            self.assertEqual(self.client_for(user).post(CONFIRM_URL).status_code, 403, user)

    def test_it_sends_anonymous_users_to_the_login_page(self) -> None:
        response = self.client_for(None).get(URL)
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(resolve_url(settings.LOGIN_URL)))

    def test_it_previews_then_creates_the_case_and_statement(self) -> None:
        client = self.client_for(self.editor)
        response = read(client, {"file": upload(SEED_000)})
        self.assertEqual(response.status_code, 200)
        for text in (
            "HÄ 2024/689",
            "2024-12-27",
            "Jens Westlund",
            "08-50821150",
            "Hägersten-Älvsjö stadsdelsnämnd",
            "2025-01-23",
            "Handlingsplan för arbete mot rasism",
            "Ärendets beredning",
            "Lee Orberson, stadsdelsdirektör 2025-01-09",
            "Ingenting är sparat ännu",
        ):
            self.assertContains(response, text)
        self.assertFalse(Case.objects.exists())
        token = client.session[SESSION_KEY]["token"]

        response = client.post(CONFIRM_URL, {"token": token})
        statement = Statement.objects.get(case__diary_number="HÄ 2024/689")
        self.assertRedirects(response, statement.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual(statement.case.organisation, self.org)
        self.assertTrue(statement.views.startswith("Förvaltningen välkomnar"))
        self.assertNotIn(SESSION_KEY, client.session)
        self.assertTrue(
            AuditEvent.objects.filter(
                object_id=str(statement.pk), actor=self.editor, message__contains="annat system"
            ).exists()
        )

    def test_it_reports_what_it_could_not_find(self) -> None:
        client = self.client_for(self.coordinator)
        response = read(client, {"file": upload(SEED_003)})
        self.assertContains(response, "Hittades inte i filen")
        self.assertContains(response, "digital attestering")
        response = client.post(
            CONFIRM_URL, {"token": client.session[SESSION_KEY]["token"]}, follow=True
        )
        self.assertContains(response, "Hittades inte i filen: digital attestering.")
        self.assertTrue(Case.objects.filter(diary_number="HÄ 2024/427").exists())

    def test_it_refuses_a_stale_or_missing_token(self) -> None:
        client = self.client_for(self.editor)
        read(client, {"file": upload(SEED_000)})
        response = client.post(CONFIRM_URL, {"token": "fel"}, follow=True)
        self.assertContains(response, "Förhandsgranskningen har gått ut")
        self.assertFalse(Case.objects.exists())

    def test_it_refuses_a_file_that_is_not_a_statement(self) -> None:
        client = self.client_for(self.editor)
        file = SimpleUploadedFile("lista.txt", "Inköpslista\n\nMjölk\n".encode())
        response = read(client, {"file": file})
        self.assertContains(response, "ser inte ut som ett tjänsteutlåtande")
        self.assertContains(response, "Försök igen med en annan fil")
        self.assertNotIn(SESSION_KEY, client.session)
        self.assertFalse(Case.objects.exists())

    def test_it_refuses_a_fake_pdf(self) -> None:
        file = SimpleUploadedFile("utlatande.pdf", SEED_000.read_bytes())
        response = read(self.client_for(self.editor), {"file": file})
        self.assertContains(response, "ingen PDF-fil")
        self.assertFalse(Case.objects.exists())

    def test_it_refuses_a_file_that_is_too_large(self) -> None:
        with mock.patch("mrplan.consultations.views.importing.MAX_FILE_BYTES", 100):
            response = self.client_for(self.editor).post(URL, {"file": upload(SEED_000)})
        self.assertContains(response, "Filen är för stor", status_code=400)
        self.assertFalse(Case.objects.exists())

    def test_it_refuses_a_missing_file(self) -> None:
        response = self.client_for(self.editor).post(URL, {})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Formuläret innehåller fel", status_code=400)

    def test_it_refuses_a_duplicate_at_preview_and_at_confirm(self) -> None:
        client = self.client_for(self.editor)
        read(client, {"file": upload(SEED_000)})
        token = client.session[SESSION_KEY]["token"]
        other = self.client_for(self.org_admin)
        read(other, {"file": upload(SEED_000)})
        other.post(CONFIRM_URL, {"token": other.session[SESSION_KEY]["token"]})
        self.assertEqual(Case.objects.count(), 1)

        response = client.post(CONFIRM_URL, {"token": token}, follow=True)
        self.assertContains(response, "Diarienumret HÄ 2024/689 finns redan")
        response = read(client, {"file": upload(SEED_000)})
        self.assertContains(response, "Diarienumret HÄ 2024/689 finns redan")
        self.assertEqual(Case.objects.count(), 1)
        self.assertEqual(Statement.objects.count(), 1)

    def test_it_refuses_an_organisation_the_user_may_not_choose(self) -> None:
        response = self.client_for(self.editor).post(
            URL, {"file": upload(SEED_000), "organisation": self.other_org.pk}
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Case.objects.exists())

    def test_it_refuses_a_file_of_another_organisations_diary(self) -> None:
        text = SEED_000.read_text().replace("Dnr HÄ 2024/689", "Dnr KU 2024/689")
        self.other_org.diary_prefix = "KU"
        self.other_org.save()
        file = SimpleUploadedFile("ku.txt", text.encode())
        response = read(self.client_for(self.editor), {"file": file})
        self.assertContains(response, "Du får inte registrera ärenden i Kulturförvaltningen")
        self.assertFalse(Case.objects.exists())

    def test_it_reads_a_real_pdf(self) -> None:
        from weasyprint import HTML

        text = html.escape(SEED_000.read_text())
        pdf = HTML(string=f'<pre style="font-family: DejaVu Sans Mono">{text}</pre>').write_pdf()
        file = SimpleUploadedFile("utlatande.pdf", pdf, content_type="application/pdf")
        response = read(self.client_for(self.editor), {"file": file})
        self.assertContains(response, "HÄ 2024/689")
        self.assertContains(response, "Lars Wennberg, avdelningschef 2025-01-07")
        self.assertFalse(Case.objects.exists())


class ImportPreviewPlacementTests(BaseTestCase):
    TEXT = (
        "Rubriken\n\nYttrande till kommunstyrelsen\n\nNågot som inte hör hemma här.\n\n"
        "Handläggare\nJens Westlund\n\nTjänsteutlåtande\nDnr HÄ 2026/12\n\n"
        "Sammanfattning\nKort.\n\nKonsekvenser för barn\n\nBarnen berörs.\n\n"
        "Ärendets beredning\nBeredd inom förvaltningen.\n\n"
        "Förvaltningens bedömning\nFörvaltningen tillstyrker.\n"
    )

    def preview(self) -> str:
        file = SimpleUploadedFile("utlatande.txt", self.TEXT.encode())
        response = read(self.client_for(self.editor), {"file": file})
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_it_shows_under_which_section_each_heading_of_the_file_landed(self) -> None:
        page = self.preview()
        views = page.index('id="avsnitt-views"')
        preparation = page.index('id="avsnitt-preparation_text"')
        self.assertIn("Förvaltningens bedömning", page[views:])
        self.assertIn("Förvaltningen tillstyrker.", page[views:])
        self.assertNotIn("Förvaltningen tillstyrker.", page[preparation:views])
        self.assertIn("Rubrik i filen", page[views:])

    def test_it_shows_what_it_did_not_recognise(self) -> None:
        page = html.unescape(self.preview())
        self.assertIn("Text som inte kändes igen", page)
        self.assertIn("Något som inte hör hemma här.", page)
        self.assertIn("Konsekvenser för barn", page)
        self.assertIn("känns inte igen som något av avsnitten", page)

    def test_the_unrecognised_text_is_not_imported(self) -> None:
        client = self.client_for(self.editor)
        read(client, {"file": SimpleUploadedFile("u.txt", self.TEXT.encode())})
        response = client.post(CONFIRM_URL, {"token": client.session[SESSION_KEY]["token"]})
        self.assertEqual(response.status_code, 302, response.content.decode()[:3000])
        statement = Statement.objects.get()
        self.assertEqual(statement.views, "Förvaltningen tillstyrker.")
        self.assertEqual(statement.preparation_text, "Beredd inom förvaltningen.")
        self.assertNotIn("Något som inte hör hemma här.", statement.summary)

    def test_the_preview_is_translated_under_en(self) -> None:
        file = SimpleUploadedFile("utlatande.txt", self.TEXT.encode())
        response = read(self.client_for(self.editor), {"file": file}, url="/en" + URL)
        page = html.unescape(response.content.decode())
        self.assertIn("Text that was not recognised", page)
        self.assertIn("Heading in the file: “Förvaltningens bedömning”", page)
        self.assertIn("looks like a heading but is not recognised", page)
