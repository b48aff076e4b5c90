"""Shared machinery for actions: validate, save and audit in one transaction."""

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models, transaction

from mrplan.core import audit

if TYPE_CHECKING:  # core imports no app at run time
    from mrplan.accounts.models import User

M = TypeVar("M", bound=models.Model)


def _split(
    instance: models.Model, data: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    plain: dict[str, Any] = {}
    many: dict[str, Any] = {}
    for name, value in data.items():
        field = instance._meta.get_field(name)
        (many if field.many_to_many else plain)[name] = value
    return plain, many


def _stored(instance: M) -> M:
    """Return INSTANCE as the database holds it, locked until the transaction ends.

    A bound ModelForm has already written its cleaned data onto INSTANCE, so the
    "before" of an edit must come from the database, never from the instance.
    """
    manager = type(instance)._base_manager
    return manager.select_for_update().get(pk=instance.pk)


@transaction.atomic
def save_audited(
    instance: M, *, actor: "User | None", data: Mapping[str, Any], message: str = "", kind: str = ""
) -> M:
    """Apply DATA to INSTANCE (new or existing), validate, save and record the change.

    KIND names the event for the history when it is more than an edit (a workflow move,
    "report.approve"; see core.transitions).

    Raises ValidationError, with nothing written, when the result is invalid.
    """
    creating = instance.pk is None or instance._state.adding
    fields = list(data)
    before = {} if creating else audit.snapshot(_stored(instance), fields)
    plain, many = _split(instance, data)
    for name, value in plain.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    for name, values in many.items():
        getattr(instance, name).set(values)
    after = audit.snapshot(_stored(instance), fields)
    changes = audit.diff(before, after)
    if creating or changes:
        audit.record(
            actor=actor,
            verb="create" if creating else "update",
            instance=instance,
            changes=changes,
            message=message,
            kind=kind,
        )
    return instance


@transaction.atomic
def delete_audited(instance: models.Model, *, actor: "User | None", message: str = "") -> None:
    """Delete INSTANCE and record what it was."""
    audit.record(actor=actor, verb="delete", instance=instance, message=message)
    instance.delete()
