"""The totals engine, on worked examples checked by hand."""

from datetime import date

import pytest

from workshop_tui.core.session.entries import ActivityEntry, Estimate
from workshop_tui.core.session.model import LocalActivity, Session
from workshop_tui.core.totals import completeness, estimate_span, group_totals, session_totals


def session_with(interviews, activities, **extra) -> Session:
    return Session(
        process_id=interviews.id,
        process_version=interviews.version,
        municipality="Testby",
        workshop_date=date(2024, 3, 1),
        groups=["taet_paa", "langt_fra"],
        activities=activities,
        **extra,
    )


def entry(group="taet_paa", **estimate) -> ActivityEntry:
    return ActivityEntry(estimates={group: Estimate(**estimate)})


def test_activity_hours_after_staff_and_share():
    span = estimate_span(Estimate(low=0.5, high=1.0, staff=2, share=0.5))
    assert (span.low, span.high, span.mid) == (0.5, 1.0, 0.75)


def test_missing_side_takes_the_other():
    span = estimate_span(Estimate(low=0.4))
    assert (span.low, span.high) == (0.4, 0.4)
    assert estimate_span(Estimate()) is None


def test_worked_example(interviews):
    # Subprocess 1 (preparation) has four activities in the bundled definition;
    # first and second get estimates, the second with 2 staff in half the cases.
    first, second, *_ = [a.id for a in interviews.subprocesses[0].activities]
    interview = interviews.subprocesses[1].activities[0].id
    registration = interviews.subprocesses[2].activities[0].id
    session = session_with(
        interviews,
        {
            first: entry(low=0.1, high=0.2),
            second: entry(low=0.5, high=1.0, staff=2, share=0.5),  # 0.5-1.0 after factors
            interview: entry(low=0.75, high=1.25),
            registration: entry(low=0.25, high=0.5),
        },
    )
    totals = group_totals(interviews, session, "taet_paa")
    sub1, sub2, sub3 = totals.subprocesses
    assert (sub1.span.low, sub1.span.high) == pytest.approx((0.6, 1.2))
    assert (sub2.span.low, sub2.span.high) == pytest.approx((0.75, 1.25))
    assert (sub3.span.low, sub3.span.high) == pytest.approx((0.25, 0.5))
    assert (totals.total.low, totals.total.high) == pytest.approx((1.6, 2.95))
    assert totals.total.mid == pytest.approx(2.275)
    assert totals.filled == 4 and totals.expected == 8


def test_not_applicable_is_left_out(interviews):
    first, second, *_ = [a.id for a in interviews.subprocesses[0].activities]
    session = session_with(
        interviews,
        {
            first: entry(low=1, high=2),
            second: ActivityEntry(
                estimates={"taet_paa": Estimate(low=5, high=9)}, not_applicable=True
            ),
        },
    )
    totals = group_totals(interviews, session, "taet_paa")
    assert (totals.total.low, totals.total.high) == (1, 2)
    assert totals.expected == 7  # 8 activities, one not applicable
    assert [a.applicable for a in totals.activities][:2] == [True, False]


def test_local_activity_counts_in_its_subprocess(interviews):
    session = session_with(
        interviews,
        {"local_tolk": entry(low=0.5, high=1.5)},
        local_activities=[LocalActivity(id="local_tolk", subprocess=2, name="Bestille tolk")],
    )
    totals = group_totals(interviews, session, "taet_paa")
    assert totals.subprocess(2).span.high == 1.5
    assert totals.total.high == 1.5
    lines = [a.line for a in totals.activities if a.line.subprocess == 2]
    assert lines[-1].id == "local_tolk" and lines[-1].local
    assert lines[-1].label("da") == "Bestille tolk"


def test_groups_are_independent_and_completeness_counts_cells(interviews):
    first = interviews.activity_ids[0]
    session = session_with(
        interviews,
        {
            first: ActivityEntry(
                estimates={
                    "taet_paa": Estimate(low=1, high=2),
                    "langt_fra": Estimate(low=3, high=4),
                }
            ),
        },
    )
    totals = session_totals(interviews, session)
    assert list(totals) == ["taet_paa", "langt_fra"]
    assert totals["langt_fra"].total.low == 3
    assert completeness(totals) == pytest.approx(2 / 16)


def test_low_above_high_is_flagged_and_still_summed(interviews):
    first = interviews.activity_ids[0]
    session = session_with(interviews, {first: entry(low=3, high=1)})
    totals = group_totals(interviews, session, "taet_paa")
    assert totals.activities[0].low_above_high
    assert (totals.total.low, totals.total.high) == (3, 1)
