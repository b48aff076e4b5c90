"""The knowledge base: datasets of statistics, their observations, and qualitative evidence.

How the models fit together (read this before building on them):

- Dataset: one source of figures (Stockholmsenkäten, Kolada, a dialogue series …) with its
  publisher, method note, licence and update frequency. `is_published` decides whether the
  public (anonymous visitors, the public API) sees it; `is_illustrative` marks demo data that
  must always be shown with ILLUSTRATIVE_LABEL next to it.
- Measure: one figure a dataset holds (name, unit, definition, `direction`: whether higher or
  lower is better; `code`: the source's id, e.g. a Kolada KPI "N00002"; `aggregation`: how
  survey microdata is turned into the figure, a weighted share in per cent or a weighted mean).
- Area: where a figure applies: the city (a Kolada municipality, code "0180"), a district or
  an organisation, optionally linked to organisations.Organisation. The area is the one
  place an organisation's geography is modelled: a district committee's area code lives on
  its Area (`code`, always text, with `code_scheme` naming the code system), changed by
  coordinators through knowledge.actions.area_update.
- Period: a year ("2024") or part of a year ("2024 T1"), with start and end dates; the label is
  unique and is what files name. Order periods by `start`.
- Dimension / DimensionValue: any breakdown (kön, åldersgrupp, målgrupp, form av rasism …).
  A value may carry a `code` used by a source (Kolada gender "K"/"M") and may link to a
  programmes.TargetGroup so evidence can be matched to target groups.
- Observation: one number for measure × area × period × breakdown. The breakdown is the set
  of dimension values in `dimension_values` (empty = total) and, for uniqueness and fast
  filtering, the canonical `breakdown_key` built by `breakdown_key()`: "dimension:value"
  slug pairs sorted by dimension slug and joined by "|" ("" for the total). A suppressed
  observation (too few respondents) has no value and no n: show it as "–" with a note.
- QualitativeRecord / QualitativeFile: dialogues, testimonies and reports summarised (date,
  who was heard, target groups, key findings) with attached files.

Write through mrplan.knowledge.actions only; read through mrplan.knowledge.selectors.
"""

import datetime
import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mrplan.core.models import TimeStampedModel, recorded_user
from mrplan.core.publication import PublishedQuerySet
from mrplan.core.uploads import RandomName

ILLUSTRATIVE_LABEL = _("Illustrativa demodata – inte verkliga siffror")


class DatasetQuerySet(PublishedQuerySet):
    """A dataset is public when it is published."""


class MeasureQuerySet(PublishedQuerySet):
    """A measure is public when its dataset is."""

    @classmethod
    def published_rule(cls, prefix: str = "") -> Q:
        return DatasetQuerySet.published_rule(f"{prefix}dataset__")


class ObservationQuerySet(PublishedQuerySet):
    """An observation is public when its measure is (suppression is applied on top)."""

    @classmethod
    def published_rule(cls, prefix: str = "") -> Q:
        return MeasureQuerySet.published_rule(f"{prefix}measure__")


class Dataset(TimeStampedModel):
    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("adressnamn"), max_length=200, unique=True)
    source = models.CharField(
        _("källa"), max_length=200, help_text=_("Till exempel Stockholmsenkäten eller Kolada.")
    )
    publisher = models.CharField(_("utgivare"), max_length=200, blank=True)
    method_note = models.TextField(_("metodbeskrivning"), blank=True)
    licence = models.CharField(_("licens"), max_length=200, blank=True)
    update_frequency = models.CharField(
        _("uppdateringsfrekvens"), max_length=100, blank=True, help_text=_("Till exempel årligen.")
    )
    is_published = models.BooleanField(
        _("publicerad"), default=False, help_text=_("Publicerade dataset syns för allmänheten.")
    )
    is_illustrative = models.BooleanField(
        _("illustrativa demodata"),
        default=False,
        help_text=_("Markerar påhittade siffror som aldrig får presenteras som verkliga."),
    )

    objects = DatasetQuerySet.as_manager()

    class Meta:
        verbose_name = _("dataset")
        verbose_name_plural = _("dataset")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge-dataset-detail", args=[self.slug])


class Direction(models.TextChoices):
    HIGHER = "higher", _("Högre är bättre")
    LOWER = "lower", _("Lägre är bättre")
    NEUTRAL = "neutral", _("Varken högre eller lägre är bättre")


class Aggregation(models.TextChoices):
    SHARE = "share", _("Andel i procent (viktad)")
    MEAN = "mean", _("Medelvärde (viktat)")


class Measure(TimeStampedModel):
    dataset = models.ForeignKey(
        Dataset, verbose_name=_("dataset"), on_delete=models.CASCADE, related_name="measures"
    )
    name = models.CharField(_("namn"), max_length=300)
    slug = models.SlugField(_("adressnamn"), max_length=200)
    code = models.CharField(
        _("kod i källan"),
        max_length=50,
        blank=True,
        help_text=_("Källans id för måttet, till exempel Koladas nyckeltal N00002."),
    )
    unit = models.CharField(_("enhet"), max_length=50, blank=True)
    definition = models.TextField(_("definition"), blank=True)
    direction = models.CharField(
        _("riktning"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    aggregation = models.CharField(
        _("beräkning från mikrodata"),
        max_length=10,
        choices=Aggregation.choices,
        default=Aggregation.SHARE,
    )

    objects = MeasureQuerySet.as_manager()

    class Meta:
        verbose_name = _("mått")
        verbose_name_plural = _("mått")
        ordering = ["dataset", "name"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "slug"], name="unique_measure_slug"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("knowledge-measure", args=[self.dataset.slug, self.slug])


class AreaKind(models.TextChoices):
    CITY = "city", _("Kommun")
    DISTRICT = "district", _("Stadsdel")
    ORGANISATION = "organisation", _("Organisation")


class Area(TimeStampedModel):
    kind = models.CharField(_("typ"), max_length=16, choices=AreaKind.choices)
    name = models.CharField(_("namn"), max_length=200, unique=True)
    code = models.CharField(
        _("kod"),
        max_length=20,
        blank=True,
        help_text=_("Till exempel kommunkoden 0180 för Stockholm."),
    )
    code_scheme = models.CharField(
        _("kodsystem"),
        max_length=100,
        blank=True,
        help_text=_(
            "Vilket kodsystem koden hör till, till exempel ”SCB kommunkod” eller "
            "”mrplan lokal stadsdelskod”."
        ),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="knowledge_areas",
    )

    class Meta:
        verbose_name = _("område")
        verbose_name_plural = _("områden")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~models.Q(code=""), name="unique_area_code"
            )
        ]

    def __str__(self) -> str:
        return self.name


class PeriodKind(models.TextChoices):
    YEAR = "year", _("År")
    PART_YEAR = "part_year", _("Del av år")


_TERTIALS = {1: (1, 4), 2: (5, 8), 3: (9, 12)}
_HALVES = {1: (1, 6), 2: (7, 12)}
_QUARTERS = {1: (1, 3), 2: (4, 6), 3: (7, 9), 4: (10, 12)}
_PART = re.compile(r"^(\d{4})\s*([THQ])([1-4])$", re.IGNORECASE)


def _month_end(year: int, month: int) -> datetime.date:
    if month == 12:
        return datetime.date(year, 12, 31)
    return datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)


def parse_period_label(label: str) -> tuple[str, str, datetime.date, datetime.date] | None:
    """Return (canonical label, kind, start, end) for "2024", "2024 T1", "2024 H2", "2024 Q3"."""
    text = " ".join(str(label).split())
    if re.fullmatch(r"\d{4}", text) and 1900 <= int(text) <= 2200:
        year = int(text)
        return text, PeriodKind.YEAR, datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    match = _PART.match(text)
    if not match:
        return None
    year, letter, number = int(match[1]), match[2].upper(), int(match[3])
    table = {"T": _TERTIALS, "H": _HALVES, "Q": _QUARTERS}[letter]
    if number not in table or not 1900 <= year <= 2200:
        return None
    first, last = table[number]
    return (
        f"{year} {letter}{number}",
        PeriodKind.PART_YEAR,
        datetime.date(year, first, 1),
        _month_end(year, last),
    )


class Period(models.Model):
    label = models.CharField(_("benämning"), max_length=40, unique=True)
    kind = models.CharField(_("typ"), max_length=16, choices=PeriodKind.choices)
    start = models.DateField(_("från och med"))
    end = models.DateField(_("till och med"))

    class Meta:
        verbose_name = _("period")
        verbose_name_plural = _("perioder")
        ordering = ["start", "end"]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("Perioden kan inte sluta innan den börjar.")})


class Dimension(models.Model):
    """A way to break figures down: kön, åldersgrupp, målgrupp, form av rasism …"""

    name = models.CharField(_("namn"), max_length=100, unique=True)
    slug = models.SlugField(_("adressnamn"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("indelning")
        verbose_name_plural = _("indelningar")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class DimensionValue(models.Model):
    dimension = models.ForeignKey(
        Dimension, verbose_name=_("indelning"), on_delete=models.CASCADE, related_name="values"
    )
    label = models.CharField(_("benämning"), max_length=150)
    slug = models.SlugField(_("adressnamn"), max_length=150)
    code = models.CharField(
        _("kod i källan"), max_length=20, blank=True, help_text=_("Till exempel K för kvinnor.")
    )
    target_group = models.ForeignKey(
        "programmes.TargetGroup",
        verbose_name=_("målgrupp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dimension_values",
    )
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("indelningsvärde")
        verbose_name_plural = _("indelningsvärden")
        ordering = ["dimension", "position", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "slug"], name="unique_dimension_value_slug"
            ),
            models.UniqueConstraint(
                fields=["dimension", "label"], name="unique_dimension_value_label"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dimension}: {self.label}"


def breakdown_key(pairs: Iterable[tuple[str, str]]) -> str:
    """Return the canonical key of a breakdown given (dimension slug, value slug) pairs."""
    return "|".join(f"{dimension}:{value}" for dimension, value in sorted(pairs))


class Observation(models.Model):
    measure = models.ForeignKey(
        Measure, verbose_name=_("mått"), on_delete=models.CASCADE, related_name="observations"
    )
    area = models.ForeignKey(
        Area, verbose_name=_("område"), on_delete=models.PROTECT, related_name="observations"
    )
    period = models.ForeignKey(
        Period, verbose_name=_("period"), on_delete=models.PROTECT, related_name="observations"
    )
    dimension_values = models.ManyToManyField(
        DimensionValue, verbose_name=_("indelning"), blank=True, related_name="observations"
    )
    breakdown_key = models.CharField(_("indelningsnyckel"), max_length=500, blank=True)
    value = models.FloatField(_("värde"), null=True, blank=True)
    count = models.PositiveIntegerField(_("antal (n)"), null=True, blank=True)
    ci_low = models.FloatField(_("konfidensintervall, nedre"), null=True, blank=True)
    ci_high = models.FloatField(_("konfidensintervall, övre"), null=True, blank=True)
    suppressed = models.BooleanField(
        _("undertryckt"),
        default=False,
        help_text=_("Visas inte eftersom gruppen är för liten."),
    )

    objects = ObservationQuerySet.as_manager()

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observationer")
        ordering = ["measure", "period__start", "area__name", "breakdown_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "area", "period", "breakdown_key"],
                name="unique_observation",
            )
        ]
        indexes = [models.Index(fields=["measure", "period"])]

    def __str__(self) -> str:
        return f"{self.measure} {self.area} {self.period} {self.breakdown_key or '–'}"

    def clean(self) -> None:
        if self.suppressed and (self.value is not None or self.count is not None):
            raise ValidationError(_("En undertryckt observation får inte ha värde eller antal."))
        if not self.suppressed and self.value is None:
            raise ValidationError({"value": _("Värdet måste anges.")})
        if self.ci_low is not None and self.ci_high is not None and self.ci_low > self.ci_high:
            raise ValidationError(
                {"ci_low": _("Konfidensintervallets nedre gräns är större än den övre.")}
            )


class QualitativeRecord(TimeStampedModel):
    """A dialogue, testimony or report summarised as evidence."""

    date = models.DateField(_("datum"))
    title = models.CharField(_("rubrik"), max_length=200)
    heard = models.TextField(
        _("vilka som hördes"), help_text=_("Till exempel unga i Järva, tolv deltagare.")
    )
    target_groups = models.ManyToManyField(
        "programmes.TargetGroup",
        verbose_name=_("målgrupper"),
        blank=True,
        related_name="qualitative_records",
    )
    key_findings = models.TextField(_("viktigaste iakttagelser"))
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="qualitative_records",
    )
    created_by = recorded_user(_("skapad av"))

    class Meta:
        verbose_name = _("kvalitativt underlag")
        verbose_name_plural = _("kvalitativa underlag")
        ordering = ["-date", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge-record-detail", args=[self.pk])


class QualitativeFile(TimeStampedModel):
    record = models.ForeignKey(
        QualitativeRecord,
        verbose_name=_("underlag"),
        on_delete=models.CASCADE,
        related_name="files",
    )
    file = models.FileField(_("fil"), upload_to=RandomName("knowledge/records/%Y/"))
    name = models.CharField(_("filnamn"), max_length=200)

    class Meta:
        verbose_name = _("fil")
        verbose_name_plural = _("filer")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class EvidenceLink(TimeStampedModel):
    """Evidence behind a planning goal, activity or indicator: a measure or a qualitative record.

    Exactly one of goal/activity/indicator is set (the thing that rests on the evidence) and
    exactly one of measure/record (the evidence). Written through knowledge.evidence only.
    """

    goal = models.ForeignKey(
        "planning.Goal",
        verbose_name=_("mål"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="evidence_links",
    )
    activity = models.ForeignKey(
        "planning.Activity",
        verbose_name=_("aktivitet"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="evidence_links",
    )
    indicator = models.ForeignKey(
        "planning.Indicator",
        verbose_name=_("indikator"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="evidence_links",
    )
    measure = models.ForeignKey(
        Measure,
        verbose_name=_("mått"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="evidence_links",
    )
    record = models.ForeignKey(
        QualitativeRecord,
        verbose_name=_("kvalitativt underlag"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="evidence_links",
    )
    note = models.CharField(
        _("kommentar"),
        max_length=300,
        blank=True,
        help_text=_("Vad underlaget visar för just det här målet."),
    )
    created_by = recorded_user(_("kopplad av"))

    class Meta:
        verbose_name = _("koppling till kunskapsunderlag")
        verbose_name_plural = _("kopplingar till kunskapsunderlag")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(goal__isnull=False, activity__isnull=True, indicator__isnull=True)
                    | models.Q(goal__isnull=True, activity__isnull=False, indicator__isnull=True)
                    | models.Q(goal__isnull=True, activity__isnull=True, indicator__isnull=False)
                ),
                name="evidence_link_one_target",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(measure__isnull=False, record__isnull=True)
                    | models.Q(measure__isnull=True, record__isnull=False)
                ),
                name="evidence_link_one_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target} ← {self.evidence}"

    @property
    def target(self) -> Any:
        return self.goal or self.activity or self.indicator

    @property
    def evidence(self) -> Any:
        return self.measure or self.record

    def clean(self) -> None:
        targets = [self.goal_id, self.activity_id, self.indicator_id]
        if sum(item is not None for item in targets) != 1:
            raise ValidationError(_("Välj ett mål, en aktivitet eller en indikator."))
        if (self.measure_id is None) == (self.record_id is None):
            raise ValidationError(_("Välj ett mått eller ett kvalitativt underlag."))
        lookup: dict[str, Any] = {
            "goal_id": self.goal_id,
            "activity_id": self.activity_id,
            "indicator_id": self.indicator_id,
            "measure_id": self.measure_id,
            "record_id": self.record_id,
        }
        duplicate = EvidenceLink.objects.filter(**lookup).exclude(pk=self.pk)
        if duplicate.exists():
            raise ValidationError(_("Underlaget är redan kopplat."))


class IndicatorSource(TimeStampedModel):
    """An indicator that takes its values from a measure: one area, one breakdown cell.

    The measure's values are shown next to the indicator on the plan (the plan's reported
    values are not overwritten: reports stay what the organisation itself reported).
    """

    indicator = models.OneToOneField(
        "planning.Indicator",
        verbose_name=_("indikator"),
        on_delete=models.CASCADE,
        related_name="knowledge_source",
    )
    measure = models.ForeignKey(
        Measure, verbose_name=_("mått"), on_delete=models.CASCADE, related_name="indicator_sources"
    )
    area = models.ForeignKey(
        Area, verbose_name=_("område"), on_delete=models.PROTECT, related_name="indicator_sources"
    )
    breakdown_key = models.CharField(_("indelningsnyckel"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("indikatorns källa")
        verbose_name_plural = _("indikatorernas källor")

    def __str__(self) -> str:
        return f"{self.indicator} ← {self.measure} ({self.area})"


class MicrodataBatch(models.Model):
    """Raw survey microdata kept after a confirmed import, only when KNOWLEDGE_KEEP_MICRODATA.

    The respondents' rows are stored gzip-compressed as CSV in `rows` (in the database, never
    under MEDIA_ROOT, so no URL can serve them). They are never shown, exported or offered by
    the API: coordinators see only that a batch exists (row count, date) and may delete it.
    """

    dataset = models.ForeignKey(
        Dataset,
        verbose_name=_("dataset"),
        on_delete=models.CASCADE,
        related_name="microdata_batches",
    )
    measure = models.ForeignKey(
        Measure,
        verbose_name=_("mått"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="microdata_batches",
    )
    uploaded_by = recorded_user(_("uppladdad av"))
    uploaded_at = models.DateTimeField(_("uppladdad"), auto_now_add=True)
    row_count = models.PositiveIntegerField(_("antal rader"))
    rows = models.BinaryField(_("rader (komprimerade)"), editable=False)

    class Meta:
        verbose_name = _("sparade mikrodata")
        verbose_name_plural = _("sparade mikrodata")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return str(
            _("Mikrodata för %(dataset)s, %(rows)d rader")
            % {"dataset": self.dataset, "rows": self.row_count}
        )
