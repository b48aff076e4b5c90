"""Users, their memberships (user × organisation × role) and personal API tokens."""

import hashlib
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mrplan.core.models import TimeStampedModel


class User(AbstractUser):
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    sso_subject = models.CharField(
        _("SSO-identitet"),
        max_length=255,
        unique=True,
        null=True,
        blank=True,
        help_text=_(
            "Det stabila id (till exempel claim sub) som identitetsleverantören ger personen. "
            "Sätts vid första inloggningen med e-legitimation/SSO."
        ),
    )

    class Meta:
        verbose_name = _("användare")
        verbose_name_plural = _("användare")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def save(self, *args: Any, **kwargs: Any) -> None:
        password_changed = getattr(self, "_password", None) is not None and self.pk is not None
        super().save(*args, **kwargs)
        if password_changed:
            # A new password (changed, reset, or set by an administrator) ends every
            # API token, so that a leaked token does not outlive the password it came with.
            from mrplan.accounts.actions import tokens_revoke_all

            tokens_revoke_all(user=self, reason=str(_("Lösenordet byttes")))


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Samordnare")
    ORG_ADMIN = "org_admin", _("Administratör")
    EDITOR = "editor", _("Redaktör")
    APPROVER = "approver", _("Attesterare")
    READER = "reader", _("Läsare")


class Membership(TimeStampedModel):
    """A user's role in one organisation; approvers also carry a title."""

    user = models.ForeignKey(
        User, verbose_name=_("användare"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)
    title = models.CharField(
        _("titel"),
        max_length=120,
        blank=True,
        help_text=_("Till exempel avdelningschef eller stadsdelsdirektör."),
    )

    class Meta:
        verbose_name = _("behörighet")
        verbose_name_plural = _("behörigheter")
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="unique_membership_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}, {self.organisation}"


def hash_token(raw: str) -> str:
    """Return the SHA-256 hex digest under which a token is stored."""
    return hashlib.sha256(raw.encode()).hexdigest()


# How long a new token may live; the user picks one when creating it.
TOKEN_LIFETIME_DAYS = (30, 90, 180, 365)
TOKEN_DEFAULT_LIFETIME_DAYS = 90


class ApiToken(models.Model):
    """A personal API token; only its hash is stored, the token is shown once."""

    class Scope(models.TextChoices):
        READ = "read", _("Bara läsa")
        WRITE = "write", _("Läsa och ändra")

    user = models.ForeignKey(
        User, verbose_name=_("användare"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("namn"), max_length=100)
    prefix = models.CharField(max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    scope = models.CharField(_("behörighet"), max_length=8, choices=Scope.choices, default="read")
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    expires_at = models.DateTimeField(_("giltig till"))
    last_used_at = models.DateTimeField(_("senast använd"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def may_write(self) -> bool:
        return self.scope == self.Scope.WRITE


class SecurityPolicy(TimeStampedModel):
    """City-wide sign-in rules that the coordinator sets (one row)."""

    require_two_factor = models.BooleanField(
        _("kräv tvåstegsverifiering för samordnare, administratörer och attesterare"),
        default=False,
        help_text=_(
            "De får då logga in med lösenord och engångskod från en app, och skickas till "
            "det steget direkt."
        ),
    )

    class Meta:
        verbose_name = _("säkerhetsinställningar")
        verbose_name_plural = _("säkerhetsinställningar")

    def __str__(self) -> str:
        return str(_("Säkerhetsinställningar"))

    @classmethod
    def current(cls) -> "SecurityPolicy":
        """Return the one policy row, creating it with the defaults on first use."""
        policy, _created = cls.objects.get_or_create(pk=1)
        return policy
