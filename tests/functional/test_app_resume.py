"""Resuming: the start screen's list, `open FILE`, and reopening shows everything as it was."""

import argparse
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime

from tests.functional.helpers import (
    CATALOGUE,
    burst,
    run_async,
    screen_text,
)
from tests.waiting import LIMIT
from workshop_tui.cli.app import build_app
from workshop_tui.cli.main import main
from workshop_tui.core.demo import demo_session
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.session.storage import load_session, save_session, session_filename
from workshop_tui.tui.app import WorkshopApp
from workshop_tui.tui.screens.estimate.screen import EstimateScreen

INTERVIEWS = CATALOGUE.get("jobsamtaler")
SANCTIONS = CATALOGUE.get("sanktioner")


def args(command=None, **values) -> argparse.Namespace:
    return argparse.Namespace(command=command, lang="en", processes=[], dir=None, **values)


def write(folder, session):
    path = folder / session_filename(session)
    save_session(session, path, touch=False)
    return path


@run_async
async def test_the_start_screen_lists_workshops_newest_first_with_how_complete_they_are(tmp_path):
    full = demo_session(INTERVIEWS, "Fullby", workshop_date=date(2024, 3, 1))
    half = demo_session(SANCTIONS, "Halfby", workshop_date=date(2024, 4, 2))
    # keep the first subprocess's activities only: 3 of 14 filled for each group
    kept = {a.id for a in SANCTIONS.subprocesses[0].activities}
    half = half.model_copy(
        update={
            "activities": {k: v for k, v in half.activities.items() if k in kept},
            "updated_at": datetime(2024, 4, 2, 15, tzinfo=UTC),
        }
    )
    write(tmp_path, full)
    write(tmp_path, half)
    (tmp_path / "notes.json").write_text("not a session")  # skipped, not fatal

    app = WorkshopApp(CATALOGUE, tmp_path, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        lines = [line for line in screen_text(app).splitlines() if "by " in line]
        assert "Halfby" in lines[0] and "Sanctions" in lines[0] and "21%" in lines[0]
        assert "Fullby" in lines[1] and "Job interviews" in lines[1] and "100%" in lines[1]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EstimateScreen)
        assert app.screen.editor.session == full
        assert "Fullby · Job interviews" in screen_text(app)


@run_async
async def test_reopening_shows_every_entry_note_and_local_activity(tmp_path):
    editor = SessionEditor.create(
        INTERVIEWS,
        tmp_path,
        municipality="Testby",
        workshop_date=date(2024, 3, 1),
        groups=["taet_paa"],
    )
    editor.set_hours("selve_samtalen", "taet_paa", "low", "0,75")
    editor.set_hours("selve_samtalen", "taet_paa", "high", "1,25")
    editor.set_note("selve_samtalen", "Interpreter in one of five")
    local = editor.add_local_activity(3, "Archive the interview").activity_id
    editor.set_hours(local, "taet_paa", "low", "0,25")
    editor.toggle_not_applicable("indkaldelse")

    app = build_app(args("open", file=editor.path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        line = next(line for line in text.splitlines() if "The interview itself" in line)
        assert "0.75" in line and "1.25" in line and "✎" in line
        assert "+ Archive the interview" in text
        assert "1.0–1.5" in text  # 0,75-1,25 plus the local 0,25
        summoning = next(line for line in text.splitlines() if "Summoning" in line)
        assert "n/a" in summoning


@run_async
async def test_figures_typed_the_moment_the_session_opens_land_in_the_first_cell(tmp_path):
    """Keys the facilitator types while `open FILE` is still starting are not lost: they
    wait for the estimate screen and land in the first cell. An Enter typed before the
    program has the terminal comes as a newline (Ctrl+J): it saves as Enter does."""
    path = write(tmp_path, demo_session(INTERVIEWS, "Testby"))
    app = build_app(args("open", file=path))
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, ["7", "ctrl+j", "9", "enter"])
        await pilot.pause()
        editor = app.screen.editor
        first, group = editor.lines()[0].id, editor.session.groups[0]
    estimate = load_session(path).activities[first].estimates[group]
    assert (estimate.low, estimate.high) == (7, 9)


def test_open_of_a_missing_or_broken_file_is_a_clear_error_with_exit_code_2(tmp_path, capsys):
    assert main(["--lang", "en", "open", str(tmp_path / "missing.json")]) == 2
    assert "file not found" in capsys.readouterr().err
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema_version": 1, "process_id": "jobsamtaler"')
    assert main(["--lang", "en", "open", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "Invalid session file" in err and "not valid JSON" in err
    assert "Traceback" not in err


@run_async
async def test_demo_opens_a_filled_fictitious_workshop_outside_exports(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    app = build_app(args("demo"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "DEMO, fictitious figures" in text and "(fiktiv)" in text
        assert "100% filled" in text
    assert app.folder != tmp_path / "exports" and not (tmp_path / "exports").exists()
    assert len(list(app.folder.glob("*.json"))) == len(CATALOGUE)


def test_starting_the_app_loads_neither_pandas_nor_the_exporters(tmp_path):
    """Nor ctypes, which only the lock's check of a Windows process needs (20 ms a start)."""
    editor = SessionEditor.create(
        INTERVIEWS,
        tmp_path,
        municipality="Testby",
        workshop_date=date(2024, 3, 1),
        groups=["taet_paa"],
    )
    editor.close()  # the file is ready; the app in the child process opens (and locks) it
    code = (
        "import sys, argparse\n"
        "from workshop_tui.cli.app import build_app\n"
        f"args = argparse.Namespace(command='open', file={str(editor.path)!r}, lang='en', "
        "processes=[], dir=None)\n"
        "app = build_app(args)\n"
        "import workshop_tui.tui.screens.estimate.screen, workshop_tui.tui.screens.start\n"
        "heavy = ('pandas', 'openpyxl', 'textual_serve', 'workshop_tui.core.exports', 'ctypes')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy or m in heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=LIMIT, check=True
    )
    assert result.stdout.strip() == "[]"
