"""Not applicable for one target group (Ctrl+D), in the real app, the saved file and beyond.

The cell is left out of that group's sums and of 'filled' everywhere (header,
totals panel, watch view, presentation, merge), cannot be typed into, is passed
by Enter and Ctrl+G, undoes with Ctrl+Z, and the whole activity's switch (Ctrl+R)
keeps working and wins.
"""

import csv
import io
import json

import pytest

from tests.functional.helpers import (
    CATALOGUE,
    app_for,
    run_async,
    saved,
    screen_text,
    searched,
    settle,
    type_text,
)
from tests.functional.test_watch import start_app, widget_text
from workshop_tui.cli.main import main
from workshop_tui.core.demo import demo_session
from workshop_tui.core.formatting import range_text
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.session.storage import save_session, session_filename
from workshop_tui.core.totals import group_totals
from workshop_tui.tui.app import WorkshopApp
from workshop_tui.tui.screens.presentation import PresentationScreen

REHAB = CATALOGUE.get("rehabiliteringsteam")
FIRST, SECOND = REHAB.activity_ids[:2]  # opstartssamtale, understoette_borger
NEAR = "langt_fra"  # the first group: its cells are the grid's first two columns
OTHER = "syg_til_jobafklaring"


@pytest.fixture
def complete(tmp_path):
    """The rehabilitation team's workshop with every cell filled (the demo's figures)."""
    session = demo_session(REHAB, "Demoby")
    path = tmp_path / session_filename(session)
    save_session(session, path, touch=False)
    editor = SessionEditor.open(path, CATALOGUE, "en")
    yield editor
    editor.close()


def grid_line(app, name: str) -> str:
    return next(line for line in screen_text(app).splitlines() if name in line)


def flat_text(app) -> str:
    """The screen's words with runs of spaces and line ends as one space (the status
    line wraps a long sentence)."""
    return " ".join(screen_text(app).split())


def group_total_shown(editor, group: str) -> str:
    total = group_totals(REHAB, editor.session, group).total
    return range_text(total.low, total.high, "en")


@run_async
async def test_ctrl_d_marks_one_groups_cell_in_the_grid_totals_and_file_and_undo_restores(
    complete,
):
    app = app_for(complete)
    before = complete.session.estimate(FIRST, NEAR)
    full_total = group_total_shown(complete, NEAR)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "16/16 filled" in screen_text(app)
        app.screen.grid.move_to(FIRST, NEAR, "low")
        await pilot.press("ctrl+d")
        await settle(pilot)
        on_disk = saved(complete)
        assert on_disk.estimate(FIRST, NEAR).not_applicable
        assert not on_disk.entry(FIRST).not_applicable  # the other groups still count
        assert not on_disk.estimate(FIRST, OTHER).not_applicable
        # the figures are kept, to come back when the mark goes
        assert (on_disk.estimate(FIRST, NEAR).low, on_disk.estimate(FIRST, NEAR).high) == (
            before.low,
            before.high,
        )
        text = screen_text(app)
        row = grid_line(app, "Start-up")
        assert row.count("n/a") == 2  # this group's low and high only
        assert "is not applicable for Far from the labour market: left out" in flat_text(app)
        assert "15/15 filled" in text  # that group's panel: the cell is not expected
        assert "16/16 filled" in text  # the other groups' panels
        assert "100% filled" in text
        marked_total = group_total_shown(complete, NEAR)
        assert marked_total != full_total and marked_total in text
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert not saved(complete).estimate(FIRST, NEAR).not_applicable
        assert "Undone: not applicable (one group) for 'Start-up meeting" in flat_text(app)
        assert "n/a" not in grid_line(app, "Start-up")
        assert "15/15 filled" not in screen_text(app)
        assert full_total in screen_text(app)


@run_async
async def test_a_cell_not_applicable_for_its_group_is_not_missing_from_filled(complete):
    """Emptying one cell makes the workshop less than whole; marking it n/a makes it whole."""
    app = app_for(complete)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.grid.move_to(SECOND, NEAR, "low")
        await pilot.press("delete", "right", "delete")
        await settle(pilot)
        assert saved(complete).estimate(SECOND, NEAR).high is None
        assert "98% filled" in screen_text(app) and "15/16 filled" in screen_text(app)
        await pilot.press("ctrl+d")
        await settle(pilot)
        text = screen_text(app)
        assert "100% filled" in text and "15/15 filled" in text
        assert "(partial)" not in text
        assert grid_line(app, "Helping").count("n/a") == 2


@run_async
async def test_typing_into_it_is_refused_naming_the_activity_and_the_group(complete):
    app = app_for(complete)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.grid.move_to(FIRST, NEAR, "high")
        await pilot.press("ctrl+d")
        await settle(pilot)
        before = complete.path.read_bytes()
        await pilot.press("7", "enter")
        await settle(pilot)
        text = flat_text(app)
        assert (
            "Not saved: 'Start-up meeting with the citizen about the rehabilitation process' "
            "is marked not applicable for Far from the labour market; press Ctrl+D" in text
        )
        assert complete.path.read_bytes() == before
        assert not app.screen.grid.editing
        # the neighbouring group's cell takes figures as before
        app.screen.grid.move_to(FIRST, OTHER, "low")
        await pilot.press("7", "enter")
        await settle(pilot)
        assert saved(complete).estimate(FIRST, OTHER).low == 7


@run_async
async def test_the_whole_activitys_switch_keeps_working_and_wins(complete):
    app = app_for(complete)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.grid.move_to(FIRST, NEAR, "low")
        await pilot.press("ctrl+d")
        await settle(pilot)
        await pilot.press("ctrl+r")  # now the whole activity
        await settle(pilot)
        assert saved(complete).entry(FIRST).not_applicable
        assert grid_line(app, "Start-up").count("n/a") == 6  # every group's two cells
        before = complete.path.read_bytes()
        await pilot.press("ctrl+d")  # refused while the whole activity is marked
        await settle(pilot)
        assert "is marked not applicable for every group; press Ctrl+R" in flat_text(app)
        assert complete.path.read_bytes() == before
        await pilot.press("ctrl+r")  # the group's own mark is still there
        await settle(pilot)
        on_disk = saved(complete)
        assert not on_disk.entry(FIRST).not_applicable
        assert on_disk.estimate(FIRST, NEAR).not_applicable
        assert grid_line(app, "Start-up").count("n/a") == 2


@run_async
async def test_enter_and_next_to_check_pass_the_cell_by(editor):
    interviews = CATALOGUE.get("jobsamtaler")
    first = interviews.activity_ids[0]
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.grid.move_to(first, "langt_fra", "low")
        await pilot.press("ctrl+d")
        await settle(pilot)
        app.screen.grid.move_to(first, "taet_paa", "low")
        await pilot.press("1", "enter", "2", "enter")  # on past the n/a group's cells
        await settle(pilot)
        cell = app.screen.grid.cursor_cell
        assert (cell.activity_id, cell.group_id, cell.side) == (
            interviews.activity_ids[1],
            "taet_paa",
            "low",
        )
        app.screen.grid.move_to(first, "taet_paa", "high")
        await pilot.press("ctrl+g")  # the next empty cell is not the n/a one
        await settle(pilot)
        cell = app.screen.grid.cursor_cell
        assert (cell.activity_id, cell.group_id) == (interviews.activity_ids[1], "taet_paa")


@run_async
async def test_the_watch_view_and_presentation_leave_it_out(complete):
    complete.set_group_not_applicable(FIRST, NEAR, True)
    app = app_for(complete)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.grid.move_to(FIRST, NEAR, "low")
        await pilot.press("f5")
        await settle(pilot)
        assert isinstance(app.screen, PresentationScreen)
        shown = screen_text(app)
        assert "15 of 15 activities estimated" in shown and "PARTIAL" not in shown
    watch = start_app(complete.path, CATALOGUE)
    async with watch.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        header = widget_text(watch.query_one("LiveHeader"))
        assert "Filled in: 47 of 47 estimates (100%)" in header
        estimates = widget_text(watch.query_one("LiveEstimates"))
        row = next(line for line in estimates.splitlines() if "Start-up" in line)
        assert row.count("n/a") == 1  # one group's cell; the other two show figures


@run_async
async def test_ctrl_d_is_in_the_palette_and_on_the_help_screen_in_danish(complete):
    complete.lang = "da"
    app = WorkshopApp(CATALOGUE, complete.path.parent, "da", editor=complete)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await settle(pilot)
        rows = [line for line in screen_text(app).splitlines() if "Ctrl+D" in line]
        assert any("ikke relevant kun for markørens målgruppe" in row for row in rows)
        assert any(
            "i.r. ikke relevant (Ctrl+R aktiviteten, Ctrl+D én målgruppe)" in row for row in rows
        )
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await type_text(pilot, "gruppe")
        await searched(pilot)
        text = flat_text(app)
        assert "Ikke rel. gruppe Ctrl+D · Markér aktiviteten som ikke relevant kun for" in text
        await pilot.press("enter")  # runs it, on the cursor's cell
        await settle(pilot)
        assert saved(complete).estimate(FIRST, NEAR).not_applicable
        assert "er ikke relevant for Langt fra arbejdsmarkedet" in flat_text(app)


def test_tidy_csv_and_merge_count_the_cells_as_not_applicable_for_that_group_only(
    complete, tmp_path, capsys
):
    complete.set_group_not_applicable(FIRST, NEAR, True)  # figures kept, left out
    complete.set_hours(SECOND, NEAR, "low", "")
    complete.set_hours(SECOND, NEAR, "high", "")
    complete.set_group_not_applicable(SECOND, NEAR, True)  # empty, and not missing
    marked = {(FIRST, NEAR), (SECOND, NEAR)}
    out = tmp_path / "tidy.csv"
    args = ["--lang", "en", "export", str(complete.path), "--format", "csv", "--out", str(out)]
    assert main(args) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    applicable = {(r["activity_id"], r["group_id"]): r["applicable"] for r in rows}
    assert {key for key, value in applicable.items() if value == "false"} == marked
    assert set(applicable.values()) == {"true", "false"}
    near_total = group_totals(REHAB, complete.session, NEAR).total
    capsys.readouterr()
    for source in (complete.path, out):  # the session file, and the tidy CSV read back
        merged = tmp_path / f"merged_{source.suffix[1:]}.json"
        args = ["--lang", "en", "merge", str(source), "--format", "json", "--out", str(merged)]
        assert main(args) == 0
        notes = capsys.readouterr().out
        assert "complete" not in notes  # no note of a workshop less than whole
        result = json.loads(merged.read_text(encoding="utf-8"))
        assert result["sessions"][0]["completeness"] == 1.0
        total = next(
            row for row in result["workshops"] if (row["group_id"], row["level"]) == (NEAR, "total")
        )
        assert total["low"] == pytest.approx(near_total.low)
        assert total["high"] == pytest.approx(near_total.high)
        drivers = {(row["group_id"], row["activity_id"]): row for row in result["activity_drivers"]}
        assert drivers[(NEAR, FIRST)]["n_not_applicable"] == 1
        assert drivers[(NEAR, FIRST)]["mean_mid"] == 0  # its hours are left out
        assert drivers[(OTHER, FIRST)]["n_not_applicable"] == 0
        assert drivers[(OTHER, FIRST)]["mean_mid"] > 0


@run_async
async def test_the_start_screens_list_counts_the_workshop_whole(complete):
    from tests.functional.test_app_start import wait_for_list

    complete.set_hours(SECOND, NEAR, "low", "")
    complete.set_hours(SECOND, NEAR, "high", "")

    async def listed() -> str:
        app = WorkshopApp(CATALOGUE, complete.path.parent, "en")
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for_list(pilot)
            return next(line for line in screen_text(app).splitlines() if "Demoby" in line)

    assert "98%" in await listed()  # one cell of 48 empty
    complete.set_group_not_applicable(SECOND, NEAR, True)
    assert "100%" in await listed()  # and now not expected
