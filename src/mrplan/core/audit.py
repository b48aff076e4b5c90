"""Record writes in the audit trail, with each changed field before and after."""

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from mrplan.core.models import AuditEvent, AuditPersonalData

if TYPE_CHECKING:  # core imports no app at run time
    from mrplan.accounts.models import User

# Shown in the trail instead of a personal value; the value itself is kept apart.
PERSONAL = "[personuppgift]"

Snapshot = dict[str, Any]


def _display(value: Any) -> Any:
    """Return a JSON-friendly, human-readable form of a field value."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (list, tuple, set)):
        return sorted(str(item) for item in value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Decimal):
        # The same number reads the same whether it came from a form (8.5) or the database (8.50).
        return format(value.normalize(), "f")
    return str(value)


def snapshot(instance: models.Model, fields: Iterable[str]) -> Snapshot:
    """Return the current display value of each named field (many-to-many as sorted names)."""
    result: Snapshot = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if field.many_to_many:
            result[name] = _display(list(getattr(instance, name).all())) if instance.pk else []
        else:
            result[name] = _display(getattr(instance, name))
    return result


def diff(before: Snapshot, after: Snapshot) -> dict[str, list[Any]]:
    """Return {field: [before, after]} for the fields whose value changed."""
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }


def record(
    *,
    actor: "User | None",
    verb: str,
    instance: models.Model,
    changes: dict[str, list[Any]] | None = None,
    message: str = "",
    kind: str = "",
) -> AuditEvent:
    """Write one audit event for INSTANCE.

    For models that hold personal data (audit_personal_data = True) the event names the
    changed fields only; their values and the object's name go in an AuditPersonalData row,
    which an erasure can remove without touching the event.
    """
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    personal = bool(getattr(type(instance), "audit_personal_data", False))
    changes = changes or {}
    event = AuditEvent.objects.create(
        actor=actor if is_user else None,
        actor_name=actor.get_username() if actor is not None and is_user else "system",
        verb=verb,
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
        object_id=str(instance.pk),
        object_repr=(f"{instance._meta.verbose_name} {instance.pk}" if personal else str(instance))[
            :300
        ],
        changes={name: [PERSONAL, PERSONAL] for name in changes} if personal else changes,
        message=message[:500],
        kind=kind,
    )
    if personal:
        AuditPersonalData.objects.create(
            event=event, object_repr=str(instance)[:300], changes=changes
        )
    return event


def record_read(*, actor: "User | None", instance: models.Model, message: str = "") -> AuditEvent:
    """Log that ACTOR read the personal data held under INSTANCE (who, when, what)."""
    return record(actor=actor, verb=AuditEvent.Verb.READ, instance=instance, message=message)


def history_for(instance: models.Model) -> models.QuerySet[AuditEvent]:
    """Return the audit events about INSTANCE, newest first."""
    return (
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
            object_id=str(instance.pk),
        )
        .exclude(verb=AuditEvent.Verb.READ)
        .select_related("actor", "personal")
    )
