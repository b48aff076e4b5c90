"""The "Historik" page: which object kinds have one, who may see it, and its entries."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy

from mrplan.core import audit
from mrplan.core.models import AuditEvent

HistoryGetter = Callable[[HttpRequest, str], models.Model]

_getters: dict[str, HistoryGetter] = {}
_kinds: dict[type[models.Model], str] = {}


def register(kind: str, model: type[models.Model]) -> Callable[[HistoryGetter], HistoryGetter]:
    """Register GETTER as the way to fetch a KIND object for its history page.

    The getter must raise PermissionDenied (or redirect to login) when the user may not see it.
    """

    def decorator(getter: HistoryGetter) -> HistoryGetter:
        _getters[kind] = getter
        _kinds[model] = kind
        return getter

    return decorator


def get_history_object_for_user(request: HttpRequest, kind: str, key: str) -> models.Model:
    """Return the KIND object KEY for its history page; 404 whether it is hidden or missing.

    A 403 for what exists but may not be seen would tell an outsider that it exists.
    """
    getter = _getters.get(kind)
    if getter is None:
        raise Http404
    try:
        return getter(request, key)
    except PermissionDenied:
        raise Http404 from None


def history_url(obj: models.Model) -> str:
    """Return the URL of OBJ's history page."""
    return reverse("core-history", args=[_kinds[type(obj)], obj.pk])


# What the history page shows for each event: a verb for the kind of event, field names,
# choice labels instead of codes and times in local time, all in the reader's language.

# A change of workflow status is its own kind of event, named by the status it leads to.
STATUS_VERBS = {
    "submitted": gettext_lazy("skickade in"),
    "approved": gettext_lazy("godkände"),
    "returned": gettext_lazy("skickade tillbaka"),
    "closed": gettext_lazy("stängde"),
    "open": gettext_lazy("öppnade"),
    "decided": gettext_lazy("beslutade"),
    "adopted": gettext_lazy("antog"),
    "sent": gettext_lazy("skickade"),
    "cancelled": gettext_lazy("ställde in"),
    "in_approval": gettext_lazy("skickade för attestering"),
    "answered": gettext_lazy("svarade"),
    "declined": gettext_lazy("avstod"),
}


# A workflow move is recorded under its kind ("report.approve", see core.transitions); the
# move's name gives the verb, whatever table it belongs to. Events from before kinds were
# recorded fall back to STATUS_VERBS.
MOVE_VERBS = {
    "submit": gettext_lazy("skickade in"),
    "submit_for_sign_off": gettext_lazy("skickade till intern attest"),
    "sign_off": gettext_lazy("attesterade"),
    "withdraw": gettext_lazy("drog tillbaka"),
    "return": gettext_lazy("returnerade"),
    "approve": gettext_lazy("godkände"),
    "reopen": gettext_lazy("öppnade igen"),
    "open": gettext_lazy("öppnade"),
    "close": gettext_lazy("stängde"),
    "back_to_draft": gettext_lazy("gjorde till utkast"),
    "send_on_consultation": gettext_lazy("skickade på remiss"),
    "adopt": gettext_lazy("antog"),
    "replace": gettext_lazy("markerade som ersatt"),
}


@dataclass
class HistoryEntry:
    event: AuditEvent
    verb: str
    changes: list[tuple[str, Any, Any]]


def _field(model: type[models.Model], name: str) -> Any:
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _label(field: Any, name: str) -> str:
    return str(getattr(field, "verbose_name", None) or name).capitalize()


def _value(field: Any, value: Any) -> Any:
    """Return a recorded value as people read it: a choice's label, a local time."""
    if field is None or value in (None, ""):
        return value
    choices = getattr(field, "flatchoices", None)
    if choices and not isinstance(value, (list, dict)):
        labels = {str(key): label for key, label in choices}
        if str(value) in labels:
            return str(labels[str(value)])
    if isinstance(field, models.DateTimeField) and isinstance(value, str):
        try:
            moment = datetime.datetime.fromisoformat(value)
        except ValueError:
            return value
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return date_format(moment, "Y-m-d H:i")
    return value


def _verb(event: AuditEvent) -> str:
    move = event.kind.partition(".")[2] if event.kind else ""
    if move in MOVE_VERBS:
        return str(MOVE_VERBS[move])
    if event.verb == AuditEvent.Verb.UPDATE:
        status = event.changes.get("status")
        if isinstance(status, list) and len(status) == 2:
            if status[1] in STATUS_VERBS:
                return str(STATUS_VERBS[status[1]])
            if status[1] == "draft" and status[0]:
                return str(gettext_lazy("drog tillbaka"))
        published = event.changes.get("is_published")
        if isinstance(published, list) and len(published) == 2 and published[0] != published[1]:
            return str(
                gettext_lazy("publicerade") if published[1] else gettext_lazy("avpublicerade")
            )
    return str(event.get_verb_display())


def history_entries(obj: models.Model) -> list[HistoryEntry]:
    """Return OBJ's recorded events, newest first, described for the reader."""
    model = type(obj)
    entries = []
    for event in audit.history_for(obj):
        changes = []
        # shown_changes: personal values while they are kept (the audit keeps them apart).
        for name, values in event.shown_changes.items():
            field = _field(model, name)
            before, after = (
                (values + [None, None])[:2] if isinstance(values, list) else (None, values)
            )
            changes.append((_label(field, name), _value(field, before), _value(field, after)))
        entries.append(HistoryEntry(event=event, verb=_verb(event), changes=changes))
    return entries
