"""Cases in an organisation's diary: register (numbering lives in diary.py), correct, cancel.

A case is corrected (title, officer, sender, recipient) but never renumbered; a case
registered by mistake is cancelled ("makulerat"): it keeps its number, which is never handed
out again, and records why.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mrplan.accounts.models import User
from mrplan.consultations import permissions
from mrplan.consultations.diary import register_case
from mrplan.consultations.models import Case, CaseStatus
from mrplan.core.actions import save_audited
from mrplan.core.transitions import Transition, TransitionTable

_LIVE = (CaseStatus.OPEN, CaseStatus.DECIDED, CaseStatus.CLOSED)
_CORRECTION_REFUSAL = gettext_lazy("Ärendet är makulerat och kan inte ändras.")

# A case in the diary: open → decided (the nämnd decided its statement) or closed (the
# recipient declined) and back, cancelled once and for good; a registrator may correct the
# status of a case that is not cancelled (case_update).
CASE_MOVES: TransitionTable[Case] = TransitionTable(
    Case,
    "status",
    {
        "decide": Transition(
            {CaseStatus.OPEN, CaseStatus.CLOSED},
            CaseStatus.DECIDED,
            gettext_lazy("Ärendet kan inte beslutas: det har status %(status)s."),
        ),
        "close_on_decline": Transition(
            {CaseStatus.OPEN},
            CaseStatus.CLOSED,
            gettext_lazy("Ärendet kan inte avslutas: det har status %(status)s."),
        ),
        "reopen_after_decline": Transition(
            {CaseStatus.CLOSED},
            CaseStatus.OPEN,
            gettext_lazy("Ärendet kan inte öppnas igen: det har status %(status)s."),
        ),
        "cancel": Transition(
            {CaseStatus.OPEN, CaseStatus.CLOSED},
            CaseStatus.CANCELLED,
            gettext_lazy("Ärendet kan inte makuleras: det har status %(status)s."),
        ),
        "correct_open": Transition(_LIVE, CaseStatus.OPEN, _CORRECTION_REFUSAL),
        "correct_decided": Transition(_LIVE, CaseStatus.DECIDED, _CORRECTION_REFUSAL),
        "correct_closed": Transition(_LIVE, CaseStatus.CLOSED, _CORRECTION_REFUSAL),
    },
)


def case_decide(*, actor: User, case: Case) -> Case:
    """Mark CASE decided, as its statement's decision was recorded (decision_record)."""
    return CASE_MOVES.apply(case, actor=actor, name="decide")


def case_close_on_decline(*, actor: User, case: Case) -> Case:
    """Close CASE because its recipient declined to answer (recipient_decline)."""
    return CASE_MOVES.apply(case, actor=actor, name="close_on_decline", message=_("Avstår."))


def case_reopen_after_decline(*, actor: User, case: Case) -> Case:
    """Open CASE again because its recipient's decline was taken back (recipient_reopen)."""
    return CASE_MOVES.apply(
        case, actor=actor, name="reopen_after_decline", message=_("Öppnat igen.")
    )


__all__ = ["case_cancel", "case_register", "case_update"]

case_register = register_case


def _check_officer(case: Case, case_officer: Any) -> None:
    if case_officer is None:
        return
    if not case_officer.memberships.filter(organisation_id=case.organisation_id).exists():
        raise ValidationError(
            {
                "case_officer": _("Handläggaren måste höra till %(organisation)s.")
                % {"organisation": case.organisation.name}
            }
        )


@transaction.atomic
def case_update(
    *,
    actor: User,
    case: Case,
    title: str,
    sender: str = "",
    recipient: str = "",
    case_officer: Any = None,
    status: str | None = None,
) -> Case:
    """Change a case's title, sender, recipient, officer or status (not its number)."""
    permissions.check_write_organisation(actor, case.organisation_id)
    case = Case.objects.select_for_update().select_related("organisation").get(pk=case.pk)
    if case.status == CaseStatus.CANCELLED:
        raise ValidationError(_("Ärendet är makulerat och kan inte ändras."), code="cancelled")
    if not title.strip():
        raise ValidationError({"title": _("Ange ärendets rubrik.")})
    _check_officer(case, case_officer)
    data: dict[str, Any] = {
        "title": title.strip(),
        "sender": sender.strip(),
        "recipient": recipient.strip(),
        "case_officer": case_officer,
    }
    if status is not None:
        if status not in CaseStatus.values or status == CaseStatus.CANCELLED:
            raise ValidationError({"status": _("Välj en giltig status.")})
        if status != case.status:
            return CASE_MOVES.apply(
                case,
                actor=actor,
                name=f"correct_{status}",
                data=data,
                message=_("Ärendet rättades."),
                lock=False,
            )
    return save_audited(case, actor=actor, data=data, message=_("Ärendet rättades."))


@transaction.atomic
def case_cancel(*, actor: User, case: Case, reason: str) -> Case:
    """Cancel a case registered by mistake: it keeps its number and records why.

    A remiss the case answered is let go (the history keeps the link), so that the
    recipient can register it again under a new number.
    """
    permissions.check_write_organisation(actor, case.organisation_id)
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status == CaseStatus.CANCELLED:
        raise ValidationError(_("Ärendet är redan makulerat."), code="cancelled")
    if case.status == CaseStatus.DECIDED:
        raise ValidationError(_("Ett beslutat ärende kan inte makuleras."), code="decided")
    if not reason.strip():
        raise ValidationError({"reason": _("Ange skälet till att ärendet makuleras.")})
    return CASE_MOVES.apply(
        case,
        actor=actor,
        name="cancel",
        lock=False,
        data={
            "cancelled_reason": reason.strip(),
            "cancelled_at": timezone.now(),
            # Free the remiss, so that it can be registered again under a new number.
            "consultation_recipient": None,
        },
        message=_("Ärendet makulerades: %(reason)s") % {"reason": reason.strip()[:300]},
    )
