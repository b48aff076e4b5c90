"""The shared history view."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mrplan.core.history import get_history_object_for_user, history_entries


def history(request: HttpRequest, kind: str, key: str) -> HttpResponse:
    """List every recorded change to one object, for those allowed to see it."""
    obj = get_history_object_for_user(request, kind, key)
    entries = history_entries(obj)
    return render(request, "core/history.html", {"object": obj, "entries": entries})
