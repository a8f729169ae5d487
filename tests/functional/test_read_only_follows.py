"""A read-only second window follows the file, as `watch` does: what the window that
holds the session saves shows here within moments, and this window still writes nothing."""

from __future__ import annotations

import argparse

import pytest

from tests.functional.helpers import CATALOGUE, run_async, screen_lines, settle
from tests.functional.test_two_writers import CELL, Writer
from tests.hostile.inputs import write_good_session
from workshop_tui.cli import app as cli_app
from workshop_tui.cli.app import build_app
from workshop_tui.core.session.storage import load_session
from workshop_tui.tui.screens.estimate.screen import EstimateScreen
from workshop_tui.tui.screens.lock_dialog import LockDialog


@pytest.fixture(autouse=True)
def on_a_terminal(monkeypatch):
    """`open FILE` asks in a dialog only on a terminal (elsewhere: exit code 2)."""
    monkeypatch.setattr(cli_app, "on_a_terminal", lambda: True)


def open_command(path, lang: str):
    args = argparse.Namespace(
        command="open", file=path, processes=[], lang=lang, lang_given=True, dir=None
    )
    return build_app(args)


async def until(pilot, condition, seconds: float = 20.0) -> bool:
    """Wait until `condition()` holds (True), or give up after `seconds` (False)."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


def row_of(app, activity_id: str) -> str:
    """The screen line of an activity's row in the grid."""
    process = CATALOGUE.get(load_session(app.screen.editor.path).process_id)
    activities = [a for sub in process.subprocesses for a in sub.activities]
    name = next(a for a in activities if a.id == activity_id).name.in_lang("da")
    first_word = name.split()[0]  # a long name wraps onto further lines
    return next(line for line in screen_lines(app) if first_word in line and "│" in line)


@run_async
async def test_a_read_only_window_shows_what_the_other_window_saves(tmp_path):
    path = write_good_session(tmp_path, "a.json")
    writer = Writer(path)
    try:
        assert writer.first_line == "opened"
        assert writer.set_low("1,5") == "saved"
        app = open_command(path, "da")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, LockDialog)
            await pilot.press("enter")  # "Åbn skrivebeskyttet" has the focus
            await settle(pilot)
            assert isinstance(app.screen, EstimateScreen)
            assert "1,5 " in row_of(app, CELL[0])
            before = path.read_bytes()
            assert writer.set_low("1") == "saved"
            shown = await until(pilot, lambda: "1,5 " not in row_of(app, CELL[0]))
            assert shown, row_of(app, CELL[0])
            assert app.screen.editor.session.estimate(*CELL).low == 1
            assert "skrivebeskyttet" in screen_lines(app)[0]
            assert path.read_bytes() != before
            after = path.read_bytes()
            await pilot.press("7", "enter")  # still read-only: refused, nothing written
            await settle(pilot)
            assert path.read_bytes() == after
    finally:
        writer.quit()
