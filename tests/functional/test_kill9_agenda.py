"""Time spent, with an agenda on screen, survives kill -9 and shows in the agenda dialog.

The real app runs in a pseudo-terminal (as in test_kill9.py) on a workshop with an
agenda: its agenda line is drawn. The session's time log says the last change was
five minutes ago (the room has been talking), so the first figure committed adds
those five minutes to subprocess 1. The process is then killed with SIGKILL, the
file is opened again in the app, and F4 shows the five minutes in the Spent column.
"""

import os
import signal
import sys
import time
from datetime import datetime, timedelta

import pytest

from tests.functional.helpers import CATALOGUE, app_for, run_async, screen_text, settle
from tests.functional.test_kill9 import saved_values, start_in_pty, wait_for
from tests.waiting import LIMIT
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.session.storage import load_session, save_session
from workshop_tui.core.workshop.model import TimeLog

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")


def test_time_spent_survives_kill_9_and_shows_in_the_agenda_dialog(tmp_path):
    # the app in the pty reads the real clock: the workshop is today, started 10 minutes ago
    # (a plan counts down on its own day only)
    started = (datetime.now() - timedelta(minutes=10)).replace(second=0, microsecond=0)
    editor = SessionEditor.create(
        CATALOGUE.get("jobsamtaler"),
        tmp_path,
        municipality="Testby",
        workshop_date=started.date(),
        groups=["taet_paa", "sygemeldte"],
    )
    editor.propose_agenda(started.time(), 90)
    talked_since = editor.clock() - timedelta(minutes=5)
    since_then = time.monotonic()
    session = editor.session.model_copy(update={"time_log": TimeLog(last_change_at=talked_since)})
    save_session(session, editor.path)
    path = editor.path
    editor.close()

    process, master, output = start_in_pty(path)
    try:
        assert wait_for(lambda: b"Summoning" in output), "the app never showed the grid"
        assert b"Preparation" in output and b"min left" in output  # the agenda line
        os.write(master, b"0,5\r")
        assert wait_for(lambda: saved_values(path)[0] == 0.5)
        started_and_saved = time.monotonic() - since_then  # however long the app took
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=LIMIT)
        os.close(master)
    assert process.returncode == -signal.SIGKILL

    seconds = load_session(path).time_log.seconds
    assert 5 * 60 <= seconds[1] <= 5 * 60 + started_and_saved + 1
    # whole minutes: 5, or more on a machine slow enough to take half a minute to start
    reopen_and_read_the_agenda(path, str(round(seconds[1] / 60)))


@run_async
async def reopen_and_read_the_agenda(path, minutes: str) -> None:
    """Open the file again (as `workshop-tui open` does) and read the agenda dialog."""
    editor = SessionEditor.open(path, CATALOGUE, "en")
    try:
        app = app_for(editor)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("f4")
            await settle(pilot)
            line = next(line for line in screen_text(app).splitlines() if "1 Preparation" in line)
            in_dialog = line.split("█")[1].split()  # the dialog's frame is drawn with █
            assert in_dialog[-1] == minutes, line  # minutes spent
            other = next(
                line for line in screen_text(app).splitlines() if "2 The interview" in line
            )
            assert other.split("█")[1].split()[-1] == "–"  # nothing recorded there
    finally:
        editor.close()
