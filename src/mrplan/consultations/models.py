"""Consultations (remisser), cases and the diary, statements and their attestation.

The flow (DOMAIN.md): the coordinating office sends a Consultation to chosen
organisations (ConsultationRecipient). Each recipient registers a Case with a
diary number from its DiarySequence, writes a Statement (tjänsteutlåtande) whose
every save is a StatementVersion, records the Preparation (beredning), gets the
version attested by ApprovalSteps in order (Approval, each bound to one
version's SHA-256), and records the committee's Decision, which sends the
answer back to the consultation.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mrplan.core.models import TimeStampedModel
from mrplan.core.publication import PublishedQuerySet
from mrplan.core.uploads import RandomName

# The seven sections of a tjänsteutlåtande, in order: (field name, heading).
STATEMENT_SECTIONS = [
    ("decision_proposal", _("Förvaltningens förslag till beslut")),
    ("summary", _("Sammanfattning")),
    ("background", _("Bakgrund")),
    ("matter", _("Ärendet")),
    ("preparation_text", _("Ärendets beredning")),
    ("views", _("Förvaltningens synpunkter och förslag")),
    ("attachments_text", _("Bilagor")),
]

# The header of a statement (the editor, the document and the API show these).
STATEMENT_HEADER_FIELDS = [
    "organisation_name",
    "administration_name",
    "department_name",
    "document_date",
    "diary_number",
    "case_officer_name",
    "case_officer_phone",
    "addressee_name",
    "meeting_date",
    "title",
    "subtitle",
]

# The header and body fields that make up one version of a statement (hashed on approval).
STATEMENT_CONTENT_FIELDS = [
    *STATEMENT_HEADER_FIELDS,
    *[name for name, _heading in STATEMENT_SECTIONS],
    "signatures",
    "answers",
    "external_approvals",
]


class ConsultationStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    SENT = "sent", _("Skickad")
    CLOSED = "closed", _("Avslutad")


class ConsultationQuerySet(PublishedQuerySet):
    """A consultation is public when it is published and has been sent (not a draft)."""

    @classmethod
    def published_rule(cls, prefix: str = "") -> Q:
        return Q(**{f"{prefix}is_published": True}) & ~Q(
            **{f"{prefix}status": ConsultationStatus.DRAFT}
        )


class ConsultationDocumentQuerySet(PublishedQuerySet):
    """A file sent with a consultation is public when the consultation is."""

    @classmethod
    def published_rule(cls, prefix: str = "") -> Q:
        return ConsultationQuerySet.published_rule(f"{prefix}consultation__")


class StatementQuerySet(PublishedQuerySet):
    """A statement is public when its committee has decided it and it answers a public
    consultation; one still being written or attested never is."""

    @classmethod
    def published_rule(cls, prefix: str = "") -> Q:
        return Q(**{f"{prefix}status": StatementStatus.DECIDED}) & (
            ConsultationQuerySet.published_rule(
                f"{prefix}case__consultation_recipient__consultation__"
            )
        )


class Consultation(TimeStampedModel):
    """A remiss: a document under review sent to chosen organisations with a deadline."""

    title = models.CharField(_("titel"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    sender = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("avsändare"),
        on_delete=models.PROTECT,
        related_name="sent_consultations",
    )
    sender_diary_number = models.CharField(_("avsändarens diarienummer"), max_length=40, blank=True)
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("program på remiss"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    action_plan = models.ForeignKey(
        "programmes.ActionPlan",
        verbose_name=_("handlingsplan på remiss"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    deadline = models.DateField(_("sista svarsdag"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ConsultationStatus.choices,
        default=ConsultationStatus.DRAFT,
    )
    sent_at = models.DateTimeField(_("skickad"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skickad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_published = models.BooleanField(_("publicerad"), default=False)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("remiss")
        verbose_name_plural = _("remisser")
        ordering = ["-deadline", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("consultations-detail", args=[self.pk])


class ConsultationQuestion(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    text = models.TextField(_("fråga"))

    class Meta:
        verbose_name = _("remissfråga")
        verbose_name_plural = _("remissfrågor")
        ordering = ["consultation", "position", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class ConsultationDocument(models.Model):
    """A file sent with the consultation (remissunderlag)."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("titel"), max_length=300)
    file = models.FileField(_("fil"), upload_to=RandomName("consultations/%Y/"))
    original_name = models.CharField(_("filnamn"), max_length=255, blank=True, editable=False)
    uploaded_at = models.DateTimeField(_("uppladdad"), auto_now_add=True)

    objects = ConsultationDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("remissunderlag")
        verbose_name_plural = _("remissunderlag")
        ordering = ["consultation", "title"]

    def __str__(self) -> str:
        return self.title


class RecipientStatus(models.TextChoices):
    PENDING = "pending", _("Inväntar svar")
    ANSWERED = "answered", _("Har svarat")
    DECLINED = "declined", _("Avstår")


class ConsultationRecipient(TimeStampedModel):
    """One organisation asked to answer a consultation; its answer is a decided statement."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="recipients"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("remissinstans"),
        on_delete=models.PROTECT,
        related_name="consultation_invitations",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=RecipientStatus.choices, default=RecipientStatus.PENDING
    )
    # The förvaltning that prepares the answer and keeps the case in its diary (the
    # recipient itself when it keeps its own diary); set when the consultation is sent.
    preparing_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("beredande organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="prepared_consultations",
    )
    declined_reason = models.TextField(_("skäl att avstå"), blank=True)
    answered_at = models.DateTimeField(_("besvarad"), null=True, blank=True)
    notified_at = models.DateTimeField(_("underrättad"), null=True, blank=True)

    class Meta:
        verbose_name = _("remissinstans")
        verbose_name_plural = _("remissinstanser")
        ordering = ["consultation", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "organisation"], name="unique_consultation_recipient"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.consultation}"


class DiarySequence(models.Model):
    """The last serial used in one organisation's diary for one year; locked while numbering."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="diary_sequences"
    )
    year = models.PositiveSmallIntegerField()
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="unique_diary_sequence")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}: {self.last_serial}"


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Pågående")
    DECIDED = "decided", _("Beslutat")
    CLOSED = "closed", _("Avslutat")
    CANCELLED = "cancelled", _("Makulerat")


class Case(TimeStampedModel):
    """An ärende in an organisation's diary, numbered `<prefix> <year>/<serial>`."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="cases",
    )
    year = models.PositiveSmallIntegerField(_("år"))
    serial = models.PositiveIntegerField(_("löpnummer"))
    diary_number = models.CharField(_("diarienummer"), max_length=40)
    title = models.CharField(_("rubrik"), max_length=300)
    registered_on = models.DateField(_("registrerad"))
    sender = models.CharField(_("avsändare"), max_length=200, blank=True)
    recipient = models.CharField(_("mottagare"), max_length=200, blank=True)
    case_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handläggare"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
    )
    consultation_recipient = models.OneToOneField(
        ConsultationRecipient,
        verbose_name=_("remiss"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="case",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    # A cancelled case keeps its number (never reused) and says why it was cancelled.
    cancelled_reason = models.TextField(_("skäl till makulering"), blank=True)
    cancelled_at = models.DateTimeField(_("makulerat"), null=True, blank=True)

    class Meta:
        verbose_name = _("ärende")
        verbose_name_plural = _("ärenden")
        ordering = ["-year", "-serial"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "serial"], name="unique_case_serial"
            ),
            models.UniqueConstraint(
                fields=["organisation", "diary_number"], name="unique_case_diary_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.diary_number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("consultations-case-detail", args=[self.pk])


class StatementStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    IN_APPROVAL = "in_approval", _("Under attestering")
    APPROVED = "approved", _("Attesterad")
    DECIDED = "decided", _("Beslutad")


class Statement(TimeStampedModel):
    """A tjänsteutlåtande: header block, the seven sections and a signature block."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="statement")
    # Header block, as printed (names kept as text: a document states what it said then).
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    administration_name = models.CharField(_("förvaltning"), max_length=200, blank=True)
    department_name = models.CharField(_("avdelning"), max_length=200, blank=True)
    document_date = models.DateField(_("datum"), null=True, blank=True)
    diary_number = models.CharField(_("diarienummer"), max_length=40, blank=True)
    case_officer_name = models.CharField(_("handläggare"), max_length=150, blank=True)
    case_officer_phone = models.CharField(_("telefon"), max_length=40, blank=True)
    addressee_name = models.CharField(_("till"), max_length=200, blank=True)
    meeting_date = models.DateField(_("sammanträdesdatum"), null=True, blank=True)
    title = models.CharField(_("rubrik"), max_length=300)
    subtitle = models.CharField(_("underrubrik"), max_length=300, blank=True)
    # The seven sections.
    decision_proposal = models.TextField(_("Förvaltningens förslag till beslut"), blank=True)
    summary = models.TextField(_("Sammanfattning"), blank=True)
    background = models.TextField(_("Bakgrund"), blank=True)
    matter = models.TextField(_("Ärendet"), blank=True)
    preparation_text = models.TextField(_("Ärendets beredning"), blank=True)
    views = models.TextField(_("Förvaltningens synpunkter och förslag"), blank=True)
    attachments_text = models.TextField(_("Bilagor"), blank=True)
    # [{"name": ..., "title": ..., "organisation": ...}] as in the signature block.
    signatures = models.JSONField(_("underskrifter"), default=list, blank=True)
    # {"<question id>": "answer text"} for consultations that ask questions.
    answers = models.JSONField(_("svar på remissfrågor"), default=dict, blank=True)
    # [{"name": ..., "title": ..., "date": "YYYY-MM-DD"}]: approvals an imported document
    # carries ("Detta dokument har godkänts digitalt av …"), made in another system. Part of
    # the content (and so of its hash) as printed; mrplan never hashed what they approved.
    # Cleared by any edit of the content.
    external_approvals = models.JSONField(
        _("attesterat i ett annat system"), default=list, blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=StatementStatus.choices, default=StatementStatus.DRAFT
    )
    current_version = models.PositiveIntegerField(_("version"), default=0)

    objects = StatementQuerySet.as_manager()

    class Meta:
        verbose_name = _("tjänsteutlåtande")
        verbose_name_plural = _("tjänsteutlåtanden")

    def __str__(self) -> str:
        return f"{self.diary_number or self.case.diary_number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("consultations-statement-detail", args=[self.pk])


class StatementVersion(models.Model):
    """One saved version of a statement's content, with its SHA-256."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    content = models.JSONField(_("innehåll"))
    content_hash = models.CharField(_("SHA-256"), max_length=64)
    # HMAC-SHA256 with the server's attestation key (see signing.py); empty = never signed.
    signature = models.CharField(_("signatur"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("sparad"), auto_now_add=True)

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versioner")
        ordering = ["statement", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["statement", "number"], name="unique_statement_version")
        ]

    def __str__(self) -> str:
        return f"{self.statement} v{self.number}"


class Preparation(TimeStampedModel):
    """Beredning: the departments consulted and when the förvaltningsgrupp was informed (MBL)."""

    statement = models.OneToOneField(
        Statement, on_delete=models.CASCADE, related_name="preparation"
    )
    prepared_by = models.CharField(
        _("beredd inom"), max_length=200, blank=True, help_text=_("Till exempel nämndkansliet.")
    )
    departments = models.ManyToManyField(
        "organisations.Department", verbose_name=_("avdelningar i samråd"), blank=True
    )
    union_informed_on = models.DateField(_("förvaltningsgruppen informerad"), null=True, blank=True)
    notes = models.TextField(_("övrigt"), blank=True)

    class Meta:
        verbose_name = _("beredning")
        verbose_name_plural = _("beredningar")

    def __str__(self) -> str:
        return f"{_('Beredning')}: {self.statement}"


class ApprovalStep(models.Model):
    """One approver in the ordered attestation list of a statement."""

    statement = models.ForeignKey(
        Statement, on_delete=models.CASCADE, related_name="approval_steps"
    )
    position = models.PositiveSmallIntegerField(_("ordning"))
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("attesterare"),
        on_delete=models.PROTECT,
        related_name="approval_steps",
    )
    title = models.CharField(_("titel"), max_length=120)

    class Meta:
        verbose_name = _("attesteringssteg")
        verbose_name_plural = _("attesteringssteg")
        ordering = ["statement", "position"]
        constraints = [
            models.UniqueConstraint(fields=["statement", "position"], name="unique_approval_step")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.approver} ({self.title})"


class Approval(models.Model):
    """A digital attestation of one exact version; voided by any later edit."""

    step = models.ForeignKey(ApprovalStep, on_delete=models.CASCADE, related_name="approvals")
    version = models.ForeignKey(
        StatementVersion, on_delete=models.PROTECT, related_name="approvals"
    )
    approver_name = models.CharField(_("namn"), max_length=150)
    approver_title = models.CharField(_("titel"), max_length=120)
    content_hash = models.CharField(_("SHA-256"), max_length=64)
    approved_at = models.DateTimeField(_("godkänd"))
    # The chain: the signature of the statement's previous approval ("" for the first), and
    # this approval's HMAC-SHA256 with the server's attestation key (see signing.py).
    previous_signature = models.CharField(_("föregående signatur"), max_length=64, blank=True)
    signature = models.CharField(_("signatur"), max_length=64, blank=True)
    voided_at = models.DateTimeField(_("ogiltigförklarad"), null=True, blank=True)
    void_reason = models.CharField(_("skäl"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("attestering")
        verbose_name_plural = _("attesteringar")
        ordering = ["step__position", "-approved_at"]

    def __str__(self) -> str:
        return f"{self.approver_name}, {self.approver_title} {self.approved_at:%Y-%m-%d}"


class AttestationPolicy(models.Model):
    """The city's attestation rules, one row edited by coordinators (defaults when missing)."""

    minimum_approvers = models.PositiveSmallIntegerField(
        _("minsta antal attesterare"),
        default=2,
        help_text=_("Så många olika personer måste attestera innan nämnden kan besluta."),
    )
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        verbose_name = _("attesteringsregel")
        verbose_name_plural = _("attesteringsregler")

    def __str__(self) -> str:
        return str(_("Minst %(count)s attesterare") % {"count": self.minimum_approvers})


class Decision(TimeStampedModel):
    """The committee's decision on a statement at a meeting."""

    statement = models.OneToOneField(Statement, on_delete=models.CASCADE, related_name="decision")
    committee = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("nämnd"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    meeting_date = models.DateField(_("sammanträde"))
    paragraph = models.CharField(_("paragraf (§)"), max_length=20)
    text = models.TextField(_("beslut"))
    decided_on = models.DateField(_("beslutsdatum"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")

    def __str__(self) -> str:
        return f"{self.committee} {self.meeting_date} § {self.paragraph}"


class ConsultationReminderSent(models.Model):
    """A deadline reminder e-mailed about one recipient's answer, one a day at most."""

    recipient = models.ForeignKey(
        ConsultationRecipient,
        verbose_name=_("remissinstans"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    date = models.DateField(_("datum"))
    recipients = models.TextField(_("mottagare"), blank=True)
    escalated = models.BooleanField(_("till samordnaren"), default=False)

    class Meta:
        verbose_name = _("skickad remisspåminnelse")
        verbose_name_plural = _("skickade remisspåminnelser")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "date"], name="unique_consultation_reminder_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient} {self.date}"
