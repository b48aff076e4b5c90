"""bench.offline: the shape of its figures and that the pandas baseline computes our cube.

No timing is asserted here (make bench checks the targets); the functions run on small
inputs and on the test database.
"""

import io
import json
from typing import Any

import numpy as np
import pytest
from django.core.management import call_command

from bench import offline

KEYS = {"name": str, "figure": (int, float), "unit": str, "target": str, "pass": bool}


def assert_figure(item: dict[str, Any]) -> None:
    assert set(item) == set(KEYS)
    for key, kind in KEYS.items():
        assert isinstance(item[key], kind), (key, item)
    assert item["name"] and item["unit"] and item["target"]


def test_a_figure_passes_only_under_its_limit() -> None:
    assert offline.under("x", 1.5, 2.0)["pass"] is True
    assert offline.under("x", 2.0, 2.0)["pass"] is False
    missing = offline.under("x", None, 2.0)
    assert missing["pass"] is False and missing["figure"] is None


def test_pandas_and_numpy_give_the_same_cube_with_suppression() -> None:
    pytest.importorskip("pandas")
    data = offline.survey(3000, seed=7)
    ours, theirs = offline.cube_numpy(data), offline.cube_pandas(data)
    assert offline.same_cube(ours, theirs)
    # The input is small enough that both kinds of suppression happen.
    suppressed = [key for key, cell in ours.items() if cell[0]]
    assert suppressed
    assert any(ours[key][1] is not None and ours[key][1] >= 5 for key in ours)
    secondary = [
        key
        for key, cell in theirs.items()
        if cell[0] and _count(data, key) >= 5  # suppressed although big enough
    ]
    assert secondary


def _count(data: dict[str, np.ndarray], key: Any) -> int:
    keys, breakdown = key
    mask = np.ones(len(data["value"]), dtype=bool)
    for name, value in (*keys, *breakdown):
        mask &= data[name] == value
    return int(mask.sum())


def test_same_cube_notices_a_different_cell() -> None:
    data = offline.survey(500, seed=3)
    ours = offline.cube_numpy(data)
    key = next(key for key, cell in ours.items() if not cell[0])
    changed = dict(ours)
    suppressed, count, value = changed[key]
    changed[key] = (suppressed, count, value + 1)
    assert not offline.same_cube(ours, changed)
    changed[key] = (True, None, None)
    assert not offline.same_cube(ours, changed)
    del changed[key]
    assert not offline.same_cube(ours, changed)


def test_survey_figures_have_the_shape_bench_run_reads() -> None:
    pytest.importorskip("pandas")
    figures = offline.survey_figures(rows=5000)
    assert len(figures) == 2
    for item in figures:
        assert_figure(item)
    assert figures[1]["unit"] == "×"
    assert "same cube: True" in figures[1]["name"]


def test_the_generated_workbook_is_as_big_as_asked_and_parses() -> None:
    from mrplan.knowledge import imports

    content, rows = offline.tidy_workbook(200_000)
    assert 200_000 * 0.98 <= len(content) < 200_000 * 1.5
    parsed = imports.parse_tidy("x.xlsx", content)
    assert len(parsed) == rows
    assert {"Kön", "Ålder", "Födelseregion"} == set(parsed[0]["breakdown"])


def test_a_broken_figure_fails_without_hiding_the_others(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> list[dict[str, Any]]:
        raise LookupError("no statement")

    monkeypatch.setattr(offline, "FIGURES", {"statement": broken, "ok": lambda: []})
    [item] = offline.run()
    assert item["pass"] is False and item["figure"] is None
    assert "no statement" in item["name"]
    assert offline.run(["ok"]) == []


def test_the_table_names_every_figure() -> None:
    text = offline.table([offline.under("statement PDF", 0.5, 1), offline.under("x", 3, 2)])
    assert "pass  statement PDF" in text and "FAIL  x" in text


def test_main_prints_json_or_a_table(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(offline, "FIGURES", {"x": lambda: [offline.under("x", 1.0, 2.0)]})
    offline.main(["--json"])
    [item] = json.loads(capsys.readouterr().out)
    assert_figure(item)
    offline.main([])
    assert "pass  x" in capsys.readouterr().out


@pytest.mark.django_db
def test_the_database_figures_on_the_demo_data() -> None:
    """Statement PDF, statement import and the compiled PDF job, on load_demo's data."""
    from mrplan.jobs.models import Job

    call_command("load_demo", stdout=io.StringIO())
    statement = offline.statement_pdf_figure()
    imported = offline.statement_import_figure(pages=2)
    compiled = offline.compiled_pdf_figure()
    for item in (statement, imported, compiled):
        assert_figure(item)
    assert "NOT recognised" not in imported["name"]
    assert imported["name"].startswith("statement PDF import parse, ")
    assert "FAILED" not in compiled["name"]
    assert compiled["name"].startswith("compiled follow-up PDF job")
    # The job ran and was rolled back: nothing is left in the database.
    assert not Job.objects.exists()
