"""Starting `workshop-tui`: the start screen paints before the core loads, then lists.

The first frame (title, folder, column headings, "Loading workshops…", keys) is
drawn before pydantic and the catalogue are imported; the list fills right after.
Errors found while starting still end the program with a red message and exit 2.
"""

import argparse
import functools
import gc
import subprocess
import sys
from datetime import date

import pytest
from textual.app import App

from tests.functional.helpers import CATALOGUE, run_async, screen_text
from tests.waiting import LIMIT, wait_for_async
from workshop_tui.cli.app import build_app, start_objects_frozen
from workshop_tui.cli.main import main
from workshop_tui.core.demo import demo_session
from workshop_tui.core.errors import Problem, WorkshopError
from workshop_tui.core.session.storage import save_session, session_filename
from workshop_tui.tui.app import WorkshopApp
from workshop_tui.tui.screens.start import StartScreen


def start_args(folder, processes=()) -> argparse.Namespace:
    return argparse.Namespace(command=None, lang="en", processes=list(processes), dir=folder)


def write_workshop(folder, process_id="jobsamtaler", municipality="Firstby"):
    session = demo_session(CATALOGUE.get(process_id), municipality, workshop_date=date(2024, 3, 1))
    save_session(session, folder / session_filename(session), touch=False)


async def wait_for_list(pilot) -> StartScreen:
    """Until the start screen has read the catalogue and the sessions and shows them."""

    def listed() -> bool:
        screen = pilot.app.screen
        return isinstance(screen, StartScreen) and screen.loaded

    await wait_for_async(
        listed, "the start screen to list the workshops", pause=lambda: pilot.pause(0.01)
    )
    await pilot.pause()
    return pilot.app.screen


def test_the_app_and_its_start_screen_import_neither_pydantic_nor_the_core():
    code = (
        "import sys\n"
        "import workshop_tui.tui.app, workshop_tui.cli.app, workshop_tui.tui.screens.start\n"
        "core = ('workshop_tui.core.session.model', 'workshop_tui.core.process.catalogue',\n"
        "        'workshop_tui.core.session.editor', 'workshop_tui.core.session.storage',\n"
        "        'workshop_tui.core.totals')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'yaml')\n"
        "             or m in core))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=LIMIT, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_default_folder_is_the_one_storage_saves_to():
    from workshop_tui.cli.app import DEFAULT_FOLDER
    from workshop_tui.core.session.storage import DEFAULT_EXPORT_DIR

    assert DEFAULT_FOLDER == DEFAULT_EXPORT_DIR
    assert build_app(start_args(None)).folder == DEFAULT_EXPORT_DIR


@run_async
async def test_the_first_frame_shows_the_screen_then_the_list_fills(tmp_path, monkeypatch):
    write_workshop(tmp_path)
    shown_before_loading = []
    load = StartScreen.load

    def note_screen_then_load(screen):
        if not screen.loaded:
            shown_before_loading.append(screen_text(screen.app))
        load(screen)

    monkeypatch.setattr(StartScreen, "load", note_screen_then_load)
    app = build_app(start_args(tmp_path))
    assert app.catalogue is None  # the bundled catalogue waits for the first frame
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_list(pilot)
        first = shown_before_loading[0]
        assert "Time estimates for job-centre key processes" in first
        assert "Municipality" in first and "Filled" in first
        assert "Loading workshops…" in first and "Firstby" not in first
        text = screen_text(app)
        assert "Firstby" in text and "Job interviews" in text and "100%" in text
        assert "Loading" not in text
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.editor.session.municipality == "Firstby"


@run_async
async def test_a_key_typed_before_the_list_shows_waits_for_the_catalogue(tmp_path, monkeypatch):
    from workshop_tui.tui.screens.new_workshop import NewWorkshopScreen

    # the load after the first frame never comes: only the key can load the catalogue
    monkeypatch.setattr(StartScreen, "_load_after_first_frame", lambda screen: None)
    app = build_app(start_args(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Loading workshops…" in screen_text(app)
        await pilot.press("enter")  # nothing to open on an empty list: nothing happens
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        await pilot.press("n")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, NewWorkshopScreen)
        assert app.catalogue is not None and "Job interviews" in [
            process.name.en for process in app.screen.catalogue
        ]


@run_async
async def test_the_empty_folder_message_comes_after_loading_not_before(tmp_path):
    app = build_app(start_args(tmp_path / "no-such-folder"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_list(pilot)
        text = screen_text(app)
        assert "No workshops here yet" in text and "Loading" not in text


def test_a_broken_process_folder_is_reported_before_the_app_starts(tmp_path, capsys, monkeypatch):
    broken = tmp_path / "processes"
    broken.mkdir()
    (broken / "mine.yaml").write_text("id: mine\nsubprocesses: [\n")

    def no_app(self, *args, **kwargs):
        raise AssertionError("the app started")

    monkeypatch.setattr(WorkshopApp, "run", no_app)
    assert main(["--lang", "en", "--processes", str(broken), "--dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "mine.yaml" in err and "Traceback" not in err


def test_a_broken_bundled_catalogue_ends_the_app_with_a_clear_error(tmp_path, capsys, monkeypatch):
    import workshop_tui.core.process.catalogue

    def broken_catalogue(extra_dirs=(), lang="en"):
        raise WorkshopError(
            "Invalid process file", [Problem(tmp_path / "jobsamtaler.yaml", "YAML syntax error", 3)]
        )

    monkeypatch.setattr(workshop_tui.core.process.catalogue, "load_catalogue", broken_catalogue)
    # no terminal in tests: the real app, run headless
    monkeypatch.setattr(WorkshopApp, "run", functools.partialmethod(App.run, headless=True))
    assert main(["--lang", "en", "--dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "Invalid process file" in err and "jobsamtaler.yaml:3" in err
    assert "Traceback" not in err


@run_async
async def test_no_bundled_process_ends_the_app_with_the_message_not_an_empty_form(
    tmp_path, monkeypatch
):
    from workshop_tui.core.process import catalogue

    empty = tmp_path / "bundled"
    empty.mkdir()
    monkeypatch.setattr(catalogue, "bundled_process_folder", lambda lang="en": empty)
    app = build_app(start_args(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")  # the key that met an empty list of processes
        for _ in range(500):
            if app.startup_error is not None:
                break
            await pilot.pause(0.01)
    assert app.return_code == 2
    assert app.startup_error.title == "No processes"
    assert str(empty) in app.startup_error.detail


def test_the_garbage_collector_runs_again_after_the_start_even_when_the_start_fails():
    """The start pauses the collector (a speed trick): it must be running again after,
    or an app open for a half-day would keep every cycle of garbage it makes."""
    try:
        with pytest.raises(WorkshopError), start_objects_frozen():
            assert not gc.isenabled()
            raise WorkshopError("A broken process file")
        assert gc.isenabled()
    finally:
        gc.unfreeze()  # the test process's own objects back in the collector's reach
        gc.enable()
