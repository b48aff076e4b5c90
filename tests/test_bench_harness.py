"""The pure pieces of `make bench` (bench/): percentiles, targets, results.json, reuse rules.

No database server, gunicorn or locust here: those run only in `make bench`.
"""

import json
from pathlib import Path
from typing import Any

import pytest

from bench import databases, floors, run, stats
from bench.databases import Marker, database_name, decide, generator_version
from bench.load import parse_stats
from bench.run import evaluate, floor_ratios, pages_table
from bench.server import parse_server_timing

# percentile and summary


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [
        ([5.0], 50, 5.0),
        ([5.0], 95, 5.0),
        ([1, 2, 3, 4], 50, 2.5),
        ([4, 3, 2, 1], 50, 2.5),  # order does not matter
        ([1, 2, 3, 4, 5], 0, 1),
        ([1, 2, 3, 4, 5], 100, 5),
        (list(range(1, 101)), 95, 95.05),  # numpy's "linear" definition
        ([10, 20], 25, 12.5),
    ],
)
def test_percentile(values: list[float], q: float, expected: float) -> None:
    assert stats.percentile(values, q) == pytest.approx(expected)


def test_percentile_matches_numpy() -> None:
    numpy = pytest.importorskip("numpy")
    values = [3.2, 1.0, 7.7, 2.5, 9.9, 4.4, 4.4, 0.1, 12.0, 6.0, 5.5]
    for q in (5, 50, 90, 95, 99):
        assert stats.percentile(values, q) == pytest.approx(numpy.percentile(values, q))


@pytest.mark.parametrize("q", [-1, 100.5])
def test_percentile_refuses_a_rank_outside_0_to_100(q: float) -> None:
    with pytest.raises(ValueError, match="outside"):
        stats.percentile([1, 2], q)


def test_percentile_of_nothing_is_an_error() -> None:
    with pytest.raises(ValueError, match="no values"):
        stats.percentile([], 50)


def test_summary() -> None:
    assert stats.summary([1, 2, 3, 4, 100]) == {"n": 5, "p50": 3, "p95": 80.8, "max": 100}


# targets


def test_at_most_and_at_least() -> None:
    assert stats.at_most("t", 299.9, 300, "ms")["pass"] is True
    assert stats.at_most("t", 300, 300, "ms")["pass"] is False
    assert stats.at_most("t", 3, 3, "×", inclusive=True)["pass"] is True
    assert stats.at_most("t", 3.01, 3, "×", inclusive=True)["pass"] is False
    assert stats.at_least("t", 500, 500, "requests/s")["pass"] is True
    assert stats.at_least("t", 499.9, 500, "requests/s")["pass"] is False


def test_a_missing_figure_never_passes() -> None:
    assert stats.at_most("t", None, 300, "ms") == {
        "name": "t", "figure": None, "unit": "ms", "target": "< 300 ms", "pass": False,
    }  # fmt: skip
    assert stats.at_least("t", None, 1, "x")["pass"] is False
    assert stats.target("t", None, "", "runs", True)["pass"] is False


def _page(name: str, scale: float, queries: int | None, **extra: Any) -> dict[str, Any]:
    return {"name": name, "scale": scale, "queries": queries, **extra}


def test_query_targets_compare_smallest_and_largest_scale() -> None:
    pages = [
        _page("plan", 1, 20), _page("plan", 10, 20),
        _page("search", 1, 14), _page("search", 10, 15),
        _page("zip", 1, 29),  # broke at scale 10
    ]  # fmt: skip
    found = {t["name"]: t for t in stats.query_targets(pages, [1, 10])}
    assert found["queries, plan: scale 10 vs 1"]["pass"] is True
    assert found["queries, plan: scale 10 vs 1"]["target"] == "= 20 (scale 1)"
    assert found["queries, search: scale 10 vs 1"]["pass"] is False
    assert found["queries, search: scale 10 vs 1"]["figure"] == 15
    assert found["queries, zip: scale 10 vs 1"]["pass"] is False


def test_no_query_targets_with_one_scale() -> None:
    assert stats.query_targets([_page("plan", 1, 20)], [1]) == []


def test_check_targets_accepts_the_shared_shape() -> None:
    good = [{"name": "n", "figure": 1.5, "unit": "s", "target": "< 2 s", "pass": True}]
    assert stats.check_targets(good) == good


@pytest.mark.parametrize(
    "bad",
    [
        "not an object",
        {"figure": 1, "unit": "s", "target": "< 2 s", "pass": True},
        {"name": "n", "figure": "fast", "unit": "s", "target": "< 2 s", "pass": True},
        {"name": "n", "figure": 1, "unit": "s", "target": "< 2 s", "pass": "yes"},
    ],
)
def test_check_targets_refuses_another_shape(bad: Any) -> None:
    with pytest.raises(ValueError):
        stats.check_targets([bad])


# results.json and the tables


def _run(scale: float, **extra: Any) -> dict[str, Any]:
    timing = {"n": 30, "p50": 100.0, "p95": 150.0, "max": 160.0}
    pages = [
        _page("city-wide", scale, 19, kind="html", status=[200], ok=True, server_ms=timing,
              bytes=1000, floor_ms={"p95": 10.0, "kind": "citywide"}, page_over_floor=15.0),
        _page("measure", scale, 9, kind="html", status=[200], ok=True, server_ms=timing,
              bytes=1000, floor_ms={"p95": 0.5, "kind": "measure"}, page_over_floor=300.0),
        _page("zip", scale, 29, kind="file", status=[200], ok=True, server_ms=timing, bytes=9),
        _page("plan", scale, 20, kind="html", status=[302], ok=False, server_ms=None, bytes=0),
    ]  # fmt: skip
    return {"scale": scale, "pages": pages, **extra}


def test_evaluate_checks_every_target_of_the_issue() -> None:
    load = [
        {"name": "public-cached", "rps": 800.0, "failures": 0},
        {"name": "signed-in", "rps": 50.0, "failures": 2},
    ]
    runs = [
        _run(1, compiled_pdf={"seconds": [2.0, 3.0], "organisations": 60}),
        _run(10, load=load, rss_mb=[180.0, 260.0]),
    ]
    found = {t["name"]: t for t in evaluate(runs, [1, 10])}
    assert found["queries, city-wide: scale 10 vs 1"]["pass"] is True
    assert found["p95/floor at scale 10, city-wide"]["figure"] == 15.0
    assert found["p95/floor at scale 10, city-wide"]["pass"] is False
    assert found["p95 at scale 10, city-wide"]["pass"] is True  # 150 < 300 ms
    assert "p95 at scale 10, zip" not in found  # not an HTML page
    # The measure page's floor is for reference: it counts nothing.
    assert not any(name.endswith("floor at scale 10, measure") for name in found)
    assert found["p95 at scale 10, measure"]["pass"] is True
    assert found["answers 200, plan at scale 10"]["pass"] is False
    assert found["p95 at scale 10, plan"]["pass"] is False  # no figure
    assert found["compiled follow-up PDF, 60 organisations (scale 1)"]["figure"] == 3.0
    assert found["load public-cached (scale 10)"]["pass"] is True
    assert found["load signed-in (scale 10)"]["pass"] is False
    assert found["load signed-in errors"]["pass"] is False
    assert found["worker RSS after the load"]["figure"] == 260.0
    assert found["worker RSS after the load"]["pass"] is False
    stats.check_targets(found.values())


def test_floor_ratios_set_the_page_s_own_cost_against_the_floor() -> None:
    # 40 ms page, 8 ms of it the fixed cost of any request, floor 10 ms.
    assert floor_ratios(40.0, 10.0, 8.0) == (4.0, 3.2)
    assert floor_ratios(40.0, 10.0, None) == (4.0, None)  # no fixed cost measured
    assert floor_ratios(5.0, 10.0, 8.0) == (0.5, 0.0)  # never negative
    assert floor_ratios(None, 10.0, 8.0) == (None, None)
    assert floor_ratios(40.0, 0.0, 8.0) == (None, None)


def test_the_floor_target_uses_the_page_s_own_cost_when_the_fixed_cost_is_known() -> None:
    run = _run(10)
    run["pages"][0].update(page_over_floor=15.0, own_over_floor=2.5)
    found = {t["name"]: t for t in evaluate([_run(1), run], [1, 10])}
    own = found["(p95 − fixed request cost)/floor at scale 10, city-wide"]
    assert own["figure"] == 2.5 and own["pass"] is True
    assert "p95/floor at scale 10, city-wide" not in found
    run["pages"][0].update(own_over_floor=3.5)
    found = {t["name"]: t for t in evaluate([_run(1), run], [1, 10])}
    assert found["(p95 − fixed request cost)/floor at scale 10, city-wide"]["pass"] is False


def test_results_document_has_the_documented_shape() -> None:
    targets = [stats.at_most("p95", 120.0, 300, "ms")]
    document = stats.results_document(
        run_at="2026-12-05T16:00:00+00:00",
        machine={"cpus": 2, "python": "3.11.9", "postgres": "15.6"},
        scales=[1.0, 10.0],
        targets=targets,
        pages=_run(1)["pages"],
        load=[],
    )
    again = json.loads(json.dumps(document))  # serialisable as it is
    assert set(again) >= {"run_at", "machine", "scales", "targets", "pages"}
    assert set(again["machine"]) >= {"cpus", "python", "postgres"}
    assert again["targets"] == [
        {"name": "p95", "figure": 120.0, "unit": "ms", "target": "< 300 ms", "pass": True}
    ]


def test_tables_show_every_row() -> None:
    text = pages_table([_run(1)])
    assert text.count("\n") == 5  # header, rule, four pages
    assert "city-wide" in text and "302" in text and "| n " in text
    targets = stats.targets_table([stats.at_most("p95", 500.0, 300, "ms")])
    assert "FAIL" in targets and "< 300 ms" in targets


# reusing the databases


def test_database_names() -> None:
    assert database_name(1) == "mrplan_bench_s1"
    assert database_name(10.0) == "mrplan_bench_s10"
    assert database_name(0.2) == "mrplan_bench_s0_2"


def _marker(**changes: Any) -> Marker:
    fields = {"scale": 1.0, "generator_version": "abc", "built_at": "2026-12-05T16:00:00+00:00",
              "build_seconds": 150.0, **changes}  # fmt: skip
    return Marker(**fields)


def test_a_complete_build_of_the_same_generator_is_reused() -> None:
    assert decide(_marker(), scale=1, version="abc", rebuild=False) == ""


@pytest.mark.parametrize(
    ("marker", "scale", "version", "rebuild", "reason"),
    [
        (None, 1, "abc", False, "no complete build"),
        (_marker(), 1, "abc", True, "REBUILD=1"),
        (_marker(), 10, "abc", False, "scale 1, not 10"),
        (_marker(), 1, "def", False, "generator changed"),
    ],
)
def test_when_a_database_is_rebuilt(
    marker: Marker | None, scale: float, version: str, rebuild: bool, reason: str
) -> None:
    assert reason in decide(marker, scale=scale, version=version, rebuild=rebuild)


def test_the_generator_version_follows_its_source(tmp_path: Path) -> None:
    city = tmp_path / "src/mrplan/demo/city.py"
    command = tmp_path / "src/mrplan/demo/management/commands/generate_city.py"
    command.parent.mkdir(parents=True)
    city.write_text("SCALE = 1\n")
    command.write_text("# command\n")
    first = generator_version(tmp_path)
    assert generator_version(tmp_path) == first
    city.write_text("SCALE = 2\n")
    assert generator_version(tmp_path) != first
    city.write_text("SCALE = 1\n")
    assert generator_version(tmp_path) == first
    (tmp_path / "src/mrplan/demo/city_consultations.py").write_text("# new part\n")
    assert generator_version(tmp_path) != first


def test_the_real_generator_has_a_version() -> None:
    assert len(generator_version(databases.ROOT)) == 16


# what the server and locust say


def test_parse_server_timing() -> None:
    assert parse_server_timing("app;dur=12.5, db;dur=3") == {"app": 12.5, "db": 3.0}
    assert parse_server_timing('app;desc="x";dur=7') == {"app": 7.0}
    assert parse_server_timing("") == {}
    assert parse_server_timing("app;dur=fast") == {}


def test_parse_locust_stats(tmp_path: Path) -> None:
    path = tmp_path / "stats.csv"
    path.write_text(
        "Type,Name,Request Count,Failure Count,Median Response Time,Requests/s,50%,95%\n"
        "GET,/oppet/,900,0,20,45.0,20,40\n"
        ",Aggregated,1200,3,21,612.34,21,48\n"
    )
    assert parse_stats(path) == {
        "requests": 1200, "failures": 3, "rps": 612.3, "p50_ms": 21.0, "p95_ms": 48.0,
    }  # fmt: skip


def test_locust_stats_without_a_total_are_an_error(tmp_path: Path) -> None:
    path = tmp_path / "stats.csv"
    path.write_text("Type,Name,Request Count\nGET,/oppet/,3\n")
    with pytest.raises(ValueError, match="Aggregated"):
        parse_stats(path)


# the offline figures (bench/offline.py, written separately)


def test_offline_figures_are_skipped_without_the_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(run, "ROOT", tmp_path)
    assert run.offline_figures("postgresql://x/db") == []


def test_offline_figures_join_the_targets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "bench").mkdir()
    (tmp_path / "bench" / "offline.py").write_text("")
    figures = [{"name": "xlsx", "figure": 3.2, "unit": "s", "target": "< 10 s", "pass": True}]
    calls = []

    def fake(module: str, env: dict[str, str], *args: str) -> Any:
        calls.append((module, env["DATABASE_URL"], args))
        return figures

    monkeypatch.setattr(run, "ROOT", tmp_path)
    monkeypatch.setattr(run, "django_json", fake)
    assert run.offline_figures("postgresql://x/db") == figures
    assert calls == [("bench.offline", "postgresql://x/db", ("--json",))]


@pytest.mark.parametrize("answer", [RuntimeError("boom"), [{"name": "no figure"}]])
def test_a_broken_offline_module_is_a_failing_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer: Any
) -> None:
    (tmp_path / "bench").mkdir()
    (tmp_path / "bench" / "offline.py").write_text("")

    def fake(module: str, env: dict[str, str], *args: str) -> Any:
        if isinstance(answer, Exception):
            raise answer
        return answer

    monkeypatch.setattr(run, "ROOT", tmp_path)
    monkeypatch.setattr(run, "django_json", fake)
    [only] = run.offline_figures("postgresql://x/db")
    assert only["pass"] is False


def test_the_markdown_report_of_a_results_file() -> None:
    from bench.report import markdown

    targets = [stats.at_most("p95", 120.0, 300, "ms"), stats.at_least("rps", 90.0, 100, "r/s")]
    document = stats.results_document(
        run_at="2026-12-05T16:00:00+00:00",
        machine={"cpus": 2, "python": "3.11.9", "postgres": "15.6"},
        scales=[1.0],
        targets=targets,
        pages=_run(1)["pages"],
        load=[{"name": "signed-in", "scale": 1.0, "users": 32, "seconds": 20, "requests": 1800,
               "failures": 0, "rps": 90.0, "p50_ms": 300.0, "p95_ms": 700.0}],
        rss_mb=[200.0, 210.0],
    )  # fmt: skip
    text = markdown(document)
    assert "**1 of 2 targets pass.**" in text
    assert "city-wide" in text and "signed-in" in text and "[200.0, 210.0] MB" in text


# floors (their SQL against the page code: tests/test_bench_floors.py, on PostgreSQL)


def test_the_floor_constants_are_the_page_codes() -> None:
    from mrplan.planning import citywide
    from mrplan.planning.models import HANDED_IN_STATUSES

    assert set(floors.HANDED_IN_STATUSES) == {str(s) for s in HANDED_IN_STATUSES}
    assert floors.ORGANISATIONS_PER_PAGE == citywide.ORGANISATIONS_PER_PAGE


def test_the_citywide_floor_follows_the_page_shown() -> None:
    floor = {"kinds": ["district_committee"], "kind": "district_committee", "plan": 1,
             "focus": 2, "group": 3, "year": 4, "year_number": 2024, "period": 5,
             "measure": 6}  # fmt: skip
    first = floors.parameters("citywide", floor)
    assert (first["per_page"], first["offset"]) == (60, 0)
    assert (first["kind"], first["plan"], first["group"]) == (None, None, None)
    third = floors.parameters("citywide_filtered", {**floor, "page": 3, "per_page": 2})
    assert (third["per_page"], third["offset"]) == (2, 4)
    assert (third["kind"], third["plan"], third["focus"], third["group"]) == (
        "district_committee", 1, 2, 3,
    )  # fmt: skip
    assert set(floors.QUERIES["citywide"]) >= {
        "coverage_goals", "coverage_activities", "target_groups", "without_plan", "unreached",
        "report_counts", "report_cells",
    }  # fmt: skip


def test_a_floor_without_a_period_leaves_out_the_report_table() -> None:
    seen: list[str] = []

    def execute(sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        seen.append(sql)
        return []

    floor = {"kinds": [], "year": 1, "year_number": 2024, "period": None, "measure": None}
    found = floors.run_floor(execute, "citywide", floors.parameters("citywide", floor))
    assert "report_cells" not in found and "coverage_activities" in found
    assert len(seen) == len(floors.QUERIES["citywide"]) - 3
