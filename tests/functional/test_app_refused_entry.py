"""A refused entry stays in its cell, selected: the room's next figures replace it rather
than being glued onto it ("2/20" then "30-45 min" once gave "2/2030-45 min").
Arrows, Home, End and Backspace keep the refused text to fix it; Esc cancels it."""

from tests.functional.helpers import CATALOGUE, app_for, run_async, saved, screen_text, type_text
from workshop_tui.tui.widgets.grid.cells import CELL_WIDTH

FIRST = CATALOGUE.get("jobsamtaler").activity_ids[0]


def status_text(app) -> str:
    return str(app.screen.query_one("#status").render())


def cell_segments(app):
    """The segments of the cursor's cell on the grid's cursor line, with their styles."""
    grid = app.screen.grid
    start = grid._cell_starts()[grid.cursor_column]
    found, x = [], 0
    for segment in grid._row_segments(grid.cursor_row):
        if start <= x < start + CELL_WIDTH:
            found.append(segment)
        x += len(segment.text)
    return found


@run_async
async def test_typing_after_a_refusal_replaces_the_refused_text(editor):
    app = app_for(editor)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await type_text(pilot, "2/20")
        await pilot.press("enter")
        await pilot.pause()
        assert "Not saved: '2/20' is not understood" in status_text(app)
        assert "typing replaces it, ← → ⌫ fix it, Esc cancels" in status_text(app)
        assert "2/20▏" not in screen_text(app)  # no caret: the text is selected whole
        selected = [s for s in cell_segments(app) if s.style and s.style.reverse]
        assert [s.text for s in selected] == ["2/20"]
        await pilot.press("3")
        await pilot.pause()
        assert "3▏" in screen_text(app) and "2/203" not in screen_text(app)
        assert "Not saved" not in status_text(app)  # the typing hint again
        await pilot.press("enter")
        await pilot.pause()
        assert saved(editor).estimate(FIRST, "taet_paa").low == 3
        assert "Not saved" not in screen_text(app)
        assert not app.screen.grid.editing


@run_async
async def test_arrows_and_backspace_fix_the_refused_text_rather_than_replace_it(editor):
    app = app_for(editor)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await type_text(pilot, "2 3")  # two numbers: refused
        await pilot.press("enter")
        await pilot.pause()
        assert "several numbers" in status_text(app)
        await pilot.press("left", "backspace")  # the space goes: "23"
        await pilot.pause()
        assert "2▏3" in screen_text(app)
        await pilot.press("end", "enter")
        await pilot.pause()
        assert saved(editor).estimate(FIRST, "taet_paa").low == 23


@run_async
async def test_home_keeps_the_refused_text_and_typing_goes_before_it(editor):
    app = app_for(editor)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await type_text(pilot, "5x")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.grid.editing  # refused, kept
        await pilot.press("home", "1", "end", "backspace", "enter")  # "15x", then "15"
        await pilot.pause()
        assert saved(editor).estimate(FIRST, "taet_paa").low == 15


@run_async
async def test_escape_cancels_a_refused_entry_and_the_file_is_unchanged(editor):
    app = app_for(editor)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        before = editor.path.read_bytes()
        await type_text(pilot, "2/20")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not app.screen.grid.editing
        assert "2/20" not in screen_text(app)
        assert editor.path.read_bytes() == before
