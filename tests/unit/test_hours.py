"""The hours parser and formatter: what people type in the room, and what they read."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workshop_tui.core.hours import HoursError, format_hours, parse_hours, parse_range


@pytest.mark.parametrize(
    "text, hours",
    [
        ("0,5", 0.5),
        ("0.5", 0.5),
        ("30 min", 0.5),
        ("30m", 0.5),
        ("1t 30m", 1.5),
        ("1h30m", 1.5),
        ("1:30", 1.5),
        ("1:05", 1 + 5 / 60),
        ("2 timer", 2.0),
        ("1,5 t", 1.5),
        ("90 minutter", 1.5),
        ("1t 30", 1.5),
        (" 2 ", 2.0),
        ("0", 0.0),
        ("1000", 1000.0),
        ("45 MIN", 0.75),
    ],
)
def test_accepts_what_people_type(text, hours):
    assert parse_hours(text) == pytest.approx(hours)


@pytest.mark.parametrize(
    "text, hours",
    [
        ("et kvarter", 0.25),
        ("en halv time", 0.5),
        ("halv time", 0.5),
        ("3 kvarter", 0.75),
        ("tre kvarter", 0.75),
        ("halvanden time", 1.5),
        ("1/2", 0.5),
        ("3/4 t", 0.75),
        ("1 1/2 time", 1.5),
        ("2 timer og et kvarter", 2.25),
        ("to timer", 2.0),
        ("en time", 1.0),
        ("ca. 2", 2.0),
        ("ca 1,5", 1.5),
        ("cirka 3 timer", 3.0),
        ("half an hour", 0.5),
        ("a quarter of an hour", 0.25),
        ("an hour and a half", 1.5),
        ("about 2", 2.0),
    ],
)
def test_accepts_hours_as_they_are_said_aloud(text, hours):
    assert parse_hours(text, "da") == pytest.approx(hours)


@pytest.mark.parametrize(
    "text, low, high",
    [
        ("½-1", 0.5, 1.0),
        ("et kvarter til en halv time", 0.25, 0.5),
        ("2 to 3", 2.0, 3.0),  # English "to" between figures stays a range
        ("1/2-3/4", 0.5, 0.75),
    ],
)
def test_reads_ranges_said_aloud(text, low, high):
    assert parse_range(text, "da") == pytest.approx((low, high))


@pytest.mark.parametrize("text", ["ca.", "et kvarter og", "to", "1/0", "halv"])
def test_what_is_said_but_not_hours_still_says_so(text):
    with pytest.raises(HoursError):
        parse_hours(text, "da")


@pytest.mark.parametrize(
    "text, key",
    [
        ("", "Empty entry: type a number of hours, e.g. 0,5 or 30 min"),
        ("   ", "Empty entry: type a number of hours, e.g. 0,5 or 30 min"),
        ("-1", "'{text}': hours cannot be negative"),
        ("nan", "'{text}' is not understood: use e.g. 1,5 or 1.5 or 90 min or 1t 30m or 1:30"),
        ("inf", "'{text}' is not understood: use e.g. 1,5 or 1.5 or 90 min or 1t 30m or 1:30"),
        ("1e400", "'{text}' is not understood: use e.g. 1,5 or 1.5 or 90 min or 1t 30m or 1:30"),
        ("1001", "'{text}' is more than {limit} hours for one activity; check the entry"),
        ("9" * 39, "'{text}' is more than {limit} hours for one activity; check the entry"),
        ("abc", "'{text}' is not understood: use e.g. 1,5 or 1.5 or 90 min or 1t 30m or 1:30"),
        ("1 2", "'{text}' has several numbers; write e.g. 1t 30m"),
        ("1:75", "'{text}' is not understood: use e.g. 1,5 or 1.5 or 90 min or 1t 30m or 1:30"),
        ("30 mix", "'{text}' is not understood: use e.g. 1,5 or 1.5 or 90 min or 1t 30m or 1:30"),
    ],
)
def test_rejects_with_a_reason(text, key):
    with pytest.raises(HoursError) as caught:
        parse_hours(text)
    assert caught.value.key == key


def test_messages_follow_the_language():
    with pytest.raises(HoursError, match="kan ikke være negative"):
        parse_hours("-2", "da")
    with pytest.raises(HoursError, match="cannot be negative"):
        parse_hours("-2", "en")


def test_danish_output_uses_a_decimal_comma():
    assert format_hours(1.5, "da") == "1,5"
    assert format_hours(1.5, "en") == "1.5"
    assert format_hours(2.0, "da") == "2"
    assert format_hours(0.25, "da") == "0,25"
    assert format_hours(None, "da") == ""


@given(st.text(max_size=60))
def test_parser_never_crashes(text):
    try:
        hours = parse_hours(text)
    except HoursError:
        return
    assert math.isfinite(hours) and 0 <= hours <= 1000


@given(st.integers(min_value=0, max_value=100_000), st.sampled_from(["da", "en"]))
def test_formatter_round_trips(hundredths, lang):
    hours = hundredths / 100
    assert parse_hours(format_hours(hours, lang), lang) == pytest.approx(hours, abs=1e-9)


@given(st.floats(min_value=0, max_value=1000, allow_nan=False), st.sampled_from(["da", "en"]))
def test_formatted_value_reads_back_within_rounding(hours, lang):
    assert parse_hours(format_hours(hours, lang)) == pytest.approx(hours, abs=0.005 + 1e-9)
