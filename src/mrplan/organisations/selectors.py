"""Reads of the city's organisations, each with its related rows fetched up front."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet, prefetch_related_objects

from mrplan.accounts.models import Membership
from mrplan.organisations.models import Department, Organisation, OrganisationKind

KIND_ORDER = {kind: position for position, kind in enumerate(OrganisationKind.values)}


@dataclass
class KindGroup:
    """The organisations of one kind, as the directory shows them."""

    kind: str
    label: str
    organisations: list[Organisation] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.organisations)


def organisations_with_parent() -> QuerySet[Organisation]:
    """Return every organisation with its parent, by name."""
    return Organisation.objects.select_related("parent").order_by("name")


def _matches(organisation: Organisation, query: str) -> bool:
    needle = query.casefold()
    return any(
        needle in text.casefold()
        for text in (organisation.name, organisation.short_name, organisation.diary_prefix)
    )


def organisation_directory(*, kind: str = "", query: str = "") -> list[KindGroup]:
    """Return the organisations grouped by kind, in the order of OrganisationKind.

    KIND limits them to one kind; QUERY to those whose name, short name or diary prefix
    contains it. The text search runs in Python because SQLite folds only ASCII case
    (Ä/ä) and a city has at most a few hundred organisations.
    """
    organisations = organisations_with_parent()
    if kind:
        organisations = organisations.filter(kind=kind)
    groups: dict[str, KindGroup] = {}
    for organisation in organisations:
        if query and not _matches(organisation, query):
            continue
        group = groups.get(organisation.kind)
        if group is None:
            group = groups[organisation.kind] = KindGroup(
                kind=organisation.kind, label=str(organisation.get_kind_display())
            )
        group.organisations.append(organisation)
    return sorted(groups.values(), key=lambda group: KIND_ORDER.get(group.kind, len(KIND_ORDER)))


def kind_counts() -> dict[str, int]:
    """Return how many organisations there are of each kind."""
    rows = Organisation.objects.order_by().values_list("kind").annotate(count=Count("id"))
    return dict(rows)


def with_parts(organisation: Organisation) -> Organisation:
    """Fetch ORGANISATION's children and departments in one query each, and return it."""
    prefetch_related_objects(
        [organisation],
        Prefetch("children", queryset=Organisation.objects.order_by("name")),
        Prefetch("departments", queryset=Department.objects.order_by("name")),
    )
    return organisation


def members_of(organisation: Organisation) -> QuerySet[Membership]:
    """Return the memberships in ORGANISATION with their users, by name then role."""
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username", "role")
    )


def coordinating_office_name() -> str:
    """Return the name of the coordinating office, the author of city-wide documents."""
    name = (
        Organisation.objects.filter(kind=OrganisationKind.COORDINATING_OFFICE)
        .order_by("pk")
        .values_list("name", flat=True)
        .first()
    )
    return name or ""
