"""kill -9 of a real app process between entries loses nothing that was committed.

The app runs as `python -m workshop_tui open FILE` in a pseudo-terminal, as a
facilitator would run it; keys are written to the terminal, and the test waits
for each committed entry to reach the file before going on. The last entry is
typed but not committed when the process is killed: only it may be lost.
"""

import fcntl
import os
import pty
import signal
import struct
import subprocess
import sys
import termios
import threading
from datetime import date
from pathlib import Path

import pytest

from tests.waiting import LIMIT, until
from workshop_tui.core.errors import WorkshopError
from workshop_tui.core.process.catalogue import load_catalogue
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.session.storage import load_session

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

ROOT = Path(__file__).resolve().parents[2]
ENTRIES = ["0,5", "1t 30m", "30 min", "2"]  # low/high for two groups of the first activity
EXPECTED = [0.5, 1.5, 0.5, 2.0]


def start_in_pty(path: Path) -> tuple[subprocess.Popen, int, bytearray]:
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "TEXTUAL_ANIMATIONS": "none"}
    process = subprocess.Popen(
        [sys.executable, "-m", "workshop_tui", "--lang", "en", "open", str(path)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    # read the screen output (so the app never blocks writing to the terminal)
    output = bytearray()
    threading.Thread(target=_drain, args=(master, output), daemon=True).start()
    return process, master, output


def _drain(fd: int, output: bytearray) -> None:
    try:
        while chunk := os.read(fd, 65536):
            output += chunk
    except OSError:
        pass


def wait_for(condition) -> bool:
    """True once `condition` holds; False only when the app hangs (see tests/waiting.py)."""
    return until(condition)


def saved_values(path: Path) -> list[float | None]:
    try:
        session = load_session(path)
    except WorkshopError:  # cannot happen with atomic saves; the test would then fail
        raise
    estimates = [session.estimate("indkaldelse", g) for g in ("taet_paa", "sygemeldte")]
    return [value for e in estimates for value in (e.low, e.high)]


def test_kill_9_between_entries_loses_nothing_committed(tmp_path):
    catalogue = load_catalogue()
    editor = SessionEditor.create(
        catalogue.get("jobsamtaler"),
        tmp_path,
        municipality="Testby",
        workshop_date=date(2024, 3, 1),
        groups=["taet_paa", "sygemeldte"],
    )
    path = editor.path
    editor.close()  # the file is ready; the app in the child process opens (and locks) it
    process, master, output = start_in_pty(path)
    try:
        # keys typed before the app owns the terminal would be flushed: wait for its screen
        assert wait_for(lambda: b"Summoning" in output), "the app never showed the grid"
        for index, text in enumerate(ENTRIES):
            os.write(master, text.encode() + b"\r")
            expected = EXPECTED[: index + 1] + [None] * (len(ENTRIES) - index - 1)
            assert wait_for(lambda expected=expected: saved_values(path) == expected), (
                f"entry {text!r} never reached the file; it holds {saved_values(path)}"
            )
        # the next activity's first figure: typed, not committed; the app draws it
        drawn = len(output)
        os.write(master, b"7")
        assert wait_for(lambda: len(output) > drawn), "the app did not take the key"
        assert process.poll() is None, "the app stopped by itself"
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=LIMIT)
        os.close(master)
    assert process.returncode == -signal.SIGKILL

    reopened = SessionEditor.open(path, catalogue)  # the file is whole and valid
    assert saved_values(path) == EXPECTED
    assert reopened.session.estimate("orientering_i_sag", "taet_paa").low is None
    assert not list(tmp_path.glob(".*.tmp")), "a temporary file was left behind"
