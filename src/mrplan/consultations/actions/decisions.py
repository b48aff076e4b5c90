"""The committee's decision on an attested statement, which answers the consultation."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mrplan.accounts.models import User
from mrplan.consultations import notifications, permissions, selectors
from mrplan.consultations.actions.cases import case_decide
from mrplan.consultations.actions.consultations import RECIPIENT_MOVES
from mrplan.consultations.actions.statements import statement_mark_decided
from mrplan.consultations.models import (
    Case,
    CaseStatus,
    ConsultationRecipient,
    Decision,
    RecipientStatus,
    Statement,
    StatementStatus,
)
from mrplan.consultations.statements import attestation as statement_attestation
from mrplan.core.actions import save_audited
from mrplan.organisations.models import Organisation


def default_decision_text(statement: Statement, committee: Organisation | None) -> str:
    """Return the usual decision text, taken from the statement's decision proposal."""
    proposal = statement.decision_proposal.strip()
    if proposal:
        return proposal
    name = committee.name if committee else _("Nämnden")
    return _(
        "%(committee)s godkänner förvaltningens tjänsteutlåtande och överlämnar det till "
        "kommunstyrelsen som svar på remissen."
    ) % {"committee": name}


@transaction.atomic
def decision_record(
    *,
    actor: User,
    statement: Statement,
    committee: Organisation | None,
    meeting_date: datetime.date | None,
    paragraph: str,
    text: str,
    decided_on: datetime.date | None,
) -> Decision:
    """Record the committee's decision on a fully attested statement.

    The statement and its case become decided, and when the case came from a consultation
    the recipient has answered.
    """
    statement = (
        Statement.objects.select_for_update()
        .select_related("case__organisation")
        .get(pk=statement.pk)
    )
    permissions.check_write_organisation(actor, statement.case.organisation_id)
    if (
        statement.status == StatementStatus.DECIDED
        or Decision.objects.filter(statement=statement).exists()
    ):
        raise ValidationError(_("Beslutet är redan registrerat."))
    if statement.case.status == CaseStatus.CANCELLED:
        raise ValidationError(_("Ärendet är makulerat."), code="cancelled")
    if not statement_attestation.has_content(statement):
        raise ValidationError(_(statement_attestation.EMPTY_MESSAGE), code="empty")
    recipient = statement.case.consultation_recipient
    if recipient is not None and recipient.status == RecipientStatus.DECLINED:
        raise ValidationError(
            _(
                "%(organisation)s har avstått från att svara på remissen. Öppna remissen igen "
                "innan beslutet registreras."
            )
            % {"organisation": recipient.organisation.name},
            code="declined",
        )
    if not selectors.is_fully_approved(statement):
        raise ValidationError(
            _(
                "Tjänsteutlåtandet måste vara attesterat av alla attesterare i den aktuella "
                "versionen innan beslutet kan registreras."
            )
        )
    errors: dict[str, str] = {}
    if committee is None:
        errors["committee"] = _("Ange vilken nämnd som beslutade.")
    if meeting_date is None:
        errors["meeting_date"] = _("Ange sammanträdets datum.")
    if not paragraph.strip().lstrip("§").strip():
        errors["paragraph"] = _("Ange paragrafen (§).")
    if not text.strip():
        errors["text"] = _("Ange beslutets text.")
    today = timezone.localdate()
    registered_on = statement.case.registered_on
    if decided_on is None:
        errors["decided_on"] = _("Ange beslutsdatum.")
    elif decided_on > today:
        errors["decided_on"] = _("Beslutsdatum kan inte ligga i framtiden.")
    elif decided_on < registered_on:
        errors["decided_on"] = _(
            "Beslutsdatum kan inte vara före ärendets registrering (%(date)s)."
        ) % {"date": registered_on.isoformat()}
    elif meeting_date is not None and decided_on < meeting_date:
        errors["decided_on"] = _("Beslutsdatum kan inte vara före sammanträdet.")
    if meeting_date is not None and meeting_date > today and "meeting_date" not in errors:
        errors["meeting_date"] = _("Sammanträdet kan inte ligga i framtiden.")
    if errors:
        raise ValidationError(errors)
    decision = save_audited(
        Decision(statement=statement, recorded_by=actor),
        actor=actor,
        data={
            "committee": committee,
            "meeting_date": meeting_date,
            "paragraph": paragraph.strip().lstrip("§").strip(),
            "text": text.strip(),
            "decided_on": decided_on,
        },
        message=_("Beslutet registrerades."),
    )
    statement_mark_decided(actor=actor, statement=statement)
    case = Case.objects.select_for_update().get(pk=statement.case_id)
    case_decide(actor=actor, case=case)
    if case.consultation_recipient_id is not None:
        recipient = ConsultationRecipient.objects.select_for_update().get(
            pk=case.consultation_recipient_id
        )
        RECIPIENT_MOVES.apply(
            recipient,
            actor=actor,
            name="answer",
            lock=False,
            data={"answered_at": timezone.now()},
            message=_("Svaret skickades till remissen."),
        )
        notifications.answer_arrived_later(recipient, statement)
    return decision
