"""Estimate rounds: closing, what moved, the silent round, and convergence (hand-checked)."""

from datetime import UTC, datetime

import pytest

from tests.unit.plan_process import session_with, small_process
from workshop_tui.core.workshop import convergence, rounds

PROCESS = small_process()
CLOSED = datetime(2024, 3, 1, 10, 0, tzinfo=UTC)


def test_closing_one_subprocess_keeps_its_figures_as_the_first_round():
    session = session_with(PROCESS, {("s1a", "a"): (1.0, 2.0), ("s2a", "a"): (3.0, 4.0)})
    after = rounds.with_round_closed(session, PROCESS, 1, CLOSED)
    assert after.rounds.closed_at == {1: CLOSED}
    assert rounds.first_figure(after, "s1a", "a").model_dump() == {"low": 1.0, "high": 2.0}
    assert rounds.first_figure(after, "s2a", "a") is None  # subprocess 2 still open
    assert rounds.first_figure(after, "s1a", "b") is None  # an empty cell has none


def test_closing_again_keeps_the_first_figures_and_moment():
    session = session_with(PROCESS, {("s1a", "a"): (1.0, 2.0)})
    once = rounds.with_round_closed(session, PROCESS, 1, CLOSED)
    edited = once.model_copy(
        update={"activities": session_with(PROCESS, {("s1a", "a"): (1.5, 2.0)}).activities}
    )
    again = rounds.with_round_closed(edited, PROCESS, None, CLOSED.replace(hour=11))
    assert rounds.first_figure(again, "s1a", "a").low == 1.0
    assert again.rounds.closed_at[1] == CLOSED
    assert again.rounds.closed_at[3] == CLOSED.replace(hour=11)
    assert rounds.moved_cells(again) == [("s1a", "a")]
    assert rounds.moved(again, "s1a", "a") and not rounds.moved(again, "s1b", "a")


def test_an_unknown_subprocess_is_refused():
    with pytest.raises(ValueError, match="unknown subprocess 9"):
        rounds.with_round_closed(session_with(PROCESS, {}), PROCESS, 9, CLOSED)


def test_a_silent_round_hides_the_subprocesses_still_open():
    session = rounds.with_silent(session_with(PROCESS, {}), True)
    assert rounds.hidden_subprocesses(PROCESS, session) == {1, 2, 3}
    session = rounds.with_round_closed(session, PROCESS, 2, CLOSED)
    assert rounds.hidden_subprocesses(PROCESS, session) == {1, 3}
    assert rounds.hidden_subprocesses(PROCESS, rounds.with_silent(session, False)) == set()


def workshop(first, agreed, close=True):
    session = session_with(PROCESS, first)
    if close:
        session = rounds.with_round_closed(session, PROCESS, None, CLOSED)
    return session.model_copy(update={"activities": session_with(PROCESS, agreed).activities})


def test_convergence_per_level_and_group_over_workshops():
    # Workshop 1: s1a/a goes 1-3 -> 2-2 (mid 2 -> 2, width 2 -> 0);
    #             s2a/a goes 2-6 -> 3-5 (mid 4 -> 4, width 4 -> 2).
    # Workshop 2: s1a/a goes 0-2 -> 2-4 (mid 1 -> 3, width 2 -> 2).
    # Workshop 3 never closed a round: left out.
    one = workshop(
        {("s1a", "a"): (1.0, 3.0), ("s2a", "a"): (2.0, 6.0)},
        {("s1a", "a"): (2.0, 2.0), ("s2a", "a"): (3.0, 5.0)},
    )
    two = workshop({("s1a", "a"): (0.0, 2.0)}, {("s1a", "a"): (2.0, 4.0)})
    three = workshop({("s1a", "a"): (0.0, 9.0)}, {("s1a", "a"): (9.0, 9.0)}, close=False)
    table = convergence.convergence([(PROCESS, one), (PROCESS, two), (PROCESS, three)])
    rows = {(r.level, r.key, r.group): r for r in table}
    cell = rows[("activity", "s1a", "a")]
    # change: (0 + 2) / 2 = 1; widths (2 + 2) / 2 = 2 before, (0 + 2) / 2 = 1 after
    assert (cell.mean_change, cell.mean_width_first, cell.mean_width_agreed) == (1.0, 2.0, 1.0)
    assert (cell.figures, cell.workshops) == (2, 2)
    # total of workshop 1: 3-9 -> 5-7 (mid 6 -> 6, width 6 -> 2); workshop 2 as its cell
    total = rows[("total", "", "a")]
    assert (total.mean_change, total.mean_width_first, total.mean_width_agreed) == (1.0, 4.0, 2.0)
    assert rows[("subprocess", "2", "a")].workshops == 1
    assert [r.level for r in table] == ["activity"] * 2 + ["subprocess"] * 2 + ["total"]
    assert rounds.workshops_with_rounds([one, two, three]) == 2


def test_cells_without_both_rounds_complete_are_left_out():
    session = workshop({("s1a", "a"): (1.0, None)}, {("s1a", "a"): (1.0, 2.0)})
    assert convergence.cell_pairs(PROCESS, session) == {}


def test_the_redacted_session_has_no_figures_where_a_silent_round_is_open():
    session = session_with(PROCESS, {("s1a", "a"): (1.0, 2.0), ("s2a", "b"): (3.0, 4.0)})
    assert rounds.redacted(PROCESS, session) == session  # not silent: all shown
    silent = rounds.with_round_closed(rounds.with_silent(session, True), PROCESS, 2, CLOSED)
    shown = rounds.redacted(PROCESS, silent)
    assert shown.estimate("s1a", "a").low is None  # subprocess 1: round open
    assert shown.estimate("s2a", "b").high == 4.0  # subprocess 2: closed
    assert silent.estimate("s1a", "a").low == 1.0  # the session itself keeps them
