"""Whether an organisation's reports need its approver's sign-off before they go to SLK."""

from django.db import transaction

from mrplan.accounts.models import User
from mrplan.core.actions import save_audited
from mrplan.organisations.models import Organisation
from mrplan.planning.models import SignOffSetting
from mrplan.planning.permissions import check_configure_sign_off


@transaction.atomic
def sign_off_setting_update(
    *, actor: User, organisation: Organisation, required: bool
) -> SignOffSetting:
    """Turn the internal sign-off on or off for ORGANISATION (its admins, coordinators)."""
    check_configure_sign_off(actor, organisation.pk)
    setting = SignOffSetting.objects.select_for_update().filter(organisation=organisation).first()
    return save_audited(
        setting or SignOffSetting(organisation=organisation),
        actor=actor,
        data={"required": required},
    )
