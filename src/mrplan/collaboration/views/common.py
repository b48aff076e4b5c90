"""Helpers shared by the collaboration views."""

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _

NAV = "collaboration"


def status(form: forms.BaseForm | None) -> int:
    return 400 if form is not None and form.errors else 200


def crumbs(*items: tuple[str | None, Any]) -> list[tuple[str | None, Any]]:
    return [(reverse("collaboration-home"), _("Samverkan")), *items]


def posted(request: Any) -> Any:
    return request.POST if request.method == "POST" else None


def filtered(form: forms.BaseForm) -> dict[str, Any]:
    """Return the valid filters of FORM; invalid ones are ignored (the form says why)."""
    form.is_valid()
    return {name: value for name, value in form.cleaned_data.items() if value not in ("", None)}
