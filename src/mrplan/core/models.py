"""Base models and the audit trail shared by every app."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        abstract = True


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
    created_at = models.DateTimeField(_("tidpunkt"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("händelse i historiken")
        verbose_name_plural = _("historik")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.actor_name} {self.get_verb_display()} {self.object_repr}"
