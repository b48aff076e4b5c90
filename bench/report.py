"""Print the latest bench/results.json as Markdown (for docs/performance.md).

.venv/bin/python -m bench.report
"""

import json
import sys
from typing import Any

from bench.run import RESULTS, pages_table
from bench.stats import table, targets_table


def markdown(document: dict[str, Any]) -> str:
    machine = document["machine"]
    runs = [
        {"scale": scale, "pages": [p for p in document["pages"] if p["scale"] == scale]}
        for scale in document["scales"]
    ]
    load = [
        (o["name"], f"{o['scale']:g}", o["users"], o["seconds"], o["requests"], o["failures"],
         o["rps"], o.get("p50_ms"), o.get("p95_ms"))
        for o in document.get("load", [])
    ]  # fmt: skip
    passed = sum(1 for t in document["targets"] if t["pass"])
    parts = [
        f"Run {document['run_at']}: scales {', '.join(f'{s:g}' for s in document['scales'])}; "
        f"{machine['cpus']} CPUs, Python {machine['python']}, PostgreSQL {machine['postgres']}; "
        f"load average {machine.get('load_average_at_start')} at the start, "
        f"{machine.get('load_average_at_end')} at the end; {document.get('seconds')} s in all. "
        f"**{passed} of {len(document['targets'])} targets pass.**",
        "### Pages\n\n" + pages_table(runs),
        "### Load run\n\n"
        + table(
            load,
            ["run", "scale", "users", "s", "requests", "errors", "requests/s", "p50 ms", "p95 ms"],
        )  # fmt: skip
        + f"\n\nWorker RSS after the load: {document.get('rss_mb')} MB.",
        "### Targets\n\n" + targets_table(document["targets"]),
    ]
    return "\n\n".join(parts) + "\n"


def main() -> None:
    sys.stdout.write(markdown(json.loads(RESULTS.read_text())))


if __name__ == "__main__":
    main()
