"""Helpers shared by the collaboration views."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

NAV = "collaboration"


def add_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show an action's validation errors on FORM; errors on fields it lacks go on top."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, ValidationError(errors))
    else:
        form.add_error(None, error)


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
