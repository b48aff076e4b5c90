"""Two-factor sign-in with an authenticator app and backup codes."""

import base64
import re

from django.contrib.sessions.models import Session
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from mrplan.accounts import two_factor
from mrplan.accounts.models import SecurityPolicy, User
from mrplan.core.models import AuditEvent
from tests.base import PASSWORD, BaseTestCase


def code_for(device: TOTPDevice, offset: int = 0) -> str:
    """Return the code the user's app shows now (OFFSET steps away)."""
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    if offset:
        value = totp(
            device.bin_key,
            step=device.step,
            t0=device.t0 - offset * device.step,
            digits=device.digits,
        )
    return f"{value:0{device.digits}d}"


def enable_for(user: User) -> tuple[TOTPDevice, list[str]]:
    """Give USER a confirmed app and backup codes, as if they had enrolled."""
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    backup = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
    codes = ["reserv111", "reserv222"]
    for code in codes:
        StaticToken.objects.create(device=backup, token=code)
    return device, codes


class TwoFactorTestCase(BaseTestCase):
    def sign_in(self, username: str, client: Client | None = None) -> Client:
        client = client or Client()
        response = client.post(
            reverse("accounts-login"), {"username": username, "password": PASSWORD}
        )
        self.assertEqual(response.status_code, 302)
        return client

    def require(self) -> None:
        SecurityPolicy.objects.update_or_create(pk=1, defaults={"require_two_factor": True})


class EnrolTests(TwoFactorTestCase):
    def test_a_user_enrols_with_a_qr_code_and_the_secret_as_text(self) -> None:
        client = self.sign_in("erik")
        response = client.get(reverse("accounts-two-factor-enrol"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("no-store", response["Cache-Control"])
        # Showing the page writes nothing: the key waits in the session.
        self.assertFalse(TOTPDevice.objects.exists())
        device = TOTPDevice(key=client.session["mrplan_two_factor_key"])
        html = response.content.decode()
        self.assertIn("<svg", html)
        self.assertNotIn("<script", html)
        self.assertNotIn("style=", html)
        secret = base64.b32encode(device.bin_key).decode().rstrip("=")
        shown = re.search(r'class="otp-secret">([A-Z2-7 ]+)<', html)
        assert shown is not None
        self.assertEqual(shown.group(1).replace(" ", ""), secret)

        response = client.post(reverse("accounts-two-factor-enrol"), {"code": code_for(device)})
        self.assertEqual(response.status_code, 200)
        self.assertIn("no-store", response["Cache-Control"])
        device = TOTPDevice.objects.get(user=self.editor)
        self.assertTrue(device.confirmed)
        self.assertEqual(device.key, client.session.get("mrplan_two_factor_key", device.key))
        codes = response.context["codes"]
        self.assertEqual(len(codes), 10)
        backup = StaticDevice.objects.get(user=self.editor)
        self.assertEqual(sorted(codes), sorted(backup.token_set.values_list("token", flat=True)))
        self.assertTrue(
            AuditEvent.objects.filter(
                verb="update",
                object_id=str(self.editor.pk),
                message="Aktiverade tvåstegsverifiering",
            ).exists()
        )

    def test_a_wrong_code_does_not_enable_it(self) -> None:
        client = self.sign_in("erik")
        client.get(reverse("accounts-two-factor-enrol"))
        response = client.post(reverse("accounts-two-factor-enrol"), {"code": "000000"})
        self.assertContains(response, "Koden stämmer inte", status_code=400)
        self.assertFalse(TOTPDevice.objects.filter(user=self.editor, confirmed=True).exists())
        self.assertFalse(StaticDevice.objects.filter(user=self.editor).exists())

    def test_the_same_key_is_offered_until_confirmed(self) -> None:
        client = self.sign_in("erik")
        first = client.get(reverse("accounts-two-factor-enrol")).context["secret"]
        second = client.get(reverse("accounts-two-factor-enrol")).context["secret"]
        self.assertEqual(first, second)

    def test_wrong_codes_while_enrolling_are_slowed_down(self) -> None:
        client = self.sign_in("erik")
        client.get(reverse("accounts-two-factor-enrol"))
        device = TOTPDevice(key=client.session["mrplan_two_factor_key"])
        for _ in range(3):
            client.post(reverse("accounts-two-factor-enrol"), {"code": "000000"})
        response = client.post(reverse("accounts-two-factor-enrol"), {"code": code_for(device)})
        self.assertContains(response, "För många felaktiga koder", status_code=400)
        self.assertFalse(TOTPDevice.objects.filter(confirmed=True).exists())

    def test_anonymous_visitors_are_sent_to_log_in(self) -> None:
        for name in ("accounts-two-factor", "accounts-two-factor-enrol"):
            response = self.client.get(reverse(name))
            self.assertEqual(response.status_code, 302)
            self.assertIn(reverse("accounts-login"), response["Location"])


class VerifyTests(TwoFactorTestCase):
    def test_after_the_password_a_code_is_asked_before_any_other_page(self) -> None:
        device, _codes = enable_for(self.editor)
        client = self.sign_in("erik")
        for path in ("/planering/", reverse("accounts-memberships"), "/admin/"):
            response = client.get(path)
            self.assertEqual(response.status_code, 302, path)
            self.assertTrue(
                response["Location"].startswith(reverse("accounts-two-factor-verify")), path
            )
        response = client.get("/api/v1/me")
        self.assertEqual(response.status_code, 403)
        response = client.post(
            reverse("accounts-two-factor-verify"),
            {"code": code_for(device), "next": reverse("accounts-memberships")},
        )
        self.assertRedirects(response, reverse("accounts-memberships"))
        self.assertEqual(client.get(reverse("accounts-memberships")).status_code, 200)
        self.assertEqual(client.get("/api/v1/me").status_code, 200)

    def test_a_wrong_code_is_refused_in_swedish_and_recorded(self) -> None:
        enable_for(self.editor)
        client = self.sign_in("erik")
        response = client.post(reverse("accounts-two-factor-verify"), {"code": "123456"})
        self.assertContains(response, "Koden stämmer inte", status_code=400)
        self.assertEqual(client.get(reverse("accounts-memberships")).status_code, 302)
        event = AuditEvent.objects.get(verb="login_failed")
        self.assertIn("engångskod", event.message)

    def test_a_backup_code_works_once(self) -> None:
        _device, codes = enable_for(self.editor)
        client = self.sign_in("erik")
        response = client.post(reverse("accounts-two-factor-verify"), {"code": codes[0]})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(client.get(reverse("accounts-memberships")).status_code, 200)
        other = self.sign_in("erik", Client())
        response = other.post(reverse("accounts-two-factor-verify"), {"code": codes[0]})
        self.assertEqual(response.status_code, 400)

    def test_repeated_wrong_codes_are_slowed_down(self) -> None:
        device, _codes = enable_for(self.editor)
        client = self.sign_in("erik")
        for _ in range(3):
            client.post(reverse("accounts-two-factor-verify"), {"code": "000000"})
        response = client.post(reverse("accounts-two-factor-verify"), {"code": code_for(device)})
        self.assertContains(response, "För många felaktiga koder", status_code=400)

    def test_it_refuses_a_next_address_on_another_site(self) -> None:
        device, _codes = enable_for(self.editor)
        client = self.sign_in("erik")
        response = client.post(
            reverse("accounts-two-factor-verify"),
            {"code": code_for(device), "next": "https://evil.example/"},
        )
        self.assertRedirects(response, reverse("worklist-my-tasks"))

    def test_a_user_without_two_factor_goes_straight_in(self) -> None:
        client = self.sign_in("erik")
        self.assertEqual(client.get(reverse("accounts-memberships")).status_code, 200)


class DisableTests(TwoFactorTestCase):
    def test_a_user_turns_it_off_with_a_valid_code(self) -> None:
        device, _codes = enable_for(self.editor)
        client = self.sign_in("erik")
        client.post(reverse("accounts-two-factor-verify"), {"code": code_for(device)})
        # A code is accepted once: turning it off takes the next one.
        response = client.post(
            reverse("accounts-two-factor-disable"), {"code": code_for(device, offset=1)}
        )
        self.assertRedirects(response, reverse("accounts-two-factor"))
        self.assertFalse(TOTPDevice.objects.filter(user=self.editor).exists())
        self.assertFalse(StaticDevice.objects.filter(user=self.editor).exists())
        self.assertTrue(
            AuditEvent.objects.filter(message="Stängde av tvåstegsverifiering").exists()
        )

    def test_it_stays_on_after_a_wrong_code(self) -> None:
        enable_for(self.editor)
        client = self.client_for(self.editor)
        client.post(reverse("accounts-two-factor-disable"), {"code": "000000"})
        self.assertTrue(TOTPDevice.objects.filter(user=self.editor).exists())

    def test_it_cannot_be_turned_off_when_the_role_requires_it(self) -> None:
        self.require()
        device, _codes = enable_for(self.approver)
        client = self.sign_in("lars")
        client.post(reverse("accounts-two-factor-verify"), {"code": code_for(device)})
        response = client.post(
            reverse("accounts-two-factor-disable"),
            {"code": code_for(device, offset=1)},
            follow=True,
        )
        self.assertContains(response, "Din roll kräver tvåstegsverifiering")
        self.assertTrue(TOTPDevice.objects.filter(user=self.approver).exists())

    def test_new_backup_codes_need_a_verified_session(self) -> None:
        device, codes = enable_for(self.editor)
        client = self.client_for(self.editor)
        client.post(reverse("accounts-two-factor-backup-codes"))
        self.assertEqual(sorted(StaticToken.objects.values_list("token", flat=True)), sorted(codes))
        client = self.sign_in("erik")
        client.post(reverse("accounts-two-factor-verify"), {"code": code_for(device)})
        response = client.post(reverse("accounts-two-factor-backup-codes"))
        self.assertIn("no-store", response["Cache-Control"])
        self.assertEqual(len(response.context["codes"]), 10)
        self.assertFalse(StaticToken.objects.filter(token__in=codes).exists())


class PolicyTests(TwoFactorTestCase):
    def test_the_coordinator_requires_two_factor_and_it_is_audited(self) -> None:
        client = self.client_for(self.coordinator)
        response = client.post(reverse("accounts-security-policy"), {"require_two_factor": "on"})
        self.assertRedirects(
            response, reverse("accounts-security-policy"), fetch_redirect_response=False
        )
        self.assertTrue(SecurityPolicy.current().require_two_factor)
        event = AuditEvent.objects.get(verb="update", object_repr="Säkerhetsinställningar")
        self.assertEqual(event.changes, {"require_two_factor": [False, True]})
        self.assertEqual(event.actor, self.coordinator)

    def test_only_the_coordinator_may_change_the_policy(self) -> None:
        for user in (self.org_admin, self.editor, self.approver, self.nobody):
            client = self.client_for(user)
            self.assertEqual(client.get(reverse("accounts-security-policy")).status_code, 403)
            response = client.post(
                reverse("accounts-security-policy"), {"require_two_factor": "on"}
            )
            self.assertEqual(response.status_code, 403)
        self.assertFalse(SecurityPolicy.current().require_two_factor)

    def test_required_roles_must_enrol_before_reaching_any_other_page(self) -> None:
        self.require()
        for username in ("cecilia", "anna", "lars"):
            client = self.sign_in(username)
            response = client.get("/planering/")
            self.assertEqual(response.status_code, 302)
            self.assertTrue(
                response["Location"].startswith(reverse("accounts-two-factor-enrol")), username
            )
            page = client.get(reverse("accounts-two-factor-enrol"))
            self.assertContains(page, "Din roll kräver tvåstegsverifiering")

    def test_enrolling_lets_a_required_user_in(self) -> None:
        self.require()
        client = self.sign_in("lars")
        client.get(reverse("accounts-two-factor-enrol"))
        device = TOTPDevice(key=client.session["mrplan_two_factor_key"])
        client.post(reverse("accounts-two-factor-enrol"), {"code": code_for(device)})
        self.assertEqual(client.get(reverse("accounts-memberships")).status_code, 200)

    def test_editors_and_readers_are_not_obliged(self) -> None:
        self.require()
        for username in ("erik", "rita", "nils"):
            client = self.sign_in(username)
            self.assertEqual(client.get(reverse("accounts-memberships")).status_code, 200)

    def test_without_the_policy_nobody_is_obliged(self) -> None:
        self.assertFalse(two_factor.is_required_for(self.coordinator))
        client = self.sign_in("cecilia")
        self.assertEqual(client.get(reverse("accounts-memberships")).status_code, 200)

    def test_logging_out_is_always_possible(self) -> None:
        self.require()
        client = self.sign_in("anna")
        response = client.post(reverse("accounts-logout"))
        self.assertRedirects(response, reverse("core-home"))


@override_settings(LANGUAGE_CODE="sv")
class EnglishPagesTests(TwoFactorTestCase):
    def test_the_pages_render_in_english(self) -> None:
        client = self.client_for(self.coordinator)
        response = client.get("/en/konto/tvastegs/aktivera/")
        self.assertContains(response, "Scan the QR code")
        response = client.get("/en/konto/sakerhet/")
        self.assertContains(response, "Require two-factor")


class PolicyOnOpenSessionsTests(TwoFactorTestCase):
    def test_turning_the_policy_on_sends_open_sessions_to_enrol(self) -> None:
        admin = self.sign_in("anna")
        reader = self.sign_in("rita")
        coordinator = self.sign_in("cecilia")
        for client in (admin, reader, coordinator):
            self.assertEqual(client.get(reverse("accounts-memberships")).status_code, 200)
        admin_key = admin.cookies["sessionid"].value
        expiry = Session.objects.get(pk=admin_key).expire_date

        response = coordinator.post(
            reverse("accounts-security-policy"), {"require_two_factor": "on"}
        )
        self.assertEqual(response.status_code, 302)
        # The coordinator who turned it on is sent to enrol too, as is the org admin...
        for client in (coordinator, admin):
            response = client.get(reverse("accounts-memberships"))
            self.assertTrue(response["Location"].startswith(reverse("accounts-two-factor-enrol")))
        # ...but not the reader, whose role does not require it.
        self.assertEqual(reader.get(reverse("accounts-memberships")).status_code, 200)
        self.assertEqual(Session.objects.get(pk=admin_key).expire_date, expiry)

    def test_a_verified_session_is_left_alone(self) -> None:
        device, _codes = enable_for(self.org_admin)
        admin = self.sign_in("anna")
        admin.post(reverse("accounts-two-factor-verify"), {"code": code_for(device)})
        two_factor.security_policy_update(actor=self.coordinator, require_two_factor=True)
        self.assertEqual(admin.get(reverse("accounts-memberships")).status_code, 200)
