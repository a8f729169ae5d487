"""Snapshots of the start, estimate, presentation and help screens at 80x24 and 120x40.

Deterministic: fixed, fictitious sessions (demo figures with fixed dates), UTC for
"last change", a relative folder name, and no blinking cursors on these screens.
Regenerate with `pytest tests/functional/test_snapshots.py --snapshot-update`
and look at the SVGs before keeping them.
"""

import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tests.functional.test_app_start import wait_for_list
from workshop_tui.core.demo import FICTITIOUS_MUNICIPALITIES, demo_session
from workshop_tui.core.process.catalogue import load_catalogue
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.session.storage import save_session, session_filename
from workshop_tui.tui.app import WorkshopApp

CATALOGUE = load_catalogue()
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """exports/ with three fictitious workshops; times shown in UTC."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    exports = Path("exports")
    for index, process_id in enumerate(("jobsamtaler", "rehabiliteringsteam", "sanktioner")):
        process = CATALOGUE.get(process_id)
        session = demo_session(
            process, FICTITIOUS_MUNICIPALITIES[index], workshop_date=date(2024, 3, 1 + index)
        )
        if process_id == "sanktioner":  # half done
            kept = {a.id for s in process.subprocesses[:2] for a in s.activities}
            session = session.model_copy(
                update={"activities": {k: v for k, v in session.activities.items() if k in kept}}
            )
        session = session.model_copy(
            update={"updated_at": datetime(2024, 3, 1 + index, 11, 30, tzinfo=UTC)}
        )
        save_session(session, exports / session_filename(session), touch=False)
    yield exports
    monkeypatch.delenv("TZ")
    time.tzset()


def estimate_app(folder: Path) -> WorkshopApp:
    """Job interviews with the room's marks: a note, a local activity, n/a, low above high."""
    path = next(folder.glob("*_jobsamtaler_*.json"))
    editor = SessionEditor.open(path, CATALOGUE, "da")
    editor.set_note("selve_samtalen", "Tolk ved ca. hver femte samtale")
    editor.add_local_activity(2, "Bestilling af tolk")
    editor.toggle_not_applicable("kontakt_aktoerer")
    editor.set_hours("opfoelgning_aftaler", "sygemeldte", "low", "0,5")  # above its high
    editor.set_cost_driver_note(2, "Tolk giver længere samtaler")
    # the saves above stamp the time; keep it fixed for the snapshot
    editor.session = save_session(
        editor.session.model_copy(update={"updated_at": datetime(2024, 3, 1, 12, tzinfo=UTC)}),
        editor.path,
        touch=False,
    )
    return WorkshopApp(CATALOGUE, folder, "da", editor=editor, today=date(2024, 3, 1))


@pytest.mark.parametrize("size", SIZES)
def test_start_screen(snap_compare, folder, size):
    # as `workshop-tui` starts: no catalogue yet, the screen loads it after its first frame
    app = WorkshopApp(None, folder, "da", today=date(2024, 3, 1))
    assert snap_compare(app, terminal_size=size, run_before=wait_for_list)


@pytest.mark.parametrize("size", SIZES)
def test_estimate_screen(snap_compare, folder, size):
    # the cursor on the last activity, where low is above high
    assert snap_compare(estimate_app(folder), terminal_size=size, press=["pagedown"])


@pytest.mark.parametrize("size", SIZES)
def test_presentation_screen(snap_compare, folder, size):
    assert snap_compare(estimate_app(folder), terminal_size=size, press=["f5"])


@pytest.mark.parametrize("size", SIZES)
def test_help_screen(snap_compare, folder, size):
    assert snap_compare(estimate_app(folder), terminal_size=size, press=["f1"])


# ---------------------------------------------------------------- dialogs, form, watch, errors


def on_activity(activity_id: str, *keys: str):
    """A run_before that puts the grid's cursor on `activity_id`, then presses `keys`."""

    async def run_before(pilot) -> None:
        screen = pilot.app.screen
        if activity_id == "local":  # the activity the room added (its id is generated)
            target = screen.editor.session.local_activities[0].id
        else:
            target = activity_id
        screen.grid.move_to(target)
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_new_workshop_form(snap_compare, folder, size):
    """The new-workshop form as it opens: process, groups all ticked, today's date, the
    next quarter hour as the start and a half-day's length."""

    async def run_before(pilot) -> None:
        await wait_for_list(pilot)
        await pilot.press("n")
        await pilot.pause()

    clock = lambda: datetime(2024, 3, 1, 8, 50, tzinfo=UTC)  # noqa: E731  # starts 09:00
    app = WorkshopApp(None, folder, "da", today=date(2024, 3, 1), clock=clock)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_note_dialog(snap_compare, folder, size):
    """The note dialog on an activity that has a note: the text, and how to save or cancel."""
    run_before = on_activity("selve_samtalen", "ctrl+n")
    assert snap_compare(estimate_app(folder), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_workshop_notes_dialog(snap_compare, folder, size):
    """The free notes on the whole workshop, empty, in a multi-line field."""
    assert snap_compare(estimate_app(folder), terminal_size=size, press=["ctrl+w"])


@pytest.mark.parametrize("size", SIZES)
def test_staff_and_share_dialog(snap_compare, folder, size):
    """Staff taking part and share of cases per target group, for the activity at the cursor."""
    run_before = on_activity("selve_samtalen", "ctrl+f")
    assert snap_compare(estimate_app(folder), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_cost_drivers_dialog(snap_compare, folder, size):
    """Subprocess 2's cost drivers: the source's list and the room's note on them."""
    run_before = on_activity("selve_samtalen", "ctrl+k")
    assert snap_compare(estimate_app(folder), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_live_view_commands_dialog(snap_compare, folder, size, monkeypatch):
    """The live-view dialog (F7): the commands that show the totals in a terminal or browser.

    The commands name the program and the file by their absolute paths (the program's
    folder is not on PATH after the README's install); the test's temporary folder and
    the virtual environment are shown under /home/facilitator so that the picture does
    not change from run to run or machine to machine.
    """
    from workshop_tui.tui.screens import commands_dialog

    monkeypatch.setattr(
        commands_dialog, "program", lambda: "/home/facilitator/.venv/bin/workshop-tui"
    )
    real = commands_dialog.view_commands
    here = str(Path.cwd())

    def fixed_folder(path: Path) -> tuple[str, str]:
        watch, serve = real(path)
        return watch.replace(here, "/home/facilitator"), serve.replace(here, "/home/facilitator")

    monkeypatch.setattr(commands_dialog, "view_commands", fixed_folder)
    assert snap_compare(estimate_app(folder), terminal_size=size, press=["f7"])


@pytest.mark.parametrize("size", SIZES)
def test_new_local_activity_dialog(snap_compare, folder, size):
    """Adding an activity of the room's own to subprocess 2: an empty one-line field."""
    run_before = on_activity("selve_samtalen", "ctrl+a")
    assert snap_compare(estimate_app(folder), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_rename_local_activity_dialog(snap_compare, folder, size):
    """Renaming the activity the room added: the field holds its current name."""
    run_before = on_activity("local", "f6")
    assert snap_compare(estimate_app(folder), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_refused_entry_in_the_grid(snap_compare, folder, size):
    """An error state: 5000 hours typed and refused; the cell stays open, red, its text
    selected (typing replaces it), with the reason and what the keys do in the status line."""
    run_before = on_activity("selve_samtalen", "5", "0", "0", "0", "enter")
    assert snap_compare(estimate_app(folder), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_watch_view(snap_compare, folder, size):
    """`workshop-tui watch FILE`: the room's totals per group and the estimates, read-only.
    At 80x24 the totals blocks come first; at 120x40 one line per group's total, then the
    whole activity list with every group's column (names broken between words)."""
    from workshop_tui.core.session.watcher import SessionWatcher, catalogue_check
    from workshop_tui.tui.live.watch_app import WatchApp

    path = next(folder.glob("*_rehabiliteringsteam_*.json"))
    watcher = SessionWatcher(path, catalogue_check(CATALOGUE))
    watcher.load_first()
    assert snap_compare(WatchApp(watcher, CATALOGUE, "da"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_totals_folded_to_one_line(snap_compare, folder, size):
    """F10: the totals folded to one line below the grid (the cursor's group), the grid
    taking the rest of the screen."""
    assert snap_compare(estimate_app(folder), terminal_size=size, press=["f10"])
