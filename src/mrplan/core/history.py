"""A registry of the object kinds that have a "Historik" page, each with its access check."""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest
from django.urls import reverse

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
