"""Endpoints for partners: civil society organisations and other authorities.

For those who work in the city (others get 401 or 403). Contact persons are personal
data: only the partner's registering organisation and coordinators get them, from their
own endpoint, and each read is recorded; no other answer ever contains them.
"""

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import paginate

from mrplan.api.auth import USER_AUTH
from mrplan.api.common import (
    INTERNAL_DETAIL_ERRORS,
    INTERNAL_ERRORS,
    Pagination,
    found,
    signed_in,
)
from mrplan.api.schemas.collaboration import ContactOut, PartnerOut
from mrplan.collaboration import actions, permissions, selectors
from mrplan.collaboration.models import ContactPerson, Partner

router = Router(tags=["Samverkan och kompetens"], auth=USER_AUTH)


@router.get(
    "/collaboration/partners/",
    operation_id="mrplan_collaboration_api_partner_list",
    response={200: list[PartnerOut], **INTERNAL_ERRORS},
    summary="Lista partner",
    description="Civilsamhällets organisationer och andra myndigheter. Utan kontaktpersoner.",
)
@paginate(Pagination)
def partner_list(request: HttpRequest, q: str = "") -> QuerySet[Partner]:
    permissions.check_reader(request.user)
    return selectors.partners(query=q)


@router.get(
    "/collaboration/partners/{partner_id}",
    operation_id="mrplan_collaboration_api_partner_detail",
    response={200: PartnerOut, **INTERNAL_DETAIL_ERRORS},
    summary="Visa en partner",
)
def partner_detail(request: HttpRequest, partner_id: int) -> Partner:
    partner = found(
        _("Partnern finns inte."), permissions.get_partner_for_actor, request.user, partner_id
    )
    return selectors.partners().get(pk=partner.pk)


@router.get(
    "/collaboration/partners/{partner_id}/contacts",
    operation_id="mrplan_collaboration_api_partner_contacts",
    response={200: list[ContactOut], **INTERNAL_DETAIL_ERRORS},
    summary="Lista en partners kontaktpersoner",
    description="Personuppgifter: bara för de berörda organisationerna och samordnarna.",
)
def partner_contacts(request: HttpRequest, partner_id: int) -> QuerySet[ContactPerson]:
    user = signed_in(request)
    partner = found(
        _("Partnern finns inte."),
        permissions.get_partner_for_actor,
        user,
        partner_id,
        contacts=True,
    )
    actions.contacts_read(actor=user, partner=partner)
    return selectors.contacts_of(partner)
