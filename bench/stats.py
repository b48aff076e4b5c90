"""Pure helpers of the benchmark: percentiles, targets, the results file and the table.

Nothing here touches a database or a server, so tests/test_bench_harness.py checks it fast.
"""

import math
from collections.abc import Iterable, Sequence
from typing import Any


def percentile(values: Sequence[float], q: float) -> float:
    """Return the Q-th percentile (0–100) of VALUES, interpolating linearly between ranks.

    The same definition as numpy's default ("linear"): p50 of [1, 2, 3, 4] is 2.5.
    """
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} is outside 0–100")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summary(values: Sequence[float]) -> dict[str, float]:
    """Return n, p50, p95 and max of VALUES (rounded for the report)."""
    return {
        "n": len(values),
        "p50": round(percentile(values, 50), 2),
        "p95": round(percentile(values, 95), 2),
        "max": round(max(values), 2),
    }


def target(name: str, figure: float | None, unit: str, wanted: str, passed: bool) -> dict[str, Any]:
    """One target in the shape bench/results.json and bench.offline share."""
    return {
        "name": name,
        "figure": None if figure is None else round(figure, 2),
        "unit": unit,
        "target": wanted,
        "pass": bool(passed) and figure is not None,
    }


def at_most(
    name: str, figure: float | None, limit: float, unit: str, *, inclusive: bool = False
) -> dict[str, Any]:
    """FIGURE must stay under LIMIT (or at most LIMIT when INCLUSIVE)."""
    if figure is None:
        return target(name, None, unit, f"{'≤' if inclusive else '<'} {limit:g} {unit}", False)
    passed = figure <= limit if inclusive else figure < limit
    return target(name, figure, unit, f"{'≤' if inclusive else '<'} {limit:g} {unit}", passed)


def at_least(name: str, figure: float | None, limit: float, unit: str) -> dict[str, Any]:
    return target(name, figure, unit, f"≥ {limit:g} {unit}", figure is not None and figure >= limit)


def query_targets(pages: Iterable[dict[str, Any]], scales: Sequence[float]) -> list[dict[str, Any]]:
    """Each page must run the same number of queries at the smallest and the largest scale.

    PAGES are the measured rows ({"name", "scale", "queries", ...}); a page measured at only
    one of the two scales gets a failing target (it broke at the other).
    """
    if len(scales) < 2:
        return []
    small, large = min(scales), max(scales)
    by_page: dict[str, dict[float, Any]] = {}
    for page in pages:
        by_page.setdefault(page["name"], {})[page["scale"]] = page.get("queries")
    results = []
    for name, counts in by_page.items():
        few, many = counts.get(small), counts.get(large)
        results.append(
            target(
                f"queries, {name}: scale {large:g} vs {small:g}",
                many,
                "queries",
                f"= {few} (scale {small:g})" if few is not None else "measured at both scales",
                few is not None and many is not None and few == many,
            )
        )
    return results


def results_document(
    *,
    run_at: str,
    machine: dict[str, Any],
    scales: Sequence[float],
    targets: list[dict[str, Any]],
    pages: list[dict[str, Any]],
    **extra: Any,
) -> dict[str, Any]:
    """The content of bench/results.json."""
    return {
        "run_at": run_at,
        "machine": machine,
        "scales": list(scales),
        "targets": targets,
        "pages": pages,
        **extra,
    }


REQUIRED_TARGET_KEYS: dict[str, type | tuple[type, ...]] = {
    "name": str,
    "figure": (int, float, type(None)),
    "unit": str,
    "target": str,
    "pass": bool,
}


def check_targets(targets: Iterable[Any]) -> list[dict[str, Any]]:
    """Return TARGETS if each has the shared shape, else raise ValueError (used for the
    output of bench.offline, which another module writes)."""
    checked = []
    for item in targets:
        if not isinstance(item, dict):
            raise ValueError(f"a target must be an object, not {item!r}")
        for key, kind in REQUIRED_TARGET_KEYS.items():
            if key not in item or not isinstance(item[key], kind):
                raise ValueError(f"target {item.get('name')!r}: {key!r} missing or of wrong type")
        checked.append(item)
    return checked


def _cell(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.1f}" if abs(value) < 100 else f"{value:,.0f}"
    return str(value)


def table(rows: Sequence[Sequence[Any]], header: Sequence[str]) -> str:
    """Return a plain text table (also valid Markdown)."""
    cells = [[str(h) for h in header], *[[_cell(v) for v in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
             for row in cells]  # fmt: skip
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def targets_table(targets: Sequence[dict[str, Any]]) -> str:
    return table(
        [
            (t["name"], t["figure"], t["unit"], t["target"], "PASS" if t["pass"] else "FAIL")
            for t in targets
        ],
        ["target", "figure", "unit", "wanted", "result"],
    )
