"""Evidence links: which measures and qualitative records goals, activities and indicators rest on.

Who may link: coordinators, and the editors and administrators of the organisation whose
goal, activity or indicator it is (the same people who may change that plan,
planning.permissions.may_write). Every link and unlink is audited. Reads here cost a fixed
number of queries: `evidence_by_goal` loads a whole plan's evidence at once.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from mrplan.accounts.models import User
from mrplan.accounts.permissions import WRITE_ROLES, roles_for
from mrplan.accounts.types import Actor
from mrplan.core.actions import delete_audited, save_audited
from mrplan.knowledge.models import (
    EvidenceLink,
    IndicatorSource,
    Measure,
    Observation,
    Period,
    QualitativeRecord,
)
from mrplan.planning import selectors as planning_selectors
from mrplan.planning.actions.reports import check_editable, report_update
from mrplan.planning.models import Activity, Goal, Indicator, IndicatorValue, Report
from mrplan.planning.permissions import check_write, may_write

TARGET_KINDS = ("goal", "activity", "indicator")


def _organisation_id(target: Goal | Activity | Indicator) -> int:
    if isinstance(target, Indicator):
        return target.goal.organisation_id
    return target.organisation_id


def may_link(user: Actor, target: Goal | Activity | Indicator) -> bool:
    return bool(user and user.is_authenticated) and may_write(user, _organisation_id(target))


def may_link_any(user: Actor) -> bool:
    """Whether USER may link anything at all (to show the link buttons)."""
    if not (user and user.is_authenticated):
        return False
    roles = roles_for(user)
    return roles.is_coordinator or any(
        set(found) & set(WRITE_ROLES) for found in roles.by_organisation.values()
    )


def linkable_targets(user: Any) -> list[tuple[str, list[tuple[str, str]]]]:
    """Return the goals, activities and indicators USER may link, grouped by plan (3 queries).

    Each choice is ("goal:12", label); groups are "Organisation, år".
    """
    roles = roles_for(user)
    scope = Q()
    if not roles.is_coordinator:
        ids = [oid for oid, found in roles.by_organisation.items() if set(found) & set(WRITE_ROLES)]
        scope = Q(organisation_id__in=ids)
    groups: dict[tuple[str, int], list[tuple[str, str]]] = defaultdict(list)
    goals = Goal.objects.filter(scope).select_related("organisation", "planning_year")
    for goal in goals.order_by("organisation__name", "-planning_year__year", "position", "pk"):
        key = (goal.organisation.name, goal.planning_year.year)
        groups[key].append((f"goal:{goal.pk}", _("Mål: %(title)s") % {"title": goal.title}))
    indicator_scope = Q()
    if not roles.is_coordinator:
        indicator_scope = Q(goal__organisation_id__in=ids)
    indicators = Indicator.objects.filter(indicator_scope).select_related(
        "goal__organisation", "goal__planning_year"
    )
    for indicator in indicators.order_by("goal__position", "position", "pk"):
        key = (indicator.goal.organisation.name, indicator.goal.planning_year.year)
        groups[key].append(
            (f"indicator:{indicator.pk}", _("Indikator: %(name)s") % {"name": indicator.name})
        )
    activities = Activity.objects.filter(scope).select_related("organisation", "planning_year")
    for activity in activities.order_by("title", "pk"):
        key = (activity.organisation.name, activity.planning_year.year)
        groups[key].append(
            (f"activity:{activity.pk}", _("Aktivitet: %(title)s") % {"title": activity.title})
        )
    return [
        (f"{name}, {year}", choices)
        for (name, year), choices in sorted(
            groups.items(), key=lambda item: (item[0][0], -item[0][1])
        )
    ]


def resolve_target(key: str) -> Goal | Activity | Indicator | None:
    """Return the goal, activity or indicator named by "goal:12" and so on, or None."""
    kind, _sep, pk = str(key).partition(":")
    if kind not in TARGET_KINDS or not (pk.isascii() and pk.isdigit() and len(pk) <= 18):
        return None
    if kind == "goal":
        return Goal.objects.select_related("organisation", "planning_year").filter(pk=pk).first()
    if kind == "activity":
        return (
            Activity.objects.select_related("organisation", "planning_year").filter(pk=pk).first()
        )
    return (
        Indicator.objects.select_related("goal__organisation", "goal__planning_year")
        .filter(pk=pk)
        .first()
    )


# Actions


def evidence_link_create(
    *,
    actor: User,
    target: Goal | Activity | Indicator,
    measure: Measure | None = None,
    record: QualitativeRecord | None = None,
    note: str = "",
) -> EvidenceLink:
    """Link TARGET to a MEASURE or a qualitative RECORD (its plan's writers, coordinators)."""
    if not may_link(actor, target):
        raise PermissionDenied
    kind = {Goal: "goal", Activity: "activity", Indicator: "indicator"}[type(target)]
    return save_audited(
        EvidenceLink(created_by=actor),
        actor=actor,
        data={kind: target, "measure": measure, "record": record, "note": note},
    )


def evidence_link_delete(*, actor: User, link: EvidenceLink) -> None:
    """Remove LINK (its plan's writers, coordinators)."""
    if not may_link(actor, link.target):
        raise PermissionDenied
    delete_audited(link, actor=actor)


def indicator_source_set(
    *, actor: User, indicator: Indicator, measure: Measure, area: Any, breakdown: str = ""
) -> IndicatorSource:
    """Let INDICATOR take its values from MEASURE in AREA (one breakdown cell)."""
    if not may_link(actor, indicator):
        raise PermissionDenied
    if not Observation.objects.filter(measure=measure, area=area, breakdown_key=breakdown).exists():
        raise ValidationError(_("Måttet har inga värden för det området och den indelningen."))
    source = IndicatorSource.objects.filter(indicator=indicator).first() or IndicatorSource(
        indicator=indicator
    )
    return save_audited(
        source,
        actor=actor,
        data={"measure": measure, "area": area, "breakdown_key": breakdown},
    )


@dataclass
class SourcedValues:
    """What indicator_values_from_source did: the values written and why others were not."""

    year: int
    period: Period | None = None
    filled: list[str] = field(default_factory=list)  # indicator names, value written
    unchanged: list[str] = field(default_factory=list)  # already held the measure's value
    skipped: list[str] = field(default_factory=list)  # Swedish explanations
    sources: int = 0

    @property
    def summary(self) -> str:
        if not self.sources:
            return _("Inga indikatorer i rapporten hämtar värden från kunskapsunderlaget.")
        if self.period is None:
            return _("Kunskapsunderlaget har ingen period för %(year)s. Inga värden hämtades.") % {
                "year": self.year
            }
        return _(
            "%(filled)d värden hämtades från kunskapsunderlaget (%(period)s), "
            "%(unchanged)d var redan aktuella."
        ) % {
            "filled": len(self.filled),
            "unchanged": len(self.unchanged),
            "period": self.period.label,
        }


_CENT = Decimal("0.01")
_LIMIT = Decimal("1e12")  # IndicatorValue holds 14 digits, 2 after the point


def year_period(year: int) -> Period | None:
    """Return the knowledge period covering the whole of YEAR (the year itself, if it exists)."""
    return (
        Period.objects.filter(
            start__lte=datetime.date(year, 1, 1), end__gte=datetime.date(year, 12, 31)
        )
        .order_by("-start", "end", "pk")
        .first()
    )


def indicator_values_from_source(*, actor: User, report: Report) -> SourcedValues:
    """Fill in REPORT's indicators that take their values from a measure (IndicatorSource).

    For each such indicator the observation of the source's measure, area and breakdown in
    the knowledge period covering the report's year is written as the indicator's total,
    through planning's report_update (so its permission, lock and version checks, and its
    audit trail, apply). A suppressed or missing observation is never used: the indicator
    is left as it is and the result says why. Nothing happens without a matching period.
    """
    check_write(actor, report.organisation_id)
    check_editable(report)
    year = report.period.planning_year.year
    result = SourcedValues(year=year)
    sources = list(
        IndicatorSource.objects.filter(
            indicator__in=planning_selectors.scope_indicators(report).values("pk")
        )
        .select_related("indicator", "measure", "area")
        .order_by("indicator__goal__position", "indicator__position", "indicator__pk")
    )
    result.sources = len(sources)
    if not sources:
        return result
    result.period = year_period(year)
    if result.period is None:
        return result
    condition = Q()
    for source in sources:
        condition |= Q(
            measure_id=source.measure_id, area_id=source.area_id, breakdown_key=source.breakdown_key
        )
    found = {
        (o.measure_id, o.area_id, o.breakdown_key): o
        for o in Observation.objects.filter(condition, period=result.period)
    }
    current = {
        value.indicator_id: value.value
        for value in IndicatorValue.objects.filter(report=report, category="")
    }
    changes: dict[tuple[int, str], Decimal | None] = {}
    for source in sources:
        indicator = source.indicator
        observation = found.get((source.measure_id, source.area_id, source.breakdown_key))
        names = {"indicator": indicator.name, "period": result.period.label}
        if observation is None:
            result.skipped.append(
                _("%(indicator)s: måttet har inget värde för %(period)s.") % names
            )
            continue
        if observation.suppressed or observation.value is None:
            result.skipped.append(
                _(
                    "%(indicator)s: värdet för %(period)s är undertryckt (för få svarande) "
                    "och används inte."
                )
                % names
            )
            continue
        value = Decimal(repr(observation.value)).quantize(_CENT, rounding=ROUND_HALF_UP)
        if abs(value) >= _LIMIT:
            result.skipped.append(_("%(indicator)s: värdet är för stort.") % names)
            continue
        if current.get(indicator.pk) == value:
            result.unchanged.append(indicator.name)
            continue
        changes[(indicator.pk, "")] = value
        result.filled.append(indicator.name)
    if changes:
        report_update(actor=actor, report=report, version=report.version, indicator_values=changes)
    return result


def on_report_created(sender: Any, report: Report, actor: User, **kwargs: Any) -> None:
    """Fill a new report's indicators from their measures (planning.signals.report_created)."""
    indicator_values_from_source(actor=actor, report=report)


# Reads


def _links() -> QuerySet[EvidenceLink]:
    return EvidenceLink.objects.select_related(
        "measure__dataset",
        "record",
        "goal__organisation",
        "goal__planning_year",
        "activity__organisation",
        "activity__planning_year",
        "indicator__goal__organisation",
        "indicator__goal__planning_year",
    )


def links_to(
    *, measure: Measure | None = None, record: QualitativeRecord | None = None
) -> list[EvidenceLink]:
    """Return the links to MEASURE or RECORD with what they point at (one query)."""
    if measure is not None:
        return list(_links().filter(measure=measure))
    return list(_links().filter(record=record))


@dataclass
class GoalEvidence:
    """The evidence behind one goal: its own links, its activities' and its indicators'."""

    links: list[EvidenceLink] = field(default_factory=list)
    sources: list[Any] = field(default_factory=list)  # (indicator, source, latest observations)

    @property
    def measures(self) -> list[EvidenceLink]:
        return [link for link in self.links if link.measure_id]

    @property
    def records(self) -> list[EvidenceLink]:
        return [link for link in self.links if link.record_id]

    def __bool__(self) -> bool:
        return bool(self.links or self.sources)


def evidence_by_goal(goal_ids: list[int]) -> dict[int, GoalEvidence]:
    """Return the evidence of each goal in GOAL_IDS (three queries whatever their number).

    Indicators that take their values from a measure come with that measure's latest values
    (the measure's figures are shown next to the indicator; reports are left as reported).
    """
    result: dict[int, GoalEvidence] = {pk: GoalEvidence() for pk in goal_ids}
    links = _links().filter(
        Q(goal_id__in=goal_ids)
        | Q(activity__goal_id__in=goal_ids)
        | Q(indicator__goal_id__in=goal_ids)
    )
    for link in links:
        goal_id = link.goal_id or (link.activity.goal_id if link.activity else None)
        if goal_id is None and link.indicator is not None:
            goal_id = link.indicator.goal_id
        if goal_id in result:
            result[goal_id].links.append(link)
    sources = list(
        IndicatorSource.objects.filter(indicator__goal_id__in=goal_ids).select_related(
            "indicator", "measure__dataset", "area"
        )
    )
    if sources:
        condition = Q()
        for source in sources:
            condition |= Q(
                measure_id=source.measure_id,
                area_id=source.area_id,
                breakdown_key=source.breakdown_key,
            )
        observations = Observation.objects.filter(condition).select_related("period")
        latest: dict[tuple[int, int, str], list[Observation]] = defaultdict(list)
        for observation in observations.order_by("period__start"):
            latest[(observation.measure_id, observation.area_id, observation.breakdown_key)].append(
                observation
            )
        for source in sources:
            found = latest[(source.measure_id, source.area_id, source.breakdown_key)][-3:]
            result[source.indicator.goal_id].sources.append((source.indicator, source, found))
    return result


def goals_without_evidence(year: int | None = None) -> QuerySet[Goal]:
    """Return the goals with no evidence linked to them, their activities or their indicators."""
    linked = EvidenceLink.objects.filter(
        Q(goal=OuterRef("pk"))
        | Q(activity__goal=OuterRef("pk"))
        | Q(indicator__goal=OuterRef("pk"))
    )
    sourced = IndicatorSource.objects.filter(indicator__goal=OuterRef("pk"))
    goals = Goal.objects.select_related("organisation", "planning_year").filter(
        ~Exists(linked), ~Exists(sourced)
    )
    if year is not None:
        goals = goals.filter(planning_year__year=year)
    return goals.order_by("-planning_year__year", "organisation__name", "position", "title")
