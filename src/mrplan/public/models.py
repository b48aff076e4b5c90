"""Models of the public site: the coordinator's publication rules."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mrplan.core.models import TimeStampedModel


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
