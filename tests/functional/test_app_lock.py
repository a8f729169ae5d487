"""One writer per session, in the app: who holds it, read-only or take over, and honest saving.

Another program holding the session is a real second process (session_writer);
the app is built as `workshop-tui open FILE` builds it.
"""

import argparse
import errno
import json
import socket
from datetime import date

import pytest
from textual.widgets import TextArea

from tests.functional.helpers import CATALOGUE, app_for, run_async, saved, screen_text, settle
from tests.functional.test_two_writers import Writer
from tests.waiting import wait_for_async
from workshop_tui.cli import app as cli_app
from workshop_tui.cli.app import build_app
from workshop_tui.core.session import file as session_file
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.session.lock import SessionLockedError, lock_path
from workshop_tui.core.session.storage import load_session, save_session
from workshop_tui.tui.screens.estimate.screen import EstimateScreen
from workshop_tui.tui.screens.lock_dialog import LockDialog

INTERVIEWS = CATALOGUE.get("jobsamtaler")
FIRST = INTERVIEWS.activity_ids[0]


@pytest.fixture(autouse=True)
def on_a_terminal(monkeypatch):
    """`open FILE` asks in a dialog only on a terminal (elsewhere: exit code 2)."""
    monkeypatch.setattr(cli_app, "on_a_terminal", lambda: True)


@pytest.fixture
def path(tmp_path):
    editor = SessionEditor.create(
        INTERVIEWS,
        tmp_path,
        municipality="Testby",
        workshop_date=date(2024, 3, 1),
        groups=["taet_paa", "langt_fra"],
        lang="en",
    )
    editor.close()
    return editor.path


async def until_shown(pilot, app, text: str) -> str:
    """The screen's text once `text` is on it (a dialog over the empty first screen
    is drawn a moment after it is pushed)."""
    await wait_for_async(
        lambda: text in screen_text(app), repr(text), pause=lambda: pilot.pause(0.05)
    )
    return screen_text(app)


def open_command(path, lang: str = "en"):
    args = argparse.Namespace(
        command="open", file=path, processes=[], lang=lang, lang_given=True, dir=None
    )
    return build_app(args)


@run_async
async def test_a_second_window_is_told_who_holds_the_session_and_opens_it_read_only(path):
    other = Writer(path)
    try:
        assert other.first_line == "opened"
        before = path.read_bytes()
        app = open_command(path)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, LockDialog)
            text = await until_shown(pilot, app, "is open in another")
            assert "is open in another" in text
            assert f"process {other.process.pid}" in text
            assert socket.gethostname() in text
            assert "Take over" not in text  # its holder is alive on this computer
            await pilot.press("enter")  # "Open read-only" has the focus
            await settle(pilot)
            assert isinstance(app.screen, EstimateScreen)
            assert "read-only" in screen_text(app)
            await pilot.press("5", "enter")
            text = await until_shown(pilot, app, "Not saved:")
            assert "Not saved:" in text and "read-only" in text
            assert "all saved" not in text
        assert path.read_bytes() == before
        assert other.set_low("2") == "saved"  # the holder still writes
    finally:
        other.quit()


@run_async
async def test_the_lock_dialog_in_danish(path):
    other = Writer(path)
    try:
        app = open_command(path, "da")
        async with app.run_test(size=(120, 40)) as pilot:
            text = await until_shown(pilot, app, "er åben i et andet")
            assert "er åben i et andet" in text
            assert "Åbn skrivebeskyttet" in text
            await pilot.press("enter")
            await settle(pilot)
            assert "skrivebeskyttet" in screen_text(app)
    finally:
        other.quit()


def lock_from_another_computer(path) -> None:
    lock = {
        "app": "workshop-tui",
        "host": "laptop-in-room-2",
        "pid": 4242,
        "user": "anne",
        "since": "2024-03-01T09:00:00+00:00",
        "token": "elsewhere",
        "process_start": "",
    }
    lock_path(path).write_text(json.dumps(lock), encoding="utf-8")


@run_async
async def test_a_lock_from_another_computer_can_be_taken_over(path):
    lock_from_another_computer(path)
    app = open_command(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "anne on laptop-in-room-2" in text
        assert "Take over" in text
        app.screen.query_one("#take_over").press()
        await settle(pilot)
        assert isinstance(app.screen, EstimateScreen)
        await pilot.press("5", "enter")
        await settle(pilot)
        assert load_session(path).estimate(FIRST, "taet_paa").low == 5
        assert "all saved" in screen_text(app)
        assert str(__import__("os").getpid()) in lock_path(path).read_text()


@run_async
async def test_cancel_on_open_file_ends_with_the_locked_message(path):
    lock_from_another_computer(path)
    app = open_command(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
    assert isinstance(app.startup_error, SessionLockedError)  # run_app: exit code 2
    assert app.return_code == 2


@run_async
async def test_a_file_changed_by_another_program_is_not_overwritten_and_the_header_says_so(
    tmp_path,
):
    editor = one_group_workshop(tmp_path, "en")
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "all saved" in screen_text(app)
        theirs = load_session(editor.path).model_copy(update={"notes": "written elsewhere"})
        save_session(theirs, editor.path)
        await pilot.press("5", "enter")
        text = await until_shown(pilot, app, "NOT SAVED")
        assert "NOT SAVED" in text and "all saved" not in text
        told = [note.message for note in app._notifications]  # a toast wraps anywhere
        assert any("changed by another program" in message for message in told), told
    assert saved(editor).notes == "written elsewhere"
    assert saved(editor).estimate(FIRST, "taet_paa").low is None


@run_async
async def test_the_header_says_not_saved_while_saving_fails_and_saved_once_it_works(
    tmp_path, monkeypatch
):
    editor = one_group_workshop(tmp_path, "da")
    real_save = session_file.save_session

    def disk_full(session, path):
        raise OSError(errno.ENOSPC, "No space left on device")

    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(session_file, "save_session", disk_full)
        await pilot.press("5", "enter")
        await settle(pilot)
        assert "IKKE GEMT" in screen_text(app)
        assert editor.session.estimate(FIRST, "taet_paa").low == 5  # kept in the window
        monkeypatch.setattr(session_file, "save_session", real_save)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "IKKE GEMT" not in screen_text(app)
        assert "alt gemt" in screen_text(app)
    assert saved(editor).estimate(FIRST, "taet_paa").low == 5


@run_async
async def test_control_characters_are_refused_in_the_workshop_notes(tmp_path):
    editor = one_group_workshop(tmp_path, "en")
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+w")
        await settle(pilot)
        app.screen.query_one(TextArea).text = "fine\x1b[2J\x1b]0;owned\x07"
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = screen_text(app)
        assert "Control characters cannot be saved" in text
        assert "\\x1b" in text and "\\x07" in text
        assert not isinstance(app.screen, EstimateScreen)  # the dialog stays open
    assert saved(editor).notes == ""


@run_async
async def test_a_municipality_with_escape_codes_from_a_file_is_shown_escaped(tmp_path):
    editor = one_group_workshop(tmp_path, "en")
    data = json.loads(editor.path.read_text(encoding="utf-8"))
    editor.close()
    data["municipality"] = "Evil\x1b[2J\x1b]0;owned\x1b\\"
    editor.path.write_text(json.dumps(data), encoding="utf-8")
    editor = SessionEditor.open(editor.path, CATALOGUE, "en")
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "Evil\\x1b[2J\\x1b]0;owned\\x1b\\" in screen_text(app)


def one_group_workshop(folder, lang: str) -> SessionEditor:
    """A new job-interview workshop for the group close to the labour market, nothing typed."""
    return SessionEditor.create(
        INTERVIEWS,
        folder,
        municipality="Testby",
        workshop_date=date(2024, 3, 1),
        groups=["taet_paa"],
        lang=lang,
    )
