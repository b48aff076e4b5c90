"""Send a session that still owes its second sign-in step to that step first."""

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from mrplan.accounts.two_factor import ENROL, PENDING_SESSION_KEY

# The pages a session may reach before its second step: the step itself and the way out.
ALLOWED_URL_NAMES = {
    "accounts-two-factor-verify",
    "accounts-two-factor-enrol",
    "accounts-logout",
    "set_language",
    "javascript-catalog",
}


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Without a session cookie there is nothing owed (and nothing to load).
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            pending = request.session.get(PENDING_SESSION_KEY)
            if pending and request.user.is_authenticated and not _allowed(request):
                return _send_to_step(request, pending)
        return self.get_response(request)


def _allowed(request: HttpRequest) -> bool:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.url_name in ALLOWED_URL_NAMES


def _send_to_step(request: HttpRequest, pending: str) -> HttpResponse:
    if request.path_info.startswith("/api/"):
        return JsonResponse(
            {"detail": _("Tvåstegsverifiering krävs. Logga in i webbläsaren och ange koden.")},
            status=403,
        )
    name = "accounts-two-factor-enrol" if pending == ENROL else "accounts-two-factor-verify"
    url = reverse(name)
    if request.method == "GET":
        url += "?" + urlencode({"next": request.get_full_path()})
    return HttpResponseRedirect(url)
