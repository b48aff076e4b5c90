"""Aggregating survey microdata: 1,000,000 rows, 3 breakdowns × district × year, suppressed.

Target: under 2 s on one core, and at least 3× faster than a plain pandas groupby doing the
same work (every combination of the breakdowns, counts, weighted shares, primary and
secondary suppression), measured in the same run. pandas is a dev dependency, used here only.
"""

import itertools
import time

import numpy as np
import pytest

from mrplan.knowledge.aggregation import aggregate

ROWS = 1_000_000
DISTRICTS = [
    "Bromma", "Enskede-Årsta-Vantör", "Farsta", "Hägersten-Älvsjö", "Hässelby-Vällingby",
    "Järva", "Kungsholmen", "Norra innerstaden", "Skarpnäck", "Skärholmen", "Södermalm",
]  # fmt: skip


def _survey() -> dict[str, np.ndarray]:
    rng = np.random.default_rng(2024)

    def pick(options: list[str], weights: list[float] | None = None) -> np.ndarray:
        return np.array(options)[rng.choice(len(options), size=ROWS, p=weights)]

    return {
        "area": pick(DISTRICTS),
        "period": pick([str(year) for year in range(2015, 2025)]),
        "kon": pick(["Flicka", "Pojke", "Annat"], [0.49, 0.49, 0.02]),
        "alder": pick(["Åk 9", "Gymnasiet år 2"]),
        "form": pick(["Afrofobi", "Antisemitism", "Antiziganism", "Islamofobi", "Samer"],
                     [0.4, 0.2, 0.1, 0.29, 0.01]),
        "value": (rng.random(ROWS) < 0.2).astype(float),
        "weight": rng.uniform(0.5, 1.5, ROWS),
    }  # fmt: skip


def _pandas(data: dict[str, np.ndarray], min_group_size: int = 5) -> int:
    import pandas as pd

    frame = pd.DataFrame(data)
    frame["weighted"] = frame["value"] * frame["weight"]
    dimensions = ["kon", "alder", "form"]
    tables = {}
    for size in range(len(dimensions) + 1):
        for chosen in itertools.combinations(dimensions, size):
            grouped = frame.groupby(["area", "period", *chosen]).agg(
                n=("value", "size"), w=("weight", "sum"), wv=("weighted", "sum")
            )
            grouped["share"] = 100 * grouped["wv"] / grouped["w"]
            grouped["suppressed"] = grouped["n"] < min_group_size
            tables[chosen] = grouped
    changed = True
    while changed:
        changed = False
        for chosen, table in tables.items():
            for dimension in chosen:
                others = ["area", "period", *[d for d in chosen if d != dimension]]
                parent = tables[tuple(d for d in chosen if d != dimension)]
                lonely = table.groupby(others)["suppressed"].transform("sum") == 1
                parent_shown = (
                    ~parent["suppressed"].reindex(table.index.droplevel(dimension)).to_numpy()
                )
                candidates = table[lonely & parent_shown & ~table["suppressed"]]
                if candidates.empty:
                    continue
                smallest = candidates.groupby(others)["n"].idxmin()
                table.loc[smallest.to_numpy(), "suppressed"] = True
                changed = True
    return sum(len(table) for table in tables.values())


def _numpy(data: dict[str, np.ndarray]) -> int:
    result = aggregate(
        keys={"area": data["area"], "period": data["period"]},
        dimensions={"kon": data["kon"], "alder": data["alder"], "form": data["form"]},
        values=data["value"],
        weights=data["weight"],
        scale=100,
        min_group_size=5,
    )
    return len(result.cells)


def _best_of(function, data, rounds: int = 3) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    timings, cells = [], 0
    for _ in range(rounds):
        start = time.perf_counter()
        cells = function(data)
        timings.append(time.perf_counter() - start)
    return min(timings), cells


def test_aggregating_a_million_survey_rows() -> None:
    pytest.importorskip("pandas")
    data = _survey()
    numpy_seconds, numpy_cells = _best_of(_numpy, data)
    pandas_seconds, pandas_cells = _best_of(_pandas, data, rounds=1)
    print(
        f"\nmicrodata, {ROWS:,} rows: numpy {numpy_seconds * 1000:.0f} ms, "
        f"pandas {pandas_seconds * 1000:.0f} ms ({pandas_seconds / numpy_seconds:.1f}×), "
        f"{numpy_cells} cells (target < 2000 ms and ≥ 3×)"
    )
    assert numpy_cells == pandas_cells
    assert numpy_seconds < 2.0
    assert pandas_seconds / numpy_seconds >= 3


@pytest.mark.django_db
def test_measure_page_with_10_years_15_areas_20_breakdown_cells() -> None:
    """The analysis page of a measure with 10 × 15 × (1 + 20) observations, wall-clock.

    Its fixed query count is asserted in tests/test_knowledge_analysis.py.
    """
    from django.test import Client

    from benchmarks.test_bench_pages import median_seconds, report
    from mrplan.knowledge.models import Dataset, Measure
    from tests.test_knowledge_analysis import make_cube

    dataset = Dataset.objects.create(title="Bänk", slug="bank", source="x", is_published=True)
    measure = Measure.objects.create(dataset=dataset, name="Mått", slug="matt")
    make_cube(measure, years=10, areas=15, cells=20)
    client = Client()
    url = "/kunskap/dataset/bank/matt/matt/"
    for params in ({}, {"jamfor": "form", "d-kon": "kvinnor"}):
        response = client.get(url, params)
        assert response.status_code == 200
        report(
            f"measure page {params or 'areas'}, 3,150 observations",
            median_seconds(lambda params=params: client.get(url, params)),
            0.5,
        )
