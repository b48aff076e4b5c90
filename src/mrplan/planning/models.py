"""Each organisation's plan (goals, activities, indicators) and its period reports.

The planning cycle is a year with reporting periods (VP, T1, T2, VB in Stockholm). Goals
and activities belong to an organisation and a year; a report is one organisation's
follow-up of one action plan in one period.
"""

import datetime
import secrets
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from mrplan.core.models import TimeStampedModel, recorded_user
from mrplan.core.publication import PublishedQuerySet

FIRST_YEAR = 2000
LAST_YEAR = 2100


def validate_sane_date(value: datetime.date | None) -> None:
    """Refuse a date before FIRST_YEAR or after LAST_YEAR (a typo such as 1900 or 2999)."""
    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(
            _("Ange ett datum mellan %(first)s och %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR},
            code="date_range",
        )


def _year_field(verbose_name: Any, **kwargs: Any) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        verbose_name,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
        **kwargs,
    )


class PlanningYear(TimeStampedModel):
    """A year of the planning cycle, with its reporting periods."""

    year = _year_field(_("år"), unique=True)

    class Meta:
        verbose_name = _("planeringsår")
        verbose_name_plural = _("planeringsår")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)

    def get_absolute_url(self) -> str:
        return reverse("planning-year-list") + f"#ar-{self.year}"


class PeriodStatus(models.TextChoices):
    OPEN = "open", _("Öppen")
    CLOSED = "closed", _("Stängd")


class ReportingPeriod(TimeStampedModel):
    """A point in the year when organisations report: verksamhetsplan, tertial, bokslut."""

    planning_year = models.ForeignKey(
        PlanningYear,
        verbose_name=_("planeringsår"),
        on_delete=models.CASCADE,
        related_name="periods",
    )
    code = models.CharField(_("kod"), max_length=8, help_text=_("Till exempel T1."))
    name = models.CharField(_("namn"), max_length=100)
    deadline = models.DateField(_("sista dag"))
    status = models.CharField(
        _("status"), max_length=8, choices=PeriodStatus.choices, default=PeriodStatus.OPEN
    )
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("rapportperiod")
        verbose_name_plural = _("rapportperioder")
        ordering = ["planning_year__year", "position", "deadline"]
        constraints = [
            models.UniqueConstraint(fields=["planning_year", "code"], name="unique_period_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.planning_year.year}"

    def get_absolute_url(self) -> str:
        return self.planning_year.get_absolute_url()

    @property
    def is_open(self) -> bool:
        return self.status == PeriodStatus.OPEN


class GoalQuerySet(PublishedQuerySet):
    """A goal is public when it is published (publishing follows the approved reports)."""


class ActivityQuerySet(PublishedQuerySet):
    """An activity is public when it is published. Its status and progress are public only
    through the updates of public reports (`ActivityUpdateQuerySet`)."""


class IndicatorQuerySet(PublishedQuerySet):
    """An indicator is public when it and its goal are published (it never shows alone)."""

    @classmethod
    def published_rule(cls, prefix: str = "") -> Q:
        return Q(**{f"{prefix}is_published": True}) & GoalQuerySet.published_rule(f"{prefix}goal__")


class ReportQuerySet(PublishedQuerySet):
    """A report is public when it is approved and published; a reopened report (back to
    draft or returned) is hidden again even before it is unpublished."""

    @classmethod
    def published_rule(cls, prefix: str = "") -> Q:
        return Q(**{f"{prefix}status": ReportStatus.APPROVED, f"{prefix}is_published": True})


class ActivityUpdateQuerySet(PublishedQuerySet):
    """An activity's update is public when its report and its activity are."""

    @classmethod
    def published_rule(cls, prefix: str = "") -> Q:
        return ReportQuerySet.published_rule(f"{prefix}report__") & (
            ActivityQuerySet.published_rule(f"{prefix}activity__")
        )


class IndicatorValueQuerySet(PublishedQuerySet):
    """An indicator's value is public when its report and its indicator are."""

    @classmethod
    def published_rule(cls, prefix: str = "") -> Q:
        return ReportQuerySet.published_rule(f"{prefix}report__") & (
            IndicatorQuerySet.published_rule(f"{prefix}indicator__")
        )


class GoalAnalysisQuerySet(PublishedQuerySet):
    """A goal's analysis is public when its report and its goal are."""

    @classmethod
    def published_rule(cls, prefix: str = "") -> Q:
        return ReportQuerySet.published_rule(f"{prefix}report__") & (
            GoalQuerySet.published_rule(f"{prefix}goal__")
        )


class Goal(TimeStampedModel):
    """A nämndmål: an organisation's own goal for a year, tied to the action plans."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="planning_goals",
    )
    planning_year = models.ForeignKey(
        PlanningYear, verbose_name=_("år"), on_delete=models.PROTECT, related_name="goals"
    )
    title = models.CharField(_("titel"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    development_areas = models.ManyToManyField(
        "programmes.DevelopmentArea",
        verbose_name=_("utvecklingsområden"),
        blank=True,
        related_name="planning_goals",
    )
    target_groups = models.ManyToManyField(
        "programmes.TargetGroup",
        verbose_name=_("målgrupper"),
        blank=True,
        related_name="planning_goals",
    )
    sdg_targets = models.ManyToManyField(
        "programmes.SdgTarget",
        verbose_name=_("delmål i Agenda 2030"),
        blank=True,
        related_name="planning_goals",
    )
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    is_published = models.BooleanField(_("publicerad"), default=False, editable=False)
    published_at = models.DateTimeField(_("publicerad den"), null=True, blank=True, editable=False)

    objects = GoalQuerySet.as_manager()

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["organisation", "planning_year", "position", "title"]
        indexes = [
            # As for activities: the city-wide view's lookups per organisation and year.
            models.Index(fields=["planning_year", "organisation"], name="planning_goal_year_org"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{plan_url(self.organisation.slug, self.planning_year.year)}#mal-{self.pk}"


def plan_url(slug: str, year: int) -> str:
    """Return the URL of an organisation's plan for a year."""
    return reverse("planning-plan", args=[slug, year])


class ActivityStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Ej påbörjad")
    ONGOING = "ongoing", _("Pågår")
    COMPLETED = "completed", _("Genomförd")
    DELAYED = "delayed", _("Försenad")
    CANCELLED = "cancelled", _("Inställd")


def validate_status_and_progress(status: str, progress: int | None) -> None:
    """Refuse a progress that contradicts the status."""
    if progress is None:
        return
    if status == ActivityStatus.COMPLETED and progress != 100:
        raise ValidationError(
            {"progress": _("En genomförd aktivitet ska ha framdriften 100 procent.")}
        )
    if status == ActivityStatus.NOT_STARTED and progress != 0:
        raise ValidationError(
            {"progress": _("En aktivitet som inte är påbörjad ska ha framdriften 0 procent.")}
        )


PROGRESS_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]


class Activity(TimeStampedModel):
    """Something an organisation does: under a goal, a development area or a city activity."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="planning_activities",
    )
    planning_year = models.ForeignKey(
        PlanningYear, verbose_name=_("år"), on_delete=models.PROTECT, related_name="activities"
    )
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("mål"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
    )
    development_area = models.ForeignKey(
        "programmes.DevelopmentArea",
        verbose_name=_("utvecklingsområde"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="planning_activities",
    )
    city_activity = models.ForeignKey(
        "programmes.CityActivity",
        verbose_name=_("stadsgemensam aktivitet"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="planning_activities",
    )
    title = models.CharField(_("titel"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    responsible_department = models.ForeignKey(
        "organisations.Department",
        verbose_name=_("ansvarig avdelning"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="planning_activities",
    )
    start_date = models.DateField(_("startdatum"), null=True, blank=True)
    end_date = models.DateField(_("slutdatum"), null=True, blank=True)
    # A reported value, not a workflow: no TransitionTable. It says how the work stands (an
    # editor may report "delayed" after "completed" to correct a mistake, or any status after
    # any other), nobody acts on it in turn and no move may be refused; what must hold is
    # checked by validate_status_and_progress (e.g. completed means 100 %).
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ActivityStatus.choices,
        default=ActivityStatus.NOT_STARTED,
    )
    progress = models.PositiveSmallIntegerField(
        _("framdrift (%)"), default=0, validators=PROGRESS_VALIDATORS
    )
    weight = models.PositiveSmallIntegerField(
        _("vikt"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Hur mycket aktiviteten väger när målets framdrift räknas ihop (1–100)."),
    )
    target_groups = models.ManyToManyField(
        "programmes.TargetGroup",
        verbose_name=_("målgrupper"),
        blank=True,
        related_name="planning_activities",
    )
    # Raised by every save through the actions; a form carries the value it was opened with.
    version = models.PositiveIntegerField(default=1, editable=False)
    is_published = models.BooleanField(_("publicerad"), default=False, editable=False)
    published_at = models.DateTimeField(_("publicerad den"), null=True, blank=True, editable=False)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        ordering = ["organisation", "planning_year", "title"]
        indexes = [
            # The public site reads a year's published activities (the target-group matrix,
            # the years that have any); most of a year's activities are not published, so
            # the plain planning-year index walks thousands of rows before the first one.
            models.Index(
                fields=["planning_year", "organisation"],
                condition=Q(is_published=True),
                name="activity_published_year_org",
            ),
            # The city-wide view reads a year's activities of a page of organisations, and
            # asks per organisation whether it has any in the year (docs/performance.md).
            models.Index(
                fields=["planning_year", "organisation"], name="planning_activity_year_org"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{plan_url(self.organisation.slug, self.planning_year.year)}#aktivitet-{self.pk}"

    def clean(self) -> None:
        errors: dict[str, list[Any]] = {}
        if not (self.goal_id or self.development_area_id or self.city_activity_id):
            errors.setdefault("goal", []).append(
                _(
                    "Koppla aktiviteten till ett mål, ett utvecklingsområde "
                    "eller en stadsgemensam aktivitet."
                )
            )
        if self.goal_id and self.goal is not None:
            if self.goal.organisation_id != self.organisation_id:
                errors.setdefault("goal", []).append(_("Målet hör till en annan organisation."))
            elif self.goal.planning_year_id != self.planning_year_id:
                errors.setdefault("goal", []).append(_("Målet hör till ett annat år."))
        if (
            self.city_activity_id
            and self.development_area_id
            and self.city_activity is not None
            and self.city_activity.development_area_id != self.development_area_id
        ):
            errors.setdefault("city_activity", []).append(
                _("Den stadsgemensamma aktiviteten hör till ett annat utvecklingsområde.")
            )
        if (
            self.responsible_department_id
            and self.responsible_department is not None
            and self.responsible_department.organisation_id != self.organisation_id
        ):
            errors.setdefault("responsible_department", []).append(
                _("Avdelningen hör inte till organisationen.")
            )
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors.setdefault("end_date", []).append(
                _("Slutdatumet kan inte ligga före startdatumet.")
            )
        for name in ("start_date", "end_date"):
            try:
                validate_sane_date(getattr(self, name))
            except ValidationError as error:
                errors.setdefault(name, []).extend(error.messages)
        year = self.planning_year.year if self.planning_year_id else None
        # An activity may run over a year end, but it must run during its planning year.
        outside = _("Aktiviteten måste pågå under planeringsåret %(year)s.") % {"year": year}
        if year and self.start_date and self.start_date.year > year:
            errors.setdefault("start_date", []).append(outside)
        elif year and self.end_date and self.end_date.year < year:
            errors.setdefault("end_date", []).append(outside)
        try:
            validate_status_and_progress(self.status, self.progress)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                errors.setdefault(name, []).extend(messages)
        if errors:
            raise ValidationError(errors)


class Milestone(TimeStampedModel):
    activity = models.ForeignKey(
        Activity, verbose_name=_("aktivitet"), on_delete=models.CASCADE, related_name="milestones"
    )
    date = models.DateField(_("datum"))
    title = models.CharField(_("titel"), max_length=300)
    done = models.BooleanField(_("klar"), default=False)

    class Meta:
        verbose_name = _("delmål")
        verbose_name_plural = _("delmål")
        ordering = ["date", "title"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.title}"

    def clean(self) -> None:
        try:
            validate_sane_date(self.date)
        except ValidationError as error:
            raise ValidationError({"date": error.messages}) from None


class Direction(models.TextChoices):
    HIGHER = "higher", _("Högre är bättre")
    LOWER = "lower", _("Lägre är bättre")


VALUE_OPTIONS: dict[str, object] = {"max_digits": 14, "decimal_places": 2}
# Units that make an indicator a share in percent, so that its values lie in 0–100.
PERCENT_UNITS = frozenset({"%", "procent", "percent", "andel (%)"})


class Indicator(TimeStampedModel):
    """How a goal is measured: a baseline, a target and, optionally, a breakdown."""

    goal = models.ForeignKey(
        Goal, verbose_name=_("mål"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("namn"), max_length=300)
    unit = models.CharField(
        _("enhet"), max_length=40, blank=True, help_text=_("Till exempel procent eller antal.")
    )
    direction = models.CharField(
        _("riktning"), max_length=8, choices=Direction.choices, default=Direction.HIGHER
    )
    baseline_value = models.DecimalField(
        _("utgångsvärde"),
        null=True,
        blank=True,
        **VALUE_OPTIONS,  # type: ignore[arg-type]
    )
    baseline_year = _year_field(_("utgångsår"), null=True, blank=True)
    target_value = models.DecimalField(
        _("målvärde"),
        null=True,
        blank=True,
        **VALUE_OPTIONS,  # type: ignore[arg-type]
    )
    target_year = _year_field(_("målår"), null=True, blank=True)
    breakdown_dimension = models.CharField(
        _("uppdelning"),
        max_length=60,
        blank=True,
        help_text=_("Till exempel kön eller åldersgrupp. Lämna tomt om värdet inte delas upp."),
    )
    breakdown_categories = models.JSONField(_("kategorier"), default=list, blank=True)
    decimals = models.PositiveSmallIntegerField(
        _("antal decimaler"),
        default=2,
        validators=[MaxValueValidator(2)],
        help_text=_("Hur många decimaler värdena visas med, 0–2."),
    )
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    is_published = models.BooleanField(_("publicerad"), default=False, editable=False)
    published_at = models.DateTimeField(_("publicerad den"), null=True, blank=True, editable=False)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        ordering = ["goal", "position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        goal = self.goal
        return f"{plan_url(goal.organisation.slug, goal.planning_year.year)}#indikator-{self.pk}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.baseline_value is not None and self.baseline_year is None:
            errors["baseline_year"] = _("Ange vilket år utgångsvärdet gäller.")
        if self.target_value is not None and self.target_year is None:
            errors["target_year"] = _("Ange vilket år målvärdet ska nås.")
        if self.baseline_year and self.target_year and self.target_year < self.baseline_year:
            errors["target_year"] = _("Målåret kan inte ligga före utgångsåret.")
        categories = self.breakdown_categories
        if not isinstance(categories, list) or not all(
            isinstance(item, str) and item.strip() for item in categories
        ):
            errors["breakdown_categories"] = _("Kategorierna måste vara en lista med namn.")
        elif len({item.strip().casefold() for item in categories}) != len(categories):
            errors["breakdown_categories"] = _("Samma kategori får bara förekomma en gång.")
        elif self.breakdown_dimension and len(categories) < 2:
            errors["breakdown_categories"] = _("En uppdelning behöver minst två kategorier.")
        elif categories and not self.breakdown_dimension:
            errors["breakdown_dimension"] = _("Ange vad värdet delas upp efter.")
        for name in ("baseline_value", "target_value"):
            try:
                self.check_value(getattr(self, name))
            except ValidationError as error:
                errors.setdefault(name, error.messages[0])
        if errors:
            raise ValidationError(errors)

    @property
    def is_percentage(self) -> bool:
        return self.unit.strip().casefold() in PERCENT_UNITS

    def check_value(self, value: Decimal | None) -> None:
        """Refuse a value this indicator cannot have (a percentage outside 0–100)."""
        if value is not None and self.is_percentage and not 0 <= value <= 100:
            raise ValidationError(
                _("%(name)s är en andel i procent och måste vara mellan 0 och 100.")
                % {"name": self.name},
                code="percentage",
            )

    def format_value(self, value: Decimal | float | None) -> str:
        """Return VALUE with this indicator's decimals, in the reader's number format."""
        if value is None:
            return "–"
        return formats.number_format(Decimal(value), self.decimals, use_l10n=True)

    @property
    def categories(self) -> list[str]:
        """Return the breakdown categories, with "" (the total) first."""
        return ["", *self.breakdown_categories]


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    AWAITING_SIGN_OFF = "sign_off", _("Väntar på intern attest")
    SUBMITTED = "submitted", _("Inskickad")
    RETURNED = "returned", _("Returnerad")
    APPROVED = "approved", _("Godkänd")


class Report(TimeStampedModel):
    """One organisation's follow-up of one action plan in one reporting period."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="planning_reports",
    )
    action_plan = models.ForeignKey(
        "programmes.ActionPlan",
        verbose_name=_("handlingsplan"),
        on_delete=models.PROTECT,
        related_name="planning_reports",
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("period"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    review_comment = models.TextField(_("kommentar från samordnaren"), blank=True)
    submitted_at = models.DateTimeField(_("inskickad"), null=True, blank=True)
    submitted_by = recorded_user(_("inskickad av"))
    signed_off_at = models.DateTimeField(_("attesterad"), null=True, blank=True)
    signed_off_by = recorded_user(_("attesterad av"))
    reviewed_at = models.DateTimeField(_("granskad"), null=True, blank=True)
    reviewed_by = recorded_user(_("granskad av"))
    version = models.PositiveIntegerField(default=1, editable=False)
    is_published = models.BooleanField(_("publicerad"), default=False, editable=False)
    published_at = models.DateTimeField(_("publicerad den"), null=True, blank=True, editable=False)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("periodrapport")
        verbose_name_plural = _("periodrapporter")
        ordering = ["period__planning_year__year", "period__position", "action_plan__title"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "action_plan", "period"], name="unique_report"
            )
        ]

    def __str__(self) -> str:
        return f"{self.period.name} {self.period.planning_year.year} – {self.action_plan}"

    def get_absolute_url(self) -> str:
        return reverse(
            "planning-report",
            args=[self.organisation.slug, self.period.planning_year.year, self.pk],
        )

    @property
    def is_editable(self) -> bool:
        """Whether the organisation may still change the contents."""
        return self.status in EDITABLE_REPORT_STATUSES and self.period.is_open


EDITABLE_REPORT_STATUSES = frozenset({ReportStatus.DRAFT, ReportStatus.RETURNED})
# Handed in to SLK: a report waiting for internal sign-off is not handed in yet.
HANDED_IN_STATUSES = frozenset({ReportStatus.SUBMITTED, ReportStatus.APPROVED})


class ActivityUpdate(models.Model):
    """An activity's status, progress and comment as reported in one report."""

    report = models.ForeignKey(
        Report, verbose_name=_("rapport"), on_delete=models.CASCADE, related_name="activity_updates"
    )
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("aktivitet"),
        on_delete=models.PROTECT,
        related_name="updates",
    )
    status = models.CharField(_("status"), max_length=16, choices=ActivityStatus.choices)
    progress = models.PositiveSmallIntegerField(
        _("framdrift (%)"), default=0, validators=PROGRESS_VALIDATORS
    )
    comment = models.TextField(_("kommentar"), blank=True)

    objects = ActivityUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("aktivitetsuppföljning")
        verbose_name_plural = _("aktivitetsuppföljningar")
        constraints = [
            models.UniqueConstraint(fields=["report", "activity"], name="unique_activity_update")
        ]
        indexes = [
            # Public search reads each hit's updates (report and status) to find its latest
            # public status: on PostgreSQL an index-only scan, not a row fetch per update
            # (190,000 for 48,000 hits at scale 10). SQLite ignores INCLUDE.
            models.Index(
                fields=["activity", "report"],
                include=["status"],
                name="planning_update_activity_rep",
            )
        ]

    def __str__(self) -> str:
        return f"{self.activity}: {self.get_status_display()} {self.progress} %"

    def clean(self) -> None:
        validate_status_and_progress(self.status, self.progress)


class IndicatorValue(models.Model):
    """An indicator's value in one report, in total (category "") or for one category."""

    report = models.ForeignKey(
        Report, verbose_name=_("rapport"), on_delete=models.CASCADE, related_name="indicator_values"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indikator"), on_delete=models.PROTECT, related_name="values"
    )
    category = models.CharField(_("kategori"), max_length=100, blank=True)
    value = models.DecimalField(
        _("värde"),
        null=True,
        blank=True,
        **VALUE_OPTIONS,  # type: ignore[arg-type]
    )

    objects = IndicatorValueQuerySet.as_manager()

    class Meta:
        verbose_name = _("indikatorvärde")
        verbose_name_plural = _("indikatorvärden")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "indicator", "category"], name="unique_indicator_value"
            )
        ]

    def __str__(self) -> str:
        label = f" ({self.category})" if self.category else ""
        return f"{self.indicator}{label}: {self.value if self.value is not None else '–'}"

    def clean(self) -> None:
        if self.indicator_id is not None:
            try:
                self.indicator.check_value(self.value)
            except ValidationError as error:
                raise ValidationError({"value": error.messages}) from None


class GoalAnalysis(models.Model):
    """The organisation's short analysis of how a goal goes, in one report."""

    report = models.ForeignKey(
        Report, verbose_name=_("rapport"), on_delete=models.CASCADE, related_name="goal_analyses"
    )
    goal = models.ForeignKey(
        Goal, verbose_name=_("mål"), on_delete=models.PROTECT, related_name="analyses"
    )
    text = models.TextField(_("analys"), blank=True)

    objects = GoalAnalysisQuerySet.as_manager()

    class Meta:
        verbose_name = _("målanalys")
        verbose_name_plural = _("målanalyser")
        constraints = [
            models.UniqueConstraint(fields=["report", "goal"], name="unique_goal_analysis")
        ]

    def __str__(self) -> str:
        return f"{self.goal}: {self.text[:60]}"


def attachment_path(instance: "ReportAttachment", filename: str) -> str:
    """Return where an attachment is stored: reports/<report id>/<random name><extension>.

    The name people gave the file is kept in the database only, so it never reaches the
    file system.
    """
    extension = PurePath(filename).suffix.lower()
    return f"reports/{instance.report_id}/{secrets.token_hex(16)}{extension}"


class ReportAttachment(models.Model):
    """A file attached to a period report: a survey result, minutes, a presentation."""

    report = models.ForeignKey(
        Report, verbose_name=_("rapport"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("fil"), upload_to=attachment_path, max_length=255)
    original_name = models.CharField(_("filnamn"), max_length=255)
    content_type = models.CharField(_("filtyp"), max_length=100)
    size = models.PositiveBigIntegerField(_("storlek (byte)"))
    description = models.CharField(_("beskrivning"), max_length=300, blank=True)
    uploaded_by = recorded_user(_("uppladdad av"))
    uploaded_at = models.DateTimeField(_("uppladdad"), default=timezone.now)

    class Meta:
        verbose_name = _("bilaga")
        verbose_name_plural = _("bilagor")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        report = self.report
        return reverse(
            "planning-report-attachment",
            args=[report.organisation.slug, report.period.planning_year.year, report.pk, self.pk],
        )


class ReminderSent(models.Model):
    """A reminder e-mailed to an organisation about a period's report, one a day at most."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="planning_reminders",
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("period"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    date = models.DateField(_("datum"))
    recipients = models.TextField(_("mottagare"), blank=True)

    class Meta:
        verbose_name = _("skickad påminnelse")
        verbose_name_plural = _("skickade påminnelser")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "period", "date"], name="unique_reminder_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.period} {self.date:%Y-%m-%d}"


SNAPSHOT_SCHEMA_VERSION = 1


class ReportSnapshot(models.Model):
    """A report as it was approved: its goals, activities, indicators and values, frozen.

    Written once on approval and never changed, so that what was approved stays approved
    however the plan changes later. The schema of `data` is documented in docs/planning.md.
    """

    report = models.ForeignKey(
        Report, verbose_name=_("rapport"), on_delete=models.CASCADE, related_name="snapshots"
    )
    schema_version = models.PositiveSmallIntegerField(
        _("schemaversion"), default=SNAPSHOT_SCHEMA_VERSION, editable=False
    )
    data = models.JSONField(_("innehåll"), editable=False)
    approved_at = models.DateTimeField(_("godkänd"), editable=False)
    approved_by = recorded_user(_("godkänd av"), editable=False)

    class Meta:
        verbose_name = _("godkänd version av rapport")
        verbose_name_plural = _("godkända versioner av rapporter")
        ordering = ["report", "-approved_at", "-pk"]
        get_latest_by = ["approved_at", "pk"]

    def __str__(self) -> str:
        return f"{self.report_id} {self.approved_at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("A report snapshot is never changed once written.")
        super().save(*args, **kwargs)


class SignOffSetting(TimeStampedModel):
    """Whether an organisation's approver signs its reports off before they go to SLK."""

    organisation = models.OneToOneField(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="planning_sign_off",
    )
    required = models.BooleanField(
        _("intern attest krävs"),
        default=False,
        help_text=_(
            "Organisationens attestant godkänner rapporten innan den skickas till "
            "Stadsledningskontoret."
        ),
    )

    class Meta:
        verbose_name = _("inställning för intern attest")
        verbose_name_plural = _("inställningar för intern attest")

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.required}"


class CompiledReportText(TimeStampedModel):
    """SLK's own words in the compiled report for KS: diary number, summary and analysis."""

    action_plan = models.ForeignKey(
        "programmes.ActionPlan",
        verbose_name=_("handlingsplan"),
        on_delete=models.CASCADE,
        related_name="compiled_texts",
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("period"),
        on_delete=models.CASCADE,
        related_name="compiled_texts",
    )
    diary_number = models.CharField(_("diarienummer"), max_length=60, blank=True)
    summary = models.TextField(_("sammanfattning"), blank=True)
    analysis = models.TextField(_("Stadsledningskontorets analys"), blank=True)

    class Meta:
        verbose_name = _("text i sammanställd uppföljning")
        verbose_name_plural = _("texter i sammanställd uppföljning")
        constraints = [
            models.UniqueConstraint(
                fields=["action_plan", "period"], name="unique_compiled_report_text"
            )
        ]

    def __str__(self) -> str:
        return f"{self.action_plan} {self.period}"


class ReviewComment(TimeStampedModel):
    """The reviewing coordinator's comment on one goal or activity of a submitted report."""

    report = models.ForeignKey(
        Report,
        verbose_name=_("rapport"),
        on_delete=models.CASCADE,
        related_name="review_comments",
    )
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("mål"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="review_comments",
    )
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("aktivitet"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="review_comments",
    )
    text = models.TextField(_("kommentar"), max_length=2000)
    author = recorded_user(_("skriven av"))

    class Meta:
        verbose_name = _("granskningskommentar")
        verbose_name_plural = _("granskningskommentarer")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(goal__isnull=False, activity__isnull=True)
                | models.Q(goal__isnull=True, activity__isnull=False),
                name="review_comment_on_goal_or_activity",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject}: {self.text[:60]}"

    @property
    def subject(self) -> str:
        """Return "Mål: …" or "Aktivitet: …", what the comment is about."""
        if self.goal_id is not None:
            return f"{_('Mål')}: {self.goal}"
        return f"{_('Aktivitet')}: {self.activity}"

    def get_absolute_url(self) -> str:
        return self.report.get_absolute_url()

    def clean(self) -> None:
        if (self.goal_id is None) == (self.activity_id is None):
            raise ValidationError(_("Välj ett mål eller en aktivitet att kommentera."))
        if not self.text.strip():
            raise ValidationError({"text": _("Skriv en kommentar.")})
