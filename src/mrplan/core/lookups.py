"""Look-ups shared by every app's per-object permission helpers (`<app>/permissions.py`)."""

from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.http import Http404

M = TypeVar("M", bound=models.Model)


def primary_key(key: Any) -> int:
    """Return KEY as a database id, or raise Http404 for anything that cannot be one."""
    text = str(key)
    if not (text.isascii() and text.isdigit() and len(text) <= 18):
        raise Http404
    return int(text)


def get_or_404(queryset: "models.QuerySet[M]", **lookup: Any) -> M:
    """Return the one row of QUERYSET matching LOOKUP, or raise Http404."""
    try:
        return queryset.get(**lookup)
    except ObjectDoesNotExist:
        raise Http404 from None
