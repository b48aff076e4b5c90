"""Base models and the audit trail shared by every app."""

from typing import TYPE_CHECKING, Any

import pgtrigger
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:  # core imports no app at run time
    from django.utils.functional import _StrPromise

    from mrplan.accounts.models import User


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        abstract = True


def recorded_user(
    verbose_name: "str | _StrPromise", *, editable: bool = True
) -> "models.ForeignKey[User | None, User | None]":
    """A field for who did something (uploaded, signed, reviewed): optional, emptied when
    the user is deleted (the audit trail keeps the name), with no reverse accessor."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=editable,
    )


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove an audit event."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    """Audit events are only ever added: bulk updates and deletes are refused."""

    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("Audit events cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit events cannot be removed.")

    def bulk_update(self, objs: Any, fields: Any, batch_size: int | None = None) -> int:
        raise AppendOnlyError("Audit events cannot be changed.")


# On PostgreSQL the database refuses too. The one update allowed is the one Django makes
# itself when a user is deleted: their events keep their name, and the link becomes NULL.
_ONLY_ACTOR_CLEARED = (
    "NEW.actor_id IS NULL AND "
    "(OLD.id, OLD.actor_name, OLD.verb, OLD.content_type_id, OLD.object_id, OLD.object_repr, "
    "OLD.changes, OLD.message, OLD.kind, OLD.created_at) IS NOT DISTINCT FROM "
    "(NEW.id, NEW.actor_name, NEW.verb, NEW.content_type_id, NEW.object_id, NEW.object_repr, "
    "NEW.changes, NEW.message, NEW.kind, NEW.created_at)"
)


class AuditEvent(models.Model):
    """One write: who did what to which object, with each changed field before and after."""

    class Verb(models.TextChoices):
        CREATE = "create", _("skapade")
        UPDATE = "update", _("ändrade")
        DELETE = "delete", _("tog bort")
        GRANT = "grant", _("gav behörighet")
        REVOKE = "revoke", _("tog bort behörighet")
        LOGIN = "login", _("loggade in")
        LOGIN_FAILED = "login_failed", _("misslyckad inloggning")
        TOKEN = "token", _("API-nyckel")
        READ = "read", _("läste personuppgifter")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
    )
    actor_name = models.CharField(_("användarnamn"), max_length=150, blank=True)
    verb = models.CharField(_("händelse"), max_length=16, choices=Verb.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("objekt"), max_length=300)
    changes = models.JSONField(_("ändringar"), default=dict, blank=True)
    message = models.CharField(_("kommentar"), max_length=500, blank=True)
    # The named workflow move this event records, e.g. "report.approve" (core.transitions);
    # empty for plain edits.
    kind = models.CharField(_("typ av händelse"), max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(_("tidpunkt"), auto_now_add=True, db_index=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("händelse i historiken")
        verbose_name_plural = _("historik")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"])]
        triggers = [
            pgtrigger.Protect(
                name="audit_append_only_update",
                operation=pgtrigger.Update,
                condition=pgtrigger.Condition(f"NOT ({_ONLY_ACTOR_CLEARED})"),
            ),
            pgtrigger.Protect(name="audit_append_only_delete", operation=pgtrigger.Delete),
        ]

    def __str__(self) -> str:
        return f"{self.actor_name} {self.get_verb_display()} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit events cannot be removed.")

    @property
    def personal_data(self) -> "AuditPersonalData | None":
        try:
            return self.personal
        except AuditPersonalData.DoesNotExist:
            return None

    @property
    def shown_changes(self) -> dict[str, Any]:
        """Return the changes with their personal values, while these are kept."""
        personal = self.personal_data
        return dict(personal.changes) if personal is not None else dict(self.changes)


class AuditPersonalData(models.Model):
    """The personal values of one audit event, kept apart so that they can be erased.

    The event itself (who, when, what kind of change, which fields) is never changed; when
    a person's data is erased (GDPR), only this row goes.
    """

    event = models.OneToOneField(
        AuditEvent, on_delete=models.CASCADE, primary_key=True, related_name="personal"
    )
    object_repr = models.CharField(_("objekt"), max_length=300, blank=True)
    changes = models.JSONField(_("ändringar"), default=dict, blank=True)

    class Meta:
        verbose_name = _("personuppgifter i historiken")
        verbose_name_plural = _("personuppgifter i historiken")

    def __str__(self) -> str:
        return str(self.event_id)
