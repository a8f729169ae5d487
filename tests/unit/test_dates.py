"""Dates as people in Denmark write them: day before month, by hand or by machine."""

from datetime import date

import pytest

from workshop_tui.core.dates import parse_date
from workshop_tui.core.numbers import EntryError


@pytest.mark.parametrize(
    "text",
    [
        "2025-03-12",
        "12-3-2025",
        "12.3.2025",
        "12/3/2025",
        "12/3-2025",
        "12/3 2025",
        " 12/3  2025 ",
        "12/3-25",
    ],
)
def test_reads_a_date_as_danes_write_it(text):
    assert parse_date(text) == date(2025, 3, 12)


@pytest.mark.parametrize("text", ["", "12/13-2025", "31/2-2025", "marts", "2025"])
def test_refuses_what_is_no_date_and_says_what_to_type(text):
    with pytest.raises(EntryError, match="is not a date"):
        parse_date(text)
