"""The totals engine against a plain recomputation, on generated sessions.

The engine takes short ways for speed (a full cell, a process's activities
looked up once); this recomputes every cell the plain way, in the same order,
and asks for bit-identical figures: every cell, sum, count and line.
"""

from __future__ import annotations

import math
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop_tui.core.process.catalogue import load_catalogue
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.session.entries import ActivityEntry, Estimate
from workshop_tui.core.session.model import LocalActivity, Session
from workshop_tui.core.totals import ActivityLine, group_totals, session_totals

CATALOGUE = load_catalogue()
PROCESSES = sorted(CATALOGUE.processes)
HOURS = st.one_of(st.none(), st.sampled_from([0.0, 0.1, 0.25, 1.0, 7.5]), st.floats(0, 999))


@st.composite
def estimates(draw: st.DrawFn) -> Estimate:
    return Estimate(
        low=draw(HOURS),
        high=draw(HOURS),
        staff=draw(st.one_of(st.sampled_from([1.0, 2.0, 0.5]), st.floats(0.01, 50))),
        share=draw(st.one_of(st.sampled_from([1.0, 0.0, 0.5]), st.floats(0, 1))),
        not_applicable=draw(st.integers(0, 5)) == 0,
    )


@st.composite
def sessions(draw: st.DrawFn) -> tuple[ProcessDefinition, Session]:
    process = CATALOGUE.processes[draw(st.sampled_from(PROCESSES))]
    group_ids = process.group_ids
    groups = draw(st.lists(st.sampled_from(group_ids), min_size=1, unique=True))
    numbers = [s.number for s in process.subprocesses]
    local = [
        LocalActivity(id=f"lokal_{index}", subprocess=number, name=f"Lokal {index}")
        for index, number in enumerate(draw(st.lists(st.sampled_from(numbers), max_size=3)))
    ]
    ids = [*process.activity_ids, *(a.id for a in local)]
    activities = {}
    for activity_id in draw(st.lists(st.sampled_from(ids), unique=True)):
        cells = draw(st.lists(st.sampled_from(group_ids), unique=True))
        activities[activity_id] = ActivityEntry(
            estimates={group: draw(estimates()) for group in cells},
            not_applicable=draw(st.integers(0, 6)) == 0,
            time_consuming=draw(st.sampled_from([None, True, False])),
        )
    session = Session(
        process_id=process.id,
        process_version=process.version,
        municipality="Testby",
        workshop_date=date(2024, 3, 1),
        groups=groups,
        activities=activities,
        local_activities=local,
    )
    return process, session


def plain_lines(process: ProcessDefinition, session: Session) -> list[ActivityLine]:
    lines = []
    for sub in process.subprocesses:
        members = [(a.id, a.name, a.time_consuming, False) for a in sub.activities]
        members += [
            (a.id, a.name, False, True)
            for a in session.local_activities
            if a.subprocess == sub.number
        ]
        for activity_id, name, flag, local in members:
            entry = session.activities.get(activity_id)
            if entry is not None and entry.time_consuming is not None:
                flag = entry.time_consuming
            applies = entry is None or not entry.not_applicable
            lines.append(ActivityLine(activity_id, sub.number, name, flag, local, applies))
    return lines


def plain_group(process: ProcessDefinition, session: Session, group: str) -> dict:
    """Every figure of one group, cell by cell, as the engine is documented to give them."""
    cells: list[float] = []
    subs = []
    for line in plain_lines(process, session):
        entry = session.activities.get(line.id)
        estimate = entry.estimates.get(group) if entry is not None else None
        applies = line.applicable and not (estimate is not None and estimate.not_applicable)
        if not subs or subs[-1][0] != line.subprocess:
            subs.append([line.subprocess, 0.0, 0.0, 0, 0, 0])
        sub = subs[-1]
        sub[4] += applies
        if estimate is None:
            cells += [math.nan, math.nan, 1.0, 1.0, 0.0, 0.0, float(applies)]
            continue
        low, high = estimate.low, estimate.high
        factor = estimate.staff * estimate.share
        counted = (0.0, 0.0)
        if applies and (low is not None or high is not None):
            counted = (
                (high if low is None else low) * factor,
                (low if high is None else high) * factor,
            )
            sub[1] += counted[0]
            sub[2] += counted[1]
            if low is None or high is None:
                sub[5] += 1
            else:
                sub[3] += 1
        cells += [
            math.nan if low is None else low,
            math.nan if high is None else high,
            estimate.staff,
            estimate.share,
            *counted,
            float(applies),
        ]
    total_low = total_high = 0.0
    for sub in subs:
        total_low += sub[1]
        total_high += sub[2]
    return {
        "cells": cells,
        "subprocesses": [tuple(sub) for sub in subs],
        "total": (total_low, total_high),
        "counts": tuple(sum(sub[index] for sub in subs) for index in (3, 4, 5)),
    }


def engine_group(totals) -> dict:
    return {
        "cells": totals.cells,
        "subprocesses": [
            (s.number, s.span.low, s.span.high, s.filled, s.expected, s.half_filled)
            for s in totals.subprocesses
        ],
        "total": (totals.total.low, totals.total.high),
        "counts": (totals.filled, totals.expected, totals.half_filled),
    }


def same(a: object, b: object) -> bool:
    """Equal, bit for bit, with NaN equal to NaN (an empty side)."""
    return repr(a) == repr(b)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions())
def test_the_engine_gives_the_plain_recomputation_bit_for_bit(case):
    process, session = case
    every = session_totals(process, session)
    assert list(every) == session.groups
    for group, totals in every.items():
        assert same(engine_group(totals), plain_group(process, session, group))
        assert totals.lines == plain_lines(process, session)
        assert group_totals(process, session, group) == totals
