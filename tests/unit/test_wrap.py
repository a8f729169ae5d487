"""Names wrapped into narrow columns whole: words kept, a long word hyphenated, no letter lost."""

import pytest

from workshop_tui.tui.render import MIN_WRAP_WIDTH, _name_lines
from workshop_tui.tui.wrap import wrap_words


@pytest.mark.parametrize(
    ("name", "width", "lines"),
    [
        ("Far from the labour market", 12, ["Far from the", "labour", "market"]),
        ("Langt fra arbejdsmarkedet", 12, ["Langt fra", "arbejdsmar-", "kedet"]),
        (
            "Job clarification to new job clarification course",
            12,
            ["Job clarifi-", "cation to", "new job", "clarifica-", "tion course"],
        ),
        ("Sygemeldte", 12, ["Sygemeldte"]),
    ],
)
def test_group_names_wrap_whole_at_twelve_cells(name, width, lines):
    assert wrap_words(name, width) == lines
    assert all(len(line) <= width for line in lines)


@pytest.mark.parametrize("width", range(MIN_WRAP_WIDTH, 30))
def test_no_letter_is_lost_or_added(width):
    for name in ("4 Rehabiliteringsmødet (delvis)", "2 Finding the company and agreeing"):
        lines = _name_lines(name, width)
        assert all(len(line) <= width for line in lines)
        joined = "".join(line.strip().removesuffix("-") for line in lines).replace(" ", "")
        assert joined == name.replace(" ", "")


def test_a_column_too_narrow_to_wrap_well_keeps_the_name_on_one_line():
    assert _name_lines("4 Rehabiliteringsmødet", MIN_WRAP_WIDTH - 1) == ["4 Rehabiliteringsmødet"]


def test_a_word_with_a_hyphen_of_its_own_breaks_there():
    assert wrap_words("Sick-listed to job", 10) == ["Sick-", "listed to", "job"]
    assert wrap_words("Far from activity-ready ones", 12) == ["Far from", "activity-", "ready ones"]
    assert wrap_words("a Sick-listed", 8) == ["a Sick-", "listed"]
