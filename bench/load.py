"""The load run: locust, headless, against one server on loopback, bounded in time."""

import csv
import json
import os
import subprocess
from pathlib import Path
from typing import Any

from bench.databases import ROOT

BIN = ROOT / ".venv" / "bin"


def parse_stats(path: Path) -> dict[str, Any]:
    """Requests, failures and requests/s from locust's *_stats.csv (the Aggregated row)."""
    with path.open(newline="") as handle:
        for row in csv.DictReader(handle):
            if row.get("Name") == "Aggregated":
                return {
                    "requests": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "rps": round(float(row["Requests/s"]), 1),
                    "p50_ms": float(row["50%"]) if row.get("50%") not in (None, "N/A") else None,
                    "p95_ms": float(row["95%"]) if row.get("95%") not in (None, "N/A") else None,
                }
    raise ValueError(f"no Aggregated row in {path}")


def run(
    *, port: int, paths: list[str], cookie: str, seconds: int, users: int, out: Path, name: str
) -> dict[str, Any]:
    """Run locust for SECONDS with USERS users cycling through PATHS; return its figures."""
    prefix = out / f"locust-{name}"
    env = {**os.environ, "BENCH_PATHS": json.dumps(paths), "BENCH_COOKIE": cookie}
    with (out / f"locust-{name}.log").open("wb") as log:
        subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "--host",
                f"http://127.0.0.1:{port}",
                "--users",
                str(users),
                "--spawn-rate",
                str(users),
                "--run-time",
                f"{seconds}s",
                "--csv",
                str(prefix),
                "--only-summary",
                "--exit-code-on-error",
                "0",
                "--stop-timeout",
                "5",
            ],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=True,
            timeout=seconds + 120,
        )
    return {
        "name": name,
        "paths": paths,
        "users": users,
        "seconds": seconds,
        **parse_stats(Path(f"{prefix}_stats.csv")),
    }
