"""The participants' room's rules without HTTP: the language chosen, the wait after wrong codes."""

from __future__ import annotations

from workshop_tui.web.room_state import (
    WRONG_CODE_WINDOW,
    WRONG_CODES_ALLOWED,
    WrongCodes,
    chosen_language,
)


def test_the_page_speaks_the_switchs_language_else_the_browsers_first_of_ours():
    assert chosen_language("da", "en-GB,en;q=0.9") == "da"
    assert chosen_language(None, "da-DK,da;q=0.9,en;q=0.8") == "da"
    assert chosen_language(None, "de-DE,de;q=0.9,en;q=0.8,da;q=0.7") == "en"
    assert chosen_language(None, "en;q=0.5, da;q=0.8") == "da"
    assert chosen_language("xx", "fr, de") == "en"
    assert chosen_language(None, None) == "en"
    assert chosen_language(None, "da;q=0, en;q=oops") == "en"


def test_an_address_guessing_codes_waits_a_while_and_others_do_not():
    now = [0.0]
    codes = WrongCodes(clock=lambda: now[0])
    for _ in range(WRONG_CODES_ALLOWED):
        assert codes.wait("10.0.0.9") == 0
        codes.wrong("10.0.0.9")
        now[0] += 1.0
    wait = codes.wait("10.0.0.9")
    assert 0 < wait <= WRONG_CODE_WINDOW
    assert codes.wait("10.0.0.10") == 0  # a neighbour typing is not held up
    now[0] += wait
    assert codes.wait("10.0.0.9") == 0  # after the while, it may try again
