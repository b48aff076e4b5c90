"""Consultations (remisser): create and edit while draft, attach files, send, decline."""

import datetime
from collections.abc import Sequence
from typing import IO, NotRequired, TypedDict, Unpack

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mrplan.accounts.models import User
from mrplan.consultations import files, permissions, routing, selectors
from mrplan.consultations.actions.cases import case_close_on_decline, case_reopen_after_decline
from mrplan.consultations.diary import register_case
from mrplan.consultations.models import (
    Case,
    CaseStatus,
    Consultation,
    ConsultationDocument,
    ConsultationQuestion,
    ConsultationRecipient,
    ConsultationStatus,
    RecipientStatus,
    Statement,
    StatementStatus,
)
from mrplan.core import audit
from mrplan.core.actions import save_audited
from mrplan.core.transitions import Transition, TransitionTable
from mrplan.organisations.models import Organisation
from mrplan.programmes.models import ActionPlan, Programme

EDITABLE_FIELDS = (
    "title",
    "description",
    "sender",
    "sender_diary_number",
    "programme",
    "action_plan",
    "deadline",
)


# The remiss's own workflow: draft → sent → closed.
CONSULTATION_MOVES: TransitionTable[Consultation] = TransitionTable(
    Consultation,
    "status",
    {
        "send": Transition(
            {ConsultationStatus.DRAFT},
            ConsultationStatus.SENT,
            gettext_lazy("Remissen är redan skickad och kan inte längre ändras."),
        ),
        "close": Transition(
            {ConsultationStatus.SENT},
            ConsultationStatus.CLOSED,
            gettext_lazy("Bara en skickad remiss kan avslutas."),
        ),
    },
)

# One recipient's answer: pending → answered (the nämnd decided) or declined, and back.
RECIPIENT_MOVES: TransitionTable[ConsultationRecipient] = TransitionTable(
    ConsultationRecipient,
    "status",
    {
        "decline": Transition(
            {RecipientStatus.PENDING},
            RecipientStatus.DECLINED,
            gettext_lazy("Remissen är redan besvarad eller avböjd."),
        ),
        "reopen": Transition(
            {RecipientStatus.DECLINED},
            RecipientStatus.PENDING,
            gettext_lazy("Bara en remissinstans som har avstått kan öppnas igen."),
        ),
        "answer": Transition(
            {RecipientStatus.PENDING, RecipientStatus.ANSWERED},
            RecipientStatus.ANSWERED,
            gettext_lazy("Remissinstansen har avstått och kan inte svara: %(status)s."),
        ),
    },
)


def _check_draft(consultation: Consultation) -> None:
    if consultation.status != ConsultationStatus.DRAFT:
        raise ValidationError(_("Remissen är redan skickad och kan inte längre ändras."))


def _clean_questions(questions: Sequence[str]) -> list[str]:
    return [text.strip() for text in questions if text and text.strip()]


def _set_recipients(
    consultation: Consultation, organisations: Sequence[Organisation], actor: User
) -> None:
    wanted = {organisation.pk: organisation for organisation in organisations}
    existing = {recipient.organisation_id: recipient for recipient in consultation.recipients.all()}
    for organisation_id, recipient in existing.items():
        if organisation_id not in wanted:
            audit.record(
                actor=actor,
                verb="delete",
                instance=recipient,
                message=_("Borttagen som remissinstans."),
            )
            recipient.delete()
    for organisation_id, organisation in wanted.items():
        if organisation_id not in existing:
            save_audited(
                ConsultationRecipient(consultation=consultation),
                actor=actor,
                data={"organisation": organisation},
            )


def _set_questions(consultation: Consultation, questions: list[str], actor: User) -> None:
    current = [question.text for question in consultation.questions.all()]
    if current == questions:
        return
    consultation.questions.all().delete()
    ConsultationQuestion.objects.bulk_create(
        ConsultationQuestion(consultation=consultation, position=index, text=text)
        for index, text in enumerate(questions, start=1)
    )
    audit.record(
        actor=actor,
        verb="update",
        instance=consultation,
        changes={"questions": [current, questions]},
        message=_("Remissfrågorna ändrades."),
    )


def _validate(
    *, title: str, deadline: datetime.date | None, recipients: Sequence[Organisation]
) -> None:
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = _("Ange remissens titel.")
    if deadline is None:
        errors["deadline"] = _("Ange sista svarsdag.")
    if not recipients:
        errors["recipients"] = _("Välj minst en remissinstans.")
    if errors:
        raise ValidationError(errors)


class ConsultationFields(TypedDict):
    """What a coordinator writes on a draft consultation (consultation_create and _update)."""

    title: str
    sender: Organisation
    deadline: datetime.date | None
    recipients: Sequence[Organisation]
    description: NotRequired[str]
    sender_diary_number: NotRequired[str]
    programme: NotRequired[Programme | None]
    action_plan: NotRequired[ActionPlan | None]
    questions: NotRequired[Sequence[str]]


def _save(consultation: Consultation, *, actor: User, fields: ConsultationFields) -> Consultation:
    """Save a draft consultation's fields, recipients and questions (create and update)."""
    recipients = fields["recipients"]
    _validate(title=fields["title"], deadline=fields["deadline"], recipients=recipients)
    data = {
        "title": fields["title"].strip(),
        "description": fields.get("description", "").strip(),
        "sender": fields["sender"],
        "sender_diary_number": fields.get("sender_diary_number", "").strip(),
        "programme": fields.get("programme"),
        "action_plan": fields.get("action_plan"),
        "deadline": fields["deadline"],
    }
    consultation = save_audited(consultation, actor=actor, data=data)
    _set_recipients(consultation, recipients, actor)
    _set_questions(consultation, _clean_questions(fields.get("questions", ())), actor)
    return consultation


@transaction.atomic
def consultation_create(*, actor: User, **fields: Unpack[ConsultationFields]) -> Consultation:
    """Create a draft consultation with its recipients and questions (coordinators only)."""
    permissions.check_manage_consultations(actor)
    return _save(Consultation(), actor=actor, fields=fields)


@transaction.atomic
def consultation_update(
    *, actor: User, consultation: Consultation, **fields: Unpack[ConsultationFields]
) -> Consultation:
    """Change a draft consultation, its recipients and questions (coordinators only)."""
    permissions.check_manage_consultations(actor)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    _check_draft(consultation)
    return _save(consultation, actor=actor, fields=fields)


@transaction.atomic
def consultation_document_add(
    *, actor: User, consultation: Consultation, title: str, file: UploadedFile | IO[bytes]
) -> ConsultationDocument:
    """Attach a PDF, .docx or .odt file (at most 20 MB, checked by its content) to a draft."""
    permissions.check_manage_consultations(actor)
    _check_draft(consultation)
    name = getattr(file, "name", "") or ""
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, 2)
        size = file.tell()
        file.seek(0)
    try:
        cleaned = files.check_document(name, size, file)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    document = ConsultationDocument(consultation=consultation, original_name=cleaned[:255])
    document.file.save(cleaned, file, save=False)  # type: ignore[arg-type]
    stored = document.file.name or ""
    try:
        return save_audited(
            document,
            actor=actor,
            data={"title": title.strip() or cleaned, "file": document.file},
        )
    except ValidationError:
        document.file.storage.delete(stored)
        raise


def _notify(consultation_id: int, only: int | None = None) -> None:
    """E-mail the editors and administrators of each recipient, or of recipient ONLY, and of
    its preparing förvaltning (after the commit)."""
    consultation = Consultation.objects.select_related("sender").get(pk=consultation_id)
    queryset = consultation.recipients.select_related(
        "organisation", "preparing_organisation", "case"
    )
    recipients = list(queryset.filter(pk=only) if only is not None else queryset)
    emails = selectors.writer_emails(
        sorted({pk for recipient in recipients for pk in routing.organisation_ids(recipient)})
    )
    for recipient in recipients:
        addresses = sorted(
            {
                address
                for pk in routing.organisation_ids(recipient)
                for address in emails.get(pk, [])
            }
        )
        if not addresses:
            continue
        try:
            case: Case | None = recipient.case
        except Case.DoesNotExist:
            case = None
        context = {
            "consultation": consultation,
            "recipient": recipient,
            "case": case,
            "site_url": settings.SITE_URL.rstrip("/"),
        }
        subject = render_to_string("consultations/email/sent_subject.txt", context)
        body = render_to_string("consultations/email/sent_body.txt", context)
        EmailMessage(
            " ".join(subject.split()),
            body,
            settings.DEFAULT_FROM_EMAIL,
            bcc=addresses,
        ).send(fail_silently=False)


@transaction.atomic
def consultation_send(*, actor: User, consultation: Consultation) -> list[Case]:
    """Send a draft: each recipient's preparing förvaltning gets a case in its diary and its
    writers an e-mail (routing.py).

    Refused, with nothing changed, when a recipient has no preparing organisation. A
    preparing organisation without a diary prefix is notified but gets no case until it has
    one (its editors register it from the consultation page).
    """
    permissions.check_manage_consultations(actor)
    consultation = (
        Consultation.objects.select_for_update().select_related("sender").get(pk=consultation.pk)
    )
    _check_draft(consultation)
    recipients = list(consultation.recipients.select_related("organisation"))
    if not recipients:
        raise ValidationError(_("Välj minst en remissinstans innan remissen skickas."))
    now = timezone.now()
    if consultation.deadline < timezone.localdate(now):
        raise ValidationError(
            {"deadline": _("Sista svarsdag har redan passerats. Ändra den innan remissen skickas.")}
        )
    preparing = {
        recipient.pk: routing.preparing_organisation(recipient.organisation)
        for recipient in recipients
    }
    unrouted = [r.organisation.name for r in recipients if preparing[r.pk] is None]
    if unrouted:
        raise ValidationError(
            _(
                "Remissen kan inte skickas: %(names)s har ingen förvaltning som bereder "
                "ärendet och för diariet. Lägg in förvaltningen under organisationen eller "
                "ge organisationen ett eget diarieprefix, eller ta bort den som remissinstans."
            )
            % {"names": ", ".join(unrouted)},
            code="unrouted",
        )
    CONSULTATION_MOVES.apply(
        consultation,
        actor=actor,
        name="send",
        data={"sent_at": now, "sent_by": actor},
        message=_("Remissen skickades."),
        lock=False,
    )
    cases = []
    for recipient in recipients:
        organisation = preparing[recipient.pk]
        save_audited(
            recipient,
            actor=actor,
            data={"notified_at": now, "preparing_organisation": organisation},
        )
        if organisation is not None and organisation.diary_prefix:
            cases.append(_open_case(actor, recipient, consultation, now))
    transaction.on_commit(lambda: _notify(consultation.pk))
    return cases


def _open_case(
    actor: User,
    recipient: ConsultationRecipient,
    consultation: Consultation,
    now: datetime.datetime,
) -> Case:
    return register_case(
        actor=actor,
        organisation=recipient.preparing_organisation or recipient.organisation,
        title=_("Remiss: %(title)s") % {"title": consultation.title},
        registered_on=timezone.localdate(now),
        sender=consultation.sender.name,
        recipient=recipient.organisation.name
        if recipient.preparing_organisation_id not in (None, recipient.organisation_id)
        else "",
        consultation_recipient=recipient,
        check_permission=False,
    )


@transaction.atomic
def recipient_case_open(*, actor: User, recipient: ConsultationRecipient) -> Case:
    """Register the case for a received consultation that has none yet, in the preparing
    organisation's diary (its writers)."""
    recipient = (
        ConsultationRecipient.objects.select_for_update(of=("self",))
        .select_related("organisation", "preparing_organisation", "consultation__sender")
        .get(pk=recipient.pk)
    )
    preparing = routing.preparing_of(recipient)
    if preparing is None:
        raise ValidationError(_("Remissinstansen har ingen förvaltning som för diariet."))
    permissions.check_write_organisation(actor, preparing.pk)
    if recipient.preparing_organisation_id is None:
        save_audited(recipient, actor=actor, data={"preparing_organisation": preparing})
    if recipient.consultation.status == ConsultationStatus.DRAFT:
        raise ValidationError(_("Remissen är inte skickad."))
    if Case.objects.filter(consultation_recipient=recipient).exists():
        raise ValidationError(_("Remissen har redan ett ärende i diariet."))
    return _open_case(actor, recipient, recipient.consultation, timezone.now())


def _lock_answerable(recipient: ConsultationRecipient) -> ConsultationRecipient:
    """Lock the recipient's row; refuse unless its consultation is out for answers."""
    recipient = (
        ConsultationRecipient.objects.select_for_update()
        .select_related("consultation")
        .get(pk=recipient.pk)
    )
    if recipient.consultation.status != ConsultationStatus.SENT:
        raise ValidationError(_("Remissen går inte att besvara just nu."))
    return recipient


@transaction.atomic
def recipient_decline(*, actor: User, recipient: ConsultationRecipient, reason: str) -> None:
    """Decline to answer a consultation, with a reason: the recipient's (or its preparing
    förvaltning's) editors and admins, or a coordinator on their behalf (noted as such)."""
    on_behalf = not permissions.may_answer_recipient(actor, recipient)
    if on_behalf:
        permissions.check_manage_consultations(actor)
    recipient = _lock_answerable(recipient)
    if recipient.status != RecipientStatus.PENDING:
        raise ValidationError(_("Remissen är redan besvarad eller avböjd."))
    if not reason.strip():
        raise ValidationError({"reason": _("Ange skälet till att ni avstår.")})
    if Statement.objects.filter(
        case__consultation_recipient=recipient, status=StatementStatus.DECIDED
    ).exists():
        raise ValidationError(_("Svaret är redan beslutat."))
    RECIPIENT_MOVES.apply(
        recipient,
        actor=actor,
        name="decline",
        lock=False,
        data={"declined_reason": reason.strip()},
        message=_("Samordnaren registrerade att remissinstansen avstår.")
        if on_behalf
        else _("Avstår från att svara."),
    )
    case = Case.objects.filter(consultation_recipient=recipient).first()
    if case is not None and case.status == CaseStatus.OPEN:
        case_close_on_decline(actor=actor, case=case)


@transaction.atomic
def recipient_reopen(*, actor: User, recipient: ConsultationRecipient) -> None:
    """Take back a decline so the recipient can answer after all (its writers, coordinators).

    The recipient is pending again and its case, closed by the decline, open again.
    """
    if not permissions.may_answer_recipient(actor, recipient):
        permissions.check_manage_consultations(actor)
    recipient = _lock_answerable(recipient)
    if recipient.status != RecipientStatus.DECLINED:
        raise ValidationError(_("Bara en remissinstans som har avstått kan öppnas igen."))
    RECIPIENT_MOVES.apply(
        recipient,
        actor=actor,
        name="reopen",
        lock=False,
        data={"declined_reason": ""},
        message=_("Öppnad igen efter att ha avstått (skäl då: %(reason)s).")
        % {"reason": recipient.declined_reason[:300]},
    )
    case = Case.objects.filter(consultation_recipient=recipient).first()
    if case is not None and case.status == CaseStatus.CLOSED:
        case_reopen_after_decline(actor=actor, case=case)


@transaction.atomic
def consultation_close(*, actor: User, consultation: Consultation) -> None:
    """Close a sent consultation: no more answers are expected (coordinators only)."""
    permissions.check_manage_consultations(actor)
    if consultation.status != ConsultationStatus.SENT:
        raise ValidationError(_("Bara en skickad remiss kan avslutas."))
    CONSULTATION_MOVES.apply(consultation, actor=actor, name="close")
