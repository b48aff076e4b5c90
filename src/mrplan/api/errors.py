"""Every error the API answers is JSON: {"detail": "<Swedish message>"}, plus "errors" per field.

400 comes from the domain (django.core.exceptions.ValidationError raised by an action),
422 from ninja when the request does not match the schema; both carry
"errors": {"<field>": ["<message>", ...]}.
"""

from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from mrplan.api.auth import InvalidToken

# Model field names that the API calls something else.
API_FIELD_NAMES = {
    "focus_areas": "focus_area_ids",
    "target_groups": "target_group_ids",
    "sdg_targets": "sdg_target_codes",
    NON_FIELD_ERRORS: "__all__",
}


class NotFound(Http404):
    """A 404 whose message is meant for the caller (Django's own are English and technical)."""


def _message_for(error: Mapping[str, Any]) -> str:
    """Return a Swedish message for one pydantic error."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "value_error" and "error" in ctx:
        return str(ctx["error"])  # our own validators raise Swedish messages
    if kind in {"enum", "literal_error"}:
        return _("Ange ett av värdena %(expected)s.") % {
            "expected": str(ctx.get("expected", "")).replace(" or ", " eller ")
        }
    templates: dict[str, str] = {
        "missing": _("Fältet måste anges."),
        "extra_forbidden": _("Fältet finns inte. Kontrollera stavningen."),
        "string_type": _("Ange en text."),
        "int_type": _("Ange ett heltal."),
        "int_parsing": _("Ange ett heltal."),
        "int_from_float": _("Ange ett heltal."),
        "bool_type": _("Ange true eller false."),
        "bool_parsing": _("Ange true eller false."),
        "list_type": _("Ange en lista."),
        "dict_type": _("Ange ett JSON-objekt."),
        "model_type": _("Ange ett JSON-objekt."),
        "model_attributes_type": _("Ange ett JSON-objekt."),
        "date_type": _("Ange ett datum på formen ÅÅÅÅ-MM-DD."),
        "date_parsing": _("Ange ett datum på formen ÅÅÅÅ-MM-DD."),
        "date_from_datetime_parsing": _("Ange ett datum på formen ÅÅÅÅ-MM-DD."),
        "greater_than_equal": _("Värdet måste vara minst %(ge)s."),
        "greater_than": _("Värdet måste vara större än %(gt)s."),
        "less_than_equal": _("Värdet får vara högst %(le)s."),
        "less_than": _("Värdet måste vara mindre än %(lt)s."),
        "too_short": _("Ange minst %(min_length)s värden."),
        "too_long": _("Ange högst %(max_length)s värden."),
        "string_too_short": _("Texten måste ha minst %(min_length)s tecken."),
        "string_too_long": _("Texten får ha högst %(max_length)s tecken."),
    }
    template = templates.get(kind)
    if template is None:
        return _("Värdet är ogiltigt.")
    try:
        return template % ctx if "%(" in template else template
    except (KeyError, TypeError):
        return _("Värdet är ogiltigt.")


def _field_for(loc: tuple[Any, ...] | list[Any]) -> str:
    """Return the dotted field name of a ninja error location.

    Ninja prefixes the location with the source ("body", "query", "path") and, for a
    body, with the parameter name: ("body", "payload", "focus_area_ids", 0) becomes
    "focus_area_ids.0".
    """
    parts = list(loc)
    source = parts.pop(0) if parts else ""
    if source == "body" and parts:
        parts.pop(0)
    return ".".join(str(part) for part in parts) or "__all__"


def _schema_errors(exc: NinjaValidationError) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        errors.setdefault(_field_for(error.get("loc", ())), []).append(_message_for(error))
    return errors


def _domain_errors(exc: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {
            API_FIELD_NAMES.get(field, field): [str(message) for message in messages]
            for field, messages in exc.message_dict.items()
        }
    return {"__all__": [str(message) for message in exc.messages]}


def register_error_handlers(api: NinjaAPI) -> None:
    """Answer every expected error with Swedish JSON instead of ninja's English defaults."""

    def respond(request: HttpRequest, status: int, detail: str, **extra: Any) -> HttpResponse:
        return api.create_response(request, {"detail": detail, **extra}, status=status)

    def on_schema_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        detail = _("Anropet stämmer inte med API:ets beskrivning. Se felen per fält.")
        return respond(request, 422, detail, errors=_schema_errors(exc))

    def on_domain_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        detail = _("Uppgifterna kunde inte sparas. Se felen per fält.")
        return respond(request, 400, detail, errors=_domain_errors(exc))

    def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return respond(request, 403, _("Du har inte behörighet att göra det här."))

    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        detail = str(exc) if isinstance(exc, NotFound) and str(exc) else _("Hittades inte.")
        return respond(request, 404, detail)

    def on_authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        if isinstance(exc, InvalidToken):
            detail = exc.message
        else:
            detail = _("Logga in eller ange en giltig API-nyckel (Authorization: Bearer …).")
        response = respond(request, 401, detail)
        response["WWW-Authenticate"] = 'Bearer realm="mrplan"'
        return response

    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # Ninja raises 400 (unreadable body) and 429 with English messages; the only
        # HttpError of ours (the CSRF check) carries a Swedish one.
        defaults = {
            400: _("Anropets innehåll kunde inte läsas. Skicka giltig JSON."),
            429: _("För många anrop. Vänta en stund och försök igen."),
        }
        detail = defaults.get(exc.status_code, exc.message)
        return respond(request, exc.status_code, detail)

    handlers: list[tuple[type[Exception], Callable[..., HttpResponse]]] = [
        (NinjaValidationError, on_schema_error),
        (DjangoValidationError, on_domain_error),
        (PermissionDenied, on_permission_denied),
        (Http404, on_not_found),
        (AuthenticationError, on_authentication_error),
        (HttpError, on_http_error),
    ]
    for exc_class, handler in handlers:
        api.add_exception_handler(exc_class, handler)
