"""The city's organisations (nämnder, bolagsstyrelser, förvaltningar) and their departments."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mrplan.core.models import TimeStampedModel


class OrganisationKind(models.TextChoices):
    COUNCIL = "council", _("Kommunfullmäktige")
    EXECUTIVE_BOARD = "executive_board", _("Kommunstyrelse")
    COORDINATING_OFFICE = "coordinating_office", _("Samordnande kontor")
    DISTRICT_COMMITTEE = "district_committee", _("Stadsdelsnämnd")
    SPECIALIST_COMMITTEE = "specialist_committee", _("Facknämnd")
    COMPANY_BOARD = "company_board", _("Bolagsstyrelse")
    ADMINISTRATION = "administration", _("Förvaltning")


class Organisation(TimeStampedModel):
    name = models.CharField(_("namn"), max_length=200, unique=True)
    short_name = models.CharField(_("kortnamn"), max_length=40, blank=True)
    slug = models.SlugField(_("adressnamn"), max_length=200, unique=True)
    kind = models.CharField(_("typ"), max_length=32, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("hör till"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("En förvaltning hör till sin nämnd."),
    )
    diary_prefix = models.CharField(
        _("diarieprefix"),
        max_length=12,
        blank=True,
        help_text=_("Används i diarienummer, till exempel ”HÄ” i HÄ 2024/689."),
    )
    description = models.TextField(_("beskrivning"), blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    address = models.CharField(_("postadress"), max_length=300, blank=True)
    website = models.URLField(_("webbplats"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["diary_prefix"],
                condition=~models.Q(diary_prefix=""),
                name="unique_diary_prefix",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations-detail", args=[self.slug])

    def clean(self) -> None:
        if self.kind == OrganisationKind.ADMINISTRATION and self.parent is None:
            raise ValidationError({"parent": _("En förvaltning måste höra till en nämnd.")})
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("En organisation kan inte höra till sig själv.")})
        self.diary_prefix = self.diary_prefix.strip()


class Department(TimeStampedModel):
    """An avdelning within an organisation."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="departments",
    )
    name = models.CharField(_("namn"), max_length=200)

    class Meta:
        verbose_name = _("avdelning")
        verbose_name_plural = _("avdelningar")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_department_name")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations-detail", args=[self.organisation.slug]) + "#avdelningar"
