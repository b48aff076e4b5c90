"""Microdata aggregation: weighted shares, primary and secondary suppression."""

import numpy as np
import pytest

from mrplan.knowledge.aggregation import aggregate, factorize


def _cells(result):  # type: ignore[no-untyped-def]
    return {
        (cell.keys["area"], tuple(sorted(cell.breakdown.items()))): cell for cell in result.cells
    }


def test_it_computes_weighted_shares_for_every_breakdown_and_total() -> None:
    result = aggregate(
        keys={"area": np.array(["A"] * 10), "period": np.array(["2024"] * 10)},
        dimensions={"kon": np.array(["K"] * 5 + ["M"] * 5)},
        values=np.array([1, 1, 0, 0, 0, 1, 1, 1, 1, 0], dtype=float),
        weights=np.array([2, 1, 1, 1, 1, 1, 1, 1, 1, 1], dtype=float),
        scale=100,
    )
    cells = _cells(result)
    assert cells[("A", ())].count == 10
    assert cells[("A", (("kon", "K"),))].value == pytest.approx(50.0)  # 3 of weight 6
    assert cells[("A", (("kon", "M"),))].value == pytest.approx(80.0)
    assert cells[("A", ())].value == pytest.approx(100 * 7 / 11)


def test_it_suppresses_a_group_below_the_minimum_size() -> None:
    result = aggregate(
        keys={"area": np.array(["A"] * 14), "period": np.array(["2024"] * 14)},
        dimensions={"grupp": np.array(["x"] * 4 + ["y"] * 5 + ["z"] * 5)},
        values=np.ones(14),
        min_group_size=5,
    )
    cells = _cells(result)
    small = cells[("A", (("grupp", "x"),))]
    assert small.suppressed and small.value is None and small.count is None
    # Secondary: with x hidden, y and z (equal size) cannot both stay shown, or x = total - y - z.
    hidden = [name for name in "yz" if cells[("A", (("grupp", name),))].suppressed]
    assert len(hidden) == 1
    assert not cells[("A", ())].suppressed


def test_it_suppresses_the_next_smallest_cell_so_the_hidden_one_cannot_be_recomputed() -> None:
    groups = ["x"] * 3 + ["y"] * 6 + ["z"] * 9
    result = aggregate(
        keys={"area": np.array(["A"] * 18), "period": np.array(["2024"] * 18)},
        dimensions={"grupp": np.array(groups)},
        values=np.ones(18),
    )
    cells = _cells(result)
    assert cells[("A", (("grupp", "x"),))].suppressed  # primary
    assert cells[("A", (("grupp", "y"),))].suppressed  # secondary: next smallest
    assert not cells[("A", (("grupp", "z"),))].suppressed
    assert cells[("A", ())].count == 18


def test_it_leaves_groups_with_two_suppressed_cells_alone() -> None:
    groups = ["x"] * 3 + ["y"] * 2 + ["z"] * 9
    result = aggregate(
        keys={"area": np.array(["A"] * 14), "period": np.array(["2024"] * 14)},
        dimensions={"grupp": np.array(groups)},
        values=np.ones(14),
    )
    cells = _cells(result)
    assert not cells[("A", (("grupp", "z"),))].suppressed


def test_it_applies_secondary_suppression_along_every_dimension() -> None:
    # kon × alder: the (K, ung) cell is small; its row and its column each need a partner.
    kon = ["K"] * 3 + ["K"] * 20 + ["M"] * 20 + ["M"] * 20
    alder = ["ung"] * 3 + ["gammal"] * 20 + ["ung"] * 20 + ["gammal"] * 20
    result = aggregate(
        keys={"area": np.array(["A"] * 63), "period": np.array(["2024"] * 63)},
        dimensions={"kon": np.array(kon), "alder": np.array(alder)},
        values=np.ones(63),
    )
    cells = _cells(result)
    suppressed = {key[1] for key, cell in cells.items() if cell.suppressed}
    assert (("alder", "ung"), ("kon", "K")) in suppressed
    # In the K row and the ung column no cell is the only hidden one under a shown total.
    for fixed, axis in ((("kon", "K"), "alder"), (("alder", "ung"), "kon")):
        group = [cell for key, cell in cells.items() if fixed in key[1] and len(key[1]) == 2]
        assert sum(cell.suppressed for cell in group) != 1, axis


def test_it_uses_the_configured_minimum() -> None:
    result = aggregate(
        keys={"area": np.array(["A"] * 4), "period": np.array(["2024"] * 4)},
        dimensions={},
        values=np.ones(4),
        min_group_size=3,
    )
    assert not result.cells[0].suppressed


def test_it_factorizes_text_to_sorted_codes() -> None:
    codes, uniques = factorize(np.array(["Södermalm", "Bromma", "Södermalm", "Järva"]))
    assert list(uniques) == ["Bromma", "Järva", "Södermalm"]
    assert list(codes) == [2, 0, 2, 1]


def _one_group(values: list[float], *, scale: float = 100.0):  # type: ignore[no-untyped-def]
    size = len(values)
    result = aggregate(
        keys={"area": np.array(["A"] * size), "period": np.array(["2024"] * size)},
        dimensions={},
        values=np.array(values, dtype=float),
        min_group_size=1,
        scale=scale,
    )
    return result.cells[0]


def test_a_share_gets_the_wilson_score_interval() -> None:
    cell = _one_group([1.0] * 5 + [0.0] * 5)
    # Wilson, p = 0.5, n = 10, z = 1.96: 0.2366–0.7634
    assert cell.ci_low == pytest.approx(23.66, abs=0.01)
    assert cell.ci_high == pytest.approx(76.34, abs=0.01)


def test_a_share_interval_never_leaves_0_to_100_and_never_has_zero_width() -> None:
    nobody = _one_group([0.0] * 7)
    assert nobody.ci_low == 0.0
    assert 0.0 < nobody.ci_high < 100.0
    everybody = _one_group([1.0] * 7)
    assert everybody.ci_high == pytest.approx(100.0)
    assert 0.0 < everybody.ci_low < 100.0
    few = _one_group([1.0] + [0.0] * 6)  # the "KI -14,64–36,63, n = 7" case
    assert 0.0 <= few.ci_low < few.value < few.ci_high <= 100.0


def test_a_mean_interval_stays_within_the_range_of_the_answers() -> None:
    cell = _one_group([1.0, 1.0, 1.0, 1.0, 5.0], scale=1.0)
    assert 1.0 <= cell.ci_low < cell.value < cell.ci_high <= 5.0


def test_a_single_answer_has_no_interval() -> None:
    cell = _one_group([3.0], scale=1.0)
    assert cell.ci_low is None and cell.ci_high is None
