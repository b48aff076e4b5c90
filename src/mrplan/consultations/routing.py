"""Who prepares a recipient's answer: recipient nämnd → preparing förvaltning → its diary.

In the city the nämnd (committee) is the recipient of a remiss; its förvaltning (the
administration whose parent is that nämnd) prepares the tjänsteutlåtande and keeps the
diary. A förvaltning addressed directly prepares its own answer, and an organisation with a
diary of its own and no förvaltning under it (a company board, say) does too. Anything else
has no preparing organisation, and a consultation to it cannot be sent.
"""

from mrplan.consultations.models import ConsultationRecipient
from mrplan.organisations.models import Organisation, OrganisationKind


def preparing_organisation(organisation: Organisation) -> Organisation | None:
    """Return the organisation that prepares ORGANISATION's answers, or None."""
    if organisation.kind == OrganisationKind.ADMINISTRATION:
        return organisation
    administrations = list(
        Organisation.objects.filter(parent=organisation, kind=OrganisationKind.ADMINISTRATION)
        .exclude(pk=organisation.pk)
        .order_by("name")
    )
    if administrations:
        with_diary = [item for item in administrations if item.diary_prefix]
        return (with_diary or administrations)[0]
    if organisation.diary_prefix:
        return organisation
    return None


def preparing_of(recipient: ConsultationRecipient) -> Organisation | None:
    """Return the recipient's preparing organisation: as set when sent, else as it would be."""
    if recipient.preparing_organisation_id is not None:
        return recipient.preparing_organisation
    return preparing_organisation(recipient.organisation)


def known_preparing(recipient: ConsultationRecipient) -> Organisation | None:
    """Return the preparing organisation without a query: as set when sent, else the
    recipient itself when it is a förvaltning or keeps a diary (for list pages)."""
    if recipient.preparing_organisation_id is not None:
        return recipient.preparing_organisation
    organisation = recipient.organisation
    if organisation.kind == OrganisationKind.ADMINISTRATION or organisation.diary_prefix:
        return organisation
    return None


def organisation_ids(recipient: ConsultationRecipient) -> set[int]:
    """Return the ids of the recipient and its preparing organisation (whose members act)."""
    ids = {recipient.organisation_id}
    if recipient.preparing_organisation_id is not None:
        ids.add(recipient.preparing_organisation_id)
    return ids
