"""The SQL floor of each aggregate page: plain SQL computing the same numbers, timed.

A page cannot be faster than the queries that compute its numbers; page p95 / floor says how
much the application adds (fetching rows, building objects, rendering). The queries follow
the page code (planning.citywide.citywide_page, public.selectors.target_group_coverage,
the measure page's observations) and return the same counts, grouped in the database.
"""

import time
from collections.abc import Callable
from typing import Any

import psycopg

from bench.stats import summary

# Organisations, development areas, goals and activities in scope, as in citywide_page.
_SCOPE = """
WITH orgs AS (
    SELECT id FROM organisations_organisation
    WHERE kind = ANY(%(kinds)s::text[]) AND (%(kind)s::text IS NULL OR kind = %(kind)s::text)
),
areas AS (
    SELECT da.id, da.action_plan_id FROM programmes_developmentarea da
    WHERE (%(plan)s::bigint IS NULL OR da.action_plan_id = %(plan)s::bigint)
      AND (%(focus)s::bigint IS NULL OR EXISTS (
          SELECT 1 FROM programmes_developmentarea_focus_areas f
          WHERE f.developmentarea_id = da.id AND f.focusarea_id = %(focus)s::bigint))
),
goals AS (
    SELECT g.id, g.organisation_id FROM planning_goal g
    WHERE g.planning_year_id = %(year)s AND g.organisation_id IN (SELECT id FROM orgs)
      AND (%(group)s::bigint IS NULL OR EXISTS (
          SELECT 1 FROM planning_goal_target_groups t
          WHERE t.goal_id = g.id AND t.targetgroup_id = %(group)s::bigint))
),
activities AS (
    SELECT a.id, a.organisation_id, a.status, a.goal_id, a.development_area_id, a.city_activity_id
    FROM planning_activity a
    WHERE a.planning_year_id = %(year)s AND a.organisation_id IN (SELECT id FROM orgs)
      AND (%(group)s::bigint IS NULL OR EXISTS (
          SELECT 1 FROM planning_activity_target_groups t
          WHERE t.activity_id = a.id AND t.targetgroup_id = %(group)s::bigint))
),
activity_areas AS (
    SELECT a.id, a.organisation_id, a.status, gda.developmentarea_id AS area_id
    FROM activities a JOIN planning_goal_development_areas gda ON gda.goal_id = a.goal_id
    UNION
    SELECT a.id, a.organisation_id, a.status, a.development_area_id
    FROM activities a WHERE a.development_area_id IS NOT NULL
    UNION
    SELECT a.id, a.organisation_id, a.status, ca.development_area_id
    FROM activities a JOIN programmes_cityactivity ca ON ca.id = a.city_activity_id
)
"""

CITYWIDE = [
    # Coverage: goals per organisation × development area.
    _SCOPE
    + """
    SELECT g.organisation_id, gda.developmentarea_id, count(*)
    FROM goals g JOIN planning_goal_development_areas gda ON gda.goal_id = g.id
    WHERE gda.developmentarea_id IN (SELECT id FROM areas) GROUP BY 1, 2""",
    # Coverage: activities per organisation × development area × status.
    _SCOPE
    + """
    SELECT organisation_id, area_id, status, count(*) FROM activity_areas
    WHERE area_id IN (SELECT id FROM areas) GROUP BY 1, 2, 3""",
    # Lämna ingen utanför: activities in scope per target group × organisation.
    _SCOPE
    + """
    SELECT t.targetgroup_id, a.organisation_id, count(*)
    FROM (SELECT DISTINCT id, organisation_id FROM activity_areas
          WHERE area_id IN (SELECT id FROM areas)) a
    JOIN planning_activity_target_groups t ON t.activity_id = a.id GROUP BY 1, 2""",
    # Report status per organisation × action plan in the period.
    _SCOPE
    + """
    SELECT organisation_id, action_plan_id, status FROM planning_report
    WHERE period_id = %(period)s
      AND action_plan_id IN (SELECT DISTINCT action_plan_id FROM areas)""",
]

TARGET_GROUPS = [
    # What the public target-group matrix computes (public.selectors.target_group_coverage):
    # the years with a published activity (Activity's published_rule is its own is_published
    # flag), and for the year the published activities per organisation × target group,
    # with the organisations that have published activities reaching no target group (LEFT
    # JOIN) and their names. The page lists no activities; a target group's list is paged.
    """
    SELECT y.year FROM planning_planningyear y
    WHERE EXISTS (
        SELECT 1 FROM planning_activity a WHERE a.is_published AND a.planning_year_id = y.id)
    ORDER BY 1 DESC""",
    """
    SELECT a.organisation_id, o.name, o.slug, t.targetgroup_id, count(a.id)
    FROM planning_activity a
    JOIN planning_planningyear y ON y.id = a.planning_year_id
    JOIN organisations_organisation o ON o.id = a.organisation_id
    LEFT JOIN planning_activity_target_groups t ON t.activity_id = a.id
    WHERE a.is_published AND y.year = %(year_number)s
    GROUP BY 1, 2, 3, 4""",
]

MEASURE = [
    """
    SELECT o.area_id, o.period_id, o.breakdown_key, o.value, o.count, o.suppressed
    FROM knowledge_observation o WHERE o.measure_id = %(measure)s"""
]


def parameters(kind: str, floor: dict[str, Any]) -> dict[str, Any]:
    """The query parameters of floor KIND from bench.prepare's "floor" object."""
    base = {
        "kinds": floor["kinds"],
        "kind": None,
        "plan": None,
        "focus": None,
        "group": None,
        "year": floor["year"],
        "year_number": floor["year_number"],
        "period": floor["period"],
        "measure": floor["measure"],
    }
    if kind == "citywide_filtered":
        base.update(
            kind=floor["kind"], plan=floor["plan"], focus=floor["focus"], group=floor["group"]
        )
    return base


QUERIES: dict[str, list[str]] = {
    "citywide_filtered": CITYWIDE,
    "citywide": CITYWIDE,
    "target_groups": TARGET_GROUPS,
    "measure": MEASURE,
}


def time_floor(
    url: str,
    kind: str,
    floor: dict[str, Any],
    *,
    rounds: int,
    warmup: int = 3,
    clock: Callable[[], float] = time.perf_counter,
) -> dict[str, Any]:
    """Run floor KIND's queries ROUNDS times on one connection; return ms timings and rows."""
    params = parameters(kind, floor)
    timings: list[float] = []
    rows = 0
    with psycopg.connect(url) as conn:
        for round_ in range(warmup + rounds):
            start = clock()
            rows = 0
            for query in QUERIES[kind]:
                rows += len(conn.execute(query, params).fetchall())
            if round_ >= warmup:
                timings.append((clock() - start) * 1000)
    return {"kind": kind, "rows": rows, "queries": len(QUERIES[kind]), **summary(timings)}
