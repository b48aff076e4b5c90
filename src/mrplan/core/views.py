"""The start page and the shared history view."""

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mrplan.core import audit
from mrplan.core.history import get_history_object_for_user
from mrplan.programmes import selectors as programme_selectors


def home(request: HttpRequest) -> HttpResponse:
    """Explain the programme at a glance."""
    programme = programme_selectors.current_programme(user=request.user)
    return render(request, "core/home.html", {"programme": programme})


def _field_label(model: type[models.Model], name: str) -> str:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    return str(getattr(field, "verbose_name", name)).capitalize()


def history(request: HttpRequest, kind: str, key: str) -> HttpResponse:
    """List every recorded change to one object, for those allowed to see it."""
    obj = get_history_object_for_user(request, kind, key)
    entries: list[dict[str, Any]] = [
        {
            "event": event,
            "changes": [
                (_field_label(type(obj), name), values[0], values[1])
                for name, values in event.shown_changes.items()
            ],
        }
        for event in audit.history_for(obj)
    ]
    return render(request, "core/history.html", {"object": obj, "entries": entries})
