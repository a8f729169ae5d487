"""Honest completeness, ranges as people say them, visible multipliers and plausibility flags."""

from datetime import date

import pytest

from tests.functional.helpers import (
    CATALOGUE,
    app_for,
    run_async,
    saved,
    screen_text,
    settle,
    type_text,
)
from tests.functional.test_watch import start_app, widget_text
from workshop_tui.core.demo import demo_session
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.session.storage import save_session, session_filename
from workshop_tui.tui.screens.presentation import PresentationScreen

REHAB = CATALOGUE.get("rehabiliteringsteam")
INTERVIEWS = CATALOGUE.get("jobsamtaler")
FIRST, SECOND, THIRD = INTERVIEWS.activity_ids[:3]


@pytest.fixture
def complete(tmp_path):
    """The rehabilitation team's workshop with every cell filled (the demo's figures)."""
    session = demo_session(REHAB, "Demoby")
    path = tmp_path / session_filename(session)
    save_session(session, path, touch=False)
    return SessionEditor.open(path, CATALOGUE, "en")


@run_async
async def test_deleting_one_high_makes_the_cell_half_filled_everywhere(complete):
    app = app_for(complete)
    first = REHAB.activity_ids[0]
    group = complete.session.groups[0]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "100% filled" in screen_text(app)
        app.screen.grid.move_to(first, group, "high")
        await pilot.press("delete")
        await settle(pilot)
        text = screen_text(app)
        assert saved(complete).estimate(first, group).high is None
        assert "100% filled" not in text and "98% filled" in text  # 47 of 48
        assert "15/16 filled · 1 half-filled" in text
        assert "(partial)" in text  # the group's total, and subprocess 1's
        row = next(line for line in text.splitlines() if "Start-up meeting with" in line)
        assert "?" in row  # the empty side is marked in the grid
        await pilot.press("f5")
        await settle(pilot)
        assert isinstance(app.screen, PresentationScreen)
        shown = screen_text(app)
        assert "PARTIAL" in shown and "15 of 16 activities estimated" in shown
    watch = start_app(complete.path, CATALOGUE)
    async with watch.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        header = widget_text(watch.query_one("LiveHeader"))
        assert "Filled in: 47 of 48 estimates (98%)" in header
        assert "1 with one side only" in header
        assert "Total (partial)" in widget_text(watch.query_one("LiveTotals"))


@run_async
async def test_two_figures_at_once_fill_both_sides_in_either_column(editor):
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.grid.move_to(FIRST, "taet_paa", "high")
        await type_text(pilot, "2-3")
        await pilot.press("enter")
        await settle(pilot)
        estimate = saved(editor).estimate(FIRST, "taet_paa")
        assert (estimate.low, estimate.high) == (2, 3)
        app.screen.grid.move_to(SECOND, "taet_paa", "low")
        await type_text(pilot, "1,5-2 t")
        await pilot.press("enter")
        app.screen.grid.move_to(THIRD, "taet_paa", "low")
        await type_text(pilot, "½")
        await pilot.press("enter")
        await type_text(pilot, "2 timer og 30 min")
        await pilot.press("enter")
        await settle(pilot)
        session = saved(editor)
        assert (
            session.estimate(SECOND, "taet_paa").low,
            session.estimate(SECOND, "taet_paa").high,
        ) == (1.5, 2)
        assert (
            session.estimate(THIRD, "taet_paa").low,
            session.estimate(THIRD, "taet_paa").high,
        ) == (0.5, 2.5)
        assert "3/8 filled" in screen_text(app)
    editor.set_hours(FIRST, "langt_fra", "high", "2–3")  # an en dash, as a word processor types
    estimate = saved(editor).estimate(FIRST, "langt_fra")
    assert (estimate.low, estimate.high) == (2, 3)


@run_async
async def test_a_danish_thousands_dot_is_refused_with_a_message(editor):
    editor.lang = "da"
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_text(pilot, "1.000")
        await pilot.press("enter")
        await settle(pilot)
        assert "tvetydigt" in screen_text(app)
        assert saved(editor).estimate(FIRST, "taet_paa").low is None


@run_async
async def test_multiplied_cells_are_marked_and_a_key_shows_the_effective_hours(editor):
    editor.set_hours(FIRST, "taet_paa", "low", "1,5-2")
    editor.set_factors(FIRST, {"taet_paa": ("4", "100")})
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        row = next(line for line in screen_text(app).splitlines() if "Summoning" in line)
        assert "1.5×" in row and "2×" in row
        assert "as typed" in screen_text(app)
        await pilot.press("ctrl+x")
        await settle(pilot)
        text = screen_text(app)
        row = next(line for line in text.splitlines() if "Summoning" in line)
        assert "6×" in row and "8×" in row
        assert "EFFECTIVE hours" in text
        assert saved(editor).estimate(FIRST, "taet_paa").low == 1.5  # only the view changed
    watch = start_app(editor.path, CATALOGUE)
    async with watch.run_test(size=(150, 40)) as pilot:
        await pilot.pause()
        estimates = widget_text(watch.query_one("LiveEstimates"))
        assert "effective hours" in estimates and "6–8×" in estimates


@run_async
async def test_implausible_figures_are_flagged_with_a_reason_and_a_key_finds_them(editor):
    editor.set_hours(FIRST, "taet_paa", "low", "1-2")
    editor.set_hours(FIRST, "langt_fra", "low", "1-2")
    editor.set_hours(SECOND, "taet_paa", "low", "2-20")  # high 10 times the low
    editor.set_hours(SECOND, "langt_fra", "low", "0,1-0,2")
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        row = next(line for line in text.splitlines() if "Reading up" in line)
        assert "!2" in row and "!20" in row
        # subprocess 1's midpoint (about 12.5) is far above the national 0.2-0.9
        assert "!" in next(
            line
            for line in text.splitlines()
            if "1 Preparation" in line and "│" in line[:3] or "1 Preparation (partial)" in line
        )
        await pilot.press("ctrl+g")  # the next cell to check: the empty ones after the first
        await settle(pilot)
        cell = app.screen.grid.cursor_cell
        assert (cell.activity_id, cell.group_id) == (SECOND, "taet_paa")
        status = "".join(screen_text(app).splitlines()[-3:-1])
        assert "over 5× the low" in status
        assert "over 2× outside the national" in status
        await pilot.press("ctrl+g")
        await settle(pilot)
        cell = app.screen.grid.cursor_cell
        assert (cell.activity_id, cell.group_id, cell.side) == (THIRD, "taet_paa", "low")


@run_async
async def test_a_range_typed_in_the_low_column_moves_on_to_the_next_groups_low(editor):
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_text(pilot, "2-3")
        await pilot.press("enter")
        await settle(pilot)
        cell = app.screen.grid.cursor_cell
        assert (cell.activity_id, cell.group_id, cell.side) == (FIRST, "langt_fra", "low")


@run_async
async def test_a_partial_total_is_not_flagged_for_being_low(editor):
    """One activity of four: its sum is far below the national range, and says partial only."""
    editor.set_hours(FIRST, "taet_paa", "low", "0,01-0,02")
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        line = next(x for x in screen_text(app).splitlines() if "1 Preparation (partial)" in x)
        assert "!" not in line


@run_async
async def test_the_start_screen_counts_a_half_filled_cell_as_not_filled(complete):
    from tests.functional.test_app_start import wait_for_list
    from workshop_tui.tui.app import WorkshopApp

    first = REHAB.activity_ids[0]
    complete.set_hours(first, complete.session.groups[0], "high", "")
    app = WorkshopApp(CATALOGUE, complete.path.parent, "en", today=date(2024, 3, 1))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_list(pilot)
        row = next(line for line in screen_text(app).splitlines() if "Demoby" in line)
        assert "98%" in row and "100%" not in row


@run_async
async def test_flags_show_in_presentation_and_the_watch_view_too(editor):
    editor.set_hours(FIRST, "taet_paa", "low", "1-2")
    editor.set_hours(SECOND, "taet_paa", "low", "2-20")  # high 10 times the low
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await settle(pilot)
        shown = screen_text(app)
        # subprocess 1 (3-22, mid 12.5) is far above the national 0.2-0.9
        line = next(x for x in shown.splitlines() if "1 Preparation" in x)
        assert "12.5!" in line
        assert "over 2× outside the national" in shown
    watch = start_app(editor.path, CATALOGUE)
    async with watch.run_test(size=(150, 40)) as pilot:
        await pilot.pause()
        estimates = widget_text(watch.query_one("LiveEstimates"))
        assert "!2–20" in estimates
        assert "12.5!" in widget_text(watch.query_one("LiveTotals"))
