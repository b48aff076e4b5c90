"""Partners, collaborations, dialogues, information material and training.

Contact persons are personal data: ContactOut is only ever sent by the partner's contacts
endpoint, to those who may see them.
"""

import datetime
from typing import Any

from ninja import Schema

from mrplan.collaboration.models import Collaboration, Dialogue, Material, Partner, TrainingSession


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
