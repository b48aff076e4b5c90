"""The city's attestation rule: how many different people must approve a statement."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mrplan.accounts.models import User
from mrplan.consultations import permissions
from mrplan.consultations.models import AttestationPolicy
from mrplan.core.actions import save_audited

MAXIMUM_APPROVERS = 10


@transaction.atomic
def attestation_policy_update(*, actor: User, minimum_approvers: int | None) -> AttestationPolicy:
    """Set the minimum number of distinct approvers (coordinators only, audited)."""
    permissions.check_manage_consultations(actor)
    if minimum_approvers is None or not 1 <= minimum_approvers <= MAXIMUM_APPROVERS:
        raise ValidationError(
            {
                "minimum_approvers": _(
                    "Ange ett antal attesterare från minst 1 till högst %(maximum)s."
                )
                % {"maximum": MAXIMUM_APPROVERS}
            }
        )
    policy = AttestationPolicy.objects.select_for_update().order_by("pk").first()
    return save_audited(
        policy or AttestationPolicy(),
        actor=actor,
        data={"minimum_approvers": minimum_approvers},
        message=_("Minsta antal attesterare ändrades."),
    )
