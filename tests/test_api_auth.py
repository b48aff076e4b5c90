"""How the API knows its caller: bearer token, browser session or nobody."""

import json
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from mrplan.accounts.actions import token_create
from mrplan.accounts.models import ApiToken
from mrplan.core.models import AuditEvent
from tests.base import BaseTestCase
from tests.factories import DevelopmentAreaFactory, ProgrammeFactory


class ApiAuthTests(BaseTestCase):
    def setUp(self) -> None:
        self.token, self.raw = token_create(actor=self.reader, name="Skript")

    def bearer(self, raw: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {raw}"}

    def test_it_knows_a_caller_by_token(self) -> None:
        response = self.client.get("/api/v1/me", headers=self.bearer(self.raw))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["username"], "rita")

    def test_it_refuses_an_unknown_token_with_401_in_swedish(self) -> None:
        response = self.client.get("/api/v1/programmes/", headers=self.bearer("mrp_fel"))
        self.assertEqual(response.status_code, 401)
        self.assertEqual(
            response.json(), {"detail": "API-nyckeln är ogiltig, borttagen eller har gått ut."}
        )
        self.assertIn("Bearer", response["WWW-Authenticate"])

    def test_it_refuses_an_empty_bearer_token(self) -> None:
        response = self.client.get("/api/v1/programmes/", headers={"Authorization": "Bearer "})
        self.assertEqual(response.status_code, 401)

    def test_it_refuses_the_token_of_a_deactivated_user(self) -> None:
        self.reader.is_active = False
        self.reader.save()
        response = self.client.get("/api/v1/me", headers=self.bearer(self.raw))
        self.assertEqual(response.status_code, 401)

    def test_it_refuses_a_deleted_token(self) -> None:
        self.token.delete()
        response = self.client.get("/api/v1/me", headers=self.bearer(self.raw))
        self.assertEqual(response.status_code, 401)

    def test_it_records_when_a_token_was_last_used(self) -> None:
        self.assertIsNone(self.token.last_used_at)
        self.client.get("/api/v1/me", headers=self.bearer(self.raw))
        self.token.refresh_from_db()
        assert self.token.last_used_at is not None
        self.assertLess(timezone.now() - self.token.last_used_at, timedelta(seconds=10))

    def test_it_records_use_at_most_once_a_minute(self) -> None:
        recent = timezone.now() - timedelta(seconds=30)
        ApiToken.objects.filter(pk=self.token.pk).update(last_used_at=recent)
        with self.assertNumQueries(3):  # token and user, roles, memberships; no update
            self.client.get("/api/v1/me", headers=self.bearer(self.raw))
        self.token.refresh_from_db()
        self.assertEqual(self.token.last_used_at, recent)

        stale = timezone.now() - timedelta(minutes=5)
        ApiToken.objects.filter(pk=self.token.pk).update(last_used_at=stale)
        self.client.get("/api/v1/me", headers=self.bearer(self.raw))
        self.token.refresh_from_db()
        self.assertGreater(self.token.last_used_at, stale)

    def test_a_token_shows_drafts_like_a_session_does(self) -> None:
        draft = ProgrammeFactory(status="draft")
        response = self.client.get(f"/api/v1/programmes/{draft.pk}", headers=self.bearer(self.raw))
        self.assertEqual(response.status_code, 200)

    def test_it_refuses_an_expired_token(self) -> None:
        ApiToken.objects.filter(pk=self.token.pk).update(
            expires_at=timezone.now() - timedelta(seconds=1)
        )
        response = self.client.get("/api/v1/me", headers=self.bearer(self.raw))
        self.assertEqual(response.status_code, 401)
        self.assertIn("har gått ut", response.json()["detail"])

    def test_a_token_expires_after_the_chosen_number_of_days(self) -> None:
        token, _raw = token_create(actor=self.reader, name="Kort", days=30)
        lifetime = token.expires_at - timezone.now()
        self.assertGreater(lifetime, timedelta(days=29, hours=23))
        self.assertLessEqual(lifetime, timedelta(days=30))

    def test_it_refuses_a_lifetime_or_scope_outside_the_choices(self) -> None:
        with self.assertRaises(ValidationError):
            token_create(actor=self.reader, name="Evig", days=100000)
        with self.assertRaises(ValidationError):
            token_create(actor=self.reader, name="Allt", scope="admin")

    def test_a_new_token_may_only_read_unless_asked(self) -> None:
        self.assertEqual(self.token.scope, "read")

    def test_a_password_change_revokes_every_token(self) -> None:
        token_create(actor=self.reader, name="Andra", scope="write")
        self.reader.set_password("ett-helt-nytt-losen-42")
        self.reader.save()
        self.assertFalse(ApiToken.objects.filter(user=self.reader).exists())
        response = self.client.get("/api/v1/me", headers=self.bearer(self.raw))
        self.assertEqual(response.status_code, 401)
        self.assertEqual(
            AuditEvent.objects.filter(verb="delete", message="Lösenordet byttes").count(), 2
        )

    def test_other_saves_of_the_user_keep_the_tokens(self) -> None:
        self.reader.first_name = "Rut"
        self.reader.save()
        self.assertTrue(ApiToken.objects.filter(pk=self.token.pk).exists())

    def test_it_ignores_other_authorization_schemes(self) -> None:
        response = self.client.get(
            "/api/v1/programmes/", headers={"Authorization": "Basic dXNlcjpwYXNz"}
        )
        self.assertEqual(response.status_code, 200)

    def test_it_knows_a_signed_in_browser(self) -> None:
        response = self.client_for(self.editor).get("/api/v1/me")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["username"], "erik")

    def test_it_answers_me_with_401_for_anonymous_callers(self) -> None:
        response = self.client.get("/api/v1/me")
        self.assertEqual(response.status_code, 401)
        self.assertIn("Logga in", response.json()["detail"])

    def test_me_lists_memberships_with_organisation_and_role(self) -> None:
        response = self.client_for(self.approver).get("/api/v1/me")
        body = response.json()
        self.assertEqual(body["name"], self.approver.get_full_name())
        self.assertFalse(body["is_coordinator"])
        self.assertEqual(
            body["memberships"],
            [
                {
                    "organisation_id": self.org.pk,
                    "organisation_name": "Hägersten-Älvsjö stadsdelsförvaltning",
                    "role": "approver",
                    "role_label": "Attesterare",
                    "title": "avdelningschef",
                }
            ],
        )

    def test_me_tells_a_coordinator(self) -> None:
        response = self.client_for(self.coordinator).get("/api/v1/me")
        self.assertTrue(response.json()["is_coordinator"])

    def test_me_costs_a_fixed_number_of_queries(self) -> None:
        client = self.client_for(self.reader)
        with self.assertNumQueries(4):  # session, user, roles, memberships
            client.get("/api/v1/me")


class ApiCsrfTests(BaseTestCase):
    """Session writes need the CSRF token; token writes and anonymous callers do not."""

    def setUp(self) -> None:
        self.area = DevelopmentAreaFactory(title="Öka kunskapen")
        self.url = f"/api/v1/development-areas/{self.area.pk}"
        self.body = json.dumps({"title": "Öka kunskapen om rasism"})

    def csrf_client(self) -> Client:
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.coordinator)
        return client

    def test_it_refuses_a_session_write_without_the_csrf_token(self) -> None:
        response = self.csrf_client().patch(self.url, self.body, content_type="application/json")
        self.assertEqual(response.status_code, 403)
        self.assertIn("CSRF", response.json()["detail"])
        self.area.refresh_from_db()
        self.assertEqual(self.area.title, "Öka kunskapen")

    def test_it_accepts_a_session_write_with_the_csrf_token(self) -> None:
        client = self.csrf_client()
        client.get("/api/v1/docs")  # the docs page hands out the CSRF cookie
        token = client.cookies["csrftoken"].value
        response = client.patch(
            self.url, self.body, content_type="application/json", headers={"X-CSRFToken": token}
        )
        self.assertEqual(response.status_code, 200)
        self.area.refresh_from_db()
        self.assertEqual(self.area.title, "Öka kunskapen om rasism")

    def test_it_accepts_a_token_write_without_csrf(self) -> None:
        _token, raw = token_create(actor=self.coordinator, name="Import", scope="write")
        client = Client(enforce_csrf_checks=True)
        response = client.patch(
            self.url,
            self.body,
            content_type="application/json",
            headers={"Authorization": f"Bearer {raw}"},
        )
        self.assertEqual(response.status_code, 200)

    def test_a_read_only_token_gets_403_on_a_write(self) -> None:
        _token, raw = token_create(actor=self.coordinator, name="Läsare", scope="read")
        area = DevelopmentAreaFactory()
        before = area.title
        response = Client(enforce_csrf_checks=True).patch(
            f"/api/v1/development-areas/{area.pk}",
            data=json.dumps({"title": "Ändrad"}),
            content_type="application/json",
            headers={"Authorization": f"Bearer {raw}"},
        )
        self.assertEqual(response.status_code, 403)
        self.assertIn("bara läsa", response.json()["detail"])
        area.refresh_from_db()
        self.assertEqual(area.title, before)

    def test_it_asks_an_anonymous_writer_to_sign_in_rather_than_for_csrf(self) -> None:
        client = Client(enforce_csrf_checks=True)
        response = client.patch(self.url, self.body, content_type="application/json")
        self.assertEqual(response.status_code, 401)
