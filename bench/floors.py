"""The SQL floor of each aggregate page: plain SQL computing the same numbers, timed.

A page cannot be faster than the queries that compute its numbers; page p95 / floor says how
much the application adds (fetching rows, building objects, rendering). The queries follow
the page code (planning.citywide.citywide_page, public.selectors.target_group_coverage,
the measure page's observations) and return the same counts, grouped in the database.
"""

import datetime
import time
from collections.abc import Callable
from typing import Any

import psycopg

from bench.stats import summary

# The same values as the page code; importing them needs no database or Django setup.
HANDED_IN_STATUSES = ("approved", "submitted")
ORGANISATIONS_PER_PAGE = 60

# The city-wide view's scope, as in citywide_page: the organisations in the filter (every
# planning kind, or the one kind asked for), the page of them shown (same order: name, then
# id), the development areas shown, and the page's activities of the year in the filter.
# The whole-city summaries ask, as the page does, whether there is a goal or an activity
# (an index lookup per organisation or target group that stops at the first), not how many.
_SCOPE = """
WITH orgs AS (
    SELECT id, name FROM organisations_organisation
    WHERE (%(kind)s::text IS NULL AND kind = ANY(%(kinds)s::text[])) OR kind = %(kind)s::text
),
page_orgs AS (
    SELECT id FROM orgs ORDER BY name, id LIMIT %(per_page)s OFFSET %(offset)s
),
areas AS (
    SELECT da.id, da.action_plan_id FROM programmes_developmentarea da
    WHERE (%(plan)s::bigint IS NULL OR da.action_plan_id = %(plan)s::bigint)
      AND (%(focus)s::bigint IS NULL OR EXISTS (
          SELECT 1 FROM programmes_developmentarea_focus_areas f
          WHERE f.developmentarea_id = da.id AND f.focusarea_id = %(focus)s::bigint))
),
page_activities AS (
    SELECT a.id, a.organisation_id, a.status, a.goal_id, a.development_area_id, a.city_activity_id
    FROM planning_activity a
    WHERE a.planning_year_id = %(year)s AND a.organisation_id IN (SELECT id FROM page_orgs)
      AND (%(group)s::bigint IS NULL OR EXISTS (
          SELECT 1 FROM planning_activity_target_groups t
          WHERE t.activity_id = a.id AND t.targetgroup_id = %(group)s::bigint))
),
page_activity_areas AS (
    SELECT a.id, a.organisation_id, a.status, gda.developmentarea_id AS area_id
    FROM page_activities a JOIN planning_goal_development_areas gda ON gda.goal_id = a.goal_id
    UNION
    SELECT a.id, a.organisation_id, a.status, a.development_area_id
    FROM page_activities a WHERE a.development_area_id IS NOT NULL
    UNION
    SELECT a.id, a.organisation_id, a.status, ca.development_area_id
    FROM page_activities a JOIN programmes_cityactivity ca ON ca.id = a.city_activity_id
)
"""

# The goals (G) and activities (A) of the year in the filter: conditions to add.
_GOAL_IN_FILTER = """G.planning_year_id = %(year)s
    AND (%(group)s::bigint IS NULL OR EXISTS (
        SELECT 1 FROM planning_goal_target_groups gt
        WHERE gt.goal_id = G.id AND gt.targetgroup_id = %(group)s::bigint))"""
_ACTIVITY_IN_FILTER = """A.planning_year_id = %(year)s
    AND (%(group)s::bigint IS NULL OR EXISTS (
        SELECT 1 FROM planning_activity_target_groups at
        WHERE at.activity_id = A.id AND at.targetgroup_id = %(group)s::bigint))"""
# An activity A reaching a shown area through its own area, its goal or its city activity.
_REACHES = """(A.development_area_id IN (SELECT id FROM areas)
    OR EXISTS (SELECT 1 FROM planning_goal_development_areas rg
               WHERE rg.goal_id = A.goal_id AND rg.developmentarea_id IN (SELECT id FROM areas))
    OR EXISTS (SELECT 1 FROM programmes_cityactivity rc
               WHERE rc.id = A.city_activity_id
                 AND rc.development_area_id IN (SELECT id FROM areas)))"""

# The report status table: every organisation listed (those in the filter and, without a
# kind filter, any other with a report in the period) × the action plans of the areas shown.
# A cell without a report is "not required" unless the organisation plans against the plan
# that year (planning.selectors.reporting_obligations), and "overdue" past the deadline.
_REPORT_CELLS = """,
plans AS (SELECT DISTINCT action_plan_id AS id FROM areas),
listed AS (
    SELECT id, name FROM orgs
    UNION
    SELECT o.id, o.name FROM organisations_organisation o
    WHERE %(kind)s::text IS NULL AND o.id IN (
        SELECT organisation_id FROM planning_report
        WHERE period_id = %(period)s AND action_plan_id IN (SELECT id FROM plans))
),
reports AS (
    SELECT r.id, r.organisation_id, r.action_plan_id, r.status FROM planning_report r
    WHERE r.period_id = %(period)s AND r.action_plan_id IN (SELECT id FROM plans)
      AND r.organisation_id IN (SELECT id FROM listed)
),
-- Whether the organisation plans against the plan matters only where there is no report.
missing AS (
    SELECT l.id FROM listed l CROSS JOIN plans p
    WHERE NOT EXISTS (
        SELECT 1 FROM reports r WHERE r.organisation_id = l.id AND r.action_plan_id = p.id)
),
obligations AS (
    SELECT g.organisation_id, da.action_plan_id FROM planning_goal g
    JOIN planning_goal_development_areas gda ON gda.goal_id = g.id
    JOIN programmes_developmentarea da ON da.id = gda.developmentarea_id
    WHERE g.planning_year_id = %(year)s AND g.organisation_id IN (SELECT id FROM missing)
    UNION
    SELECT a.organisation_id,
        unnest(ARRAY[gd.action_plan_id, ad.action_plan_id, cd.action_plan_id])
    FROM planning_activity a
    LEFT JOIN planning_goal_development_areas gda ON gda.goal_id = a.goal_id
    LEFT JOIN programmes_developmentarea gd ON gd.id = gda.developmentarea_id
    LEFT JOIN programmes_developmentarea ad ON ad.id = a.development_area_id
    LEFT JOIN programmes_cityactivity ca ON ca.id = a.city_activity_id
    LEFT JOIN programmes_developmentarea cd ON cd.id = ca.development_area_id
    WHERE a.planning_year_id = %(year)s AND a.organisation_id IN (SELECT id FROM missing)
),
cells AS (
    SELECT l.id AS organisation_id, l.name, p.id AS plan_id, r.id AS report_id,
        CASE WHEN r.id IS NULL AND ob.organisation_id IS NULL THEN 'not_required'
             WHEN (r.id IS NULL OR NOT r.status = ANY(%(done)s::text[]))
                  AND rp.deadline < %(today)s::date THEN 'overdue'
             WHEN r.id IS NULL THEN 'not_started'
             ELSE r.status END AS status
    FROM listed l CROSS JOIN plans p
    JOIN planning_reportingperiod rp ON rp.id = %(period)s
    LEFT JOIN reports r ON r.organisation_id = l.id AND r.action_plan_id = p.id
    LEFT JOIN obligations ob ON ob.organisation_id = l.id AND ob.action_plan_id = p.id
)
"""

# Each query computes one thing the page shows; NAME -> SQL.
CITYWIDE = {
    # "Sida 1 av N": the organisations in the filter and those listed in the report table.
    "organisations": _SCOPE
    + _REPORT_CELLS
    + """
    SELECT (SELECT count(*) FROM orgs), (SELECT count(*) FROM listed)""",
    # Coverage, the page's organisations: goals per organisation × development area.
    "coverage_goals": _SCOPE
    + """
    SELECT G.organisation_id, gda.developmentarea_id, count(*)
    FROM planning_goal G JOIN planning_goal_development_areas gda ON gda.goal_id = G.id
    WHERE G.organisation_id IN (SELECT id FROM page_orgs) AND """
    + _GOAL_IN_FILTER
    + """
      AND gda.developmentarea_id IN (SELECT id FROM areas)
    GROUP BY 1, 2""",
    # Coverage, the page's organisations: activities per organisation × area × status.
    "coverage_activities": _SCOPE
    + """
    SELECT organisation_id, area_id, status, count(*) FROM page_activity_areas
    WHERE area_id IN (SELECT id FROM areas) GROUP BY 1, 2, 3""",
    # The whole city: organisations with no goal and no activity in scope.
    "without_plan": _SCOPE
    + """
    SELECT id FROM (
        SELECT o.id,
            (SELECT 1 FROM planning_goal G
             JOIN planning_goal_development_areas gda ON gda.goal_id = G.id
             WHERE G.organisation_id = o.id AND """
    + _GOAL_IN_FILTER
    + """
               AND gda.developmentarea_id IN (SELECT id FROM areas) LIMIT 1) AS goal,
            (SELECT 1 FROM planning_activity A
             WHERE A.organisation_id = o.id AND """
    + _ACTIVITY_IN_FILTER
    + " AND "
    + _REACHES
    + """ LIMIT 1) AS activity
        FROM orgs o) found
    WHERE goal IS NULL AND activity IS NULL""",
    # Lämna ingen utanför, the page's organisations: activities in scope per target group ×
    # organisation.
    "target_groups": _SCOPE
    + """
    SELECT t.targetgroup_id, a.organisation_id, count(*)
    FROM (SELECT DISTINCT id, organisation_id FROM page_activity_areas
          WHERE area_id IN (SELECT id FROM areas)) a
    JOIN planning_activity_target_groups t ON t.activity_id = a.id
    WHERE %(group)s::bigint IS NULL OR t.targetgroup_id = %(group)s::bigint
    GROUP BY 1, 2""",
    # The whole city: target groups no activity in scope reaches.
    "unreached": _SCOPE
    + """
    SELECT id FROM (
        SELECT g.id,
            (SELECT 1 FROM planning_activity_target_groups t
             JOIN planning_activity A ON A.id = t.activity_id
             WHERE t.targetgroup_id = g.id AND A.planning_year_id = %(year)s
               AND A.organisation_id IN (SELECT id FROM orgs) AND """
    + _REACHES
    + """ LIMIT 1) AS activity
        FROM programmes_targetgroup g
        WHERE %(group)s::bigint IS NULL OR g.id = %(group)s::bigint) found
    WHERE activity IS NULL""",
    # The whole city: goals without a development area, activities without a goal.
    "goals_without_area": _SCOPE
    + """
    SELECT G.id FROM planning_goal G
    WHERE G.organisation_id IN (SELECT id FROM orgs) AND """
    + _GOAL_IN_FILTER
    + """
      AND NOT EXISTS (
          SELECT 1 FROM planning_goal_development_areas gda WHERE gda.goal_id = G.id)""",
    "activities_without_goal": _SCOPE
    + """
    SELECT A.id FROM planning_activity A
    WHERE A.organisation_id IN (SELECT id FROM orgs) AND A.goal_id IS NULL AND """
    + _ACTIVITY_IN_FILTER,
    # The whole city: report cells per status (the counts above the table).
    "report_counts": _SCOPE
    + _REPORT_CELLS
    + """
    SELECT status, count(*) FROM cells WHERE status <> 'not_required' GROUP BY 1""",
    # The page's organisations in the report table: each cell's status and report.
    "report_cells": _SCOPE
    + _REPORT_CELLS
    + """
    SELECT organisation_id, plan_id, status, report_id FROM cells
    WHERE organisation_id IN (
        SELECT id FROM listed ORDER BY name, id LIMIT %(per_page)s OFFSET %(offset)s)""",
}

# What the public target-group matrix computes (public.selectors.target_group_coverage):
# the years with a published activity (Activity's published_rule is its own is_published
# flag), and for the year the published activities per organisation × target group, with
# the organisations that have published activities reaching no target group (LEFT JOIN) and
# their names. The page lists no activities; a target group's list is paged.
TARGET_GROUP_YEARS = """
    SELECT y.year FROM planning_planningyear y
    WHERE EXISTS (
        SELECT 1 FROM planning_activity a WHERE a.is_published AND a.planning_year_id = y.id)
    ORDER BY 1 DESC"""
TARGET_GROUPS = """
    SELECT a.organisation_id, o.name, o.slug, t.targetgroup_id, count(a.id)
    FROM planning_activity a
    JOIN planning_planningyear y ON y.id = a.planning_year_id
    JOIN organisations_organisation o ON o.id = a.organisation_id
    LEFT JOIN planning_activity_target_groups t ON t.activity_id = a.id
    WHERE a.is_published AND y.year = %(year_number)s
    GROUP BY 1, 2, 3, 4"""

MEASURE = """
    SELECT o.area_id, o.period_id, o.breakdown_key, o.value, o.count, o.suppressed
    FROM knowledge_observation o WHERE o.measure_id = %(measure)s"""


def parameters(kind: str, floor: dict[str, Any]) -> dict[str, Any]:
    """The query parameters of floor KIND from bench.prepare's "floor" object."""
    page = int(floor.get("page", 1))
    per_page = int(floor.get("per_page", ORGANISATIONS_PER_PAGE))
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
        # The page of organisations the page shows (the first, as bench.prepare asks).
        "per_page": per_page,
        "offset": (page - 1) * per_page,
        # The page's "today" (bench.prepare gives the server's local date): past the
        # period's deadline a report not handed in is overdue.
        "today": floor.get("today") or datetime.datetime.now(tz=datetime.UTC).date(),
        "done": sorted(str(status) for status in HANDED_IN_STATUSES),
    }
    if kind == "citywide_filtered":
        base.update(
            kind=floor["kind"], plan=floor["plan"], focus=floor["focus"], group=floor["group"]
        )
    return base


# The aggregate pages: the numbers they show are counted (grouped) from the rows, so the
# page must stay within FLOOR_RATIO of the SQL that counts them. The measure page's floor is
# printed for reference only: the page reads stored statistics (one indexed read of the
# measure's observations) and counts nothing, so its ratio sets a chart, a table and a form
# against a sub-millisecond read (docs/performance.md, Method 5).
AGGREGATE = frozenset({"citywide_filtered", "citywide", "target_groups"})

QUERIES: dict[str, dict[str, str]] = {
    "citywide_filtered": CITYWIDE,
    "citywide": CITYWIDE,
    "target_groups": {"years": TARGET_GROUP_YEARS, "target_groups": TARGET_GROUPS},
    "measure": {"observations": MEASURE},
}


def run_floor(
    execute: Callable[[str, dict[str, Any]], list[tuple[Any, ...]]],
    kind: str,
    params: dict[str, Any],
) -> dict[str, list[tuple[Any, ...]]]:
    """Run floor KIND's queries through EXECUTE (sql, params -> rows); return rows by name."""
    if kind.startswith("citywide") and params["period"] is None:
        # Without a period the page shows no report table, and the report SQL needs one.
        return {
            name: execute(sql, params)
            for name, sql in QUERIES[kind].items()
            if name not in ("organisations", "report_counts", "report_cells")
        }
    return {name: execute(sql, params) for name, sql in QUERIES[kind].items()}


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

        def execute(sql: str, values: dict[str, Any]) -> list[tuple[Any, ...]]:
            return conn.execute(sql, values).fetchall()

        for round_ in range(warmup + rounds):
            start = clock()
            results = run_floor(execute, kind, params)
            if round_ >= warmup:
                timings.append((clock() - start) * 1000)
            rows = sum(len(found) for found in results.values())
    return {"kind": kind, "rows": rows, "queries": len(QUERIES[kind]), **summary(timings)}
