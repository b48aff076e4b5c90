"""`make bench`: build the city databases, serve them as in production, measure, report.

    make bench                      # scales 1 and 10
    make bench REBUILD=1            # rebuild the databases first
    BENCH_SCALES=0.2,1 make bench   # a quicker loop while developing

Environment: BENCH_SCALES (default "1,10"), BENCH_N (requests per page, 30), BENCH_WARMUP (3),
BENCH_PAGE_SECONDS (30: a slower page stops early, after at least 5 answers),
BENCH_LOAD_SECONDS (20 per load run), BENCH_USERS (locust users, 32), WEB_CONCURRENCY (2),
BENCH_POSTGRES (server URL), BENCH_REDIS (redis://127.0.0.1:6379). Prints the pages and the
targets and writes bench/results.json. Exits 0 when targets fail (it reports them); non-zero
only when the harness itself breaks. See docs/performance.md.
"""

import datetime
import http.client
import json
import os
import platform
import subprocess
import sys
import time
import traceback
from pathlib import Path
from typing import Any

import psycopg

from bench import databases, floors, load
from bench.server import BIN, Answer, Server, get, production_env
from bench.stats import (
    at_least,
    at_most,
    check_targets,
    query_targets,
    results_document,
    summary,
    table,
    target,
    targets_table,
)

ROOT = databases.ROOT
OUT = ROOT / "var" / "bench"
RESULTS = ROOT / "bench" / "results.json"

HTML_P95_MS = 300
FLOOR_RATIO = 3
PUBLIC_RPS = 500
SIGNED_IN_RPS = 100
RSS_MB = 250
STATEMENT_PDF_MS = 1000
COMPILED_PDF_S = 10
# A page measured for longer than BENCH_PAGE_SECONDS stops at this many answers or more.
MIN_SAMPLES = 5
# A page that fails (no answer, or a server error) this many times is not asked again.
MAX_ERRORS = 2


def say(text: str = "") -> None:
    print(text, flush=True)


def env_scales() -> list[float]:
    text = os.environ.get("BENCH_SCALES", "1,10")
    scales = sorted({float(part) for part in text.split(",") if part.strip()})
    if not scales or any(scale <= 0 for scale in scales):
        raise SystemExit(f"BENCH_SCALES must list positive scales, not {text!r}")
    return scales


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


def machine() -> dict[str, Any]:
    with psycopg.connect(f"{databases.server_url()}/postgres") as conn:
        row = conn.execute("SHOW server_version").fetchone()
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "postgres": row[0] if row else "?",
        "platform": platform.platform(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "web_concurrency": int(os.environ.get("WEB_CONCURRENCY", "2")),
    }


def cache_env(index: int) -> dict[str, str]:
    """A Redis database of its own per scale (the public page cache must not cross scales),
    emptied before the run; the database cache when Redis is not there."""
    base = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379")
    url = f"{base}/{12 + index}"
    try:
        import redis

        client = redis.Redis.from_url(url, socket_connect_timeout=2)
        client.flushdb()
        return {"REDIS_URL": url}
    except Exception as error:  # noqa: BLE001 - any failure means "no Redis here"
        say(f"  Redis not reachable ({error}); using the database cache")
        return {"MRPLAN_DATABASE_CACHE": "1"}


def django_json(module: str, env: dict[str, str], *args: str) -> Any:
    """Run `python -m MODULE ARGS` with ENV (a Django process) and return its JSON output."""
    done = subprocess.run(
        [str(BIN / "python"), "-m", module, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{module} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def bust(path: str, i: int) -> str:
    """Public pages and the signed-in plan pages are cached (the public page cache, the
    reader cache): a fresh query string per request measures the page itself, not the cache
    (the load run measures the caches)."""
    return f"{path}{'&' if '?' in path else '?'}bench={i}"


def ensure_opendata(directory: Path, db: dict[str, Any], env: dict[str, str], log: Path) -> None:
    """Build the open data files of DB's city (served from disk, as in production, where the
    worker builds them after each publication; generate_city writes around the actions).
    Reused while the database is the same build."""
    stamp = directory / "bench-built-for"
    if stamp.exists() and stamp.read_text() == db["built_at"]:
        say(f"  open data files: reused ({directory})")
        return
    say(f"  open data files: building into {directory} …")
    start = time.monotonic()
    databases.mrplan(["opendata_build"], db["url"], log, env)
    stamp.write_text(db["built_at"])
    say(f"  open data files: built in {time.monotonic() - start:.0f} s")


def floor_ratios(
    p95: float | None, floor_p95: float | None, fixed_ms: float | None
) -> tuple[float | None, float | None]:
    """Return (page p95 / floor p95, the page's own cost / floor p95).

    The page's own cost is its p95 less the median of a request that reads nothing (the
    fixed cost of middleware, session and base template, measured in the same run): a floor of a
    millisecond cannot be approached by any page, as every request pays that fixed cost
    first. The first ratio is printed as it is; the target is checked on the second.
    """
    if not p95 or not floor_p95:
        return None, None
    raw = round(p95 / floor_p95, 1)
    if fixed_ms is None:
        return raw, None
    return raw, round(max(p95 - fixed_ms, 0.0) / floor_p95, 1)


def measure_page(
    port: int, page: dict[str, Any], cookie: str, n: int, warmup: int, budget: float
) -> dict[str, Any]:
    """Request PAGE WARMUP + N times; a slow page stops after BUDGET seconds of measuring
    (with at least MIN_SAMPLES answers), so that a bad page cannot stretch the run for hours."""
    rendered = page["kind"] in ("html", "baseline")
    count = iter(range(10**9))

    def fetch() -> Answer:
        i = next(count)
        try:
            return get(port, bust(page["path"], i) if rendered else page["path"], cookie)
        except (OSError, http.client.HTTPException):  # e.g. the worker was killed on timeout
            return Answer(0, {}, b"", 0.0)

    def failing() -> bool:
        return sum(1 for a in answers if a.status == 0 or a.status >= 500) >= MAX_ERRORS

    answers: list[Answer] = []
    start = time.monotonic()
    for _ in range(warmup):
        if fetch().status == 0 or time.monotonic() - start > budget / 4:
            break
    start = time.monotonic()
    while len(answers) < n and not failing():
        answers.append(fetch())
        if len(answers) >= min(n, MIN_SAMPLES) and time.monotonic() - start > budget:
            break
    statuses = sorted({a.status for a in answers})
    client = [a.seconds * 1000 for a in answers if a.status]
    queries = sorted({a.queries for a in answers if a.queries is not None})
    server = [a.server_ms for a in answers if a.server_ms is not None]
    db = [a.db_ms for a in answers if a.db_ms is not None]
    return {
        "name": page["name"],
        "path": page["path"],
        "who": page["who"],
        "kind": page["kind"],
        "status": statuses,
        "ok": statuses == [200],
        "queries": queries[-1] if queries else None,
        "queries_varied": len(queries) > 1,
        "bytes": sorted(a.size for a in answers)[len(answers) // 2],
        "server_ms": summary(server) if server else None,
        "db_ms": summary(db) if db else None,
        "client_ms": summary(client) if client else None,
    }


def run_scale(
    scale: float, index: int, *, largest: bool, static: Path, log: Path
) -> dict[str, Any]:
    n, warmup = _int("BENCH_N", 30), _int("BENCH_WARMUP", 3)
    budget = float(_int("BENCH_PAGE_SECONDS", 30))
    say(f"\n== scale {scale:g}")
    db = databases.ensure(scale, rebuild=os.environ.get("REBUILD", "") not in ("", "0"), log=log)
    env = production_env(db["url"], cache=cache_env(index), static_root=static)
    env["MRPLAN_OPENDATA_DIR"] = str(OUT / f"opendata-s{scale:g}")
    ensure_opendata(Path(env["MRPLAN_OPENDATA_DIR"]), db, env, log)
    if "MRPLAN_DATABASE_CACHE" in env:
        databases.mrplan(["createcachetable"], db["url"], log, {"MRPLAN_DATABASE_CACHE": "1"})
    prepared = django_json("bench.prepare", env)
    cookies = {"anonymous": "", **prepared["cookies"]}
    result: dict[str, Any] = {"scale": scale, "database": db, "pages": [], "floors": {}}
    with Server(env, OUT / f"gunicorn-s{scale:g}.log") as server:
        for page in prepared["pages"]:
            row = measure_page(server.port, page, cookies[page["who"]], n, warmup, budget)
            row["scale"] = scale
            if page["kind"] == "baseline" and row["server_ms"]:
                # Its median, not p95: one slow outlier must not lower the pages' own cost.
                result["fixed_ms"] = row["server_ms"]["p50"]
            if page["floor"]:
                floor = floors.time_floor(db["url"], page["floor"], prepared["floor"], rounds=n)
                row["floor_ms"] = floor
                p95 = row["server_ms"]["p95"] if row["server_ms"] else None
                row["page_over_floor"], row["own_over_floor"] = floor_ratios(
                    p95, floor["p95"], result.get("fixed_ms")
                )
            result["pages"].append(row)
            server_ms = row["server_ms"] or {}
            say(
                f"  {row['name']}: {row['status']} p50 {server_ms.get('p50')} ms, "
                f"p95 {server_ms.get('p95')} ms, {row['queries']} queries, {row['bytes']:,} B"
                + (f", p95/floor {row.get('page_over_floor')}" if page["floor"] else "")
            )
        if largest:
            seconds, users = _int("BENCH_LOAD_SECONDS", 20), _int("BENCH_USERS", 32)
            for name, paths, cookie in (
                ("public-cached", prepared["load"]["public"], ""),
                ("signed-in", prepared["load"]["signed_in"], cookies["editor"]),
            ):
                for path in paths:  # fill the page cache, and check each path answers
                    answer = get(server.port, path, cookie)
                    if answer.status != 200:
                        say(f"  load path {path} answers {answer.status}")
                say(f"  load run {name}: {users} users, {seconds} s …")
                outcome = load.run(
                    port=server.port,
                    paths=paths,
                    cookie=cookie,
                    seconds=seconds,
                    users=users,
                    out=OUT,
                    name=name,
                )
                say(
                    f"    {outcome['rps']} requests/s, {outcome['failures']} errors "
                    f"of {outcome['requests']}"
                )
                result.setdefault("load", []).append(outcome)
            result["rss_mb"] = [round(x, 1) for x in server.worker_rss_mb()]
            say(f"  worker RSS after the load: {result['rss_mb']} MB")
    compiled = prepared.get("compiled") or {}
    # bench.offline times the compiled PDF job itself (at scale 1, as the target says);
    # without it, this runner does.
    offline = (ROOT / "bench" / "offline.py").exists()
    if compiled.get("action_plan") and compiled.get("code") and not offline:
        # One build in a fresh process (what a job worker does for its first document).
        rounds = {"warmup": 0, "rounds": 1}
        params = {**compiled, **rounds}
        result["compiled_pdf"] = django_json("bench.jobs", env, json.dumps(params))
        say(
            f"  compiled follow-up PDF ({result['compiled_pdf']['organisations']} organisations): "
            f"{[round(s, 2) for s in result['compiled_pdf']['seconds']]} s"
        )
    return result


def offline_figures(url: str) -> list[dict[str, Any]]:
    """The figures of bench.offline (import parsing, survey aggregation), when it exists."""
    if not (ROOT / "bench" / "offline.py").exists():
        say("\nbench/offline.py is not there: no offline figures")
        return []
    say("\n== offline figures (bench.offline)")
    env = {**os.environ, "DATABASE_URL": url, "MRPLAN_ENV": "dev"}
    try:
        figures = check_targets(django_json("bench.offline", env, "--json"))
    except (RuntimeError, ValueError, json.JSONDecodeError, subprocess.TimeoutExpired) as error:
        say(f"  bench.offline failed: {error}")
        return [target("offline figures (bench.offline)", None, "", "runs", False)]
    for item in figures:
        say(f"  {item['name']}: {item['figure']} {item['unit']}")
    return figures


def evaluate(runs: list[dict[str, Any]], scales: list[float]) -> list[dict[str, Any]]:
    largest = max(scales)
    pages = [page for run in runs for page in run["pages"]]
    targets = query_targets(pages, scales)
    for page in pages:
        if not page["ok"]:
            targets.append(
                target(
                    f"answers 200, {page['name']} at scale {page['scale']:g}",
                    None,
                    "",
                    "200",
                    False,
                )
            )
    top = [page for page in pages if page["scale"] == largest]
    for page in top:
        if "page_over_floor" in page and page["floor_ms"]["kind"] in floors.AGGREGATE:
            # The page's own cost (p95 less the fixed cost of a request) over the floor; the
            # plain ratio is in the pages table (floor_ratios says why).
            own = page.get("own_over_floor")
            targets.append(
                at_most(
                    f"(p95 − fixed request cost)/floor at scale {largest:g}, {page['name']}"
                    if own is not None
                    else f"p95/floor at scale {largest:g}, {page['name']}",
                    own if own is not None else page["page_over_floor"],
                    FLOOR_RATIO,
                    "×",
                    inclusive=True,
                )
            )
    for page in top:
        p95 = page["server_ms"]["p95"] if page["server_ms"] else None
        if page["kind"] == "html":
            targets.append(
                at_most(f"p95 at scale {largest:g}, {page['name']}", p95, HTML_P95_MS, "ms")
            )
        if page["name"] == "statement PDF":
            targets.append(
                at_most(f"p95 at scale {largest:g}, statement PDF", p95, STATEMENT_PDF_MS, "ms")
            )
    for run in runs:
        if "compiled_pdf" in run:
            pdf = run["compiled_pdf"]
            worst = max(pdf["seconds"]) if pdf["seconds"] else None
            targets.append(
                at_most(
                    f"compiled follow-up PDF, {pdf['organisations']} organisations "
                    f"(scale {run['scale']:g})",
                    worst,
                    COMPILED_PDF_S,
                    "s",
                )
            )
    for run in runs:
        for outcome in run.get("load", []):
            wanted = PUBLIC_RPS if outcome["name"] == "public-cached" else SIGNED_IN_RPS
            targets.append(
                at_least(
                    f"load {outcome['name']} (scale {run['scale']:g})",
                    outcome["rps"],
                    wanted,
                    "requests/s",
                )
            )
            targets.append(
                target(
                    f"load {outcome['name']} errors",
                    outcome["failures"],
                    "errors",
                    "= 0",
                    outcome["failures"] == 0,
                )
            )
        if "rss_mb" in run:
            worst = max(run["rss_mb"]) if run["rss_mb"] else None
            targets.append(at_most("worker RSS after the load", worst, RSS_MB, "MB"))
    return targets


def pages_table(runs: list[dict[str, Any]]) -> str:
    rows = []
    for run in runs:
        for page in run["pages"]:
            server = page["server_ms"] or {}
            floor = page.get("floor_ms") or {}
            rows.append(
                (
                    page["name"],
                    f"{run['scale']:g}",
                    ",".join(map(str, page["status"])),
                    server.get("n"),
                    server.get("p50"),
                    server.get("p95"),
                    page["queries"],
                    page["bytes"],
                    floor.get("p95"),
                    page.get("page_over_floor"),
                    page.get("own_over_floor"),
                )
            )
    return table(
        rows,
        [
            "page",
            "scale",
            "status",
            "n",
            "p50 ms",
            "p95 ms",
            "queries",
            "bytes",
            "floor p95 ms",
            "p95/floor",
            "(p95−fixed)/floor",
        ],
    )


def main() -> int:
    started = time.monotonic()
    scales = env_scales()
    OUT.mkdir(parents=True, exist_ok=True)
    log = OUT / "build.log"
    run_at = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    say(f"make bench: scales {', '.join(f'{s:g}' for s in scales)}; logs in {OUT}")
    about = machine()
    static = OUT / "static"
    env = production_env(
        databases.database_url(scales[0]), cache={"MRPLAN_DATABASE_CACHE": "1"}, static_root=static
    )
    subprocess.run(
        [str(BIN / "mrplan"), "collectstatic", "--noinput", "-v", "0"],
        env=env,
        cwd=ROOT,
        check=True,
    )
    runs = [
        run_scale(scale, index, largest=scale == max(scales), static=static, log=log)
        for index, scale in enumerate(scales)
    ]
    offline_scale = 1.0 if 1.0 in scales else scales[0]
    targets = evaluate(runs, scales) + offline_figures(databases.database_url(offline_scale))
    say("\n== pages (server time from Server-Timing; floor = the same numbers in plain SQL)")
    say(pages_table(runs))
    say("\n== targets")
    say(targets_table(targets))
    about["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    passed = sum(1 for t in targets if t["pass"])
    say(f"\n{passed} of {len(targets)} targets pass; {time.monotonic() - started:.0f} s in all")
    document = results_document(
        run_at=run_at,
        machine=about,
        scales=scales,
        targets=targets,
        pages=[page for run in runs for page in run["pages"]],
        load=[{**o, "scale": r["scale"]} for r in runs for o in r.get("load", [])],
        rss_mb=next((r["rss_mb"] for r in runs if "rss_mb" in r), None),
        compiled_pdf={f"{r['scale']:g}": r.get("compiled_pdf") for r in runs},
        databases=[r["database"] | {"url": None} for r in runs],
        seconds=round(time.monotonic() - started),
    )
    RESULTS.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    say(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception:  # the harness broke: say where, and fail
        traceback.print_exc()
        sys.exit(2)
