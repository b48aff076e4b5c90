"""Cases in an organisation's diary: register (numbering lives in diary.py) and update."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mrplan.consultations import permissions
from mrplan.consultations.diary import register_case
from mrplan.consultations.models import Case, CaseStatus
from mrplan.core.actions import save_audited

__all__ = ["case_register", "case_update"]

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
    actor: Any,
    case: Case,
    title: str,
    sender: str = "",
    recipient: str = "",
    case_officer: Any = None,
    status: str | None = None,
) -> Case:
    """Change a case's title, sender, recipient, officer or status (not its number)."""
    permissions.check_write_organisation(actor, case.organisation_id)
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
        if status not in CaseStatus.values:
            raise ValidationError({"status": _("Välj en giltig status.")})
        data["status"] = status
    return save_audited(case, actor=actor, data=data)
