"""API endpoints for partners, collaborations, dialogues, material and training.

Everything needs a signed-in caller (token or session) except information material
marked public, which anonymous callers also get. Contact persons are personal data:
only the partner's organisations concerned and coordinators get them, from their own
endpoint; no other answer ever contains them.

Mounted at /api/v1/ by mrplan/api/api.py.
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate

from mrplan.accounts.models import User
from mrplan.api.auth import OPTIONAL_AUTH, READ_AUTH, USER_AUTH, caller
from mrplan.api.common import Pagination, get_or_404
from mrplan.api.schemas import ErrorOut
from mrplan.collaboration import actions, permissions, selectors
from mrplan.collaboration.models import (
    Collaboration,
    ContactPerson,
    Dialogue,
    Material,
    Partner,
    TrainingOffer,
    TrainingSession,
)

router = Router(tags=["Samverkan och kompetens"], auth=USER_AUTH)

READ = {401: ErrorOut, 403: ErrorOut, 422: ErrorOut}
DETAIL = {**READ, 404: ErrorOut}


class RefOut(Schema):
    id: int
    name: str


class PartnerOut(Schema):
    id: int
    name: str
    organisation_number: str
    kind: str
    kind_label: str
    description: str
    website: str
    area_text: str
    target_groups: list[RefOut]
    districts: list[RefOut]

    @staticmethod
    def resolve_kind_label(obj: Partner) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_target_groups(obj: Partner) -> list[dict[str, Any]]:
        return [{"id": g.pk, "name": g.name} for g in obj.target_groups.all()]

    @staticmethod
    def resolve_districts(obj: Partner) -> list[dict[str, Any]]:
        return [{"id": o.pk, "name": o.name} for o in obj.districts.all()]


class ContactOut(Schema):
    id: int
    name: str
    role: str
    email: str
    phone: str
    legal_basis: str
    purpose: str
    last_used_at: datetime.datetime | None


class ActivityRefOut(Schema):
    id: int
    title: str
    organisation_id: int


def _refs(items: Any, attribute: str = "name") -> list[dict[str, Any]]:
    return [{"id": item.pk, "name": getattr(item, attribute)} for item in items]


class CollaborationOut(Schema):
    id: int
    title: str
    form: str
    start_date: datetime.date
    end_date: datetime.date | None
    purpose: str
    organisations: list[RefOut]
    partners: list[RefOut]
    activities: list[ActivityRefOut]
    development_areas: list[RefOut]

    @staticmethod
    def resolve_organisations(obj: Collaboration) -> list[dict[str, Any]]:
        return _refs(obj.organisations.all())

    @staticmethod
    def resolve_partners(obj: Collaboration) -> list[dict[str, Any]]:
        return _refs(obj.partners.all())

    @staticmethod
    def resolve_activities(obj: Collaboration) -> list[Any]:
        return list(obj.activities.all())

    @staticmethod
    def resolve_development_areas(obj: Collaboration) -> list[dict[str, Any]]:
        return _refs(obj.development_areas.all(), "title")


class AttendanceOut(Schema):
    target_group_id: int
    target_group: str
    count: int

    @staticmethod
    def resolve_target_group(obj: Any) -> str:
        return str(obj.target_group.name)


class DialogueOut(Schema):
    id: int
    title: str
    date: datetime.date
    organisations: list[RefOut]
    partners: list[RefOut]
    attendance: list[AttendanceOut]
    raised: str
    response: str
    follow_up: str
    activities: list[ActivityRefOut]

    @staticmethod
    def resolve_organisations(obj: Dialogue) -> list[dict[str, Any]]:
        return _refs(obj.organisations.all())

    @staticmethod
    def resolve_partners(obj: Dialogue) -> list[dict[str, Any]]:
        return _refs(obj.partners.all())

    @staticmethod
    def resolve_attendance(obj: Dialogue) -> list[Any]:
        return list(obj.attendance.all())

    @staticmethod
    def resolve_activities(obj: Dialogue) -> list[Any]:
        return list(obj.activities.all())


class MaterialOut(Schema):
    id: int
    title: str
    description: str
    audience: str
    language: str
    url: str
    file_url: str | None
    target_groups: list[RefOut]
    version: str
    is_public: bool

    @staticmethod
    def resolve_file_url(obj: Material) -> str | None:
        if not obj.file:
            return None
        return f"{obj.get_absolute_url()}fil/"

    @staticmethod
    def resolve_target_groups(obj: Material) -> list[dict[str, Any]]:
        return _refs(obj.target_groups.all())


class ParticipationOut(Schema):
    organisation_id: int
    staff_group: str
    count: int


class SessionOut(Schema):
    id: int
    offer_id: int
    date: datetime.date
    organiser_id: int
    place: str
    participations: list[ParticipationOut]

    @staticmethod
    def resolve_participations(obj: TrainingSession) -> list[Any]:
        return list(obj.participations.all())


class OfferOut(Schema):
    id: int
    topic: str
    description: str
    form: str
    length_hours: float


def _reader(request: HttpRequest) -> User:
    user = caller(request)
    if user is None or not permissions.may_read(user):
        raise PermissionDenied
    return user


@router.get(
    "/collaboration/partners/",
    response={200: list[PartnerOut], **READ},
    summary="Lista partner",
    description="Civilsamhällets organisationer och andra myndigheter. Utan kontaktpersoner.",
)
@paginate(Pagination)
def partner_list(request: HttpRequest, q: str = "") -> QuerySet[Partner]:
    _reader(request)
    return selectors.partners(query=q)


@router.get(
    "/collaboration/partners/{partner_id}",
    response={200: PartnerOut, **DETAIL},
    summary="Visa en partner",
)
def partner_detail(request: HttpRequest, partner_id: int) -> Partner:
    _reader(request)
    return get_or_404(selectors.partners(), partner_id, _("Partnern finns inte."))


@router.get(
    "/collaboration/partners/{partner_id}/contacts",
    response={200: list[ContactOut], **DETAIL},
    summary="Lista en partners kontaktpersoner",
    description="Personuppgifter: bara för de berörda organisationerna och samordnarna.",
)
def partner_contacts(request: HttpRequest, partner_id: int) -> QuerySet[ContactPerson]:
    user = _reader(request)
    partner = get_or_404(Partner.objects.all(), partner_id, _("Partnern finns inte."))
    if not permissions.may_see_contacts(user, partner):
        raise PermissionDenied
    actions.contacts_read(actor=user, partner=partner)
    return selectors.contacts_of(partner)


@router.get(
    "/collaboration/collaborations/",
    response={200: list[CollaborationOut], **READ},
    summary="Lista samarbeten",
)
@paginate(Pagination)
def collaboration_list(
    request: HttpRequest, organisation_id: int | None = None
) -> QuerySet[Collaboration]:
    _reader(request)
    result = selectors.collaborations()
    if organisation_id is not None:
        result = result.filter(organisations=organisation_id)
    return result


@router.get(
    "/collaboration/collaborations/{collaboration_id}",
    response={200: CollaborationOut, **DETAIL},
    summary="Visa ett samarbete",
)
def collaboration_detail(request: HttpRequest, collaboration_id: int) -> Collaboration:
    _reader(request)
    return get_or_404(selectors.collaborations(), collaboration_id, _("Samarbetet finns inte."))


@router.get(
    "/collaboration/dialogues/",
    response={200: list[DialogueOut], **READ},
    summary="Lista dialoger",
    description="Med `?without_response=true` bara dialoger där stadens svar saknas.",
)
@paginate(Pagination)
def dialogue_list(request: HttpRequest, without_response: bool = False) -> QuerySet[Dialogue]:
    _reader(request)
    return selectors.dialogues(without_response=without_response)


@router.get(
    "/collaboration/dialogues/{dialogue_id}",
    response={200: DialogueOut, **DETAIL},
    summary="Visa en dialog",
)
def dialogue_detail(request: HttpRequest, dialogue_id: int) -> Dialogue:
    _reader(request)
    return get_or_404(selectors.dialogues(), dialogue_id, _("Dialogen finns inte."))


@router.get(
    "/collaboration/material/",
    response={200: list[MaterialOut], 422: ErrorOut},
    auth=READ_AUTH,
    summary="Lista informationsmaterial",
    description="Utan inloggning visas bara material som är publicerat för allmänheten.",
    openapi_extra=OPTIONAL_AUTH,
)
@paginate(Pagination)
def material_list(request: HttpRequest, q: str = "") -> QuerySet[Material]:
    public_only = not permissions.may_read(caller(request))
    return selectors.material(public_only=public_only, query=q)


@router.get(
    "/collaboration/material/{material_id}",
    response={200: MaterialOut, 404: ErrorOut, 422: ErrorOut},
    auth=READ_AUTH,
    summary="Visa informationsmaterial",
    openapi_extra=OPTIONAL_AUTH,
)
def material_detail(request: HttpRequest, material_id: int) -> Material:
    public_only = not permissions.may_read(caller(request))
    return get_or_404(
        selectors.material(public_only=public_only), material_id, _("Materialet finns inte.")
    )


@router.get(
    "/collaboration/training/offers/",
    response={200: list[OfferOut], **READ},
    summary="Lista utbildningsinsatser",
)
@paginate(Pagination)
def offer_list(request: HttpRequest) -> QuerySet[TrainingOffer]:
    _reader(request)
    return TrainingOffer.objects.order_by("topic", "pk")


@router.get(
    "/collaboration/training/sessions/",
    response={200: list[SessionOut], **READ},
    summary="Lista utbildningstillfällen med deltagande",
)
@paginate(Pagination)
def session_list(request: HttpRequest, offer_id: int | None = None) -> QuerySet[TrainingSession]:
    _reader(request)
    result = TrainingSession.objects.prefetch_related("participations").order_by("-date", "pk")
    if offer_id is not None:
        result = result.filter(offer_id=offer_id)
    return result
