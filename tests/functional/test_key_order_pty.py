"""Keys in bursts through a real pseudo-terminal land in the cells they were typed for.

As over SSH or tmux, `1⏎2⏎3⏎4⏎5⏎6⏎` arrives with at most 5 ms between keys,
or all in one write, onto a session whose cells are already filled. The file
must then hold exactly (1,2), (3,4), (5,6), and Ctrl+Q ends the app.
"""

import os
import signal
import sys
import time
from datetime import date

import pytest

from tests.functional.test_kill9 import start_in_pty, wait_for
from tests.waiting import LIMIT
from workshop_tui.core.process.catalogue import load_catalogue
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.session.storage import load_session

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

GROUPS = ["taet_paa", "langt_fra", "sygemeldte"]
FIRST = "indkaldelse"
KEYS = b"1\r2\r3\r4\r5\r6\r"
EXPECTED = [(1.0, 2.0), (3.0, 4.0), (5.0, 6.0)]


def filled_session(folder):
    catalogue = load_catalogue()
    editor = SessionEditor.create(
        catalogue.get("jobsamtaler"),
        folder,
        municipality="Testby",
        workshop_date=date(2024, 3, 1),
        groups=GROUPS,
    )
    for group in GROUPS:
        editor.set_hours(FIRST, group, "low", "7")
        editor.set_hours(FIRST, group, "high", "8")
    editor.close()
    return editor.path


def figures(path):
    session = load_session(path)
    return [(session.estimate(FIRST, g).low, session.estimate(FIRST, g).high) for g in GROUPS]


@pytest.mark.parametrize("gap", [0.005, 0.001, None], ids=["5ms", "1ms", "one-write"])
def test_a_burst_of_keys_lands_in_order(tmp_path, gap):
    path = filled_session(tmp_path)
    process, master, output = start_in_pty(path)
    try:
        assert wait_for(lambda: b"Summoning" in output), "the app never showed the grid"
        if gap is None:
            os.write(master, KEYS)
        else:
            for byte in KEYS:
                os.write(master, bytes([byte]))
                time.sleep(gap)
        assert wait_for(lambda: figures(path) == EXPECTED), figures(path)
        os.write(master, b"\x11")  # Ctrl+Q
        assert wait_for(lambda: process.poll() is not None), "Ctrl+Q did not end the app"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=LIMIT)
        os.close(master)
    assert figures(path) == EXPECTED


def test_ctrl_q_right_after_a_typed_figure_saves_it(tmp_path):
    """The figure typed last, not yet closed with Enter, is not dropped by Ctrl+Q."""
    path = filled_session(tmp_path)
    process, master, output = start_in_pty(path)
    try:
        assert wait_for(lambda: b"Summoning" in output), "the app never showed the grid"
        os.write(master, b"1\r2\r3\x11")
        assert wait_for(lambda: process.poll() is not None), "Ctrl+Q did not end the app"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=LIMIT)
        os.close(master)
    assert figures(path) == [(1.0, 2.0), (3.0, 8.0), (7.0, 8.0)]


def test_two_real_apps_on_one_file_the_second_cannot_overwrite_the_first(tmp_path):
    """Two facilitators open one session: the second is told and can only read it."""
    path = filled_session(tmp_path)
    first, first_master, first_output = start_in_pty(path)
    second = None
    try:
        assert wait_for(lambda: b"Summoning" in first_output), "the first app never showed"
        second, second_master, second_output = start_in_pty(path)
        assert wait_for(lambda: b"read-only" in second_output), "the second was not told"
        assert f"process {first.pid}".encode() in second_output
        os.write(second_master, b"\r")  # Open read-only
        assert wait_for(lambda: b"Summoning" in second_output), "read-only did not open"
        os.write(second_master, b"9\r")
        assert wait_for(lambda: b"change was not made" in second_output.replace(b"\r\n", b" "))
        assert figures(path)[0] == (7.0, 8.0), "the read-only window wrote the file"
        os.write(first_master, b"1\r")
        assert wait_for(lambda: figures(path)[0] == (1.0, 8.0)), "the first window lost its file"
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=LIMIT)
    assert figures(path)[0] == (1.0, 8.0)
