"""What a facilitator types for the agenda: start times and lengths, read and written back."""

from datetime import date, datetime, time

import pytest

from tests.clock_zone import copenhagen  # noqa: F401  # a fixture
from workshop_tui.core.numbers import EntryError
from workshop_tui.core.process.catalogue import load_catalogue
from workshop_tui.core.session.model import Session
from workshop_tui.core.workshop.agenda_text import (
    default_pause_after,
    ends_text,
    length_text,
    next_quarter,
    parse_length,
    parse_minutes,
    parse_start,
    parse_start_on,
)

INTERVIEWS = load_catalogue().get("jobsamtaler")  # 4, 2 and 2 activities


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("3:30", 210),
        ("3 t 30 min", 210),
        ("3 h 30 min", 210),
        ("3h30", 210),
        ("210", 210),
        ("3,5", 210),
        ("3", 180),  # a bare number under 15 is hours
        ("20", 20),  # from 15 up, minutes
        ("90 min", 90),
        ("1t 30m", 90),
    ],
)
def test_lengths_as_a_facilitator_writes_them(text, minutes):
    assert parse_length(text, "da") == minutes


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("abc", "Length: 'abc' is not understood; write 3:30, 3 h 30 min or 210"),
        ("0", "Length: 0 min; it must be 5-720 minutes"),
        ("13 t", "Length: 780 min; it must be 5-720 minutes"),
    ],
)
def test_a_length_that_cannot_be_used_says_why(text, message):
    with pytest.raises(EntryError, match=message):
        parse_length(text, "en")


def test_the_message_is_danish_in_danish():
    with pytest.raises(EntryError, match="Længde: 'x' forstås ikke"):
        parse_length("x", "da")
    with pytest.raises(EntryError, match="Start: '25:00' er ikke et klokkeslæt"):
        parse_start("25:00", "da")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("9:00", time(9)), ("09.30", time(9, 30)), ("13", time(13)), (" 8:05 ", time(8, 5))],
)
def test_start_times(text, expected):
    assert parse_start(text, "en") == expected


@pytest.mark.parametrize("text", ["", "9:60", "24:00", "nine", "9:5"])
def test_start_times_refused(text):
    with pytest.raises(EntryError):
        parse_start(text, "en")


def test_box_minutes_are_whole_and_within_the_limit():
    assert parse_minutes("45", "en") == 45
    assert parse_minutes("0", "en") == 0
    for text in ("-5", "4,5", "721", "x"):
        with pytest.raises(EntryError):
            parse_minutes(text, "en")


def test_lengths_are_written_back_as_read():
    assert [length_text(m, "da") for m in (8, 45, 180, 210)] == [
        "8 min",
        "45 min",
        "3 t",
        "3 t 30 min",
    ]
    for minutes in (8, 45, 180, 210, 61):
        assert parse_length(length_text(minutes, "en"), "en") == minutes
    assert ends_text(time(9), 210, "en") == "3 h 30 min · ends about 12:30"


def test_the_start_proposed_is_the_next_quarter_hour():
    assert next_quarter(datetime(2024, 3, 1, 8, 52, 10)) == time(9)
    assert next_quarter(datetime(2024, 3, 1, 9, 0)) == time(9)
    assert next_quarter(datetime(2024, 3, 1, 9, 0, 1)) == time(9, 15)
    assert next_quarter(datetime(2024, 3, 1, 23, 50)) == time(0)


def test_the_pause_goes_where_half_the_cells_are_done_in_a_long_day():
    session = Session(
        process_id=INTERVIEWS.id,
        process_version=INTERVIEWS.version,
        municipality="Testby",
        workshop_date=date(2024, 3, 1),
        groups=["taet_paa"],
    )
    assert default_pause_after(INTERVIEWS, session, 210) == 1  # 4 of 8 cells after 1
    assert default_pause_after(INTERVIEWS, session, 90) is None  # too short for a pause


def test_a_start_the_clocks_skip_on_the_workshops_day_is_refused(copenhagen):  # noqa: F811
    # 02:30 on the last Sunday of March 2025 does not exist in Denmark
    with pytest.raises(EntryError) as refused:
        parse_start_on("2:30", date(2025, 3, 30), "en")
    assert str(refused.value) == (
        "Start: 02:30 does not exist on 2025-03-30 (the clocks go forward an hour that "
        "night); choose another time"
    )
    with pytest.raises(EntryError, match="findes ikke den 2025-03-30"):
        parse_start_on("02.30", date(2025, 3, 30), "da")
    assert parse_start_on("2:30", date(2025, 3, 29), "en") == time(2, 30)  # the day before
    assert parse_start_on("3:30", date(2025, 3, 30), "en") == time(3, 30)
