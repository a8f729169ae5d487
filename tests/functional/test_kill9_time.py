"""Time actually spent survives kill -9 of the real app: it is saved with each change.

The app runs in a pseudo-terminal as in test_kill9.py. Two figures are entered
a little over a second apart, the process is killed with SIGKILL, and the file
still holds the time between them for the activity's subprocess: at least the
time the test knows passed between the two changes, at most the time from just
before the first to just after the second.
"""

import os
import signal
import sys
import time
from datetime import date

import pytest

from tests.functional.test_kill9 import saved_values, start_in_pty, wait_for
from tests.waiting import LIMIT
from workshop_tui.core.process.catalogue import load_catalogue
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.session.storage import load_session

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")


def test_time_spent_is_in_the_file_after_kill_9(tmp_path):
    catalogue = load_catalogue()
    process_definition = catalogue.get("jobsamtaler")
    subprocess_number = next(
        s.number
        for s in process_definition.subprocesses
        if any(a.id == "indkaldelse" for a in s.activities)
    )
    editor = SessionEditor.create(
        process_definition,
        tmp_path,
        municipality="Testby",
        workshop_date=date(2024, 3, 1),
        groups=["taet_paa", "sygemeldte"],
    )
    path = editor.path
    editor.close()
    process, master, output = start_in_pty(path)
    try:
        assert wait_for(lambda: b"Summoning" in output), "the app never showed the grid"
        before_first = time.monotonic()
        os.write(master, b"0,5\r")
        assert wait_for(lambda: saved_values(path)[0] == 0.5)
        first_saved = time.monotonic()
        time.sleep(1.2)  # the room talks before the high figure
        before_second = time.monotonic()
        os.write(master, b"2\r")
        assert wait_for(lambda: saved_values(path)[1] == 2.0)
        second_saved = time.monotonic()
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=LIMIT)
        os.close(master)
    assert process.returncode == -signal.SIGKILL

    log = load_session(path).time_log
    # whole seconds between the two changes, as the app logs them
    assert int(before_second - first_saved) <= log.seconds[subprocess_number]
    assert log.seconds[subprocess_number] <= second_saved - before_first + 1
    assert log.seconds[subprocess_number] >= 1
    assert log.last_change_at is not None
