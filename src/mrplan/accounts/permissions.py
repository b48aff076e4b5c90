"""Who may do what: role look-ups shared by the per-object permission helpers."""

from dataclasses import dataclass, field
from typing import Any

from mrplan.accounts.models import Role

WRITE_ROLES = {Role.ORG_ADMIN, Role.EDITOR}


@dataclass(frozen=True)
class Roles:
    """A user's roles per organisation id, loaded once per request."""

    authenticated: bool = False
    by_organisation: dict[int, set[str]] = field(default_factory=dict)
    coordinator: bool = False
    superuser: bool = False

    def has(self, organisation_id: int | None, *roles: str) -> bool:
        if organisation_id is None:
            return False
        return bool(self.by_organisation.get(organisation_id, set()) & set(roles))

    def is_member(self, organisation_id: int | None) -> bool:
        return organisation_id in self.by_organisation

    @property
    def is_coordinator(self) -> bool:
        return self.coordinator or self.superuser


ANONYMOUS = Roles()


def roles_for(user: Any) -> Roles:
    """Return USER's roles, cached on the user object for the request."""
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    cached = getattr(user, "_mrplan_roles", None)
    if cached is not None:
        return cached
    by_organisation: dict[int, set[str]] = {}
    coordinator = False
    for organisation_id, role, kind in user.memberships.values_list(
        "organisation_id", "role", "organisation__kind"
    ):
        by_organisation.setdefault(organisation_id, set()).add(role)
        if role == Role.COORDINATOR and kind == "coordinating_office":
            coordinator = True
    roles = Roles(
        authenticated=True,
        by_organisation=by_organisation,
        coordinator=coordinator,
        superuser=user.is_superuser,
    )
    user._mrplan_roles = roles
    return roles
