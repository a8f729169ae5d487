"""core.text.printable: what a terminal would act on is shown instead."""

from __future__ import annotations

import pytest

from workshop_tui.core.text import printable


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b[2J", "\\x1b[2J"),  # clear the screen
        ("\x1b]0;owned\x1b\\", "\\x1b]0;owned\\x1b\\"),  # retitle the window
        ("Søby\rAndeby", "Søby\\x0dAndeby"),  # a carriage return overwrites the line
        ("\x07\x00\x7f\x9b", "\\x07\\x00\\x7f\\x9b"),  # bell, NUL, DEL, the C1 CSI
        ("abc\u202edcba", "abc\\u202edcba"),  # a right-to-left override
        ("one\ntwo", "one\\x0atwo"),  # one line of user text stays one line
    ],
)
def test_control_characters_are_shown_escaped(text, shown):
    assert printable(text) == shown


def test_ordinary_text_is_left_as_it_is():
    text = "Ærøhavn Kommune (fiktiv): tolk 1,5 t\tog «visitation» – 50 %"
    assert printable(text) == text


def test_a_note_in_a_table_cell_may_keep_its_lines():
    assert printable("first\nsecond\x1b[2J", keep_newlines=True) == "first\nsecond\\x1b[2J"
