"""Endpoints for the city's organisations; all of them are public."""

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import paginate

from mrplan.api.auth import OPTIONAL_AUTH
from mrplan.api.common import (
    DETAIL_ERRORS,
    READ_ERRORS,
    Pagination,
    found,
)
from mrplan.api.schemas.organisations import OrganisationDetailOut, OrganisationOut
from mrplan.organisations.models import Department, Organisation, OrganisationKind
from mrplan.organisations.permissions import get_organisation_for_actor

router = Router(tags=["Organisationer"])


@router.get(
    "/organisations/",
    operation_id="mrplan_api_organisations_organisation_list",
    response={200: list[OrganisationOut], **READ_ERRORS},
    summary="Lista organisationer",
    description="Nämnder, bolagsstyrelser och förvaltningar i namnordning. "
    "Filtrera på typ med `?kind=`.",
    openapi_extra=OPTIONAL_AUTH,
)
@paginate(Pagination)
def organisation_list(
    request: HttpRequest, kind: OrganisationKind | None = None
) -> QuerySet[Organisation]:
    """Return the organisations by name, of one KIND if given."""
    organisations = Organisation.objects.order_by("name", "pk")
    if kind is not None:
        organisations = organisations.filter(kind=kind)
    return organisations


@router.get(
    "/organisations/{organisation_id}",
    operation_id="mrplan_api_organisations_organisation_detail",
    response={200: OrganisationDetailOut, **DETAIL_ERRORS},
    summary="Visa en organisation",
    description="En organisation med sina avdelningar och de organisationer som hör till den.",
    openapi_extra=OPTIONAL_AUTH,
)
def organisation_detail(request: HttpRequest, organisation_id: int) -> Organisation:
    """Return one organisation with its children and departments."""
    organisation = found(
        _("Organisationen finns inte."),
        get_organisation_for_actor,
        request.user,
        organisation_id,
    )
    prefetch_related_objects(
        [organisation],
        Prefetch("children", queryset=Organisation.objects.order_by("name", "pk")),
        Prefetch("departments", queryset=Department.objects.order_by("name", "pk")),
    )
    return organisation
