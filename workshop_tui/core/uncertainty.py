"""Two intervals that do not overstate what the workshops know.

Across workshops: a percentile bootstrap 90 % interval for the mean of the
workshops' midpoints. It says how much the mean moves if another, similar set
of workshops had been held; it says nothing about the range of single
municipalities (that is low-high) and little when there are few workshops, so
n < MIN_TRUSTED is labelled too wide to trust.

Within one workshop: P10, P50 and P90 of its process total when every activity
is drawn independently within its own low-high range (uniform, or triangular
peaked at the midpoint). It shows how the room's ranges add up; it assumes the
activities vary independently, so it is narrower than low-high summed, and it
cannot show a room that was wrong on all activities at once.

Both are seeded: the same inputs and seed give the same figures, and each
interval has its own stream (seed + a hash of its key), so adding a process to
a merge does not move the intervals of the others.
"""

from __future__ import annotations

import zlib
from typing import Literal

import numpy as np
import numpy.typing as npt

from workshop_tui.core.totals import GroupTotals

DEFAULT_SEED = 2024
BOOTSTRAP_RESAMPLES = 2000
SAMPLES = 4000
CONFIDENCE = 0.90
MIN_TRUSTED = 5  # fewer workshops: the bootstrap interval is shown as too wide to trust
Distribution = Literal["uniform", "triangular"]
FloatArray = npt.NDArray[np.float64]


def stream(seed: int, key: str) -> np.random.Generator:
    """A generator of its own for one interval: the seed and a stable hash of `key`."""
    return np.random.default_rng([seed, zlib.crc32(key.encode("utf-8"))])


def bootstrap_mean_interval(
    values: FloatArray | list[float],
    rng: np.random.Generator,
    resamples: int = BOOTSTRAP_RESAMPLES,
    confidence: float = CONFIDENCE,
) -> tuple[float, float]:
    """Percentile bootstrap interval for the mean of `values`; NaNs with fewer than two."""
    data = np.asarray(values, dtype=np.float64)
    if data.size < 2:
        return float("nan"), float("nan")
    picks = rng.integers(0, data.size, size=(resamples, data.size))
    means = data[picks].mean(axis=1)
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    return float(low), float(high)


def bootstrap_many(
    columns: list[FloatArray], rng: np.random.Generator, resamples: int = BOOTSTRAP_RESAMPLES
) -> list[tuple[float, float]]:
    """One interval per column, all from the same resamples of the workshops.

    Used for the hours and the kroner of one level, so both intervals come from
    the same imagined sets of workshops.
    """
    n = len(columns[0]) if columns else 0
    if n < 2:
        return [(float("nan"), float("nan")) for _ in columns]
    picks = rng.integers(0, n, size=(resamples, n))
    tail = (1 - CONFIDENCE) / 2 * 100
    intervals = []
    for column in columns:
        means = np.asarray(column, dtype=np.float64)[picks].mean(axis=1)
        low, high = np.percentile(means, [tail, 100 - tail])
        intervals.append((float(low), float(high)))
    return intervals


def sample_totals(
    lows: FloatArray | list[float],
    highs: FloatArray | list[float],
    rng: np.random.Generator,
    samples: int = SAMPLES,
    distribution: Distribution = "uniform",
) -> FloatArray:
    """`samples` draws of the sum of activities, each drawn within its low-high.

    Vectorised: one (samples x activities) array of uniforms, turned into
    triangular draws (peak at the midpoint) by the inverse CDF where asked.
    """
    low = np.asarray(lows, dtype=np.float64)
    high = np.asarray(highs, dtype=np.float64)
    width = high - low
    u = rng.random((samples, low.size))
    if distribution == "uniform":
        # the sum of low + u * width over the activities, as one matrix product: four
        # times faster than building the draws (a report draws one per workshop)
        uniform_totals: FloatArray = low.sum() + u @ width
        return uniform_totals
    # symmetric triangle on [low, high]: below the peak x = low + w*sqrt(u/2),
    # above it x = high - w*sqrt((1-u)/2)
    draws = np.where(u < 0.5, low + width * np.sqrt(u / 2), high - width * np.sqrt((1 - u) / 2))
    totals: FloatArray = draws.sum(axis=1)
    return totals


def percentiles(totals: FloatArray, points: tuple[int, ...] = (10, 50, 90)) -> list[float]:
    return [float(v) for v in np.percentile(totals, points)]


def activity_ranges(totals: GroupTotals) -> tuple[list[float], list[float]]:
    """The lows and highs (after staff and share) of a group's applicable, whole cells."""
    lows, highs = [], []
    for activity in totals.activities:
        span = activity.span
        if activity.applicable and span is not None and activity.missing_side is None:
            lows.append(min(span.low, span.high))  # a backwards range is drawn as it spans
            highs.append(max(span.low, span.high))
    return lows, highs


def total_spread(
    totals: GroupTotals, seed: int = DEFAULT_SEED, distribution: Distribution = "uniform"
) -> tuple[float, float, float] | None:
    """P10, P50 and P90 of a group's total in one workshop; None while no cell is whole."""
    lows, highs = activity_ranges(totals)
    if not lows:
        return None
    rng = stream(seed, totals.group_id)
    p10, p50, p90 = percentiles(sample_totals(lows, highs, rng, distribution=distribution))
    return p10, p50, p90
