"""The engine's flat per-cell figures agree with its per-activity figures and its sums.

The merge reads GroupTotals.cells; the app reads GroupTotals.activities, built
from the cells on demand. Both must tell the same story as the sums.
"""

import math
from datetime import date

import pytest

from workshop_tui.core.session.entries import ActivityEntry, Estimate
from workshop_tui.core.session.model import LocalActivity, Session
from workshop_tui.core.totals import (
    CELL_FIELDS,
    estimate_span,
    group_totals,
    session_totals,
)


@pytest.fixture
def mixed_session(interviews) -> Session:
    """Every kind of cell: full, one side only, both sides empty, low above high,
    not applicable (the whole activity, and one group's cell only), a local activity,
    and activities with no entry at all."""
    first, second, third, fourth = interviews.subprocesses[0].activities[:4]
    interview = interviews.subprocesses[1].activities[0]
    return Session(
        process_id=interviews.id,
        process_version=interviews.version,
        municipality="Testby",
        workshop_date=date(2024, 3, 1),
        groups=["taet_paa", "langt_fra"],
        activities={
            first.id: ActivityEntry(
                estimates={
                    "taet_paa": Estimate(low=0.5, high=1.0, staff=2, share=0.5),
                    "langt_fra": Estimate(high=0.75),
                }
            ),
            second.id: ActivityEntry(estimates={"taet_paa": Estimate(staff=3)}),
            third.id: ActivityEntry(
                estimates={
                    "taet_paa": Estimate(low=3, high=1),
                    "langt_fra": Estimate(low=5, high=6, not_applicable=True),
                }
            ),
            fourth.id: ActivityEntry(
                estimates={"taet_paa": Estimate(low=9, high=9)}, not_applicable=True
            ),
            interview.id: ActivityEntry(time_consuming=True),
            "local_tolk": ActivityEntry(estimates={"langt_fra": Estimate(low=0.25, high=0.5)}),
        },
        local_activities=[LocalActivity(id="local_tolk", subprocess=2, name="Bestille tolk")],
    )


def test_activities_match_the_estimates_and_the_cells(interviews, mixed_session):
    for group, totals in session_totals(interviews, mixed_session).items():
        width = len(CELL_FIELDS)
        assert len(totals.cells) == width * len(totals.activities)
        for index, activity in enumerate(totals.activities):
            estimate = mixed_session.estimate(activity.line.id, group)
            assert activity.span == estimate_span(estimate)
            assert activity.low_above_high == estimate.low_above_high
            assert activity.applicable == mixed_session.applies(activity.line.id, group)
            low, high, staff, share, counted_low, counted_high, applies = totals.cells[
                index * width : (index + 1) * width
            ]
            assert (staff, share) == (estimate.staff, estimate.share)
            assert applies == (1.0 if activity.applicable else 0.0)
            assert (None if math.isnan(low) else low) == estimate.low
            assert (None if math.isnan(high) else high) == estimate.high
            counted = activity.span if activity.span and activity.applicable else None
            assert (counted_low, counted_high) == (
                (counted.low, counted.high) if counted else (0.0, 0.0)
            )


def test_counted_cells_add_up_to_each_subprocess_in_line_order(interviews, mixed_session):
    width = len(CELL_FIELDS)
    for totals in session_totals(interviews, mixed_session).values():
        for sub in totals.subprocesses:
            low = high = 0.0
            for index, line in enumerate(totals.lines):
                if line.subprocess == sub.number:
                    low += totals.cells[index * width + 4]
                    high += totals.cells[index * width + 5]
            assert (sub.span.low, sub.span.high) == (low, high)  # bit for bit


def test_the_worked_cells_by_hand(interviews, mixed_session):
    totals = session_totals(interviews, mixed_session)
    near, far = totals["taet_paa"], totals["langt_fra"]
    # 0.5-1.0 x 2 staff x 50 % + (3 staff, nothing typed) + 3-1 (low above high);
    # the fourth activity (9 h) is not applicable
    assert (near.subprocess(1).span.low, near.subprocess(1).span.high) == (3.5, 2.0)
    assert near.subprocess(1).filled == 2 and near.subprocess(1).expected == 3
    assert [a.low_above_high for a in near.activities][:3] == [False, False, True]
    # one side only counts as both; the third activity's 5-6 h are not applicable for
    # this group only; the local activity counts in subprocess 2
    assert (far.subprocess(1).span.low, far.subprocess(1).span.high) == (0.75, 0.75)
    assert far.subprocess(1).expected == near.subprocess(1).expected - 1
    assert [a.applicable for a in far.activities][2:4] == [False, False]
    assert (far.subprocess(2).span.low, far.subprocess(2).span.high) == (0.25, 0.5)
    local = next(a for a in far.activities if a.line.local)
    assert local.line.subprocess == 2 and (local.span.low, local.span.high) == (0.25, 0.5)


def test_one_group_alone_equals_the_same_group_of_the_whole_session(interviews, mixed_session):
    whole = session_totals(interviews, mixed_session)
    for group in mixed_session.groups:
        assert group_totals(interviews, mixed_session, group) == whole[group]
    assert whole["taet_paa"] != whole["langt_fra"]
