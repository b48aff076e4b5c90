"""Aggregate survey microdata into observations, with primary and secondary suppression.

Vectorised with numpy: every key column is turned into integer codes once, the codes are
combined into one cell number per respondent, and three np.bincount passes give the count,
the weight sum and the weighted value sum of every cell of the full cross. All the other
breakdowns (each dimension alone, pairs, the total) are sums over axes of that small cube, so
the million rows are read only a few times whatever the number of breakdowns.

Privacy: a cell with fewer than `min_group_size` respondents is suppressed (primary). Then,
for every dimension, the cells under one total (same area, period and other dimensions) are
checked: if exactly one of them is suppressed while the total is shown, its value could be
recomputed from the total and the others, so the smallest other cell is suppressed too
(secondary). This repeats until nothing changes.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

DEFAULT_MIN_GROUP_SIZE = 5


@dataclass
class Cell:
    """One aggregate: a key value per fixed column, the breakdown (total when empty)."""

    keys: dict[str, str]
    breakdown: dict[str, str]
    value: float | None
    count: int | None
    ci_low: float | None = None
    ci_high: float | None = None
    suppressed: bool = False


@dataclass
class Aggregate:
    cells: list[Cell] = field(default_factory=list)


def _small_unique(column: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return (sorted uniques, codes) of a numeric COLUMN with few distinct values, fast.

    The uniques are guessed from the first rows and completed from the rows they miss, so the
    full column is only binary-searched, never sorted.
    """
    uniques = np.unique(column[:65536])
    for _attempt in range(2):
        codes = np.searchsorted(uniques, column)
        np.minimum(codes, len(uniques) - 1, out=codes)
        missing = uniques[codes] != column
        if not missing.any():
            return uniques, codes.astype(np.int64)
        uniques = np.union1d(uniques, column[missing])
    uniques, codes = np.unique(column, return_inverse=True)
    return uniques, codes.astype(np.int64)


def _hash_text(array: np.ndarray) -> np.ndarray:
    """Return a 64-bit FNV-style hash of each string of a fixed-width unicode ARRAY."""
    size = array.dtype.itemsize
    raw = np.ascontiguousarray(array).view(np.uint8).reshape(len(array), size)
    hashed = np.full(len(array), 1469598103934665603, dtype=np.uint64)
    prime = np.uint64(1099511628211)
    words = size // 8
    parts = [raw[:, 8 * i : 8 * i + 8].view(np.uint64)[:, 0] for i in range(words)]
    if size % 8:
        parts.append(raw[:, 8 * words : 8 * words + 4].view(np.uint32)[:, 0].astype(np.uint64))
    with np.errstate(over="ignore"):
        for part in parts:
            np.bitwise_xor(hashed, part, out=hashed)
            np.multiply(hashed, prime, out=hashed)
    return hashed


# Few distinct texts (districts, years, answer options): read a handful of character
# positions instead of every byte (see _text_codes). Above this, the hash path is used.
_FEW_TEXTS = 256
_SAMPLE_ROWS = 4096
_CODE_POINTS = 0x110000


def _distinguishing_positions(chars: np.ndarray) -> list[int] | None:
    """Return character positions whose characters together tell every row of CHARS apart.

    CHARS holds distinct texts as rows of code points. Greedy: each step takes the position
    that splits the most texts still sharing a class. None if the texts need too many.
    """
    classes = np.zeros(len(chars), dtype=np.int64)
    chosen: list[int] = []
    while len(np.unique(classes)) < len(chars):
        best, best_count, best_classes = -1, 0, classes
        for position in range(chars.shape[1]):
            _, split = np.unique(
                np.stack([classes, chars[:, position].astype(np.int64)]),
                axis=1,
                return_inverse=True,
            )
            count = int(split.max()) + 1
            if count > best_count:
                best, best_count, best_classes = position, count, split.ravel()
        if best < 0 or best_count == len(np.unique(classes)) or len(chosen) == 4:
            return None
        chosen.append(best)
        classes = best_classes
    return chosen or [0]


def _text_codes(array: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Return (codes, sorted uniques) of a text ARRAY with few distinct values, or None.

    Profiling a million survey rows showed that hashing every byte of every text and
    binary-searching the hashes took most of the aggregation. Here the distinct texts are
    taken from a sample, a few character positions that tell them apart are read (a table
    lookup per position, no search), and the result is checked against the full texts in
    one comparison: a text the sample missed, or one that differs elsewhere, fails the
    check and the caller falls back to the hash path, so the codes are always exact.
    """
    count = len(array)
    uniques = np.unique(array[:_SAMPLE_ROWS])
    if len(uniques) > _FEW_TEXTS:
        return None
    chars = np.ascontiguousarray(array).view(np.uint32).reshape(count, -1)
    unique_chars = np.ascontiguousarray(uniques).view(np.uint32).reshape(len(uniques), -1)
    positions = _distinguishing_positions(unique_chars)
    if positions is None:
        return None
    # classes: index into the product of the characters seen at each chosen position.
    classes = np.zeros(count, dtype=np.int64)
    unique_classes = np.zeros(len(uniques), dtype=np.int64)
    for position in positions:
        seen = np.unique(unique_chars[:, position])
        # Indexed by code point (numpy text never exceeds U+10FFFF): no pass to find a maximum.
        lookup = np.full(_CODE_POINTS, -1, dtype=np.int32)
        lookup[seen] = np.arange(len(seen))
        column = lookup[chars[:, position]]
        if (column < 0).any():
            return None  # a character the sample never had there: a text it missed
        classes = classes * len(seen) + column
        unique_classes = unique_classes * len(seen) + lookup[unique_chars[:, position]]
    to_code = np.full(int(unique_classes.max()) + 1, -1, dtype=np.int64)
    to_code[unique_classes] = np.arange(len(uniques))
    if classes.max() >= len(to_code):
        return None
    codes = to_code[classes]
    if (codes < 0).any() or not np.array_equal(unique_chars[codes], chars):
        return None
    return codes, uniques


def factorize(column: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return (integer codes, sorted unique values) for COLUMN.

    Text columns with few distinct values are coded from a few character positions
    (_text_codes); others are hashed to 64-bit integers first (sorting a million strings is
    slow), the hash is checked against the strings and the slow path is used on a collision.
    """
    array = np.asarray(column)
    if array.dtype.kind == "O":
        array = array.astype(str)
    if len(array) == 0:
        return np.zeros(0, dtype=np.int64), array[:0]
    if array.dtype.kind in "iub":
        uniques, codes = _small_unique(array)
        return codes, uniques
    if array.dtype.kind != "U" or array.dtype.itemsize < 4:
        uniques, codes = np.unique(array, return_inverse=True)
        return codes.astype(np.int64), uniques
    few = _text_codes(array)
    if few is not None:
        return few
    hash_uniques, hash_codes = _small_unique(_hash_text(array))
    representatives = np.empty(len(hash_uniques), dtype=array.dtype)
    representatives[hash_codes] = array
    if not np.array_equal(representatives[hash_codes], array):
        uniques, codes = np.unique(array, return_inverse=True)
        return codes.astype(np.int64), uniques
    order = np.argsort(representatives)
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return rank[hash_codes].astype(np.int64), representatives[order]


def _with_totals(cube: np.ndarray, axes: Sequence[int]) -> np.ndarray:
    """Append a "total" slot at the end of each of AXES, holding the sum over that axis."""
    for axis in axes:
        cube = np.concatenate([cube, cube.sum(axis=axis, keepdims=True)], axis=axis)
    return cube


def suppress(counts: np.ndarray, dimension_axes: Sequence[int], min_group_size: int) -> np.ndarray:
    """Return the mask of suppressed cells of COUNTS (with total slots on DIMENSION_AXES)."""
    present = counts > 0
    suppressed = present & (counts < min_group_size)
    for _round in range(100):
        changed = False
        for axis in dimension_axes:
            size = counts.shape[axis] - 1
            children = np.take(suppressed, np.arange(size), axis=axis)
            parent = np.take(suppressed, [size], axis=axis)
            parent_present = np.take(present, [size], axis=axis)
            lonely = (children.sum(axis=axis, keepdims=True) == 1) & ~parent & parent_present
            if not lonely.any():
                continue
            child_counts = np.take(counts, np.arange(size), axis=axis)
            child_present = np.take(present, np.arange(size), axis=axis)
            candidates = np.where(child_present & ~children, child_counts, np.iinfo(np.int64).max)
            best = np.argmin(candidates, axis=axis, keepdims=True)
            has_candidate = np.take_along_axis(candidates, best, axis=axis) < np.iinfo(np.int64).max
            pick = lonely & has_candidate
            if not pick.any():
                continue
            marks = np.zeros_like(children)
            np.put_along_axis(marks, best, pick, axis=axis)
            marks &= ~children
            if marks.any():
                index = [slice(None)] * counts.ndim
                index[axis] = slice(0, size)
                suppressed[tuple(index)] |= marks
                changed = True
        if not changed:
            break
    return suppressed


def aggregate(
    *,
    keys: Mapping[str, np.ndarray],
    dimensions: Mapping[str, np.ndarray],
    values: np.ndarray,
    weights: np.ndarray | None = None,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    scale: float = 1.0,
    confidence: bool = True,
) -> Aggregate:
    """Aggregate respondents into weighted means (times SCALE) for every breakdown.

    KEYS are always split on (area, period); DIMENSIONS are broken down in every combination
    including their totals. Rows whose value or weight is missing (NaN) are left out.
    """
    values = np.asarray(values, dtype=np.float64)
    weights = (
        np.ones(len(values), dtype=np.float64)
        if weights is None
        else np.asarray(weights, dtype=np.float64)
    )
    keep = ~np.isnan(values) & ~np.isnan(weights) & (weights > 0)
    if not keep.all():
        values, weights = values[keep], weights[keep]
        keys = {name: np.asarray(column)[keep] for name, column in keys.items()}
        dimensions = {name: np.asarray(column)[keep] for name, column in dimensions.items()}
    names = [*keys, *dimensions]
    columns = [*keys.values(), *dimensions.values()]
    codes_and_uniques = [factorize(column) for column in columns]
    shape = tuple(len(uniques) for _, uniques in codes_and_uniques)
    if not len(values) or 0 in shape:
        return Aggregate()
    flat = np.zeros(len(values), dtype=np.int64)
    for (codes, _), size in zip(codes_and_uniques, shape, strict=True):
        flat = flat * size + codes
    cells = int(np.prod(shape))
    weighted = weights * values
    sums = [
        np.bincount(flat, minlength=cells),
        np.bincount(flat, weights=weights, minlength=cells),
        np.bincount(flat, weights=weighted, minlength=cells),
    ]
    if confidence:
        sums.append(np.bincount(flat, weights=weighted * values, minlength=cells))
        sums.append(np.bincount(flat, weights=weights * weights, minlength=cells))
    dimension_axes = list(range(len(keys), len(names)))
    cubes = [_with_totals(total.reshape(shape), dimension_axes) for total in sums]
    counts = cubes[0].astype(np.int64)
    suppressed = suppress(counts, dimension_axes, min_group_size)
    with np.errstate(divide="ignore", invalid="ignore"):
        means = cubes[2] / cubes[1]
        if confidence:
            low, high = _intervals(means, cubes, values)
    uniques = [[str(value) for value in found] for _, found in codes_and_uniques]
    result = Aggregate()
    for index in zip(*np.nonzero(counts), strict=True):
        cell_keys = {names[axis]: uniques[axis][index[axis]] for axis in range(len(keys))}
        breakdown = {
            names[axis]: uniques[axis][index[axis]]
            for axis in dimension_axes
            if index[axis] < shape[axis]
        }
        if suppressed[index]:
            result.cells.append(Cell(cell_keys, breakdown, None, None, suppressed=True))
            continue
        mean = float(means[index]) * scale
        cell = Cell(cell_keys, breakdown, mean, int(counts[index]))
        if confidence and not np.isnan(low[index]):
            cell.ci_low = float(low[index]) * scale
            cell.ci_high = float(high[index]) * scale
        result.cells.append(cell)
    return result


def wilson(share: Any, n: Any, z: float = 1.96) -> tuple[Any, Any]:
    """Return the Wilson score interval of SHARE (0–1) from N answers; arrays or numbers."""
    centre = (share + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(share * (1 - share) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return np.clip(centre - half, 0.0, 1.0), np.clip(centre + half, 0.0, 1.0)


def _intervals(
    means: np.ndarray, cubes: list[np.ndarray], values: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Return the 95 % interval bounds of every cell (NaN where there is none).

    A share (every answer 0 or 1) gets the Wilson score interval, which stays within 0–1 and
    has a width even when everyone answered alike. A mean gets the normal interval, cut to
    the range of the answers (a mean cannot lie outside it). Both use Kish's effective
    sample size, so weights widen the interval as they should. One answer gives no interval.
    """
    z = 1.96
    effective_n = cubes[1] ** 2 / cubes[4]
    if len(values) and bool(np.all((values == 0) | (values == 1))):
        low, high = wilson(means, effective_n, z)
    else:
        variance = np.maximum(cubes[3] / cubes[1] - means**2, 0.0)
        margin = z * np.sqrt(variance / np.maximum(effective_n - 1, 1))
        smallest, largest = (float(values.min()), float(values.max())) if len(values) else (0, 0)
        low = np.clip(means - margin, smallest, largest)
        high = np.clip(means + margin, smallest, largest)
    # Rounding must never put the estimate outside its own interval (0 vs 2.8e-15).
    low, high = np.minimum(low, means), np.maximum(high, means)
    alone = cubes[0] < 2
    low, high = np.where(alone, np.nan, low), np.where(alone, np.nan, high)
    return low, high
