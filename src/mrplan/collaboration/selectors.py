"""Reads for the collaboration pages and API, each a fixed number of queries."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone

from mrplan.collaboration.models import (
    Collaboration,
    ContactPerson,
    Dialogue,
    DialogueAttendance,
    Material,
    Participation,
    Partner,
    StaffGroup,
    TrainingOffer,
    TrainingSession,
    contact_retention_days,
    contact_review_days,
)
from mrplan.organisations.models import Organisation, OrganisationKind
from mrplan.planning.models import Activity
from mrplan.programmes.models import DevelopmentArea, TargetGroup

# The organisations whose staff are trained: the administrations, companies and the office.
TRAINED_KINDS = [
    OrganisationKind.ADMINISTRATION,
    OrganisationKind.COMPANY_BOARD,
    OrganisationKind.COORDINATING_OFFICE,
]


def partners(query: str = "", kind: str = "", target_group: Any = None) -> QuerySet[Partner]:
    """Return the partners matching the filters, with their target groups and districts."""
    result = Partner.objects.prefetch_related(
        Prefetch("target_groups", queryset=TargetGroup.objects.order_by("name")),
        Prefetch("districts", queryset=Organisation.objects.order_by("name")),
    )
    if query:
        result = result.filter(
            Q(name__icontains=query)
            | Q(organisation_number__icontains=query)
            | Q(area_text__icontains=query)
        )
    if kind:
        result = result.filter(kind=kind)
    if target_group is not None:
        result = result.filter(target_groups=target_group)
    return result.order_by("name", "pk")


def partner_by_number(number: str, *, exclude: int | None = None) -> Partner | None:
    partners_with_number = Partner.objects.filter(organisation_number=number.strip())
    if exclude is not None:
        partners_with_number = partners_with_number.exclude(pk=exclude)
    return partners_with_number.first()


def contacts_of(partner: Partner) -> QuerySet[ContactPerson]:
    return partner.contacts.order_by("name", "pk")


def _who_and_what_prefetches() -> list[Any]:
    """The organisations, partners and planned activities a collaboration or dialogue lists."""
    return [
        Prefetch("organisations", queryset=Organisation.objects.order_by("name")),
        Prefetch("partners", queryset=Partner.objects.order_by("name")),
        Prefetch(
            "activities",
            queryset=Activity.objects.select_related("organisation", "planning_year").order_by(
                "title"
            ),
        ),
    ]


def _collaboration_prefetches() -> list[Any]:
    return [
        *_who_and_what_prefetches(),
        Prefetch(
            "development_areas",
            queryset=DevelopmentArea.objects.select_related("action_plan").order_by("title"),
        ),
    ]


def collaborations(
    *, organisation: Any = None, partner: Any = None, form: str = ""
) -> QuerySet[Collaboration]:
    result = Collaboration.objects.prefetch_related(*_collaboration_prefetches())
    if organisation is not None:
        result = result.filter(organisations=organisation)
    if partner is not None:
        result = result.filter(partners=partner)
    if form:
        result = result.filter(form=form)
    return result.order_by("-start_date", "title", "pk")


def dialogues(
    *, organisation: Any = None, partner: Any = None, without_response: bool = False
) -> QuerySet[Dialogue]:
    result = Dialogue.objects.prefetch_related(
        *_who_and_what_prefetches(),
        Prefetch(
            "attendance",
            queryset=DialogueAttendance.objects.select_related("target_group").order_by(
                "target_group__name"
            ),
        ),
    )
    if organisation is not None:
        result = result.filter(organisations=organisation)
    if partner is not None:
        result = result.filter(partners=partner)
    if without_response:
        result = result.filter(response="")
    return result.order_by("-date", "title", "pk")


def material(
    *,
    public_only: bool,
    query: str = "",
    audience: str = "",
    language: str = "",
    target_group: Any = None,
) -> QuerySet[Material]:
    result = Material.objects.prefetch_related(
        Prefetch("target_groups", queryset=TargetGroup.objects.order_by("name"))
    )
    if public_only:
        result = result.published()
    if query:
        result = result.filter(Q(title__icontains=query) | Q(description__icontains=query))
    if audience:
        result = result.filter(audience=audience)
    if language:
        result = result.filter(language=language)
    if target_group is not None:
        result = result.filter(target_groups=target_group)
    return result.order_by("title", "pk")


def training_offers() -> QuerySet[TrainingOffer]:
    return TrainingOffer.objects.annotate(
        session_count=Count("sessions", distinct=True),
        participant_count=Sum("sessions__participations__count"),
    ).order_by("topic", "pk")


def training_sessions(*, offer: Any = None) -> QuerySet[TrainingSession]:
    result = TrainingSession.objects.select_related("offer", "organiser").annotate(
        participant_count=Sum("participations__count")
    )
    if offer is not None:
        result = result.filter(offer=offer)
    return result.order_by("-date", "pk")


def participations_of(session: TrainingSession) -> QuerySet[Participation]:
    return session.participations.select_related("organisation").order_by(
        "organisation__name", "staff_group"
    )


def contacts_for_review(now: datetime.datetime | None = None) -> QuerySet[ContactPerson]:
    """Return contacts not used for the review period (COLLABORATION_CONTACT_REVIEW_DAYS)."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=contact_review_days())
    return (
        ContactPerson.objects.select_related("partner")
        .filter(Q(last_used_at__lt=cutoff) | Q(last_used_at__isnull=True, created_at__lt=cutoff))
        .order_by("last_used_at", "name", "pk")
    )


def contacts_past_retention(now: datetime.datetime | None = None) -> QuerySet[ContactPerson]:
    """Return contacts unused for the review period plus COLLABORATION_CONTACT_RETENTION_DAYS."""
    days = contact_review_days() + contact_retention_days()
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    return (
        ContactPerson.objects.select_related("partner")
        .filter(Q(last_used_at__lt=cutoff) | Q(last_used_at__isnull=True, created_at__lt=cutoff))
        .order_by("pk")
    )


# The coordinator's overview


@dataclass
class ReachRow:
    topic: str
    offer_id: int
    year: int
    organisations: int
    organisation_total: int
    staff_groups: list[str]
    staff_group_total: int
    participants: int

    @property
    def organisation_share(self) -> int:
        return (
            round(100 * self.organisations / self.organisation_total)
            if self.organisation_total
            else 0
        )

    @property
    def staff_group_share(self) -> int:
        return round(100 * len(self.staff_groups) / self.staff_group_total)


@dataclass
class Overview:
    by_organisation: list[tuple[Organisation, int, int]] = field(default_factory=list)
    by_area: list[tuple[DevelopmentArea, int]] = field(default_factory=list)
    target_groups: list[tuple[TargetGroup, int]] = field(default_factory=list)
    unanswered: list[Dialogue] = field(default_factory=list)
    reach: list[ReachRow] = field(default_factory=list)
    untrained: list[Organisation] = field(default_factory=list)


def training_reach() -> tuple[list[ReachRow], list[Organisation]]:
    """Return the reach per topic and year, and the organisations with no participation at all."""
    trained = list(Organisation.objects.filter(kind__in=TRAINED_KINDS).order_by("name"))
    trained_ids = {organisation.pk for organisation in trained}
    rows = (
        Participation.objects.filter(count__gt=0)
        .annotate(year=ExtractYear("session__date"))
        .values_list(
            "session__offer_id", "session__offer__topic", "year", "organisation_id", "staff_group"
        )
        .annotate(total=Sum("count"))
        .order_by()
    )
    groups: dict[tuple[int, str, int], dict[str, Any]] = defaultdict(
        lambda: {"organisations": set(), "staff_groups": set(), "participants": 0}
    )
    participated: set[int] = set()
    for offer_id, topic, year, organisation_id, staff_group, total in rows:
        entry = groups[(offer_id, topic, year)]
        if organisation_id in trained_ids:
            entry["organisations"].add(organisation_id)
        entry["staff_groups"].add(staff_group)
        entry["participants"] += total
        participated.add(organisation_id)
    labels = dict(StaffGroup.choices)
    reach = [
        ReachRow(
            topic=topic,
            offer_id=offer_id,
            year=year,
            organisations=len(entry["organisations"]),
            organisation_total=len(trained),
            staff_groups=sorted(str(labels.get(g, g)) for g in entry["staff_groups"]),
            staff_group_total=len(StaffGroup.choices),
            participants=entry["participants"],
        )
        for (offer_id, topic, year), entry in sorted(
            groups.items(), key=lambda i: (i[0][1], -i[0][2])
        )
    ]
    untrained = [organisation for organisation in trained if organisation.pk not in participated]
    return reach, untrained


def overview() -> Overview:
    """Return the coordinator's overview: who collaborates, who is reached, what is unanswered."""
    result = Overview()
    organisations = (
        Organisation.objects.annotate(
            collaboration_count=Count("collaborations", distinct=True),
            dialogue_count=Count("dialogues", distinct=True),
        )
        .filter(Q(collaboration_count__gt=0) | Q(dialogue_count__gt=0))
        .order_by("name")
    )
    result.by_organisation = [(o, o.collaboration_count, o.dialogue_count) for o in organisations]
    areas = (
        DevelopmentArea.objects.select_related("action_plan")
        .annotate(collaboration_count=Count("collaborations", distinct=True))
        .filter(collaboration_count__gt=0)
        .order_by("action_plan__title", "position", "title")
    )
    result.by_area = [(area, area.collaboration_count) for area in areas]
    groups = (
        TargetGroup.objects.annotate(
            partner_count=Count(
                "partners",
                filter=Q(partners__collaborations__isnull=False)
                | Q(partners__dialogues__isnull=False),
                distinct=True,
            )
        )
        .filter(partner_count__gt=0)
        .order_by("name")
    )
    result.target_groups = [(group, group.partner_count) for group in groups]
    result.unanswered = list(dialogues(without_response=True))
    result.reach, result.untrained = training_reach()
    return result
