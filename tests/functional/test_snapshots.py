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
from workshop_tui.core.catalogue import load_catalogue
from workshop_tui.core.demo import FICTITIOUS_MUNICIPALITIES, demo_session
from workshop_tui.core.editor import SessionEditor
from workshop_tui.core.storage import save_session, session_filename
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
    assert snap_compare(estimate_app(folder), terminal_size=size, press=["p"])


@pytest.mark.parametrize("size", SIZES)
def test_help_screen(snap_compare, folder, size):
    assert snap_compare(estimate_app(folder), terminal_size=size, press=["question_mark"])
