from datetime import timedelta

from django.test import override_settings
from django.urls import reverse

from mrplan.core.models import AuditEvent
from tests.base import PASSWORD, BaseTestCase


@override_settings(AXES_FAILURE_LIMIT=3)
class LoginThrottlingTests(BaseTestCase):
    def sign_in(self, username: str, password: str, address: str = "10.0.0.1", **extra):  # type: ignore[no-untyped-def]
        return self.client.post(
            reverse("accounts-login"),
            {"username": username, "password": password},
            REMOTE_ADDR=address,
            **extra,
        )

    def test_after_the_limit_even_the_right_password_is_refused_in_swedish(self) -> None:
        for _ in range(2):
            self.assertEqual(self.sign_in("erik", "fel").status_code, 200)
        # The failure that reaches the limit already locks.
        self.assertEqual(self.sign_in("erik", "fel").status_code, 429)
        response = self.sign_in("erik", PASSWORD)
        self.assertContains(response, "För många misslyckade inloggningar", status_code=429)
        self.assertContains(response, "15 minuter", status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)
        self.assertFalse(AuditEvent.objects.filter(verb="login").exists())
        self.assertEqual(AuditEvent.objects.filter(verb="login_failed").count(), 4)

    def test_a_username_is_locked_whatever_the_address(self) -> None:
        for number in range(3):
            self.sign_in("erik", "fel", address=f"10.0.0.{number + 1}")
        response = self.sign_in("erik", PASSWORD, address="10.0.0.99")
        self.assertEqual(response.status_code, 429)
        # Other users are not affected.
        response = self.sign_in("rita", PASSWORD, address="10.0.0.98")
        self.assertEqual(response.status_code, 302)

    def test_an_address_is_locked_whatever_the_username(self) -> None:
        for name in ("a", "b", "c"):
            self.sign_in(name, "fel", address="10.6.6.6")
        self.assertEqual(self.sign_in("rita", PASSWORD, address="10.6.6.6").status_code, 429)
        self.assertEqual(self.sign_in("rita", PASSWORD, address="10.7.7.7").status_code, 302)

    def test_a_success_below_the_limit_starts_the_count_again(self) -> None:
        for _ in range(2):
            self.sign_in("erik", "fel")
        self.assertEqual(self.sign_in("erik", PASSWORD).status_code, 302)
        self.client.logout()
        for _ in range(2):
            self.sign_in("erik", "fel")
        self.assertEqual(self.sign_in("erik", PASSWORD).status_code, 302)

    def test_the_lock_lifts_after_the_cool_off(self) -> None:
        for _ in range(3):
            self.sign_in("erik", "fel")
        with override_settings(AXES_COOLOFF_TIME=timedelta(0)):
            self.assertEqual(self.sign_in("erik", PASSWORD).status_code, 302)

    @override_settings(MRPLAN_TRUSTED_PROXIES=1)
    def test_behind_a_trusted_proxy_the_forwarded_address_counts(self) -> None:
        for _ in range(3):
            self.sign_in("x", "fel", address="127.0.0.1", HTTP_X_FORWARDED_FOR="10.1.1.1")
        response = self.sign_in(
            "rita", PASSWORD, address="127.0.0.1", HTTP_X_FORWARDED_FOR="10.2.2.2"
        )
        self.assertEqual(response.status_code, 302)
        self.client.logout()
        response = self.sign_in(
            "rita", PASSWORD, address="127.0.0.1", HTTP_X_FORWARDED_FOR="10.1.1.1"
        )
        self.assertEqual(response.status_code, 429)

    def test_a_forged_forwarded_header_is_ignored_without_a_trusted_proxy(self) -> None:
        for number in range(3):
            self.sign_in("x", "fel", HTTP_X_FORWARDED_FOR=f"10.9.9.{number}")
        self.assertEqual(self.sign_in("rita", PASSWORD).status_code, 429)
