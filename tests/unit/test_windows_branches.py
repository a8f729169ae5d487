"""What would misbehave on Windows takes its own branch there: the lock's probe of its
holder never signals a process (os.kill ends it on Windows), and a save works without
os.fchmod (absent on Windows before Python 3.13). Each test takes the Windows branch here."""

from __future__ import annotations

import json
import os
import socket
import stat

import pytest

from tests.hostile.inputs import write_good_session
from tests.unit.test_session_file import write_lock
from workshop_tui.core.session import lock
from workshop_tui.core.session.editor import SessionEditor, SessionLockedError
from workshop_tui.core.session.lock import lock_path
from workshop_tui.core.session.storage import atomic_write_text

STILL_ACTIVE = 259
NO_SUCH_PROCESS = 87  # ERROR_INVALID_PARAMETER, OpenProcess's answer for an unused pid
ACCESS_DENIED = 5


class FakeKernel32:
    """The three calls the probe makes, answering for the processes in `exit_codes`."""

    def __init__(self, exit_codes: dict[int, int]) -> None:
        self.exit_codes = exit_codes
        self.open_handles: set[int] = set()

    def OpenProcess(self, access: int, inherit: bool, pid: int) -> int:  # noqa: N802
        if pid not in self.exit_codes:
            return 0
        self.open_handles.add(pid)
        return pid

    def GetExitCodeProcess(self, handle: int, code) -> int:  # noqa: N802
        code._obj.value = self.exit_codes[handle]
        return 1

    def CloseHandle(self, handle: int) -> int:  # noqa: N802
        self.open_handles.remove(handle)
        return 1


@pytest.fixture
def on_windows(monkeypatch):
    """The lock believes it runs on Windows; os.kill there would end the holder."""

    def kill(pid, sig):
        raise AssertionError(f"os.kill({pid}, {sig}) would end process {pid} on Windows")

    monkeypatch.setattr(lock, "_on_windows", lambda: True)
    monkeypatch.setattr(lock.os, "kill", kill)
    kernel32 = FakeKernel32({4242: STILL_ACTIVE, 4343: 0})
    monkeypatch.setattr(lock, "_kernel32", lambda: kernel32)
    monkeypatch.setattr(lock, "_last_error", lambda: NO_SUCH_PROCESS)
    return kernel32


def test_on_windows_a_running_holder_keeps_its_lock_without_being_signalled(
    tmp_path, catalogue, on_windows
):
    path = write_good_session(tmp_path)
    write_lock(path, host=socket.gethostname(), pid=4242)
    with pytest.raises(SessionLockedError) as raised:
        SessionEditor.open(path, catalogue, take_over=True)
    assert not raised.value.can_take_over
    assert "4242" in raised.value.message
    assert on_windows.open_handles == set()  # every handle opened was closed


@pytest.mark.parametrize("pid", [4343, 4444], ids=["exited", "no such process"])
def test_on_windows_a_lock_whose_holder_has_ended_is_taken(tmp_path, catalogue, on_windows, pid):
    path = write_good_session(tmp_path)
    write_lock(path, host=socket.gethostname(), pid=pid)
    editor = SessionEditor.open(path, catalogue)
    assert json.loads(lock_path(path).read_text(encoding="utf-8"))["pid"] == os.getpid()
    editor.close()
    assert on_windows.open_handles == set()


def test_on_windows_a_process_that_cannot_be_opened_for_another_reason_is_alive(
    tmp_path, catalogue, on_windows, monkeypatch
):
    monkeypatch.setattr(lock, "_last_error", lambda: ACCESS_DENIED)  # another user's process
    path = write_good_session(tmp_path)
    write_lock(path, host=socket.gethostname(), pid=4545)
    with pytest.raises(SessionLockedError) as raised:
        SessionEditor.open(path, catalogue, take_over=True)
    assert not raised.value.can_take_over


def test_without_os_fchmod_a_save_still_gets_the_mode_of_a_plain_write(tmp_path, monkeypatch):
    path = tmp_path / "s.json"
    path.write_text("old")
    path.chmod(0o640)
    monkeypatch.delattr(os, "fchmod")
    atomic_write_text(path, "new")
    fresh = tmp_path / "fresh.json"
    atomic_write_text(fresh, "new")
    plain = tmp_path / "plain.json"
    plain.write_text("new")
    assert path.read_text() == "new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640  # an existing file keeps its mode
    assert stat.S_IMODE(fresh.stat().st_mode) == stat.S_IMODE(plain.stat().st_mode)
