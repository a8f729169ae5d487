"""Presentation's activity view: the grid's current activity large, each group's low–high.

F5 on the estimate screen opens presentation on the cursor's activity; `a` shows it
large and back; up/down step through the activities; Danish and English.
"""

from datetime import date

import pytest

from tests.functional.helpers import CATALOGUE, app_for, run_async, screen_text, searched, settle
from workshop_tui.core.demo import demo_session
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.session.storage import save_session, session_filename
from workshop_tui.tui.screens.presentation import PresentationScreen
from workshop_tui.tui.widgets.activity_large import figure_rows

INTERVIEWS = CATALOGUE.get("jobsamtaler")
GROUPS = ["taet_paa", "langt_fra", "sygemeldte"]
BLOCK = "███"  # a 5-row figure's top or bottom stroke of a digit


@pytest.fixture
def workshop(tmp_path):
    """Job interviews, all three groups, the demo's figures; one cell half-filled,
    one with 2 staff, one activity not applicable."""
    session = demo_session(INTERVIEWS, "Demoby", groups=GROUPS, workshop_date=date(2024, 3, 1))
    path = tmp_path / session_filename(session)
    save_session(session, path, touch=False)
    editor = SessionEditor.open(path, CATALOGUE, "en")
    first, second = INTERVIEWS.activity_ids[:2]
    editor.set_hours(first, "langt_fra", "high", "")  # the high deleted: half-filled
    editor.set_staff(first, "sygemeldte", "2")
    editor.toggle_not_applicable(INTERVIEWS.activity_ids[-1])
    yield editor
    editor.close()


def name(activity_id: str, lang: str) -> str:
    return next(
        a for s in INTERVIEWS.subprocesses for a in s.activities if a.id == activity_id
    ).name.in_lang(lang)


@pytest.mark.parametrize("lang", ["en", "da"])
@run_async
async def test_a_shows_the_cursors_activity_large_and_back(workshop, lang):
    workshop.lang = lang
    app = app_for(workshop)
    first, second = INTERVIEWS.activity_ids[:2]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.grid.move_to(second)
        await pilot.press("f5")
        await settle(pilot)
        assert isinstance(app.screen, PresentationScreen)
        assert name(second, lang) not in screen_text(app)  # the totals first
        await pilot.press("a")
        await settle(pilot)
        text = screen_text(app)
        assert name(second, lang) in text
        for group in GROUPS:  # every group's name, each over its own 5-row figure
            assert INTERVIEWS.group(group).name.in_lang(lang) in text
        tops = [line for line in text.splitlines() if line.lstrip().startswith(BLOCK)]
        assert len(tops) >= 2 * len(GROUPS)  # each figure's top and bottom rows
        await pilot.press("up")  # the activity before it, with its half-filled cell
        await settle(pilot)
        text = screen_text(app)
        assert name(first, lang) in text and name(second, lang) not in text
        half = "half-filled: the high is missing" if lang == "en" else "halvt udfyldt: højt mangler"
        assert half in text
        counted = "× 2 staff" if lang == "en" else "× 2 medarbejdere"
        assert counted in text
        await pilot.press("a")  # back to the totals
        await settle(pilot)
        text = screen_text(app)
        assert name(first, lang) not in text
        assert ("Whole process" if lang == "en" else "Hele processen") in text


@run_async
async def test_the_key_is_in_the_key_bar_the_help_and_the_palette(workshop):
    app = app_for(workshop)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await settle(pilot)
        assert "a Activity/totals" in screen_text(app).splitlines()[-1]
        await pilot.press("f1")
        await settle(pilot)
        assert "Show the grid's current activity large" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Activity/totals")
        await searched(pilot)
        assert "Activity/totals" in screen_text(app)


@run_async
async def test_not_applicable_and_the_last_activity_wrap_round(workshop):
    app = app_for(workshop)
    last = INTERVIEWS.activity_ids[-1]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.grid.move_to(last)
        await pilot.press("f5", "a")
        await settle(pilot)
        text = screen_text(app)
        assert name(last, "en") in text
        assert text.count("not applicable") == len(GROUPS)
        await pilot.press("down")  # after the last: the first
        await settle(pilot)
        assert name(INTERVIEWS.activity_ids[0], "en") in screen_text(app)


def test_the_figures_are_as_tall_as_the_screen_allows():
    assert figure_rows(33, 3) == (5, True)  # 120x40
    assert figure_rows(16, 3) == (3, False)  # 80x24
    assert figure_rows(8, 3) == (1, False)
