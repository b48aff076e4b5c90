"""Who is signing in from where, and what a locked-out caller is told."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from mrplan.core import http


def client_address(request: HttpRequest | None) -> str:
    """Return the caller's IP address ("" when unknown), as core.http reads it (axes' hook)."""
    if request is None:
        return ""
    return http.client_address(request)[:64]


def lockout_minutes() -> int:
    """Return the cool-off period in whole minutes."""
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def locked_out(
    request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    """Answer a locked-out sign-in with the login page, a clear message and 429."""
    from mrplan.accounts.forms import LoginForm

    message = _(
        "För många misslyckade inloggningar. Av säkerhetsskäl är inloggningen spärrad i "
        "%(minutes)d minuter, även med rätt lösenord. Försök igen senare eller återställ "
        "lösenordet."
    ) % {"minutes": lockout_minutes()}
    username = str(request.POST.get("username", ""))[:150]
    return render(
        request,
        "registration/login.html",
        {
            "form": LoginForm(request, initial={"username": username}),
            "lockout_message": message,
            "oidc_enabled": settings.MRPLAN_OIDC_ENABLED,
            "next": request.POST.get("next", request.GET.get("next", "")),
        },
        status=429,
    )
