"""Convergence: how far the room moved from the first round's figures to the agreed ones,
per cell, per subprocess and in total, and over workshops (merge's convergence table).

Apart from core/workshop/rounds.py, which the estimate screen imports on every start:
these figures are drawn only on the presentation and in the merge.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from statistics import fmean

from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.session.model import Session
from workshop_tui.core.workshop.agenda import activity_subprocesses
from workshop_tui.core.workshop.rounds import first_figure, used_rounds

LEVELS = ("activity", "subprocess", "total")


@dataclass(frozen=True)
class Pair:
    """One comparable figure: first-round and agreed low/high, both complete."""

    first_low: float
    first_high: float
    low: float
    high: float

    @property
    def change(self) -> float:
        """Agreed midpoint less first midpoint."""
        return (self.low + self.high) / 2 - (self.first_low + self.first_high) / 2


def cell_pairs(process: ProcessDefinition, session: Session) -> dict[tuple[int, str, str], Pair]:
    """(subprocess, activity, group) -> first and agreed hours, as typed (before staff x share).

    Only cells with a low and a high in both rounds; cells not applicable (the
    activity's mark or its group's) are left out, as in the totals.
    """
    pairs = {}
    for activity_id, number in activity_subprocesses(process, session).items():
        if session.entry(activity_id).not_applicable:
            continue
        for group in session.groups:
            if not session.applies(activity_id, group):
                continue
            first = first_figure(session, activity_id, group)
            now = session.estimate(activity_id, group)
            if first is None or None in (first.low, first.high, now.low, now.high):
                continue
            assert first.low is not None and first.high is not None  # for mypy
            assert now.low is not None and now.high is not None
            pairs[(number, activity_id, group)] = Pair(first.low, first.high, now.low, now.high)
    return pairs


def level_pairs(
    process: ProcessDefinition, session: Session
) -> dict[tuple[str, str, str], list[Pair]]:
    """(level, key, group) -> pairs: each cell; each subprocess and the total as sums.

    A subprocess's (and the total's) first and agreed figures are sums over the
    same cells, so a cell without both rounds changes neither side.
    """
    found: dict[tuple[str, str, str], list[Pair]] = {}
    sums: dict[tuple[str, str, str], list[Pair]] = {}
    for (number, activity_id, group), pair in cell_pairs(process, session).items():
        found.setdefault(("activity", activity_id, group), []).append(pair)
        sums.setdefault(("subprocess", str(number), group), []).append(pair)
        sums.setdefault(("total", "", group), []).append(pair)
    for key, pairs in sums.items():
        found[key] = [_summed(pairs)]
    return found


def _summed(pairs: Iterable[Pair]) -> Pair:
    items = list(pairs)
    return Pair(
        sum(p.first_low for p in items),
        sum(p.first_high for p in items),
        sum(p.low for p in items),
        sum(p.high for p in items),
    )


@dataclass(frozen=True)
class Convergence:
    """How the room moved, for one process, level, key and group, over workshops."""

    process_id: str
    level: str
    key: str  # activity id, subprocess number, or "" for the total
    group: str
    mean_change: float  # agreed midpoint less first midpoint
    mean_width_first: float
    mean_width_agreed: float
    figures: int  # pairs the means are over
    workshops: int  # workshops with rounds that give this row a figure


def convergence(sessions: Iterable[tuple[ProcessDefinition, Session]]) -> list[Convergence]:
    """The convergence table: every (process, level, key, group) any workshop's rounds reach."""
    collected: dict[tuple[str, str, str, str], list[Pair]] = {}
    workshops: dict[tuple[str, str, str, str], set[str]] = {}
    for process, session in sessions:
        if not used_rounds(session.rounds):
            continue
        for (level, key, group), pairs in level_pairs(process, session).items():
            row = (process.id, level, key, group)
            collected.setdefault(row, []).extend(pairs)
            workshops.setdefault(row, set()).add(session.session_id)
    order = {level: index for index, level in enumerate(LEVELS)}
    rows = sorted(collected, key=lambda r: (r[0], order[r[1]], _key_order(r[2]), r[3]))
    return [
        Convergence(
            *row,
            mean_change=fmean(p.change for p in collected[row]),
            mean_width_first=fmean(p.first_high - p.first_low for p in collected[row]),
            mean_width_agreed=fmean(p.high - p.low for p in collected[row]),
            figures=len(collected[row]),
            workshops=len(workshops[row]),
        )
        for row in rows
    ]


def _key_order(key: str) -> tuple[int, str]:
    return (int(key), "") if key.isdigit() else (0, key)
