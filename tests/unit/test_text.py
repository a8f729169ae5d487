"""core.text.printable: what a terminal would act on is shown instead; newlines and tabs
are text; everything shown is capped, with an ellipsis."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from workshop_tui.core.text import (
    LINES_LIMIT,
    NAME_LIMIT,
    ONE_LINE_LIMIT,
    clip,
    control_characters,
    escaped,
    printable,
)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b[2J", "\\x1b[2J"),  # clear the screen
        ("\x1b]0;owned\x1b\\", "\\x1b]0;owned\\x1b\\"),  # retitle the window
        ("Søby\rAndeby", "Søby\\x0dAndeby"),  # a carriage return overwrites the line
        ("\x07\x00\x7f\x9b", "\\x07\\x00\\x7f\\x9b"),  # bell, NUL, DEL, the C1 CSI
        ("abc\u202edcba", "abc\\u202edcba"),  # a right-to-left override
        ("a\u2066b\u2069c\u200fd\u061ce", "a\\u2066b\\u2069c\\u200fd\\u061ce"),  # isolates, marks
        ("Sø\u200bby\u200d\u2060\ufeff", "Sø\\u200bby\\u200d\\u2060\\ufeff"),  # zero-width
        ("bi\u00adlag", "bi\\xadlag"),  # a soft hyphen hides where it is
        ("flag\U000e0067", "flag\\U000e0067"),  # a tag character, beyond the BMP
    ],
)
def test_control_characters_are_shown_escaped(text, shown):
    assert printable(text) == shown


def test_ordinary_text_is_left_as_it_is():
    text = "Ærøhavn Kommune (fiktiv): tolk 1,5 t og «visitation» – 50 %"
    assert printable(text) == text


def test_a_note_in_a_table_cell_may_keep_its_lines():
    assert printable("first\nsecond\x1b[2J", keep_newlines=True) == "first\nsecond\\x1b[2J"


def test_on_one_line_a_newline_shows_as_a_mark_and_a_tab_as_a_space():
    assert printable("Tolk ved hver femte\nsamtale") == "Tolk ved hver femte ⏎ samtale"
    assert printable("første \r\n anden\tlinje") == "første ⏎ anden linje"  # Windows' newline
    assert printable("a\n\nb") == "a ⏎ ⏎ b"


def test_on_several_lines_newlines_and_tabs_stay_and_a_windows_newline_is_one():
    assert printable("første\r\nanden\tlinje", keep_newlines=True) == "første\nanden\tlinje"
    assert printable("over\rwritten", keep_newlines=True) == "over\\x0dwritten"


def test_every_character_that_does_not_show_as_itself_is_escaped():
    """Every control (Cc), format (Cf) and line or paragraph separator character Python
    knows, but tab and newline: none reaches the terminal as it is."""
    hidden = [
        chr(code)
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) in ("Cc", "Cf", "Zl", "Zp") and chr(code) not in "\t\n"
    ]
    shown = escaped("".join(hidden), keep_newlines=True)
    assert "\\" in shown and not any(char in shown for char in hidden)
    assert control_characters("".join(hidden)) != ""


def test_a_long_text_is_capped_with_an_ellipsis():
    name = "x" * 10_000
    assert printable(name) == "x" * (ONE_LINE_LIMIT - 1) + "…"
    assert printable(name, limit=NAME_LIMIT) == "x" * (NAME_LIMIT - 1) + "…"
    assert len(printable("n" * 100_000, keep_newlines=True)) == LINES_LIMIT
    assert printable("x" * ONE_LINE_LIMIT) == "x" * ONE_LINE_LIMIT  # at the limit: whole


def test_escapes_count_toward_the_cap():
    shown = printable("\x1b" * 1000, limit=20)
    assert shown == "\\x1b" * 4 + "\\x1" + "…" and len(shown) == 20


def test_ten_megabytes_are_capped_before_they_are_worked_on():
    holder = "\u202e" * 10_000_000  # each would become six characters
    assert printable(holder, limit=NAME_LIMIT) == ("\\u202e" * 14)[: NAME_LIMIT - 1] + "…"


def test_written_out_whole_nothing_is_cut():
    assert escaped("x" * 30_000) == "x" * 30_000
    assert escaped("a\nb\x1b") == "a ⏎ b\\x1b"


def test_clip():
    assert clip("abcdef", 4) == "abc…"
    assert clip("abc", 4) == "abc"
