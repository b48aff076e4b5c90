"""Single sign-on with OpenID Connect: who the identity provider says the person is.

The provider only authenticates. A person is matched by one stable claim
(MRPLAN_OIDC_USER_CLAIM, `sub` by default) stored on the user as `sso_subject`, never
by e-mail address; roles (memberships) are granted in mrplan as for any other user.
"""

import hashlib
import logging
from typing import Any

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from mrplan.accounts import actions
from mrplan.accounts.models import User

logger = logging.getLogger(__name__)

# Where a signed-in user who asked to link their account to SSO is remembered.
LINK_SESSION_KEY = "mrplan_sso_link_user"


class OIDCBackend(OIDCAuthenticationBackend):
    """Sign a person in from a verified ID token; match and create users by one claim."""

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        """Check signature and nonce (the library), then issuer and audience (here)."""
        try:
            payload: dict[str, Any] = super().verify_token(token, **kwargs)
        except jwt.PyJWTError as error:  # expired, not yet valid, malformed
            raise SuspiciousOperation(f"ID token refused: {error}") from error
        if payload.get("iss") != settings.OIDC_OP_ISSUER:
            raise SuspiciousOperation("ID token from an unexpected issuer.")
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if settings.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token for another client.")
        return payload

    def get_or_create_user(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> User | None:
        claims = dict(payload)
        if settings.OIDC_OP_USER_ENDPOINT:
            userinfo = self.get_userinfo(access_token, id_token, payload)
            if userinfo.get("sub") != payload.get("sub"):
                raise SuspiciousOperation("The userinfo is about someone else.")
            claims.update(userinfo)
        subject = str(claims.get(settings.MRPLAN_OIDC_USER_CLAIM) or "").strip()
        if not subject:
            raise SuspiciousOperation("The identifying claim is missing.")
        subject = subject[:255]

        if LINK_SESSION_KEY in self.request.session:
            # A signed-in user asked to link their account: link it or refuse, but never
            # sign in as anyone else.
            linking = self._user_asking_to_link()
            return _link(linking, subject) if linking is not None else None
        user = User.objects.filter(sso_subject=subject).first()
        if user is not None:
            return self.update_user(user, claims)
        if not settings.MRPLAN_OIDC_CREATE_USERS:
            return None
        return self.create_user(claims | {"_subject": subject})

    def _user_asking_to_link(self) -> User | None:
        user_id = self.request.session.get(LINK_SESSION_KEY)
        if user_id is None or user_id != self.request.user.pk:
            return None
        return User.objects.filter(pk=user_id, is_active=True).first()

    def create_user(self, claims: dict[str, Any]) -> User:
        subject = claims["_subject"]
        user = User(
            username=_free_username(claims, subject),
            sso_subject=subject,
            email=str(claims.get("email", ""))[:254],
            first_name=str(claims.get("given_name", ""))[:150],
            last_name=str(claims.get("family_name", ""))[:150],
        )
        # No password: the person signs in through the provider only.
        user.set_unusable_password()
        user.full_clean()
        user.save()
        actions.sso_user_created_record(user=user)
        return user

    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        """Keep name and e-mail in step with the provider (they are not used for matching)."""
        changed = {
            field: str(claims[claim])[:limit]
            for field, claim, limit in (
                ("email", "email", 254),
                ("first_name", "given_name", 150),
                ("last_name", "family_name", 150),
            )
            if claims.get(claim) and getattr(user, field) != str(claims[claim])[:limit]
        }
        if changed:
            for field, value in changed.items():
                setattr(user, field, value)
            user.save(update_fields=list(changed))
        return user


def _free_username(claims: dict[str, Any], subject: str) -> str:
    """Return a readable username for a new SSO user that no account has yet."""
    for candidate in (claims.get("preferred_username"), claims.get("email")):
        text = str(candidate or "").strip()[:150]
        if text and not User.objects.filter(username__iexact=text).exists():
            return text
    return "sso-" + hashlib.sha256(subject.encode()).hexdigest()[:12]


def _link(user: User, subject: str) -> User | None:
    """Store SUBJECT on USER (who proved both their password and their SSO identity)."""
    other = User.objects.filter(sso_subject=subject).exclude(pk=user.pk).exists()
    if other:
        return None
    try:
        with transaction.atomic():
            actions.sso_link(user=user, subject=subject)
    except IntegrityError:
        return None
    return user


class SsoStartView(OIDCAuthenticationRequestView):
    """Send the browser to the identity provider."""


class SsoLinkStartView(SsoStartView):
    """Send a signed-in user to the identity provider to link their account (POST only)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        response: HttpResponse = self.get(request)
        return response


class SsoCallbackView(OIDCAuthenticationCallbackView):
    """Come back from the identity provider: sign in, or say in Swedish why not."""

    linking = False

    @property
    def failure_url(self) -> str:
        return reverse("accounts-memberships" if self.linking else "accounts-login")

    def get(self, request: HttpRequest) -> HttpResponse:
        self.linking = LINK_SESSION_KEY in request.session
        try:
            response: HttpResponse = super().get(request)
        except (SuspiciousOperation, requests.RequestException) as error:
            # A forged or replayed answer (state, nonce, signature, issuer, audience), or
            # a provider that cannot be reached.
            logger.warning("SSO sign-in refused: %s", error)
            response = self.login_failure()
        if self.linking:
            request.session.pop(LINK_SESSION_KEY, None)
        return response

    def login_success(self) -> HttpResponse:
        if self.linking and self.user != self.request.user:
            return self.login_failure()
        if self.linking:
            messages.success(self.request, _("Kontot är kopplat till e-legitimation/SSO."))
            return HttpResponseRedirect(reverse("accounts-memberships"))
        response: HttpResponse = super().login_success()
        return response

    def login_failure(self) -> HttpResponse:
        if self.linking:
            messages.error(self.request, _("Kontot kunde inte kopplas till e-legitimation/SSO."))
            return HttpResponseRedirect(self.failure_url)
        actions.sign_in_failure_record(username="(SSO)", request=self.request)
        messages.error(
            self.request,
            _(
                "Inloggningen med e-legitimation/SSO misslyckades. Försök igen, eller kontakta "
                "administratören om ditt konto inte är kopplat."
            ),
        )
        return HttpResponseRedirect(self.failure_url)


def _require_enabled() -> None:
    if not settings.MRPLAN_OIDC_ENABLED:
        raise Http404


def sso_start(request: HttpRequest) -> HttpResponse:
    """Start a sign-in with the identity provider (404 when SSO is not configured)."""
    _require_enabled()
    request.session.pop(LINK_SESSION_KEY, None)
    return SsoStartView.as_view()(request)


def sso_callback(request: HttpRequest) -> HttpResponse:
    """Finish a sign-in with the identity provider (404 when SSO is not configured)."""
    _require_enabled()
    return SsoCallbackView.as_view()(request)


def sso_link_start(request: HttpRequest) -> HttpResponse:
    """Let a signed-in user link their account to their SSO identity (POST)."""
    _require_enabled()
    if not request.user.is_authenticated:
        return HttpResponseRedirect(reverse("accounts-login"))
    if request.method == "POST":
        request.session[LINK_SESSION_KEY] = request.user.pk
    return SsoLinkStartView.as_view()(request)
