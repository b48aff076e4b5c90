"""Single sign-on end to end against a real OIDC provider running in a thread."""

from io import StringIO
from typing import Any
from urllib.parse import parse_qs, urlsplit

import requests
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from mrplan.accounts.management.commands.oidc_discover import discover
from mrplan.accounts.models import Membership, User
from mrplan.core.models import AuditEvent
from tests.base import BaseTestCase
from tests.oidc_provider import CLIENT_ID, CLIENT_SECRET, RunningProvider

PERSON = {
    "sub": "a1b2c3-stable",
    "preferred_username": "jenny.svensson",
    "email": "jenny.svensson@stad.example",
    "given_name": "Jenny",
    "family_name": "Svensson",
}


class SsoTestCase(BaseTestCase):
    running: RunningProvider

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.running = RunningProvider()
        cls.addClassCleanup(cls.running.close)

    def setUp(self) -> None:
        self.provider = self.running.provider
        self.provider.person = dict(PERSON)
        self.provider.tamper = ""
        configured = override_settings(
            MRPLAN_OIDC_ENABLED=True,
            OIDC_RP_CLIENT_ID=CLIENT_ID,
            OIDC_RP_CLIENT_SECRET=CLIENT_SECRET,
            AUTHENTICATION_BACKENDS=[
                *settings.AUTHENTICATION_BACKENDS,
                "mrplan.accounts.oidc.OIDCBackend",
            ],
            **discover(self.provider.issuer),
        )
        configured.enable()
        self.addCleanup(configured.disable)

    def start(self, client: Client, next_url: str = "") -> str:
        """Begin at mrplan, pass the provider; return the callback path it sends back to."""
        url = reverse("accounts-sso-start") + (f"?next={next_url}" if next_url else "")
        response = client.get(url)
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(self.provider.issuer + "/authorize?"))
        at_provider = requests.get(response["Location"], allow_redirects=False, timeout=10)
        self.assertEqual(at_provider.status_code, 302)
        back = urlsplit(at_provider.headers["Location"])
        self.assertEqual(back.path, reverse("accounts-sso-callback"))
        return f"{back.path}?{back.query}"

    def sign_in(self, client: Client | None = None, next_url: str = "") -> Any:
        client = client or self.client
        return client.get(self.start(client, next_url))

    def signed_in_user(self, client: Client | None = None) -> User | None:
        user_id = (client or self.client).session.get("_auth_user_id")
        return User.objects.get(pk=user_id) if user_id else None


class SsoSignInTests(SsoTestCase):
    def test_a_first_sign_in_creates_an_account_without_roles(self) -> None:
        response = self.sign_in()
        self.assertRedirects(response, reverse("worklist-my-tasks"))
        user = self.signed_in_user()
        assert user is not None
        self.assertEqual(user.sso_subject, "a1b2c3-stable")
        self.assertEqual(
            (user.username, user.email, user.get_full_name()),
            ("jenny.svensson", "jenny.svensson@stad.example", "Jenny Svensson"),
        )
        self.assertFalse(user.has_usable_password())
        self.assertFalse(Membership.objects.filter(user=user).exists())
        login = AuditEvent.objects.get(verb="login")
        self.assertEqual(login.actor, user)
        self.assertIn("e-legitimation/SSO", login.message)
        self.assertTrue(AuditEvent.objects.filter(verb="create", object_id=str(user.pk)).exists())

    def test_a_second_sign_in_finds_the_same_account_by_the_claim(self) -> None:
        self.sign_in()
        first = self.signed_in_user()
        self.client.logout()
        # Name, username and e-mail change at the provider; the subject does not.
        self.provider.person |= {
            "preferred_username": "jenny.berg",
            "email": "jenny.berg@stad.example",
            "family_name": "Berg",
        }
        self.sign_in(self.client)
        second = self.signed_in_user()
        assert first is not None and second is not None
        self.assertEqual(first.pk, second.pk)
        self.assertEqual(User.objects.filter(sso_subject="a1b2c3-stable").count(), 1)
        self.assertEqual((second.email, second.last_name), ("jenny.berg@stad.example", "Berg"))
        self.assertEqual(second.username, "jenny.svensson")

    def test_a_matching_e_mail_alone_never_signs_in_as_an_existing_user(self) -> None:
        self.editor.email = PERSON["email"]
        self.editor.save()
        self.provider.person["preferred_username"] = "erik"
        self.sign_in()
        user = self.signed_in_user()
        assert user is not None
        self.assertNotEqual(user.pk, self.editor.pk)
        self.assertNotEqual(user.username, "erik")
        self.editor.refresh_from_db()
        self.assertIsNone(self.editor.sso_subject)

    def test_an_existing_linked_account_keeps_its_roles(self) -> None:
        User.objects.filter(pk=self.editor.pk).update(sso_subject="a1b2c3-stable")
        response = self.sign_in(next_url="/organisationer/")
        self.assertRedirects(response, "/organisationer/", fetch_redirect_response=False)
        self.assertEqual(self.signed_in_user(), self.editor)

    @override_settings(MRPLAN_OIDC_USER_CLAIM="employee_id")
    def test_the_identifying_claim_is_configurable(self) -> None:
        self.provider.person["employee_id"] = "HR-4711"
        self.sign_in()
        user = self.signed_in_user()
        assert user is not None
        self.assertEqual(user.sso_subject, "HR-4711")

    @override_settings(MRPLAN_OIDC_USER_CLAIM="employee_id")
    def test_a_missing_identifying_claim_is_refused(self) -> None:
        response = self.sign_in()
        self.assertRedirects(response, reverse("accounts-login"))
        self.assertIsNone(self.signed_in_user())

    @override_settings(MRPLAN_OIDC_CREATE_USERS=False)
    def test_without_account_creation_only_linked_people_get_in(self) -> None:
        count = User.objects.count()
        response = self.sign_in()
        self.assertRedirects(response, reverse("accounts-login"))
        self.assertIsNone(self.signed_in_user())
        self.assertEqual(User.objects.count(), count)

    @override_settings(AXES_FAILURE_LIMIT=2)
    def test_an_address_locked_by_failed_passwords_cannot_use_sso_either(self) -> None:
        for _ in range(2):
            self.client.post(reverse("accounts-login"), {"username": "x", "password": "fel"})
        response = self.sign_in()
        self.assertContains(response, "För många misslyckade inloggningar", status_code=429)
        self.assertIsNone(self.signed_in_user())

    def test_a_deactivated_account_is_refused(self) -> None:
        User.objects.filter(pk=self.editor.pk).update(sso_subject="a1b2c3-stable", is_active=False)
        self.sign_in()
        self.assertIsNone(self.signed_in_user())


class SsoRefusalTests(SsoTestCase):
    def assert_refused(self, response: Any, client: Client | None = None) -> None:
        client = client or self.client
        self.assertRedirects(response, reverse("accounts-login"), fetch_redirect_response=False)
        self.assertIsNone(self.signed_in_user(client))
        self.assertFalse(User.objects.filter(sso_subject="a1b2c3-stable").exists())
        page = client.get(reverse("accounts-login"))
        self.assertContains(page, "Inloggningen med e-legitimation/SSO misslyckades")
        self.assertEqual(AuditEvent.objects.filter(verb="login_failed").count(), 1)

    def test_a_token_signed_with_another_key_is_refused(self) -> None:
        self.provider.tamper = "signature"
        self.assert_refused(self.sign_in())

    def test_a_wrong_nonce_is_refused(self) -> None:
        self.provider.tamper = "nonce"
        self.assert_refused(self.sign_in())

    def test_a_token_from_another_issuer_is_refused(self) -> None:
        self.provider.tamper = "issuer"
        self.assert_refused(self.sign_in())

    def test_a_token_for_another_client_is_refused(self) -> None:
        self.provider.tamper = "audience"
        self.assert_refused(self.sign_in())

    def test_an_expired_token_is_refused(self) -> None:
        self.provider.tamper = "expired"
        self.assert_refused(self.sign_in())

    def test_userinfo_about_someone_else_is_refused(self) -> None:
        self.provider.tamper = "userinfo-subject"
        self.assert_refused(self.sign_in())

    def test_a_forged_state_is_refused_without_asking_the_provider(self) -> None:
        callback = self.start(self.client)
        query = parse_qs(urlsplit(callback).query)
        requests_before = self.provider.token_requests
        forged = f"{reverse('accounts-sso-callback')}?code={query['code'][0]}&state=forged"
        self.assert_refused(self.client.get(forged))
        self.assertEqual(self.provider.token_requests, requests_before)

    def test_a_callback_from_another_browser_is_refused(self) -> None:
        callback = self.start(self.client)
        other = Client()
        self.assert_refused(other.get(callback), other)

    def test_a_replayed_callback_is_refused(self) -> None:
        callback = self.start(self.client)
        self.client.get(callback)
        self.assertIsNotNone(self.signed_in_user())
        self.client.logout()
        self.client.get(callback)
        self.assertIsNone(self.signed_in_user())

    def test_an_error_from_the_provider_is_refused(self) -> None:
        self.start(self.client)
        response = self.client.get(
            reverse("accounts-sso-callback") + "?error=access_denied&state=x"
        )
        self.assertRedirects(response, reverse("accounts-login"), fetch_redirect_response=False)
        self.assertIsNone(self.signed_in_user())


class SsoLinkTests(SsoTestCase):
    def test_a_signed_in_user_links_their_account_and_then_signs_in_with_sso(self) -> None:
        client = self.client_for(self.editor)
        response = client.post(reverse("accounts-sso-link"))
        self.assertEqual(response.status_code, 302)
        at_provider = requests.get(response["Location"], allow_redirects=False, timeout=10)
        back = urlsplit(at_provider.headers["Location"])
        response = client.get(f"{back.path}?{back.query}", follow=True)
        self.assertContains(response, "Kontot är kopplat till e-legitimation/SSO")
        self.editor.refresh_from_db()
        self.assertEqual(self.editor.sso_subject, "a1b2c3-stable")
        self.assertTrue(
            AuditEvent.objects.filter(verb="update", object_id=str(self.editor.pk)).exists()
        )
        fresh = Client()
        self.sign_in(fresh)
        self.assertEqual(self.signed_in_user(fresh), self.editor)

    def test_an_identity_already_linked_to_someone_else_is_not_linked_again(self) -> None:
        User.objects.filter(pk=self.reader.pk).update(sso_subject="a1b2c3-stable")
        client = self.client_for(self.editor)
        response = client.post(reverse("accounts-sso-link"))
        at_provider = requests.get(response["Location"], allow_redirects=False, timeout=10)
        back = urlsplit(at_provider.headers["Location"])
        response = client.get(f"{back.path}?{back.query}", follow=True)
        self.assertContains(response, "Kontot kunde inte kopplas")
        self.editor.refresh_from_db()
        self.assertIsNone(self.editor.sso_subject)
        self.assertEqual(self.signed_in_user(client), self.editor)

    def test_linking_needs_a_signed_in_user_and_post(self) -> None:
        response = self.client.post(reverse("accounts-sso-link"))
        self.assertRedirects(response, reverse("accounts-login"), fetch_redirect_response=False)
        response = self.client_for(self.editor).get(reverse("accounts-sso-link"))
        self.assertEqual(response.status_code, 405)


class SsoPagesTests(SsoTestCase):
    def test_the_login_page_offers_sso_when_configured(self) -> None:
        response = self.client.get(reverse("accounts-login"))
        self.assertContains(response, "Logga in med e-legitimation/SSO")
        self.assertContains(response, reverse("accounts-sso-start"))

    def test_discovery_is_printed_as_settings(self) -> None:
        out = StringIO()
        call_command("oidc_discover", self.provider.issuer, stdout=out)
        self.assertIn(f"OIDC_OP_TOKEN_ENDPOINT={self.provider.issuer}/token", out.getvalue())


class SsoOffTests(BaseTestCase):
    def test_without_configuration_there_is_no_sso(self) -> None:
        self.assertFalse(settings.MRPLAN_OIDC_ENABLED)
        self.assertNotIn("mrplan.accounts.oidc.OIDCBackend", settings.AUTHENTICATION_BACKENDS)
        response = self.client.get(reverse("accounts-login"))
        self.assertNotContains(response, "e-legitimation/SSO")
        for name in ("accounts-sso-start", "accounts-sso-callback"):
            self.assertEqual(self.client.get(reverse(name)).status_code, 404)
