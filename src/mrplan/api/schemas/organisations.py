"""The city's organisations and their departments."""

from typing import Any

from ninja import Schema

from mrplan.api.schemas.base import ids
from mrplan.organisations.models import Organisation, OrganisationKind


class DepartmentOut(Schema):
    id: int
    name: str


class OrganisationOut(Schema):
    id: int
    name: str
    short_name: str
    slug: str
    kind: OrganisationKind
    kind_label: str
    parent_id: int | None
    diary_prefix: str
    description: str
    email: str
    phone: str
    address: str
    website: str

    @staticmethod
    def resolve_kind_label(obj: Organisation) -> str:
        return str(obj.get_kind_display())


class OrganisationDetailOut(OrganisationOut):
    children_ids: list[int]
    departments: list[DepartmentOut]

    @staticmethod
    def resolve_children_ids(obj: Organisation) -> list[int]:
        return ids(obj.children)

    @staticmethod
    def resolve_departments(obj: Organisation) -> list[Any]:
        return list(obj.departments.all())
