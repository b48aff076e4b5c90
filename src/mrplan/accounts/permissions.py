"""Who may do what: role look-ups shared by the per-object permission helpers."""

from dataclasses import dataclass, field
from typing import Any

from mrplan.accounts.models import Role

# The roles that may write an organisation's plans, cases and records.
WRITE_ROLES = frozenset({Role.ORG_ADMIN, Role.EDITOR})


@dataclass(frozen=True)
class Roles:
    """A user's roles per organisation id, loaded once per request."""

    authenticated: bool = False
    by_organisation: dict[int, set[str]] = field(default_factory=dict)
    coordinator: bool = False
    superuser: bool = False
    citywide_reader: bool = False

    def has(self, organisation_id: int | None, *roles: str) -> bool:
        if organisation_id is None:
            return False
        return bool(self.by_organisation.get(organisation_id, set()) & set(roles))

    def is_member(self, organisation_id: int | None) -> bool:
        return organisation_id in self.by_organisation

    @property
    def is_coordinator(self) -> bool:
        return self.coordinator or self.superuser

    @property
    def is_internal(self) -> bool:
        """Whether the user works in the city: a coordinator or a member of any organisation.

        A signed-in account without a membership sees only what the public sees.
        """
        return self.is_coordinator or bool(self.by_organisation)

    def reads_internal_of(self, organisation_id: int | None) -> bool:
        """Whether the user reads organisation ORGANISATION_ID's unfinished work (drafts).

        Its own members do, and coordinators, and city-wide readers: those a coordinator
        has given a membership at the coordinating office.
        """
        return self.is_coordinator or self.citywide_reader or self.is_member(organisation_id)


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
    citywide_reader = False
    for organisation_id, role, kind in user.memberships.values_list(
        "organisation_id", "role", "organisation__kind"
    ):
        by_organisation.setdefault(organisation_id, set()).add(role)
        if kind == "coordinating_office":
            citywide_reader = True
            if role == Role.COORDINATOR:
                coordinator = True
    roles = Roles(
        authenticated=True,
        by_organisation=by_organisation,
        coordinator=coordinator,
        superuser=user.is_superuser,
        citywide_reader=citywide_reader,
    )
    user._mrplan_roles = roles
    return roles
