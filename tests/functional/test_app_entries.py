"""Entries in the grid: refused input, low above high, not applicable, local activities, undo."""

from tests.functional.helpers import (
    CATALOGUE,
    app_for,
    run_async,
    saved,
    screen_text,
    type_text,
)

INTERVIEWS = CATALOGUE.get("jobsamtaler")
FIRST, SECOND = INTERVIEWS.activity_ids[:2]  # indkaldelse, orientering_i_sag


@run_async
async def test_a_refused_entry_stays_with_its_reason_and_is_not_saved(editor):
    app = app_for(editor)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        before = editor.path.read_bytes()
        await type_text(pilot, "5000")
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Not saved: '5000' is more than 1000 hours" in text
        entry = app.screen.grid.entry
        assert (entry.text, entry.selected) == ("5000", True)  # still in the cell, selected
        assert editor.path.read_bytes() == before
        await pilot.press("backspace", "backspace", "backspace", "enter")  # fixed: now "5"
        await pilot.pause()
        assert saved(editor).estimate(FIRST, "taet_paa").low == 5
        assert "Not saved" not in screen_text(app)


@run_async
async def test_escape_cancels_the_entry_being_typed(editor):
    app = app_for(editor)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await type_text(pilot, "2 3")  # two numbers: refused
        await pilot.press("enter")
        await pilot.pause()
        assert "several numbers" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "several numbers" not in screen_text(app)
        assert saved(editor).activities == {}
        assert not app.screen.grid.editing


@run_async
async def test_low_above_high_is_flagged_at_once_and_both_figures_are_kept(editor):
    app = app_for(editor)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("3", "enter", "1", "enter")
        await pilot.pause()
        line = next(line for line in screen_text(app).splitlines() if "Summoning" in line)
        assert "!3" in line and "!1" in line
        await pilot.press("left")
        await pilot.pause()
        assert "Low is above high for Close to the labour market" in screen_text(app)
        estimate = saved(editor).estimate(FIRST, "taet_paa")
        assert (estimate.low, estimate.high) == (3, 1)
        await pilot.press("4", ",", "5", "enter")  # fix the high: 4,5 with a decimal comma
        await pilot.pause()
        assert "!" not in next(
            line for line in screen_text(app).splitlines() if "Summoning" in line
        )


@run_async
async def test_delete_clears_a_cell(editor):
    app = app_for(editor)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("2", "enter", "left", "delete")
        await pilot.pause()
        assert FIRST not in saved(editor).activities


@run_async
async def test_not_applicable_leaves_an_activity_out_and_refuses_figures(editor):
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("1", "enter", "2", "enter")
        await pilot.press("down", "home", "3", "enter")
        await pilot.pause()
        assert "4.0–5.0" in screen_text(app)  # 1+3 and 2+3
        await pilot.press("up", "ctrl+r")
        await pilot.pause()
        assert saved(editor).entry(FIRST).not_applicable
        assert "3.0–3.0" in screen_text(app)
        assert "Not applicable here" in screen_text(app)
        await pilot.press("home", "4", "enter")
        await pilot.pause()
        assert "marked not applicable" in screen_text(app)
        assert saved(editor).estimate(FIRST, "taet_paa").low == 1  # unchanged
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert not saved(editor).entry(FIRST).not_applicable
        assert "4.0–5.0" in screen_text(app)


@run_async
async def test_a_local_activity_is_added_renamed_filled_and_removed(editor):
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+a")
        await pilot.pause()
        await type_text(pilot, "Interpreter booked")
        await pilot.press("enter")
        await pilot.pause()
        session = saved(editor)
        assert [(a.subprocess, a.name) for a in session.local_activities] == [
            (1, "Interpreter booked")
        ]
        local_id = session.local_activities[0].id
        assert "+ Interpreter booked" in screen_text(app)
        # the cursor is on the new activity: type its figures
        await pilot.press("2", "enter")
        await pilot.pause()
        assert saved(editor).estimate(local_id, "taet_paa").low == 2
        assert "2.0–2.0" in screen_text(app)  # subprocess 1 and the total

        await pilot.press("f6", "ctrl+u")
        await type_text(pilot, "Interpreter booked and confirmed")
        await pilot.press("enter")
        await pilot.pause()
        assert saved(editor).local_activities[0].name == "Interpreter booked and confirmed"

        await pilot.press("f8")
        await pilot.pause()
        assert saved(editor).local_activities == []
        assert local_id not in saved(editor).activities
        assert "Interpreter" not in screen_text(app).split("Totals")[0]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert saved(editor).estimate(local_id, "taet_paa").low == 2
        assert "+ Interpreter booked and confirmed" in screen_text(app)


@run_async
async def test_defined_activities_cannot_be_renamed_or_removed(editor):
    app = app_for(editor)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        assert "Only activities added in the room" in screen_text(app)
        assert saved(editor).activities == {} and saved(editor).local_activities == []


@run_async
async def test_undo_and_redo_of_entries_show_on_screen_and_in_the_file(editor):
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("1", "enter", "2", "enter")
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert saved(editor).estimate(FIRST, "taet_paa").high is None
        assert "Undone: High for 'Summoning the citizen or self-booking'" in screen_text(app)
        assert "1.0–1.0" in screen_text(app)
        await pilot.press("ctrl+z", "ctrl+z")
        await pilot.pause()
        assert saved(editor).activities == {}
        assert "Nothing to undo" in screen_text(app)
        await pilot.press("ctrl+y", "ctrl+y")
        await pilot.pause()
        estimate = saved(editor).estimate(FIRST, "taet_paa")
        assert (estimate.low, estimate.high) == (1, 2)
        assert "1.0–2.0" in screen_text(app)


@run_async
async def test_arrows_tab_and_mouse_move_the_cursor(editor):
    app = app_for(editor)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        grid = app.screen.grid
        await pilot.press("right", "right", "down")
        assert (grid.cursor_cell.activity_id, grid.cursor_cell.group_id, grid.cursor_cell.side) == (
            SECOND,
            "langt_fra",
            "low",
        )
        await pilot.press("tab", "tab")  # past the row's end onto the next activity
        assert grid.cursor_cell.side == "low" and grid.cursor_cell.group_id == "taet_paa"
        await pilot.press("shift+tab")
        assert grid.cursor_cell.activity_id == SECOND
        # click the first activity's "far" high cell, then double-click to edit it
        x = grid._cell_starts()[3] + 1
        y = grid.header_height + 1  # row 0 is subprocess 1's heading
        await pilot.click(grid, offset=(x, y))
        assert (grid.cursor_cell.activity_id, grid.cursor_cell.group_id, grid.cursor_cell.side) == (
            FIRST,
            "langt_fra",
            "high",
        )
        await pilot.click(grid, offset=(x, y), times=2)
        assert grid.editing
        await pilot.press("ctrl+u", "7", "enter")
        await pilot.pause()
        assert saved(editor).estimate(FIRST, "langt_fra").high == 7
