"""Two real programs on one session file: the second can never silently overwrite the first.

Each program is a separate Python process using the core's SessionEditor, as
the app does (tests/functional/session_writer.py); the file on disk is the judge.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.inputs import write_good_session
from tests.waiting import LIMIT
from workshop_tui.core.session.lock import lock_path
from workshop_tui.core.session.storage import load_session

ROOT = Path(__file__).resolve().parents[2]
CELL = ("indkaldelse", "taet_paa")


class Writer:
    """One session_writer process and its pipes."""

    def __init__(self, path: Path, *flags: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.functional.session_writer", str(path), *flags],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.first_line = self.answer()

    def answer(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def set_low(self, text: str) -> str:
        assert self.process.stdin is not None
        self.process.stdin.write(f"set {CELL[0]} {CELL[1]} low {text}\n")
        self.process.stdin.flush()
        return self.answer()

    def quit(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("quit\n")
        self.process.stdin.close()
        assert self.process.wait(timeout=LIMIT) == 0, self.process.stderr

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(timeout=LIMIT)  # reaped: its pid is gone


@pytest.fixture
def session_file(tmp_path) -> Path:
    return write_good_session(tmp_path, "workshop.json")


def saved_low(path: Path) -> float | None:
    return load_session(path).estimate(*CELL).low


def test_a_second_program_is_told_who_holds_the_session_and_cannot_save(session_file):
    first = Writer(session_file)
    try:
        assert first.first_line == "opened"
        assert first.set_low("1,5") == "saved"

        second = Writer(session_file)
        assert second.first_line.startswith("locked")
        assert f"process {first.process.pid}" in second.first_line
        assert socket.gethostname() in second.first_line
        assert second.process.wait(timeout=LIMIT) == 3

        reader = Writer(session_file, "--read-only")
        assert reader.first_line == "opened"
        assert reader.set_low("9").startswith("refused SessionReadOnlyError")
        reader.quit()

        assert first.set_low("2") == "saved"  # the holder goes on as before
        assert saved_low(session_file) == 2.0
    finally:
        first.quit()
    assert not lock_path(session_file).exists()


def test_the_lock_message_is_danish_in_danish(session_file):
    first = Writer(session_file)
    try:
        second = Writer(session_file, "--da")
        assert "er åben i et andet vindue" in second.first_line
        assert second.process.wait(timeout=LIMIT) == 3
    finally:
        first.quit()


def test_a_lock_whose_program_was_killed_is_taken_over(session_file):
    first = Writer(session_file)
    assert first.set_low("1") == "saved"
    first.kill()
    assert lock_path(session_file).exists()  # left behind by kill -9

    second = Writer(session_file)
    try:
        assert second.first_line == "opened"
        assert second.set_low("3") == "saved"
        holder = json.loads(lock_path(session_file).read_text(encoding="utf-8"))
        assert holder["pid"] == second.process.pid
    finally:
        second.quit()
    assert saved_low(session_file) == 3.0


def test_a_program_that_ignores_the_lock_is_never_overwritten(session_file):
    """An old version, a text editor or a copy tool writes the file behind the app's back."""
    first = Writer(session_file)
    try:
        assert first.set_low("1") == "saved"
        script = (
            "import sys; from pathlib import Path;"
            "from workshop_tui.core.session.storage import load_session, save_session;"
            "p = Path(sys.argv[1]); s = load_session(p);"
            "save_session(s.model_copy(update={'notes': 'written elsewhere'}), p)"
        )
        subprocess.run([sys.executable, "-c", script, str(session_file)], cwd=ROOT, check=True)

        answer = first.set_low("7")
        assert answer.startswith("refused SessionChangedError")
        assert "changed by another program" in answer
        assert first.set_low("8").startswith("refused")  # and it stays that way
    finally:
        first.quit()
    kept = load_session(session_file)
    assert kept.notes == "written elsewhere" and kept.estimate(*CELL).low == 1.0


def test_a_lock_taken_over_from_another_host_stops_the_first_programs_saves(session_file):
    first = Writer(session_file)
    try:
        # another computer on the network drive took the session over
        stolen = {"host": "another-pc", "pid": 4242, "user": "kim", "token": "x" * 32}
        lock_path(session_file).write_text(json.dumps(stolen), encoding="utf-8")
        answer = first.set_low("5")
        assert answer.startswith("refused SessionChangedError")
        assert "kim on another-pc, process 4242" in answer
    finally:
        first.process.stdin.close()  # type: ignore[union-attr]
        first.process.wait(timeout=LIMIT)
    assert saved_low(session_file) != 5.0
    assert json.loads(lock_path(session_file).read_text(encoding="utf-8"))["host"] == "another-pc"


def test_only_one_of_two_programs_racing_to_open_gets_the_session(session_file):
    writers = [Writer(session_file) for _ in range(2)]
    try:
        answers = sorted(w.first_line.split()[0] for w in writers)
        assert answers == ["locked", "opened"]
    finally:
        for writer in writers:
            if writer.first_line == "opened":
                writer.quit()
            else:
                writer.process.wait(timeout=LIMIT)


def test_session_files_in_a_folder_without_lock_rights_still_open(session_file):
    """Where no lock file can be made, saving is impossible too: opening still works."""
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    folder = session_file.parent
    folder.chmod(0o555)
    try:
        reader = Writer(session_file)
        assert reader.first_line == "opened"
        assert reader.set_low("1").startswith("refused SaveError")
        reader.quit()
    finally:
        folder.chmod(0o755)


def test_the_app_command_refuses_a_session_open_elsewhere_before_taking_the_screen(
    session_file,
):
    first = Writer(session_file)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "workshop_tui.cli.main", "open", str(session_file)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=LIMIT,
        )
        assert result.returncode == 2
        assert "The session is open elsewhere" in result.stderr
        assert f"process {first.process.pid}" in result.stderr
        assert first.set_low("4") == "saved"
    finally:
        first.quit()
