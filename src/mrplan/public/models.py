"""Models of the public site: publication rules, easy-read summaries, accessibility reports."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mrplan.core.models import TimeStampedModel

if TYPE_CHECKING:
    from mrplan.programmes.models import ActionPlan, Programme


class RuleKind(models.TextChoices):
    APPROVED_REPORTS = "approved_reports", _("Godkända rapporter publiceras automatiskt")
    PLANS_WITH_APPROVED_REPORT = (
        "plans_with_approved_report",
        _(
            "Organisationens mål, aktiviteter och indikatorer publiceras när en rapport "
            "om dem godkänns"
        ),
    )


class PublicationRule(TimeStampedModel):
    """A rule the coordinator switches on or off; at most one row per kind."""

    kind = models.CharField(_("regel"), max_length=40, choices=RuleKind.choices, unique=True)
    enabled = models.BooleanField(_("på"), default=False)

    class Meta:
        verbose_name = _("publiceringsregel")
        verbose_name_plural = _("publiceringsregler")
        ordering = ["kind"]

    def __str__(self) -> str:
        return str(self.get_kind_display())

    def get_absolute_url(self) -> str:
        return reverse("public-publication")


# -- pages: easy-read summaries and accessibility reports --


class EasyReadKind(models.TextChoices):
    """What an easy-read summary is about; the values are the URL's <kind>."""

    PROGRAMME = "program", _("Program")
    ACTION_PLAN = "handlingsplan", _("Handlingsplan")


class EasyReadSummary(models.Model):
    """A summary in easy Swedish (lättläst) of a programme or of an action plan."""

    programme = models.OneToOneField(
        "programmes.Programme",
        verbose_name=_("program"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="easy_read",
    )
    action_plan = models.OneToOneField(
        "programmes.ActionPlan",
        verbose_name=_("handlingsplan"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="easy_read",
    )
    text = models.TextField(_("lättläst text"))
    language = models.CharField(_("språk"), max_length=8, default="sv")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ändrad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        verbose_name = _("lättläst sammanfattning")
        verbose_name_plural = _("lättlästa sammanfattningar")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(programme__isnull=False, action_plan__isnull=True)
                    | models.Q(programme__isnull=True, action_plan__isnull=False)
                ),
                name="easy_read_about_one_thing",
            )
        ]

    def __str__(self) -> str:
        return str(_("Lättläst: %(title)s") % {"title": self.target})

    def get_absolute_url(self) -> str:
        return reverse("public-easy-read", args=[self.kind, self.target.slug])

    @property
    def target(self) -> "Programme | ActionPlan":
        """Return the programme or action plan the summary is about."""
        return self.programme if self.programme is not None else self.action_plan  # type: ignore[return-value]

    @property
    def kind(self) -> str:
        return EasyReadKind.PROGRAMME if self.programme_id else EasyReadKind.ACTION_PLAN


class AccessibilityReport(models.Model):
    """A visitor's report of an accessibility problem on the site."""

    page_url = models.CharField(_("sidans adress"), max_length=500)
    description = models.TextField(_("beskrivning av problemet"))
    email = models.EmailField(_("e-postadress"), blank=True)
    created_at = models.DateTimeField(_("inkommen"), auto_now_add=True)

    class Meta:
        verbose_name = _("rapport om tillgänglighetsproblem")
        verbose_name_plural = _("rapporter om tillgänglighetsproblem")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return str(_("Tillgänglighetsproblem på %(url)s") % {"url": self.page_url[:80]})
