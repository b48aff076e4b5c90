"""Search over the organisations' published goals and activities, done by the database.

These two kinds grow with the city (tens of thousands of rows at scale), so search never loads
their matches: one SQL statement per kind takes the matched, ranked rows as a common table
expression and returns both the best LIMIT hits (id and rank, in order) and, per facet, the
number of hits that pass every other facet's filter (GROUP BY). Only the page shown is then
loaded as objects (`search/__init__.py`). The other kinds are small and stay in Python.

The SQL is assembled from names in this module and queries Django compiled; every value
(the words, the chosen filters, the limit) is a parameter.
"""

# ruff: noqa: S608, S611

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import RawSQL, Window
from django.db.models.functions import Cast, Coalesce, RowNumber

from mrplan.core.publication import published_rule
from mrplan.planning.models import Activity, ActivityUpdate, Goal, Report
from mrplan.programmes.models import ActionPlan, DevelopmentArea

# Facet → an expression for its one value per hit (None: the kind has no such value).
Single = dict[str, tuple[Any, Any] | None]
# Facet → a values() queryset of (hit, value, label) rows, for facets with many values per hit.
Multi = dict[str, QuerySet[Any]]


def _text(expression: Any) -> Cast:
    return Cast(expression, TextField())


def _pairs(through: Any, hit: str, value: str, label: str, *rules: Q) -> QuerySet[Any]:
    return (
        through.objects.filter(*rules)
        .order_by()
        .values(hit_ref=F(hit), pair_value=_text(F(value)), pair_label=F(label))
    )


def _latest_status_pairs(where: str = "1 = 1") -> QuerySet[Any]:
    """(activity, status) of the latest approved, published report, for the hits only.

    A window over the hits' published updates: one pass, where a subquery per activity
    costs seconds for tens of thousands of hits. An update is public when its report and its
    activity are (`ActivityUpdateQuerySet`); the hits are published activities already, so
    only the report's rule is applied: testing the activity's flag again joined every hit's
    row once more (0.35 s for 48,000 hits at scale 10)."""
    return (
        ActivityUpdate.objects.filter(published_rule(Report, "report__"))
        .filter(activity_id__in=RawSQL(f"SELECT hits.hit_id FROM hits WHERE {where}", []))
        .annotate(
            latest=Window(
                RowNumber(),
                partition_by=F("activity_id"),
                order_by=[
                    F("report__period__planning_year__year").desc(),
                    F("report__period__position").desc(),
                    F("report__period__deadline").desc(),
                ],
            )
        )
        .order_by()
        .values(
            hit_ref=F("activity_id"),
            pair_value=F("status"),
            pair_label=Value("", output_field=TextField()),
        )
        .filter(latest=1)
    )


def _goal_facets() -> tuple[Single, Multi]:
    through = Goal.development_areas.through
    public_area = published_rule(DevelopmentArea, "developmentarea__")
    return (
        {"status": None},
        {
            "omrade": _pairs(
                through, "goal_id", "developmentarea_id", "developmentarea__title", public_area
            ),
            "handlingsplan": _pairs(
                through,
                "goal_id",
                "developmentarea__action_plan__slug",
                "developmentarea__action_plan__title",
                public_area,
            ),
            "malgrupp": _pairs(
                Goal.target_groups.through, "goal_id", "targetgroup__slug", "targetgroup__name"
            ),
        },
    )


def _activity_facets() -> tuple[Single, Multi]:
    # An activity's area is its own, or else its city activity's; named only when public.
    def area(path: str) -> Any:
        return Coalesce(
            F(f"development_area__{path}"), F(f"city_activity__development_area__{path}")
        )

    plan = Coalesce(
        OuterRef("development_area__action_plan"),
        OuterRef("city_activity__development_area__action_plan"),
    )
    public = Exists(ActionPlan.objects.published().filter(pk=plan))

    def when_public(expression: Any) -> Any:
        return Case(When(public, then=_text(expression)), default=None, output_field=TextField())

    return (
        {
            "omrade": (when_public(area("id")), when_public(area("title"))),
            "handlingsplan": (
                when_public(area("action_plan__slug")),
                when_public(area("action_plan__title")),
            ),
        },
        {
            "status": _latest_status_pairs(),
            "malgrupp": _pairs(
                Activity.target_groups.through,
                "activity_id",
                "targetgroup__slug",
                "targetgroup__name",
            ),
        },
    )


FACETS_OF: dict[str, Callable[[], tuple[Single, Multi]]] = {
    "mal": _goal_facets,
    "aktivitet": _activity_facets,
}


@dataclass
class Found:
    """What one kind contributes: its best hits (id, rank) in order, and its facet counts."""

    top: list[tuple[int, float]] = field(default_factory=list)  # (id, rank), best first
    # facet → value → (label, count)
    counts: dict[str, dict[str, tuple[str, int]]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """The hits that pass every filter (the "typ" count, when this kind is chosen)."""
        return sum(count for _label, count in self.counts.get("", {}).values())


def find(
    kind: str, ranked: QuerySet[Any], filters: dict[str, list[str]], facets: list[str], limit: int
) -> Found:
    """Return the best LIMIT hits of RANKED (annotated search_rank) and the facet counts.

    FILTERS maps a facet to its chosen values; a hit passes a facet when it has one of them.
    Each facet's counts are over the hits that pass all the other facets.
    """
    single, multi = FACETS_OF[kind]()
    rows = ranked.order_by().annotate(
        hit_id=F("pk"),
        hit_title=F("title"),
        f_organisation=F("organisation__slug"),
        l_organisation=F("organisation__name"),
        f_ar=_text(F("planning_year__year")),
        l_ar=_text(F("planning_year__year")),
        f_typ=Value(kind, output_field=TextField()),
        l_typ=Value("", output_field=TextField()),
    )
    for facet, expressions in single.items():
        value, label = expressions or (Value(None, output_field=TextField()),) * 2
        rows = rows.annotate(**{f"f_{facet}": value, f"l_{facet}": label})
    statuses = filters.get("status") if "status" in multi else None
    # Only the facets with a chosen value are tested: a constant "true" column in the
    # conditions hides the number of hits from the planner (it guessed 200 of 48,000 and
    # joined the activities' updates one by one).
    tested = [
        facet for facet in facets if filters.get(facet) and not (facet == "status" and statuses)
    ]
    for facet in tested:
        rows = rows.annotate(**{f"p_{facet}": _passes(facet, filters[facet], multi)})
    names = ["hit_id", "hit_title", "search_rank"]
    names += [f"{prefix}_{facet}" for facet in facets if facet not in multi for prefix in "fl"]
    names += [f"p_{facet}" for facet in tested]
    cte, cte_params = rows.values(*names).query.sql_with_params()
    params = list(cte_params)
    # A chosen activity status is tested outside the hits, on the window over their updates.
    status_test: tuple[str, list[Any]] | None = None
    if statuses:
        pairs_sql, pairs_params = _latest_status_pairs().query.sql_with_params()
        marks = ", ".join(["%s"] * len(statuses))
        status_test = (
            f"hits.hit_id IN (SELECT s.hit_ref FROM ({pairs_sql}) AS s"
            f" WHERE s.pair_value IN ({marks}))",
            [*pairs_params, *statuses],
        )

    def where(skip: str = "") -> str:
        """All the filters but SKIP's, as SQL (its parameters are added to PARAMS)."""
        conditions = [f"hits.p_{f}" for f in tested if f != skip]
        if status_test and skip != "status":
            conditions.append(status_test[0])
            params.extend(status_test[1])
        return " AND ".join(conditions or ["1 = 1"])

    # The best LIMIT first (a top-N sort), then numbered in the same order.
    order = "ORDER BY best.search_rank DESC, LOWER(best.hit_title), best.hit_id"
    parts = [
        "SELECT '' AS facet, CAST(best.hit_id AS TEXT) AS value, '' AS label,"
        f" ROW_NUMBER() OVER ({order}) AS n, best.search_rank AS rank FROM"
        f" (SELECT * FROM hits AS best WHERE {where().replace('hits.', 'best.')} {order} LIMIT %s)"
        " AS best",
    ]
    params.append(limit)
    # The hits that pass every filter, as a facet of its own ("").
    parts.append(f"SELECT '', '', '', COUNT(*), NULL FROM hits WHERE {where()}")
    for facet in facets:
        if facet == "status" and facet in multi:
            # The hits are chosen inside (a join outside misleads the planner).
            sql, pair_params = _latest_status_pairs(where(facet)).query.sql_with_params()
            params += pair_params
            parts.append(
                f"SELECT '{facet}', pairs.pair_value, pairs.pair_label, COUNT(*), NULL"
                f" FROM ({sql}) AS pairs GROUP BY pairs.pair_value, pairs.pair_label"
            )
        elif facet in multi:
            sql, pair_params = multi[facet].query.sql_with_params()
            params += pair_params
            condition = where(facet)
            parts.append(
                f"SELECT '{facet}', pairs.pair_value, pairs.pair_label,"
                f" COUNT(DISTINCT hits.hit_id), NULL FROM ({sql}) AS pairs"
                " JOIN hits ON hits.hit_id = pairs.hit_ref"
                f" WHERE {condition} GROUP BY pairs.pair_value, pairs.pair_label"
            )
        else:
            parts.append(
                f"SELECT '{facet}', hits.f_{facet}, hits.l_{facet}, COUNT(*), NULL FROM hits"
                f" WHERE {where(facet)} AND hits.f_{facet} IS NOT NULL"
                f" GROUP BY hits.f_{facet}, hits.l_{facet}"
            )
    sql = f"WITH hits AS ({cte}) " + " UNION ALL ".join(parts)
    found = Found()
    top: list[tuple[int, int, float]] = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for facet, value, label, count, rank in cursor.fetchall():
            if facet == "" and rank is not None:
                top.append((count, int(value), float(rank)))
            elif count:
                found.counts.setdefault(facet, {})[value] = (label or "", count)
    found.top = [(pk, rank) for _n, pk, rank in sorted(top)]
    return found


def _passes(facet: str, values: list[str] | None, multi: Multi) -> Any:
    """An expression: whether a hit has one of VALUES of FACET (true when none is chosen)."""
    if not values:
        return Value(True, output_field=BooleanField())
    if facet in multi:
        return Exists(multi[facet].filter(hit_ref=OuterRef("pk"), pair_value__in=values))
    return ExpressionWrapper(Q(**{f"f_{facet}__in": values}), output_field=BooleanField())
