"""Who is calling: a personal API token, a signed-in browser session, or nobody.

Read endpoints accept all three (READ_AUTH); write endpoints and /me need a user
(USER_AUTH). Ninja tries the callables in order and keeps the first truthy result in
`request.auth`; `caller(request)` turns that into a User or None.
"""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from mrplan.accounts.models import ApiToken, User, hash_token

# Record a token's use at most this often, so that reads do not each cost a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


class InvalidToken(AuthenticationError):
    """A bearer token that matches no active user's unexpired token."""

    def __init__(self) -> None:
        super().__init__(message=_("API-nyckeln är ogiltig, borttagen eller har gått ut."))


class BearerToken(HttpBearer):
    """`Authorization: Bearer mrp_…`: a personal token created on the user's own page."""

    def authenticate(self, request: HttpRequest, token: str) -> User:
        api_token = (
            ApiToken.objects.select_related("user").filter(key_hash=hash_token(token)).first()
        )
        now = timezone.now()
        if api_token is None or not api_token.user.is_active or api_token.expires_at <= now:
            # Raising (rather than returning None) stops ninja from falling back to
            # anonymous access: a caller who sends a wrong token should hear about it.
            raise InvalidToken
        if request.method not in SAFE_METHODS and not api_token.may_write:
            raise HttpError(403, _("API-nyckeln får bara läsa. Skapa en nyckel som får ändra."))
        if api_token.last_used_at is None or now - api_token.last_used_at >= LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        request.user = api_token.user
        return api_token.user


class SessionAuth(APIKeyCookie):
    """The Django session of a signed-in browser; unsafe methods also need the CSRF token.

    Unlike ninja's `django_auth`, the CSRF check runs only for a signed-in user, so an
    anonymous write is answered 401 (sign in) rather than 403 (CSRF).
    """

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def __call__(self, request: HttpRequest) -> User | None:
        return self.authenticate(request, request.COOKIES.get(self.param_name))

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = request.user
        if not user.is_authenticated:
            return None
        if request.method not in SAFE_METHODS and check_csrf(request) is not None:
            raise HttpError(403, _("CSRF-kontrollen misslyckades. Ladda om sidan och försök igen."))
        assert isinstance(user, User)
        return user


def anonymous(request: HttpRequest) -> Any:
    """Let anyone through; the endpoint then shows only what is published."""
    return request.user  # AnonymousUser: truthy, so ninja stops looking


bearer_token = BearerToken()
session = SessionAuth()

READ_AUTH: list[Callable[[HttpRequest], Any]] = [bearer_token, session, anonymous]
USER_AUTH: list[Callable[[HttpRequest], Any]] = [bearer_token, session]

# Shown in the OpenAPI document: reads also work without any credentials.
OPTIONAL_AUTH: dict[str, Any] = {"security": [{}]}


def caller(request: HttpRequest) -> User | None:
    """Return the user the request was authenticated as, or None for an anonymous caller."""
    user = getattr(request, "auth", None)
    if isinstance(user, User) and user.is_authenticated:
        return user
    return None
