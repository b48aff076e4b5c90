"""The caller's own account and memberships."""

from typing import Any

from ninja import Schema

from mrplan.accounts.models import Role, User
from mrplan.accounts.permissions import roles_for


class MembershipOut(Schema):
    organisation_id: int
    organisation_name: str
    role: Role
    role_label: str
    title: str

    @staticmethod
    def resolve_organisation_name(obj: Any) -> str:
        return str(obj.organisation.name)

    @staticmethod
    def resolve_role_label(obj: Any) -> str:
        return str(obj.get_role_display())


class MeOut(Schema):
    username: str
    name: str
    is_coordinator: bool
    memberships: list[MembershipOut]

    @staticmethod
    def resolve_name(obj: User) -> str:
        return obj.get_full_name()

    @staticmethod
    def resolve_is_coordinator(obj: User) -> bool:
        return roles_for(obj).is_coordinator

    @staticmethod
    def resolve_memberships(obj: User) -> list[Any]:
        return list(obj.memberships.select_related("organisation"))
