from django.conf import settings
from django.urls import reverse

from mrplan.core.models import AuditEvent
from tests.base import PASSWORD, BaseTestCase


class SignInAuditTests(BaseTestCase):
    def test_a_sign_in_is_recorded_with_method_and_address(self) -> None:
        self.client.post(
            reverse("accounts-login"),
            {"username": "erik", "password": PASSWORD},
            REMOTE_ADDR="10.1.2.3",
        )
        event = AuditEvent.objects.get(verb="login")
        self.assertEqual((event.actor, event.object_id), (self.editor, str(self.editor.pk)))
        self.assertIn("lösenord", event.message)
        self.assertIn("10.1.2.3", event.message)

    def test_a_failed_sign_in_is_recorded_without_the_password(self) -> None:
        self.client.post(
            reverse("accounts-login"),
            {"username": "erik", "password": "hemlig-gissning"},
            REMOTE_ADDR="10.9.9.9",
        )
        event = AuditEvent.objects.get(verb="login_failed")
        self.assertIsNone(event.actor)
        self.assertEqual((event.object_repr, event.object_id), ("erik", str(self.editor.pk)))
        self.assertIn("10.9.9.9", event.message)
        self.assertFalse(AuditEvent.objects.filter(verb="login").exists())
        for stored in AuditEvent.objects.values_list("message", "object_repr", "changes"):
            self.assertNotIn("hemlig-gissning", str(stored))

    def test_a_failed_sign_in_for_an_unknown_username_is_recorded_too(self) -> None:
        self.client.post(reverse("accounts-login"), {"username": "ingen", "password": "x"})
        event = AuditEvent.objects.get(verb="login_failed")
        self.assertEqual((event.object_repr, event.object_id), ("ingen", ""))


class SessionAgeTests(BaseTestCase):
    def test_a_session_lasts_eight_hours_by_default(self) -> None:
        self.assertEqual(settings.SESSION_COOKIE_AGE, 8 * 3600)
        self.client.post(reverse("accounts-login"), {"username": "erik", "password": PASSWORD})
        self.assertEqual(self.client.session.get_expiry_age(), 8 * 3600)
