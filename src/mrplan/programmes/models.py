"""The steering structure: programme → focus areas and action plans → development areas."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mrplan.core.models import TimeStampedModel
from mrplan.core.publication import PublishedQuerySet


class Status(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    ON_CONSULTATION = "on_consultation", _("På remiss")
    ADOPTED = "adopted", _("Antagen")
    REPLACED = "replaced", _("Ersatt")


class ProgrammeQuerySet(PublishedQuerySet):
    """A programme is public when it is published."""


class ActionPlanQuerySet(PublishedQuerySet):
    """An action plan is public when it and its programme are published."""

    @classmethod
    def published_rule(cls, prefix: str = "") -> Q:
        return Q(**{f"{prefix}is_published": True}) & ProgrammeQuerySet.published_rule(
            f"{prefix}programme__"
        )


class FocusAreaQuerySet(PublishedQuerySet):
    """A focus area is public when its programme is."""

    @classmethod
    def published_rule(cls, prefix: str = "") -> Q:
        return ProgrammeQuerySet.published_rule(f"{prefix}programme__")


class DevelopmentAreaQuerySet(PublishedQuerySet):
    """A development area is public when its action plan is."""

    @classmethod
    def published_rule(cls, prefix: str = "") -> Q:
        return ActionPlanQuerySet.published_rule(f"{prefix}action_plan__")


class CityActivityQuerySet(PublishedQuerySet):
    """A city activity is public when its development area is."""

    @classmethod
    def published_rule(cls, prefix: str = "") -> Q:
        return DevelopmentAreaQuerySet.published_rule(f"{prefix}development_area__")


class SteeringDocument(TimeStampedModel):
    """What a programme and an action plan share: a text whose status is decided elsewhere
    (KS, KF), that a coordinator publishes, valid for a period."""

    title = models.CharField(_("titel"), max_length=300)
    slug = models.SlugField(_("adressnamn"), max_length=200, unique=True)
    goal = models.TextField(_("mål"), blank=True)
    summary = models.TextField(_("sammanfattning"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    is_published = models.BooleanField(
        _("publicerad"),
        default=False,
        help_text=_("Publicerat innehåll visas för alla, även utan inloggning."),
    )
    valid_from = models.DateField(_("gäller från"), null=True, blank=True)
    valid_until = models.DateField(_("gäller till"), null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError(
                {"valid_until": _("Slutdatumet kan inte ligga före startdatumet.")}
            )


class Programme(SteeringDocument):
    short_title = models.CharField(_("kort titel"), max_length=100, blank=True)
    adopted_by = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("antaget av"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adopted_programmes",
    )
    adopted_on = models.DateField(_("antaget den"), null=True, blank=True)
    replaces = models.ManyToManyField(
        "self",
        verbose_name=_("ersätter"),
        symmetrical=False,
        blank=True,
        related_name="replaced_by",
    )

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("program")
        ordering = ["-valid_from", "title"]

    def get_absolute_url(self) -> str:
        return reverse("programmes-programme-detail", args=[self.slug])

    def clean(self) -> None:
        super().clean()
        if self.status == Status.ADOPTED and not self.adopted_on:
            raise ValidationError({"adopted_on": _("Ange när programmet antogs.")})


class FocusArea(TimeStampedModel):
    programme = models.ForeignKey(
        Programme, verbose_name=_("program"), on_delete=models.CASCADE, related_name="focus_areas"
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)

    objects = FocusAreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("fokusområde")
        verbose_name_plural = _("fokusområden")
        ordering = ["programme", "position", "title"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "title"], name="unique_focus_area_title")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{self.programme.get_absolute_url()}#fokusomrade-{self.pk}"


class TargetGroupCategory(models.TextChoices):
    GROUND = "ground", _("Diskrimineringsgrund")
    NATIONAL_MINORITY = "national_minority", _("Nationell minoritet")
    FORM_OF_RACISM = "form_of_racism", _("Form av rasism")
    AGE = "age", _("Ålder och livsskede")
    OTHER = "other", _("Övrig målgrupp")


class TargetGroup(TimeStampedModel):
    """A target group or ground of discrimination; an editable taxonomy."""

    name = models.CharField(_("namn"), max_length=150, unique=True)
    slug = models.SlugField(_("adressnamn"), max_length=150, unique=True)
    category = models.CharField(_("kategori"), max_length=32, choices=TargetGroupCategory.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("överordnad målgrupp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    description = models.TextField(_("beskrivning"), blank=True)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("målgrupp")
        verbose_name_plural = _("målgrupper")
        ordering = ["category", "position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"{reverse('programmes-target-group-list')}#malgrupp-{self.slug}"


class SdgGoal(models.Model):
    """One of the 17 goals of Agenda 2030."""

    number = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)

    class Meta:
        verbose_name = _("globalt mål")
        verbose_name_plural = _("globala mål")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class SdgTarget(models.Model):
    goal = models.ForeignKey(
        SdgGoal, verbose_name=_("mål"), on_delete=models.CASCADE, related_name="targets"
    )
    code = models.CharField(_("delmål"), max_length=8, unique=True)
    title = models.CharField(_("titel"), max_length=200, blank=True)
    text = models.TextField(_("text"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("delmål")
        verbose_name_plural = _("delmål")
        ordering = ["goal__number", "position"]

    def __str__(self) -> str:
        return f"{self.code} {self.title or self.text[:60]}"


class ActionPlan(SteeringDocument):
    programme = models.ForeignKey(
        Programme, verbose_name=_("program"), on_delete=models.CASCADE, related_name="action_plans"
    )
    special_focus = models.ManyToManyField(
        TargetGroup,
        verbose_name=_("särskilt fokus"),
        blank=True,
        related_name="focused_by_action_plans",
    )
    sdg_targets = models.ManyToManyField(
        SdgTarget, verbose_name=_("delmål i Agenda 2030"), blank=True, related_name="action_plans"
    )
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)

    objects = ActionPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("handlingsplan")
        verbose_name_plural = _("handlingsplaner")
        ordering = ["programme", "position", "title"]

    def get_absolute_url(self) -> str:
        return reverse("programmes-action-plan-detail", args=[self.slug])


class DevelopmentArea(TimeStampedModel):
    action_plan = models.ForeignKey(
        ActionPlan,
        verbose_name=_("handlingsplan"),
        on_delete=models.CASCADE,
        related_name="development_areas",
    )
    title = models.CharField(_("titel"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    focus_areas = models.ManyToManyField(
        FocusArea,
        verbose_name=_("svarar mot fokusområden"),
        related_name="development_areas",
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("målgrupper"), blank=True, related_name="development_areas"
    )
    sdg_targets = models.ManyToManyField(
        SdgTarget,
        verbose_name=_("delmål i Agenda 2030"),
        blank=True,
        related_name="development_areas",
    )
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)

    objects = DevelopmentAreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("utvecklingsområde")
        verbose_name_plural = _("utvecklingsområden")
        ordering = ["action_plan", "position", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programmes-development-area-detail", args=[self.pk])


class CityActivity(TimeStampedModel):
    """An activity the action plan itself names for a development area."""

    development_area = models.ForeignKey(
        DevelopmentArea,
        verbose_name=_("utvecklingsområde"),
        on_delete=models.CASCADE,
        related_name="city_activities",
    )
    title = models.CharField(_("titel"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    responsible = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("ansvarig"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="city_activities",
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("målgrupper"), blank=True, related_name="city_activities"
    )
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)

    objects = CityActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("stadsgemensam aktivitet")
        verbose_name_plural = _("stadsgemensamma aktiviteter")
        ordering = ["development_area", "position", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        url = reverse("programmes-development-area-detail", args=[self.development_area_id])
        return f"{url}#aktivitet-{self.pk}"
