"""The time-box plan and the pace, with figures checked by hand (see plan_process.py)."""

from datetime import UTC, datetime, time, timedelta

import pytest
from pydantic import ValidationError

from tests.clock_zone import copenhagen  # noqa: F401  # a fixture
from tests.unit.plan_process import session_with, small_process
from workshop_tui.core.workshop import agenda as plan
from workshop_tui.core.workshop import time_spent
from workshop_tui.core.workshop.model import Agenda, TimeLog

PROCESS = small_process()
NINE = time(9, 0)
DAY = datetime(2024, 3, 1)


def at(hour, minute):
    return DAY.replace(hour=hour, minute=minute)


def proposed(session=None, **kwargs):
    session = session or session_with(PROCESS, {})
    return plan.propose_agenda(PROCESS, session, NINE, 210, **kwargs)


def test_boxes_are_in_proportion_to_activities_times_groups():
    # 210 min, no pause: 4/12, 6/12 and 2/12 of it exactly.
    assert proposed().boxes == {1: 70, 2: 105, 3: 35}
    assert proposed().length_minutes == 210


def test_the_pause_comes_off_the_working_time_and_whole_minutes_sum_exactly():
    # 195 working minutes: 65, 97.5 and 32.5; the spare minute goes to the
    # earlier of the two equal remainders.
    agenda = proposed(pause_after=2, pause_minutes=15)
    assert agenda.boxes == {1: 65, 2: 98, 3: 32}
    assert agenda.length_minutes == 210


def test_the_rooms_own_activities_count_in_the_proportion():
    session = session_with(
        PROCESS, {}, local_activities=[{"id": "local_x", "subprocess": 3, "name": "X"}]
    )
    # cells 4, 6 and 4 of 14: 60, 90, 60
    assert plan.propose_agenda(PROCESS, session, NINE, 210).boxes == {1: 60, 2: 90, 3: 60}


def test_split_minutes_with_nothing_to_weigh_gives_nothing():
    assert plan.split_minutes(100, {1: 0, 2: 0}) == {1: 0, 2: 0}


def test_an_edited_box_keeps_the_others_and_changes_the_length():
    agenda = plan.with_box(proposed(), 2, 90)
    assert agenda.boxes == {1: 70, 2: 90, 3: 35}
    assert agenda.length_minutes == 195


def test_a_box_beyond_the_limit_is_refused_with_its_subprocess_named():
    with pytest.raises(ValidationError, match="box of subprocess 2"):
        plan.with_box(proposed(), 2, 100_000)


def test_windows_put_the_pause_where_the_user_placed_it():
    boxes, pause = plan.windows(proposed(pause_after=2, pause_minutes=15), at(10, 0))
    assert (boxes[1].starts, boxes[1].ends) == (at(9, 0), at(10, 5))
    assert (boxes[2].starts, boxes[2].ends) == (at(10, 5), at(11, 43))
    assert (pause.starts, pause.ends) == (at(11, 43), at(11, 58))
    assert (boxes[3].starts, boxes[3].ends) == (at(11, 58), at(12, 30))


def five_cells_done():
    figures = {(a, g): (0.5, 1.0) for a in ("s1a", "s1b") for g in ("a", "b")}
    figures[("s2a", "a")] = (1.0, 2.0)
    figures[("s2b", "a")] = (1.0, None)  # only a low: not done
    return session_with(PROCESS, figures)


def test_pace_behind_says_how_many_minutes_per_cell_catch_up():
    # 10:30: 90 min worked. Done: all 4 cells of box 1 (65 min) and 1 of 6 of
    # box 2 (98/6 = 16.3 min): 81.3 min of plan, so 8.7 -> 9 min behind.
    # 7 cells left in 195 - 90 = 105 min: 15 min per cell.
    agenda = proposed(pause_after=2, pause_minutes=15)
    pace = plan.pace(agenda, PROCESS, five_cells_done(), 2, at(10, 30))
    assert (pace.behind_minutes, pace.cells_left, pace.minutes_per_cell) == (9, 7, 15.0)
    assert pace.text("en") == "9 min behind: about 15 min per cell to catch up"
    assert pace.text("da") == "9 min bagud: ca. 15 min pr. celle for at indhente"
    # box 2 ends 11:43
    assert pace.box_left_minutes == 73 and pace.box_text("en") == "73 min left"
    assert not pace.running_out


def test_pace_ahead_and_on_time():
    agenda = proposed(pause_after=2, pause_minutes=15)
    session = five_cells_done()
    assert plan.pace(agenda, PROCESS, session, 2, at(10, 10)).text("en") == "11 min ahead"
    assert plan.pace(agenda, PROCESS, session, 2, at(10, 22)).text("da") == "til tiden"


def test_the_pause_does_not_count_as_time_worked():
    # 11:50 is 7 min into the pause: 170 - 7 = 163 min worked.
    agenda = proposed(pause_after=2, pause_minutes=15)
    pace = plan.pace(agenda, PROCESS, five_cells_done(), 3, at(11, 50))
    assert pace.behind_minutes == round(163 - (65 + 98 / 6))


def test_a_box_running_out_and_over():
    agenda = proposed(pause_after=2, pause_minutes=15)
    session = five_cells_done()
    running_out = plan.pace(agenda, PROCESS, session, 2, at(11, 41))
    assert running_out.running_out and running_out.box_text("en") == "2 min left"
    over = plan.pace(agenda, PROCESS, session, 2, at(11, 45))
    assert over.running_out and over.box_text("da") == "2 min over tid"


def test_before_the_start_and_when_everything_is_filled():
    agenda = proposed()
    assert plan.pace(agenda, PROCESS, five_cells_done(), 1, at(8, 45)).text("en") == (
        "starts at 09:00"
    )
    full = session_with(
        PROCESS,
        {(a, g): (1, 2) for a in ("s1a", "s1b", "s2a", "s2b", "s2c", "s3a") for g in "ab"},
    )
    assert plan.pace(agenda, PROCESS, full, 3, at(11, 0)).text("en") == "all cells filled"


def test_behind_with_no_planned_time_left():
    # 13:00, no pause: 240 min worked against 70 + 105/6 = 87.5 planned for
    # the cells done: 152.5, rounded half to even
    pace = plan.pace(proposed(), PROCESS, five_cells_done(), 3, at(13, 0))
    assert pace.text("en") == "152 min behind: no planned time left"


def test_minutes_per_cell_reads_with_a_danish_comma():
    agenda = Agenda(start=NINE, boxes={1: 10, 2: 1, 3: 1})
    # 09:01 with nothing done: 12 min of plan left less 1 worked = 11 min for 12 cells
    pace = plan.pace(agenda, PROCESS, session_with(PROCESS, {}), 1, at(9, 1))
    assert pace.minutes_per_cell == pytest.approx(11 / 12)
    assert plan._one_decimal(1.5, "da") == "1,5" and plan._one_decimal(1.5, "en") == "1.5"


def test_under_a_minute_per_cell_is_said_in_words_not_as_a_tiny_figure():
    agenda = Agenda(start=NINE, boxes={1: 10, 2: 1, 3: 1})
    # 09:08 with nothing done: 8 min behind, 4 min of plan left for 12 cells (0.33 per cell)
    pace = plan.pace(agenda, PROCESS, session_with(PROCESS, {}), 1, at(9, 8))
    assert pace.minutes_per_cell == pytest.approx(4 / 12)
    assert pace.text("en") == "8 min behind: under a minute per cell left for 12 cells"
    assert pace.text("da") == "8 min bagud: under et minut pr. celle tilbage til 12 celler"


def test_the_header_line_names_clock_subprocess_box_and_pace():
    agenda = proposed(pause_after=2, pause_minutes=15)
    text, running_out = plan.header_line(agenda, PROCESS, five_cells_done(), 2, at(10, 30), "en")
    assert text == (
        "10:30 · 2 Delproces 2 · 73 min left · 9 min behind: about 15 min per cell to catch up"
    )
    assert not running_out
    text, running_out = plan.header_line(agenda, PROCESS, five_cells_done(), 2, at(11, 42), "da")
    assert text.startswith("11:42 · 2 Delproces 2 · 1 min tilbage · ") and running_out


def logged_session(seconds):
    return session_with(PROCESS, {}, time_log={"seconds": {str(k): v for k, v in seconds.items()}})


def test_plan_against_actual_lists_every_subprocess():
    session = logged_session({1: 3900, 3: 90}).model_copy(update={"agenda": proposed()})
    rows = time_spent.plan_against_actual(PROCESS, session)
    assert [(r.subprocess, r.planned, r.actual) for r in rows] == [
        (1, 70, 65.0),
        (2, 105, None),
        (3, 35, 1.5),
    ]


def test_median_actual_time_per_subprocess_over_the_workshops_that_recorded_it():
    sessions = [
        ("lille", logged_session({1: 600, 2: 1200})),  # 10 and 20 min
        ("lille", logged_session({1: 1200})),  # 20 min; nothing for 2
        ("lille", logged_session({1: 3000, 2: 2400})),  # 50 and 40 min
        ("other", logged_session({})),  # recorded nothing
    ]
    assert time_spent.median_actual_minutes(sessions) == {"lille": {1: 20.0, 2: 30.0}}


def test_before_the_start_the_line_says_when_it_starts_not_how_long_a_box_has_left():
    agenda = proposed(pause_after=2, pause_minutes=15)
    text, running_out = plan.header_line(agenda, PROCESS, five_cells_done(), 1, at(8, 40), "en")
    assert text.endswith("1 Delproces 1 · starts at 09:00") and "left" not in text
    assert not running_out


# ---------------------------------------------------------------- the workshop's own day


def test_on_another_day_the_line_gives_the_plan_only_with_no_countdown_and_no_notice():
    # the workshop ran on 2024-03-01; opened at 16:10 a year later, and the day before
    agenda = proposed()
    for now in (datetime(2025, 3, 12, 16, 10), datetime(2024, 2, 29, 9, 30)):
        parts = plan.line_parts(agenda, PROCESS, five_cells_done(), 2, now, "en")
        assert parts.text == "Plan: 9:00–12:30 on 2024-03-01"
        assert (parts.running_out, parts.announce, parts.state) == (False, False, "other_day")
    text, running_out = plan.header_line(
        agenda, PROCESS, five_cells_done(), 2, datetime(2025, 3, 12, 16, 10), "da"
    )
    assert (text, running_out) == ("Plan: 9:00–12:30 den 2024-03-01", False)


def test_a_notice_is_for_a_box_running_out_not_for_one_over_already():
    agenda = proposed(pause_after=2, pause_minutes=15)
    session = five_cells_done()
    # box 2 ends 11:43
    assert plan.line_parts(agenda, PROCESS, session, 2, at(11, 41), "en").announce
    over = plan.line_parts(agenda, PROCESS, session, 2, at(11, 45), "en")
    assert over.running_out and not over.announce  # the line's colour says it


def test_started_now_moves_the_plan_to_today_and_its_boxes_follow():
    session = five_cells_done()
    agenda = plan.started_now(proposed(), session, datetime(2025, 3, 12, 16, 10, 42))
    assert (agenda.start, agenda.day) == (time(16, 10), datetime(2025, 3, 12).date())
    boxes, _ = plan.windows(agenda, plan.plan_day(agenda, session))
    assert boxes[1].starts == datetime(2025, 3, 12, 16, 10)
    now = datetime(2025, 3, 12, 16, 20)
    parts = plan.line_parts(agenda, PROCESS, session, 1, now, "en")
    assert parts.text.startswith("16:20 · 1 Delproces 1 · 60 min left · ")
    # on the workshop's own date the day is not stored: the file stays as an older one
    same_day = plan.started_now(proposed(), session, at(9, 20))
    assert (same_day.start, same_day.day) == (time(9, 20), None)


def test_paused_the_pace_stands_still_and_resumed_the_plan_moves_on_by_the_pause():
    session = five_cells_done()
    agenda = proposed()
    paused = plan.paused(agenda, at(10, 0).astimezone())  # the file's moments are aware
    later = plan.line_parts(paused, PROCESS, session, 2, at(10, 40), "en")
    assert later.text.startswith("Paused since 10:00 · 2 Delproces 2 · 115 min left · ")
    assert (later.state, later.running_out, later.announce) == ("paused", False, False)
    assert plan.paused(paused, at(10, 5).astimezone()) == paused  # paused once
    resumed = plan.resumed(paused, session, at(10, 40).astimezone())
    assert (resumed.start, resumed.paused_at, resumed.day) == (time(9, 40), None, None)
    assert plan.resumed(resumed, session, at(11, 0).astimezone()) == resumed


def test_the_log_never_runs_backwards_when_the_clock_does():
    ten = datetime(2024, 3, 1, 10, 0, tzinfo=UTC)
    log = plan.logged(TimeLog(), 1, ten)
    log = plan.logged(log, 1, ten + timedelta(minutes=5))
    assert log.seconds == {1: 300}
    # the clock set back an hour: the change adds nothing, and the latest moment stays
    back = plan.logged(log, 1, ten - timedelta(minutes=55))
    assert back == log
    # once the clock passes the latest moment again, time counts from there
    again = plan.logged(back, 2, ten + timedelta(minutes=7))
    assert again.seconds == {1: 300, 2: 120}
    assert again.last_change_at == ten + timedelta(minutes=7)


def test_a_start_the_clocks_skip_is_no_time_on_that_day(copenhagen):  # noqa: F811
    assert not plan.exists_locally(datetime(2025, 3, 30, 2, 30))  # summer time starts
    assert plan.exists_locally(datetime(2025, 3, 30, 3, 30))
    assert plan.exists_locally(datetime(2025, 10, 26, 2, 30))  # twice, but it exists
    assert plan.exists_locally(datetime(2025, 3, 31, 2, 30))
