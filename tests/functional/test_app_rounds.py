"""Estimate rounds in the real app: closing a round, editing after it, the two views, and
the silent round hiding figures in the grid, the totals and the read-only live view."""

from datetime import datetime

from tests.functional.helpers import (
    CATALOGUE,
    app_for,
    run_async,
    saved,
    screen_lines,
    screen_text,
    settle,
)
from tests.functional.test_watch import start_app, wait_for
from workshop_tui.tui.screens.round_dialog import RoundDialog


def row(app, name: str) -> str:
    return next(line for line in screen_lines(app) if name in line)


def fixed_clock() -> datetime:
    return datetime(2024, 3, 1, 9, 30).astimezone()


async def type_cell(pilot, low: str, high: str) -> None:
    await pilot.press(*low, "enter", *high, "enter")
    await pilot.pause()


@run_async
async def test_closing_a_round_keeps_first_figures_and_the_grid_shows_what_moved(editor):
    editor.clock = fixed_clock
    app = app_for(editor)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await type_cell(pilot, "1", "2")  # Summoning, close to the labour market
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, RoundDialog)
        assert "The cursor is in subprocess 1 Preparation." in screen_text(app)
        assert "Subprocess 1" in screen_text(app)
        await pilot.press("enter")  # the focused choice: this subprocess
        await settle(pilot)
        assert "First round closed for 1 Preparation" in screen_text(app)
        session = saved(editor)
        assert set(session.rounds.closed_at) == {1}
        first = session.rounds.first["indkaldelse"]["taet_paa"]
        assert (first.low, first.high) == (1, 2)

        # the room talks and agrees on 1.5 for the low: the agreed figure, marked as moved
        await pilot.press("home", "up")
        await pilot.press("left", "left")
        editor_cell = app.screen.grid.cursor_cell
        assert (editor_cell.activity_id, editor_cell.group_id, editor_cell.side) == (
            "indkaldelse",
            "taet_paa",
            "low",
        )
        await pilot.press("1", ",", "5", "enter")
        await pilot.pause()
        session = saved(editor)
        assert session.estimate("indkaldelse", "taet_paa").low == 1.5
        assert session.rounds.first["indkaldelse"]["taet_paa"].low == 1  # kept
        summoning = row(app, "Summoning")
        assert "1.5Δ" in summoning or "1,5Δ" in summoning
        assert "2Δ" not in summoning and " 2 " in summoning  # the high did not move: no mark

        # Ctrl+B: the first-round figures, and the header says so
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert "FIRST-ROUND figures" in screen_text(app)
        summoning = row(app, "Summoning")
        assert "1.5" not in summoning and "Δ" not in summoning
        assert "    1 " in summoning
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert "FIRST-ROUND figures" not in screen_text(app)
        assert "Δ" in row(app, "Summoning")
        assert "moved since the first round (1 moved)" in screen_text(app)

        # closing again for the whole workshop keeps subprocess 1's first figures
        await pilot.press("f3")
        await settle(pilot)
        assert "Closed already: 1" in screen_text(app)
        app.screen.query_one("#all").press()
        await settle(pilot)
    session = saved(editor)
    assert set(session.rounds.closed_at) == {1, 2, 3}
    assert session.rounds.first["indkaldelse"]["taet_paa"].low == 1


@run_async
async def test_ctrl_b_without_a_closed_round_says_so(editor):
    app = app_for(editor)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert "No first round yet: F3 closes one" in screen_text(app)
        assert "FIRST-ROUND" not in screen_text(app)


@run_async
async def test_a_silent_round_hides_other_cells_and_the_totals_until_it_closes(editor):
    editor.clock = fixed_clock
    editor.set_hours("orientering_i_sag", "langt_fra", "low", "3-4")
    editor.set_hours("selve_samtalen", "taet_paa", "low", "5-6")
    app = app_for(editor)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert "3-4" not in screen_text(app)
        assert "3–4" in screen_text(app) or "3.0–4.0" in screen_text(app)  # the totals show it
        await pilot.press("f12")
        await pilot.pause()
        assert saved(editor).rounds.silent
        text = screen_text(app)
        assert "SILENT round: others hidden" in text
        assert "•••" in row(app, "Reading up")
        assert "    3 " not in row(app, "Reading up") and "    4 " not in row(app, "Reading up")
        assert "•••" in row(app, "The interview itself")
        assert "Silent round: figures are shown when the round closes" in text
        assert "3.0–4.0" not in text and "5.0–6.0" not in text  # no figure in the totals
        assert "1/8 filled" in text  # how many, though

        # the cell under the cursor shows what the room says now
        await pilot.press("1", "enter", "2", "enter")
        await pilot.pause()
        summoning = row(app, "Summoning")
        assert "•••" in summoning  # the cursor moved on: that cell is hidden now
        await pilot.press("left", "left")
        await pilot.pause()
        assert "•••" not in row(app, "Summoning").split("│")[1]

        # closing the round shows every figure again
        await pilot.press("f3")
        await settle(pilot)
        app.screen.query_one("#all").press()
        await settle(pilot)
        text = screen_text(app)
        assert "•••" not in text
        assert "3.0–4.0" in text or "3–4" in text
        assert "SILENT" not in text
    session = saved(editor)
    assert session.rounds.silent and set(session.rounds.closed_at) == {1, 2, 3}


@run_async
async def test_watch_shows_only_counts_during_a_silent_round(editor):
    editor.set_hours("orientering_i_sag", "langt_fra", "low", "3-4")
    editor.set_silent_round(True)
    app = start_app(editor.path, CATALOGUE)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Silent round · 1 of 16 cells filled" in text
        assert "1 Preparation: 1/8 filled (round open)" in text
        assert "3.0" not in text and "4.0" not in text
        assert "Filled in: 1 of 16" in text
        editor.close_round(None)  # the round closes: the figures are back
        await wait_for(pilot, lambda: "3.0–4.0" in screen_text(app))
        assert "Silent round" not in screen_text(app)


@run_async
async def test_presentation_shows_only_counts_during_a_silent_round(editor):
    """The projector is the room's anchor: during a silent round F5 shows no figure."""
    editor.set_hours("orientering_i_sag", "langt_fra", "low", "3-4")
    editor.set_silent_round(True)
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await settle(pilot)
        text = screen_text(app)
        assert "Silent round · 1 of 16 cells filled" in text
        assert "3.0" not in text and "4.0" not in text and "3,0" not in text
        await pilot.press("a", "ctrl+b", "right")  # nothing that would show a figure
        await settle(pilot)
        assert screen_text(app) == text
        await pilot.press("escape")
        await settle(pilot)
        editor.close_round(None)
        await pilot.press("f5")
        await settle(pilot)
        text = screen_text(app)
        assert "Silent round" not in text
        assert "3.0" in text or "3,0" in text


@run_async
async def test_a_silent_round_keeps_subprocess_sums_out_of_the_status_line(editor):
    """A flagged subprocess sum would tell the room what the hidden cells add up to."""
    editor.set_hours("orientering_i_sag", "langt_fra", "low", "3-4")  # far above 0.3-1.3
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("right", "right")  # Summoning, far from the labour market
        await pilot.pause()
        status = str(app.screen.query_one("#status").render())
        assert "outside the national" in status
        await pilot.press("f12", "left", "right")  # the round's note, then the cell again
        await pilot.pause()
        status = str(app.screen.query_one("#status").render())
        assert "outside the national" not in status and "3.5" not in status
        assert "Summoning" in status


@run_async
async def test_a_silent_round_hides_figures_but_shows_what_is_left(editor):
    """Hidden figures show •••; cells nobody has estimated stay empty, not •••."""
    editor.set_hours("orientering_i_sag", "langt_fra", "low", "3-4")
    app = app_for(editor)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f12")
        await pilot.pause()
        reading_up = row(app, "Reading up").split("│")
        close, far = reading_up[1], reading_up[2]
        assert "•••" not in close  # close to the labour market: nothing said yet
        assert far.count("•••") == 2  # far from it: low and high, hidden
        assert "•••" not in row(app, "The interview itself")


@run_async
async def test_a_closed_subprocess_stays_shown_when_the_silent_round_is_switched_again(editor):
    editor.clock = fixed_clock
    editor.set_hours("indkaldelse", "taet_paa", "low", "1-2")
    editor.set_hours("selve_samtalen", "taet_paa", "low", "5-6")
    app = app_for(editor)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f12")  # silent on
        await pilot.pause()
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("enter")  # close subprocess 1 only
        await settle(pilot)
        await pilot.press("f12", "f12")  # off, and on again
        await pilot.pause()
        assert saved(editor).rounds.silent
        assert "•••" not in row(app, "Summoning")  # subprocess 1 closed: shown
        assert "•••" in row(app, "The interview itself")  # subprocess 2 still open: hidden
        # the totals too: subprocess 1's figures, subprocess 2's cells counted only
        assert "1.0–2.0" in row(app, "│ 1 Preparation")
        assert "1/2 filled" in row(app, "│ 2 The interview")
        assert "5.0–6.0" not in screen_text(app)


@run_async
async def test_a_multiplied_cell_that_moved_shows_both_marks(editor):
    """× (staff x share is not 1) and Δ (moved since the first round) are both shown."""
    editor.clock = fixed_clock
    editor.set_hours("indkaldelse", "taet_paa", "low", "1-2")
    editor.set_factors("indkaldelse", {"taet_paa": ("2", "100")})
    editor.close_round(1)
    editor.set_hours("indkaldelse", "taet_paa", "low", "3")
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        close = row(app, "Summoning").split("│")[1]
        assert "×" in close and "Δ" in close
