"""Civil-society partners, collaborations, dialogues, information material and training."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mrplan.core.models import TimeStampedModel
from mrplan.core.publication import PublishedQuerySet
from mrplan.core.uploads import RandomName

ORGANISATION_NUMBER = re.compile(r"^\d{6}-\d{4}$")
MATERIAL_EXTENSIONS = ["pdf", "docx", "odt", "pptx", "xlsx", "txt", "png", "jpg", "jpeg"]
MATERIAL_MAX_BYTES = 10 * 1024 * 1024


def luhn_ok(digits: str) -> bool:
    """Return whether DIGITS pass the Luhn (mod 10) check used by Swedish ID numbers."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def validate_organisation_number(value: str) -> None:
    """Refuse anything but a Swedish organisation number NNNNNN-NNNN with a valid check digit."""
    if not ORGANISATION_NUMBER.match(value):
        raise ValidationError(
            _("Ange organisationsnumret på formen NNNNNN-NNNN, till exempel 802000-0009."),
            code="format",
        )
    if not luhn_ok(value.replace("-", "")):
        raise ValidationError(
            _("Organisationsnumret är inte giltigt: kontrollsiffran stämmer inte."),
            code="checksum",
        )


def validate_file_size(value: models.fields.files.FieldFile) -> None:
    if value and value.size > MATERIAL_MAX_BYTES:
        raise ValidationError(_("Filen får vara högst 10 MB."), code="too_large")


class PartnerKind(models.TextChoices):
    ASSOCIATION = "association", _("Ideell förening")
    FOUNDATION = "foundation", _("Stiftelse")
    FAITH = "faith", _("Trossamfund")
    NETWORK = "network", _("Nätverk eller paraplyorganisation")
    AUTHORITY = "authority", _("Myndighet")
    OTHER = "other", _("Annan")


class Partner(TimeStampedModel):
    """A civil-society organisation (or another authority) the city works with."""

    name = models.CharField(_("namn"), max_length=200)
    organisation_number = models.CharField(
        _("organisationsnummer"),
        max_length=11,
        unique=True,
        validators=[validate_organisation_number],
        help_text=_("På formen NNNNNN-NNNN."),
        error_messages={"unique": _("Det finns redan en partner med det organisationsnumret.")},
    )
    kind = models.CharField(_("typ"), max_length=32, choices=PartnerKind.choices)
    description = models.TextField(_("beskrivning"), blank=True)
    target_groups = models.ManyToManyField(
        "programmes.TargetGroup",
        verbose_name=_("målgrupper som partnern företräder"),
        blank=True,
        related_name="partners",
    )
    districts = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("stadsdelar"),
        blank=True,
        related_name="partners_in_district",
        limit_choices_to={"kind": "district_committee"},
    )
    area_text = models.CharField(
        _("övriga områden"),
        max_length=300,
        blank=True,
        help_text=_("Till exempel ”hela staden” eller ett område som inte är en stadsdel."),
    )
    website = models.URLField(_("webbplats"), blank=True)
    registered_by = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("registrerad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registered_partners",
    )

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partner")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("collaboration-partner-detail", args=[self.pk])


class LegalBasis(models.TextChoices):
    CONSENT = "consent", _("Samtycke")
    PUBLIC_TASK = "public_task", _("Uppgift av allmänt intresse")
    LEGITIMATE_INTEREST = "legitimate_interest", _("Berättigat intresse")
    CONTRACT = "contract", _("Avtal")


class ContactPerson(TimeStampedModel):
    """A person at a partner: personal data, shown only to those concerned."""

    # The audit trail keeps this model's values apart, so that an erasure can remove them.
    audit_personal_data = True

    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("namn"), max_length=200)
    role = models.CharField(_("roll"), max_length=200, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    legal_basis = models.CharField(_("rättslig grund"), max_length=32, choices=LegalBasis.choices)
    purpose = models.CharField(
        _("ändamål"),
        max_length=300,
        help_text=_(
            "Varför staden behöver uppgifterna, till exempel ”kallelser till dialogmöten”."
        ),
    )
    last_used_at = models.DateTimeField(_("senast använd"), null=True, blank=True)

    class Meta:
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class CollaborationForm(models.TextChoices):
    IOP = "iop", _("IOP – idéburet offentligt partnerskap")
    DIALOGUE_FORUM = "dialogue_forum", _("Dialogforum")
    REFERENCE_GROUP = "reference_group", _("Referensgrupp")
    GRANT = "grant", _("Bidrag")
    JOINT_PROJECT = "joint_project", _("Gemensamt projekt")
    OTHER = "other", _("Annan form")


class Collaboration(TimeStampedModel):
    """One or more city organisations working with one or more partners."""

    title = models.CharField(_("titel"), max_length=300)
    organisations = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("stadens organisationer"),
        related_name="collaborations",
    )
    partners = models.ManyToManyField(
        Partner, verbose_name=_("partner"), related_name="collaborations"
    )
    form = models.CharField(_("form"), max_length=32, choices=CollaborationForm.choices)
    start_date = models.DateField(_("startdatum"))
    end_date = models.DateField(_("slutdatum"), null=True, blank=True)
    purpose = models.TextField(_("syfte"))
    activities = models.ManyToManyField(
        "planning.Activity",
        verbose_name=_("aktiviteter i planeringen"),
        blank=True,
        related_name="collaborations",
    )
    development_areas = models.ManyToManyField(
        "programmes.DevelopmentArea",
        verbose_name=_("utvecklingsområden"),
        blank=True,
        related_name="collaborations",
    )

    class Meta:
        verbose_name = _("samverkan")
        verbose_name_plural = _("samverkan")
        ordering = ["-start_date", "title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("collaboration-collaboration-detail", args=[self.pk])

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Slutdatumet kan inte vara före startdatumet.")})


class Dialogue(TimeStampedModel):
    """A meeting with residents or partners: what was raised and what the city did."""

    title = models.CharField(_("titel"), max_length=300)
    date = models.DateField(_("datum"))
    organisations = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("stadens organisationer"),
        related_name="dialogues",
    )
    partners = models.ManyToManyField(
        Partner, verbose_name=_("partner"), blank=True, related_name="dialogues"
    )
    raised = models.TextField(_("det här framfördes"))
    response = models.TextField(_("stadens svar"), blank=True)
    follow_up = models.TextField(_("uppföljning"), blank=True)
    activities = models.ManyToManyField(
        "planning.Activity",
        verbose_name=_("aktiviteter i planeringen"),
        blank=True,
        related_name="dialogues",
    )

    class Meta:
        verbose_name = _("dialog")
        verbose_name_plural = _("dialoger")
        ordering = ["-date", "title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("collaboration-dialogue-detail", args=[self.pk])

    @property
    def has_response(self) -> bool:
        return bool(self.response.strip())


class DialogueAttendance(models.Model):
    """How many residents of a target group took part in a dialogue."""

    dialogue = models.ForeignKey(
        Dialogue, verbose_name=_("dialog"), on_delete=models.CASCADE, related_name="attendance"
    )
    target_group = models.ForeignKey(
        "programmes.TargetGroup", verbose_name=_("målgrupp"), on_delete=models.PROTECT
    )
    count = models.PositiveIntegerField(_("antal invånare"))

    class Meta:
        verbose_name = _("deltagande invånare")
        verbose_name_plural = _("deltagande invånare")
        ordering = ["target_group__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["dialogue", "target_group"], name="unique_dialogue_target_group"
            )
        ]

    def __str__(self) -> str:
        return f"{self.target_group}: {self.count}"


class Audience(models.TextChoices):
    STAFF = "staff", _("Medarbetare")
    MANAGERS = "managers", _("Chefer")
    POLITICIANS = "politicians", _("Förtroendevalda")
    CIVIL_SOCIETY = "civil_society", _("Civilsamhället")
    PUBLIC = "public", _("Allmänheten")


class Language(models.TextChoices):
    SWEDISH = "sv", _("Svenska")
    EASY_SWEDISH = "sv-easy", _("Lättläst svenska")
    ENGLISH = "en", _("Engelska")
    FINNISH = "fi", _("Finska")
    MEANKIELI = "fit", _("Meänkieli")
    SAMI = "smi", _("Samiska")
    ROMANI = "rom", _("Romska")
    YIDDISH = "yi", _("Jiddisch")
    ARABIC = "ar", _("Arabiska")
    SOMALI = "so", _("Somaliska")
    OTHER = "other", _("Annat språk")


class MaterialQuerySet(PublishedQuerySet):
    """Material is public when it is marked public (`is_public`)."""

    @classmethod
    def published_rule(cls, prefix: str = "") -> Q:
        return Q(**{f"{prefix}is_public": True})


class Material(TimeStampedModel):
    """An item in the coordinating office's library of information material."""

    title = models.CharField(_("titel"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    audience = models.CharField(
        _("målgrupp för materialet"), max_length=32, choices=Audience.choices
    )
    language = models.CharField(
        _("språk"), max_length=16, choices=Language.choices, default=Language.SWEDISH
    )
    file = models.FileField(
        _("fil"),
        upload_to=RandomName("collaboration/material/"),
        blank=True,
        validators=[FileExtensionValidator(MATERIAL_EXTENSIONS), validate_file_size],
        help_text=_("PDF, Word, OpenDocument, PowerPoint, Excel, text eller bild, högst 10 MB."),
    )
    original_name = models.CharField(_("filnamn"), max_length=255, blank=True, editable=False)
    url = models.URLField(_("länk"), blank=True)
    target_groups = models.ManyToManyField(
        "programmes.TargetGroup", verbose_name=_("målgrupper"), blank=True, related_name="+"
    )
    version = models.CharField(_("version"), max_length=40, blank=True)
    is_public = models.BooleanField(
        _("publicerat för allmänheten"),
        default=False,
        help_text=_("Visas på den öppna sidan för informationsmaterial."),
    )

    objects = MaterialQuerySet.as_manager()

    class Meta:
        verbose_name = _("informationsmaterial")
        verbose_name_plural = _("informationsmaterial")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("collaboration-material-detail", args=[self.pk])

    def clean(self) -> None:
        if not self.file and not self.url:
            raise ValidationError(_("Ladda upp en fil eller ange en länk."))


class TrainingForm(models.TextChoices):
    LECTURE = "lecture", _("Föreläsning")
    WORKSHOP = "workshop", _("Workshop")
    E_LEARNING = "e_learning", _("Webbutbildning")
    COURSE = "course", _("Kurs")
    OTHER = "other", _("Annan form")


class TrainingOffer(TimeStampedModel):
    """A training the coordinating office offers, on one topic."""

    topic = models.CharField(_("ämne"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    form = models.CharField(_("form"), max_length=32, choices=TrainingForm.choices)
    length_hours = models.DecimalField(
        _("längd i timmar"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0)],
    )

    class Meta:
        verbose_name = _("utbildningsinsats")
        verbose_name_plural = _("utbildningsinsatser")
        ordering = ["topic", "pk"]

    def __str__(self) -> str:
        return self.topic

    def get_absolute_url(self) -> str:
        return reverse("collaboration-training-offer-detail", args=[self.pk])


class TrainingSession(TimeStampedModel):
    """One occasion on which a training offer was given."""

    offer = models.ForeignKey(
        TrainingOffer,
        verbose_name=_("utbildningsinsats"),
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    date = models.DateField(_("datum"))
    organiser = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("arrangör"),
        on_delete=models.PROTECT,
        related_name="training_sessions",
    )
    place = models.CharField(_("plats"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("utbildningstillfälle")
        verbose_name_plural = _("utbildningstillfällen")
        ordering = ["-date", "pk"]

    def __str__(self) -> str:
        return f"{self.offer.topic} {self.date:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("collaboration-training-session-detail", args=[self.pk])


class StaffGroup(models.TextChoices):
    MANAGERS = "managers", _("Chefer")
    CASE_OFFICERS = "case_officers", _("Handläggare")
    EDUCATION = "education", _("Pedagogisk personal")
    CARE = "care", _("Vård- och omsorgspersonal")
    SUPPORT = "support", _("Stab och administration")
    POLITICIANS = "politicians", _("Förtroendevalda")
    OTHER = "other", _("Övriga")


class Participation(models.Model):
    """How many of an organisation's staff of one group took part in a session."""

    session = models.ForeignKey(
        TrainingSession,
        verbose_name=_("utbildningstillfälle"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="training_participations",
    )
    staff_group = models.CharField(_("personalgrupp"), max_length=32, choices=StaffGroup.choices)
    count = models.PositiveIntegerField(_("antal deltagare"))

    class Meta:
        verbose_name = _("deltagande")
        verbose_name_plural = _("deltagande")
        ordering = ["organisation__name", "staff_group"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "organisation", "staff_group"],
                name="unique_participation",
                violation_error_message=_(
                    "Deltagandet för den organisationen och personalgruppen finns redan."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_staff_group_display()} {self.count}"


def contact_review_days() -> int:
    """Return after how many days without use a contact person is flagged for review."""
    return settings.COLLABORATION_CONTACT_REVIEW_DAYS


def contact_retention_days() -> int:
    """Return how long after being flagged for review an unused contact person is kept."""
    return settings.COLLABORATION_CONTACT_RETENTION_DAYS
