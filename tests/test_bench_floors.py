"""The city-wide view's SQL floor (bench/floors.py) computes exactly the numbers the page shows.

Both run on a small synthetic city: the page code (planning.citywide.citywide_page) and the
floor's plain SQL, for the same page of organisations. PostgreSQL only (the floor's SQL is
PostgreSQL's, as in `make bench`).
"""

import datetime
from collections.abc import Iterator
from io import StringIO
from typing import Any
from unittest import mock
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.core.management import call_command
from django.db import connection

from bench import floors
from bench.prepare import prepare
from mrplan.planning import citywide

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the floors are PostgreSQL's SQL"),
]

PER_PAGE = 2
TODAY = datetime.date(2026, 12, 5)


@pytest.fixture
def prepared() -> Iterator[dict[str, Any]]:
    call_command("generate_city", "--scale", "0.05", "--seed", "14", stdout=StringIO())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    yield prepare()


def _floor(kind: str, prepared: dict[str, Any], page: int, per_page: int) -> dict[str, Any]:
    params = floors.parameters(
        kind, {**prepared["floor"], "page": page, "per_page": per_page, "today": TODAY}
    )

    def execute(sql: str, values: dict[str, Any]) -> list[tuple[Any, ...]]:
        with connection.cursor() as cursor:
            cursor.execute(sql, values)
            return list(cursor.fetchall())

    rows = floors.run_floor(execute, kind, params)
    (organisations, listed) = rows["organisations"][0]
    return {
        "page_count": max(1, -(-max(organisations, listed) // per_page)),
        "coverage_goals": {(o, a): n for o, a, n in rows["coverage_goals"]},
        "coverage_activities": {(o, a, s): n for o, a, s, n in rows["coverage_activities"]},
        "without_plan": {o for (o,) in rows["without_plan"]},
        "target_groups": {(g, o): n for g, o, n in rows["target_groups"]},
        "unreached": {g for (g,) in rows["unreached"]},
        "goals_without_area": {g for (g,) in rows["goals_without_area"]},
        "activities_without_goal": {a for (a,) in rows["activities_without_goal"]},
        "report_counts": dict(rows["report_counts"]),
        "report_cells": {(o, p): (s, r) for o, p, s, r in rows["report_cells"]},
    }


def _page(path: str, page: int, per_page: int) -> dict[str, Any]:
    params = dict(parse_qsl(urlsplit(path).query))
    filters = citywide.parse_filters(params, citywide.filter_options(), today=TODAY)
    assert filters is not None
    with mock.patch.object(citywide, "ORGANISATIONS_PER_PAGE", per_page):
        shown = citywide.citywide_page(filters, page=page, today=TODAY)
    assert shown.page_number == page
    areas = [area.pk for area in shown.areas]
    organisations = [o.pk for o in shown.organisations]
    return {
        "page_count": shown.page_count,
        "coverage_goals": {
            (row.organisation.pk, area): cell.goals
            for row in shown.coverage
            for area, cell in zip(areas, row.cells, strict=True)
            if cell.goals
        },
        "coverage_activities": {
            (row.organisation.pk, area, status): n
            for row in shown.coverage
            for area, cell in zip(areas, row.cells, strict=True)
            for status, n in cell.statuses.items()
        },
        "without_plan": {o.pk for o in shown.organisations_without_plan},
        "target_groups": {
            (row.target_group.pk, organisation): n
            for row in shown.target_groups
            for organisation, n in zip(organisations, row.counts, strict=True)
            if n
        },
        "unreached": {group.pk for group in shown.unreached},
        "goals_without_area": {goal.pk for goal in shown.goals_without_area},
        "activities_without_goal": {activity.pk for activity in shown.activities_without_goal},
        "report_counts": {status: n for status, _label, n in shown.status_counts},
        "report_cells": {
            (row.organisation.pk, plan.pk): (cell.status, cell.report.pk if cell.report else None)
            for row in shown.reports
            for plan, cell in zip(shown.report_plans, row.cells, strict=True)
        },
    }


def _path(prepared: dict[str, Any], floor: str) -> str:
    return next(page["path"] for page in prepared["pages"] if page["floor"] == floor)


def _pages_with_synthetic_organisations(path: str) -> list[int]:
    params = dict(parse_qsl(urlsplit(path).query))
    filters = citywide.parse_filters(params, citywide.filter_options(), today=TODAY)
    assert filters is not None
    slugs = [o.slug for o in citywide._organisations(filters)]
    return sorted(
        {i // PER_PAGE + 1 for i, slug in enumerate(slugs) if slug.startswith("syntetisk")}
    )


def test_the_citywide_floor_computes_the_numbers_of_the_page_shown(
    prepared: dict[str, Any],
) -> None:
    path = _path(prepared, "citywide")
    # The demo's organisations come first by name and plan nothing in the bench's year; the
    # synthetic ones are a few pages in (two organisations a page here).
    pages = _pages_with_synthetic_organisations(path)
    assert len(pages) >= 2
    for page in [1, *pages]:
        expected = _page(path, page, PER_PAGE)
        assert _floor("citywide", prepared, page, PER_PAGE) == expected, page
        assert expected["page_count"] > pages[-1]
        assert expected["report_counts"]
        if page in pages:  # not equal by being empty
            assert expected["coverage_goals"] and expected["coverage_activities"]
            assert expected["target_groups"] and expected["report_cells"]
    # The page's organisations only: another page, other cells.
    first, second = (_page(path, page, PER_PAGE)["coverage_goals"] for page in pages[:2])
    assert not {o for o, _a in first} & {o for o, _a in second}


FILTERS = {"typ": "kind", "handlingsplan": "plan", "fokusomrade": "focus", "malgrupp": "group"}


@pytest.mark.parametrize("kept", [*FILTERS, "every filter"])
def test_the_filtered_citywide_floor_computes_the_numbers_of_the_page_shown(
    prepared: dict[str, Any], kept: str
) -> None:
    url = urlsplit(_path(prepared, "citywide_filtered"))
    params = dict(parse_qsl(url.query))
    floor = dict(prepared["floor"])
    for name, key in FILTERS.items():
        if kept not in (name, "every filter"):
            del params[name]
            floor[key] = None
    path = f"{url.path}?{urlencode(params)}"
    per_page = floors.ORGANISATIONS_PER_PAGE  # as in make bench
    expected = _page(path, 1, per_page)
    assert _floor("citywide_filtered", {**prepared, "floor": floor}, 1, per_page) == expected
    assert expected["report_cells"]
    if kept != "every filter":  # the small city has nothing that passes every filter
        assert expected["coverage_activities"] and expected["target_groups"]
