"""The scale-N PostgreSQL databases: built once with `mrplan generate_city`, then reused.

A database is reused when its marker table says it was built completely, at the same scale,
by the same generator (a hash of the generator's source files). `make bench REBUILD=1` (or
a changed generator, or an interrupted build, which leaves no marker) drops and rebuilds it.
"""

import datetime
import hashlib
import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
MARKER_TABLE = "bench_marker"
# The generator's own source: a change to any of these files makes a new city.
GENERATOR_SOURCES = ("src/mrplan/demo/city*.py", "src/mrplan/demo/management/commands/*city*.py")


def server_url() -> str:
    """The PostgreSQL server (no database name) the benchmark databases live on."""
    return os.environ.get("BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432")


def database_name(scale: float) -> str:
    """mrplan_bench_s1, mrplan_bench_s10, mrplan_bench_s0_2 for scale 0.2."""
    text = f"{scale:g}".replace(".", "_")
    return f"mrplan_bench_s{text}"


def database_url(scale: float) -> str:
    return f"{server_url()}/{database_name(scale)}"


def generator_version(root: Path = ROOT) -> str:
    """A short hash of the generator's source files (a new generator, a new city)."""
    digest = hashlib.sha256()
    for pattern in GENERATOR_SOURCES:
        for path in sorted(root.glob(pattern)):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class Marker:
    scale: float
    generator_version: str
    built_at: str
    build_seconds: float


def decide(marker: Marker | None, *, scale: float, version: str, rebuild: bool) -> str:
    """Return why the database must be (re)built, or "" to reuse it as it is."""
    if rebuild:
        return "REBUILD=1"
    if marker is None:
        return "no complete build found"
    if marker.scale != scale:
        return f"built at scale {marker.scale:g}, not {scale:g}"
    if marker.generator_version != version:
        return "the generator changed"
    return ""


def _admin() -> psycopg.Connection:
    return psycopg.connect(f"{server_url()}/postgres", autocommit=True)


def exists(name: str) -> bool:
    with _admin() as conn:
        return (
            conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            is not None
        )


def read_marker(url: str) -> Marker | None:
    with psycopg.connect(url) as conn:
        found = conn.execute("SELECT to_regclass(%s) IS NOT NULL", [MARKER_TABLE]).fetchone()
        if not found or not found[0]:
            return None
        row = conn.execute(
            sql.SQL(
                "SELECT scale, generator_version, built_at, build_seconds FROM {} LIMIT 1"
            ).format(sql.Identifier(MARKER_TABLE))
        ).fetchone()
    if row is None:
        return None
    return Marker(float(row[0]), str(row[1]), row[2].isoformat(), float(row[3]))


def write_marker(url: str, marker: Marker) -> None:
    with psycopg.connect(url) as conn:
        table = sql.Identifier(MARKER_TABLE)
        conn.execute(
            sql.SQL(
                "CREATE TABLE {} (scale double precision, generator_version text, "
                "built_at timestamptz, build_seconds double precision)"
            ).format(table)
        )
        conn.execute(
            sql.SQL("INSERT INTO {} VALUES (%s, %s, %s, %s)").format(table),
            [marker.scale, marker.generator_version, marker.built_at, marker.build_seconds],
        )


def _recreate(name: str) -> None:
    with _admin() as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def mrplan(args: list[str], url: str, log: Path, extra: dict[str, str] | None = None) -> None:
    """Run `mrplan ARGS` against URL, appending its output to LOG; raise if it fails."""
    env = {**os.environ, "DATABASE_URL": url, "MRPLAN_ENV": "dev", "DEBUG": "0", **(extra or {})}
    with log.open("a") as out:
        out.write(f"\n$ mrplan {' '.join(args)}\n")
        out.flush()
        subprocess.run(
            [str(ROOT / ".venv/bin/mrplan"), *args], env=env, stdout=out, stderr=subprocess.STDOUT,
            check=True, cwd=ROOT,
        )  # fmt: skip


def ensure(scale: float, *, rebuild: bool, log: Path, say: Any = print) -> dict[str, Any]:
    """Make sure the scale-SCALE database is complete; return its name, URL and build info."""
    name, url = database_name(scale), database_url(scale)
    version = generator_version()
    marker = read_marker(url) if exists(name) else None
    reason = decide(marker, scale=scale, version=version, rebuild=rebuild)
    if not reason and marker is not None:
        say(f"  {name}: reused (built {marker.built_at[:16]}, {marker.build_seconds:.0f} s)")
        mrplan(["migrate", "--noinput"], url, log)  # newer migrations, if any, still apply
        return {"database": name, "url": url, "built": False, **marker.__dict__}
    say(f"  {name}: building ({reason}); output in {log}")
    start = time.monotonic()
    _recreate(name)
    mrplan(["migrate", "--noinput"], url, log)
    mrplan(["generate_city", "--scale", f"{scale:g}"], url, log)
    marker = Marker(
        scale=scale,
        generator_version=version,
        built_at=datetime.datetime.now(datetime.UTC).isoformat(),
        build_seconds=time.monotonic() - start,
    )
    write_marker(url, marker)
    say(f"  {name}: built in {marker.build_seconds:.0f} s")
    return {"database": name, "url": url, "built": True, **marker.__dict__}
