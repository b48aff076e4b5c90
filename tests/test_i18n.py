from pathlib import Path

from django.urls import reverse

from tests.base import BaseTestCase

CATALOGUE = Path(__file__).parent.parent / "src/mrplan/locale/en/LC_MESSAGES/django.po"


class LanguageTests(BaseTestCase):
    def test_swedish_is_the_default(self) -> None:
        response = self.client.get("/organisationer/")
        self.assertContains(response, 'lang="sv"')
        self.assertContains(response, "Hoppa till huvudinnehållet")

    def test_english_is_served_under_en(self) -> None:
        response = self.client.get("/en/organisationer/")
        self.assertContains(response, 'lang="en"')
        self.assertContains(response, "Skip to main content")
        self.assertNotContains(response, "Hoppa till huvudinnehållet")

    def test_the_language_switch_works_without_javascript(self) -> None:
        response = self.client.post(
            reverse("set_language"), {"language": "en", "next": "/organisationer/"}
        )
        self.assertRedirects(response, "/en/organisationer/")

    def test_every_interface_text_has_an_english_translation(self) -> None:
        text = CATALOGUE.read_text(encoding="utf-8")
        entries = text.split("\n\n")[1:]
        untranslated = [
            entry
            for entry in entries
            if 'msgstr ""' in entry and entry.rstrip().endswith('msgstr ""')
        ]
        self.assertEqual(untranslated, [])
        self.assertTrue(CATALOGUE.with_suffix(".mo").exists())
