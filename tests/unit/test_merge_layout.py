"""Workshops of different shapes land under their own process, group and level.

Rooms cover different target groups, list them in different orders, and leave
levels unestimated; the merge lays every workshop's figures out by its shape
(merge/arrays.py). Here the levels table is recomputed workshop by workshop in
plain Python from each record's own groups and levels, and must agree on every
row's count and figures (the mean to rounding: merge sums with Kahan's
compensation, this recomputation with `statistics.fmean`).
"""

from __future__ import annotations

import math
import random
import statistics
from collections import defaultdict

import pytest

from workshop_tui.core.demo import FICTITIOUS_MUNICIPALITIES, demo_session
from workshop_tui.core.merge import LoadResult, level_code, session_record, summarise
from workshop_tui.core.merge.records import LEVEL_FIELDS, TOTAL_LEVEL, SessionRecord
from workshop_tui.core.process.catalogue import load_catalogue


def mixed_workshops(seed: int) -> list[SessionRecord]:
    """Workshops of every process, each on its own subset of groups in its own order,
    some with a subprocess left unestimated for one group."""
    rng = random.Random(seed)
    records = []
    for process in load_catalogue():
        for number in range(rng.choice([1, 4, 7])):
            groups = rng.sample(process.group_ids, rng.randint(1, len(process.group_ids)))
            session = demo_session(
                process, FICTITIOUS_MUNICIPALITIES[number % 3], seed=seed * 100 + number
            )
            session.groups = groups
            if rng.random() < 0.4:
                left_out = rng.choice(process.subprocesses)
                for activity in left_out.activities:
                    session.activities[activity.id].estimates.pop(groups[-1], None)
            records.append(session_record(session, process, f"{number}.json", "json"))
    rng.shuffle(records)  # any order: the merge's tables must not depend on it
    return records


def recomputed(records: list[SessionRecord]) -> dict[tuple[str, str, str], list[float]]:
    """(process, group, level) -> the counted workshops' (low, high) pairs."""
    spans: dict[tuple[str, str, str], list[float]] = defaultdict(list)
    width = len(LEVEL_FIELDS)
    for record in records:
        for g, group in enumerate(record.groups):
            levels = len(record.level_nos)
            rows = [
                record.levels[(g * levels + i) * width : (g * levels + i + 1) * width]
                for i in range(levels)
            ]
            unestimated = [
                filled == 0 and expected > 0 and number != TOTAL_LEVEL
                for number, (_, _, filled, expected) in zip(record.level_nos, rows, strict=True)
            ]
            for number, (low, high, _, _), left_out in zip(
                record.level_nos, rows, unestimated, strict=True
            ):
                if left_out or (number == TOTAL_LEVEL and any(unestimated)):
                    spans.setdefault((record.process_id, group, level_code(number)), [])
                    continue
                spans[(record.process_id, group, level_code(number))].append((low, high))
    return spans


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_workshop_counts_under_its_own_group_and_level(seed):
    records = mixed_workshops(seed)
    expected = recomputed(records)
    rows = summarise(LoadResult(records)).level_rows
    assert {(row[0], row[1], row[2]) for row in rows} == set(expected)
    for process_id, group_id, level, n, low, high, mean, median, min_mid, max_mid, *_ in rows:
        spans = expected[(process_id, group_id, level)]
        assert n == len(spans), (process_id, group_id, level)
        if not spans:
            assert all(math.isnan(v) for v in (low, high, mean, median, min_mid, max_mid))
            continue
        mids = [(a + b) / 2 for a, b in spans]
        assert (low, high) == (min(a for a, _ in spans), max(b for _, b in spans))
        assert (median, min_mid, max_mid) == (statistics.median(mids), min(mids), max(mids))
        assert mean == pytest.approx(statistics.fmean(mids), rel=1e-12)
