from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mrplan.accounts.actions import token_create
from mrplan.accounts.models import ApiToken, hash_token
from mrplan.core.models import AuditEvent
from tests.base import PASSWORD, BaseTestCase


class LoginTests(BaseTestCase):
    def test_it_logs_in_with_the_right_password(self) -> None:
        response = self.client.post(
            reverse("accounts-login"), {"username": "erik", "password": PASSWORD}
        )
        # The start page after signing in is Mina uppgifter.
        self.assertRedirects(response, reverse("worklist-my-tasks"))

    def test_it_follows_next_after_login(self) -> None:
        response = self.client.post(
            reverse("accounts-login") + "?next=" + reverse("accounts-memberships"),
            {"username": "erik", "password": PASSWORD, "next": reverse("accounts-memberships")},
        )
        self.assertRedirects(response, reverse("accounts-memberships"))

    def test_it_refuses_a_wrong_password_in_swedish(self) -> None:
        response = self.client.post(
            reverse("accounts-login"), {"username": "erik", "password": "fel"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Fel användarnamn eller lösenord")
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_it_logs_out_by_post(self) -> None:
        client = self.client_for(self.editor)
        response = client.post(reverse("accounts-logout"))
        self.assertRedirects(response, reverse("core-home"))
        self.assertNotIn("_auth_user_id", client.session)


class MembershipsPageTests(BaseTestCase):
    def test_it_sends_anonymous_visitors_to_the_login_page(self) -> None:
        response = self.client.get(reverse("accounts-memberships"))
        self.assertRedirects(
            response, reverse("accounts-login") + "?next=" + reverse("accounts-memberships")
        )

    def test_it_lists_only_the_users_own_memberships(self) -> None:
        response = self.client_for(self.approver).get(reverse("accounts-memberships"))
        self.assertContains(response, "Hägersten-Älvsjö stadsdelsförvaltning")
        self.assertContains(response, "Attesterare")
        self.assertContains(response, "avdelningschef")
        self.assertNotContains(response, "Kulturförvaltningen")

    def test_it_tells_a_user_without_memberships_what_to_do(self) -> None:
        response = self.client_for(self.nobody).get(reverse("accounts-memberships"))
        self.assertContains(response, "Du har inga behörigheter ännu")


class PasswordTests(BaseTestCase):
    def test_it_changes_the_password(self) -> None:
        token, _raw = token_create(actor=self.editor, name="Skript")
        client = self.client_for(self.editor)
        response = client.post(
            reverse("accounts-password-change"),
            {
                "old_password": PASSWORD,
                "new_password1": "ett-nytt-langt-losen-9",
                "new_password2": "ett-nytt-langt-losen-9",
            },
        )
        self.assertRedirects(response, reverse("accounts-password-change-done"))
        self.editor.refresh_from_db()
        self.assertTrue(self.editor.check_password("ett-nytt-langt-losen-9"))
        self.assertFalse(ApiToken.objects.filter(pk=token.pk).exists())

    def test_it_refuses_mismatched_new_passwords_in_swedish(self) -> None:
        response = self.client_for(self.editor).post(
            reverse("accounts-password-change"),
            {
                "old_password": PASSWORD,
                "new_password1": "ett-nytt-langt-losen-9",
                "new_password2": "ett-annat-losen-9",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Formuläret innehåller fel")
        self.assertContains(response, "De två lösenordsfälten")
        self.editor.refresh_from_db()
        self.assertTrue(self.editor.check_password(PASSWORD))

    def test_it_requires_login_to_change_password(self) -> None:
        response = self.client.get(reverse("accounts-password-change"))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("accounts-login"), response["Location"])

    def test_it_sends_a_reset_link_that_sets_a_new_password(self) -> None:
        self.editor.email = "erik@example.org"
        self.editor.save()
        token, _raw = token_create(actor=self.editor, name="Skript", scope="write")
        response = self.client.post(
            reverse("accounts-password-reset"), {"email": "erik@example.org"}
        )
        self.assertRedirects(response, reverse("accounts-password-reset-done"))
        self.assertEqual(len(mail.outbox), 1)
        self.assertIn("Återställ ditt lösenord", mail.outbox[0].subject)
        link = next(
            line for line in mail.outbox[0].body.splitlines() if "/konto/aterstall/" in line
        )
        path = link.split("testserver", 1)[1]
        response = self.client.get(path, follow=True)
        form_url = response.redirect_chain[-1][0]
        response = self.client.post(
            form_url,
            {"new_password1": "helt-nytt-losen-42", "new_password2": "helt-nytt-losen-42"},
        )
        self.assertRedirects(response, reverse("accounts-password-reset-complete"))
        self.editor.refresh_from_db()
        self.assertTrue(self.editor.check_password("helt-nytt-losen-42"))
        self.assertFalse(ApiToken.objects.filter(pk=token.pk).exists())

    def test_it_sends_nothing_for_an_unknown_address(self) -> None:
        self.client.post(reverse("accounts-password-reset"), {"email": "okand@example.org"})
        self.assertEqual(len(mail.outbox), 0)


class TokenTests(BaseTestCase):
    def test_it_creates_a_token_shown_once_and_stores_only_its_hash(self) -> None:
        response = self.client_for(self.editor).post(
            reverse("accounts-token-create"),
            {"name": "Rapportskript", "scope": "write", "days": "180"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("no-store", response["Cache-Control"])
        raw = response.context["raw"]
        self.assertTrue(raw.startswith("mrp_"))
        token = ApiToken.objects.get(user=self.editor)
        self.assertEqual(token.key_hash, hash_token(raw))
        self.assertNotIn(raw, token.key_hash)
        self.assertEqual(token.scope, "write")
        self.assertEqual((token.expires_at - token.created_at).days, 179)
        self.assertTrue(AuditEvent.objects.filter(verb="token", object_id=str(token.pk)).exists())

    def test_it_refuses_a_token_without_a_name(self) -> None:
        response = self.client_for(self.editor).post(reverse("accounts-token-create"), {"name": ""})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Detta fält måste fyllas i", status_code=400)
        self.assertFalse(ApiToken.objects.exists())

    def test_it_refuses_an_unknown_scope_or_lifetime_in_swedish(self) -> None:
        client = self.client_for(self.editor)
        for data in (
            {"name": "x", "scope": "admin", "days": "90"},
            {"name": "x", "scope": "read", "days": "99999"},
        ):
            response = client.post(reverse("accounts-token-create"), data)
            self.assertContains(response, "Välj ett giltigt alternativ", status_code=400)
        self.assertFalse(ApiToken.objects.exists())

    def test_the_page_offers_read_only_and_90_days_first(self) -> None:
        response = self.client_for(self.editor).get(reverse("accounts-memberships"))
        form = response.context["token_form"]
        self.assertEqual((form["scope"].initial, form["days"].initial), ("read", 90))
        self.assertContains(response, "90 dagar")

    def test_it_refuses_token_creation_by_get_and_for_anonymous(self) -> None:
        self.assertEqual(
            self.client_for(self.editor).get(reverse("accounts-token-create")).status_code, 405
        )
        response = self.client.post(reverse("accounts-token-create"), {"name": "x"})
        self.assertEqual(response.status_code, 302)
        self.assertFalse(ApiToken.objects.exists())

    def test_it_deletes_only_the_users_own_tokens(self) -> None:
        token = ApiToken.objects.create(
            user=self.editor,
            name="x",
            prefix="mrp_abcd",
            key_hash="a" * 64,
            expires_at=timezone.now(),
        )
        response = self.client_for(self.outsider).post(
            reverse("accounts-token-delete", args=[token.pk])
        )
        self.assertEqual(response.status_code, 404)
        self.assertTrue(ApiToken.objects.filter(pk=token.pk).exists())
        response = self.client_for(self.editor).post(
            reverse("accounts-token-delete", args=[token.pk])
        )
        self.assertRedirects(response, reverse("accounts-memberships"))
        self.assertFalse(ApiToken.objects.filter(pk=token.pk).exists())
