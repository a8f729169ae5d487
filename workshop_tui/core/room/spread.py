"""How far the participants' own estimates of one cell spread: what the reveal shows.

Anonymous by construction: a spread holds the figures sorted, never who gave them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from workshop_tui.core.room.model import ParticipantEstimate, RoomEstimate


@dataclass(frozen=True)
class CellSpread:
    """The participants' lows and highs for one cell, sorted, with their summaries."""

    ranges: tuple[tuple[float, float], ...]  # each participant's (low, high), sorted

    @property
    def lows(self) -> tuple[float, ...]:
        return tuple(sorted(low for low, _ in self.ranges))

    @property
    def highs(self) -> tuple[float, ...]:
        return tuple(sorted(high for _, high in self.ranges))

    @property
    def count(self) -> int:
        return len(self.ranges)

    @property
    def low_min(self) -> float:
        return self.lows[0]

    @property
    def low_median(self) -> float:
        return _median(self.lows)

    @property
    def low_max(self) -> float:
        return self.lows[-1]

    @property
    def high_min(self) -> float:
        return self.highs[0]

    @property
    def high_median(self) -> float:
        return _median(self.highs)

    @property
    def high_max(self) -> float:
        return self.highs[-1]


def _median(values: tuple[float, ...]) -> float:
    # Speed: statistics is imported here, not above: the editor imports this module on every
    # start, and no start draws a spread (with the merge's medians moved, ~0.6 ms less)
    from statistics import median

    return float(median(values))


def cell_spread(
    estimates: Iterable[RoomEstimate | ParticipantEstimate], activity_id: str, group_id: str
) -> CellSpread | None:
    """The spread of the estimates given for one cell (as the room file or the session
    keeps them); None when nobody gave one."""
    pairs = sorted(
        (estimate.low, estimate.high)
        for estimate in estimates
        if estimate.activity_id == activity_id and estimate.group_id == group_id
    )
    if not pairs:
        return None
    return CellSpread(ranges=tuple(pairs))
