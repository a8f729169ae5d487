"""Exactly one window may write a session, always: no lock file is ever read as "free".

A lock path that is a folder, a lock that cannot be written whole (a full disk)
or cannot be read, and many programs taking over one stale lock at once: each
ends with one writer at most, and the others are told and offered read-only.
"""

from __future__ import annotations

import argparse
import errno
import json
import multiprocessing
import os
import socket
import time
import uuid
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.functional.helpers import run_async, screen_text, settle
from tests.functional.test_two_writers import Writer
from tests.hostile.inputs import write_good_session
from workshop_tui.cli import app as cli_app
from workshop_tui.cli.app import build_app
from workshop_tui.core.session import lock as session_lock
from workshop_tui.core.session.editor import SessionEditor, SessionLockedError
from workshop_tui.core.session.lock import SessionLock, lock_path
from workshop_tui.tui.screens.estimate.screen import EstimateScreen
from workshop_tui.tui.screens.lock_dialog import LockDialog

ROUNDS = 30


async def until(pilot, condition, seconds: float = 15.0) -> bool:
    """Wait until `condition()` holds (True), or give up after `seconds` (False)."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


@pytest.fixture
def path(tmp_path) -> Path:
    return write_good_session(tmp_path, "a.json")


@pytest.fixture(autouse=True)
def on_a_terminal(monkeypatch):
    """`open FILE` asks in a dialog only on a terminal (elsewhere: exit code 2)."""
    monkeypatch.setattr(cli_app, "on_a_terminal", lambda: True)


def open_command(path: Path, lang: str = "en"):
    args = argparse.Namespace(
        command="open", file=path, processes=[], lang=lang, lang_given=True, dir=None
    )
    return build_app(args)


def write_stale_lock(path: Path) -> None:
    """A lock left by a program on this computer that has stopped (its start time differs)."""
    stale = {
        "app": "workshop-tui",
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "user": "kim",
        "since": "2024-03-01T09:00:00+00:00",
        "token": uuid.uuid4().hex,
        "process_start": "1",  # not this process's: it is another, gone, that had this pid
    }
    lock_path(path).write_text(json.dumps(stale), encoding="utf-8")


def race_for_the_lock(
    path: str, index: int, rounds: int, start, done, results, no_kernel_lock: bool
) -> None:
    """One program: each round, take the stale lock the test laid, at the same moment as
    the others or a few milliseconds apart (every overlap of two take-overs is tried);
    say whether it got it. `no_kernel_lock`: as where the folder cannot be flocked."""
    if no_kernel_lock:
        session_lock.fcntl = None
    for round_number in range(rounds):
        start.wait(timeout=60)
        time.sleep((round_number * (index + 1)) % 7 / 1000)
        try:
            SessionLock(Path(path)).acquire()
            won = True
        except SessionLockedError:
            won = False
        results.put((round_number, os.getpid(), won))
        done.wait(timeout=60)


@pytest.mark.parametrize(
    ("programs", "no_kernel_lock"),
    [(2, False), (4, False), (2, True)],
    ids=["2 programs", "4 programs", "2 programs, breaker file"],
)
def test_of_programs_taking_over_a_stale_lock_at_once_exactly_one_gets_it(
    path, programs, no_kernel_lock
):
    # spawn: each program is fresh, with its own identity, as a second window is
    context = multiprocessing.get_context("spawn")
    start, done = context.Barrier(programs + 1), context.Barrier(programs + 1)
    results = context.Queue()
    racers = [
        context.Process(
            target=race_for_the_lock,
            args=(str(path), index, ROUNDS, start, done, results, no_kernel_lock),
        )
        for index in range(programs)
    ]
    for racer in racers:
        racer.start()
    winners_per_round = []
    try:
        for round_number in range(ROUNDS):
            write_stale_lock(path)
            start.wait(timeout=60)
            answers = [results.get(timeout=60) for _ in range(programs)]
            assert {answer[0] for answer in answers} == {round_number}
            winners = [pid for _, pid, won in answers if won]
            holder = json.loads(lock_path(path).read_text(encoding="utf-8"))
            winners_per_round.append((len(winners), winners == [holder["pid"]]))
            done.wait(timeout=60)
    finally:
        for racer in racers:
            racer.join(timeout=60)
            if racer.is_alive():
                racer.kill()
    assert winners_per_round == [(1, True)] * ROUNDS


def test_a_folder_where_the_lock_goes_locks_every_window(path, catalogue):
    lock_path(path).mkdir()
    with pytest.raises(SessionLockedError) as raised:
        SessionEditor.open(path, catalogue, lang="da")
    assert not raised.value.can_take_over
    assert "ikke en låsefil" in raised.value.message
    with pytest.raises(SessionLockedError):
        SessionEditor.open(path, catalogue, take_over=True)
    other = Writer(path)  # a second program, as a second window
    assert other.first_line.startswith("locked"), other.first_line
    assert other.process.wait(timeout=20) == 3
    assert lock_path(path).is_dir()


def test_a_lock_that_cannot_be_written_whole_is_not_left_behind(path, catalogue, monkeypatch):
    def disk_full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(session_lock, "_write_whole", disk_full)
    with pytest.raises(SessionLockedError) as raised:
        SessionEditor.open(path, catalogue)
    assert "No space left on device" in raised.value.message
    assert not raised.value.can_take_over
    assert not lock_path(path).exists()  # no empty lock that names nobody


def test_an_empty_lock_left_by_a_full_disk_keeps_a_second_program_out(path):
    lock_path(path).write_bytes(b"")
    other = Writer(path)
    assert other.first_line.startswith("locked"), other.first_line
    assert "cannot be read" in other.first_line
    assert other.process.wait(timeout=20) == 3


@run_async
async def test_the_app_offers_read_only_when_the_lock_is_a_folder(path):
    lock_path(path).mkdir()
    before = path.read_bytes()
    app = open_command(path, "da")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LockDialog)
        assert "ikke en låsefil" in str(app.screen.query_one("#message", Static).content)
        assert "Overtag" not in screen_text(app)
        await pilot.press("enter")  # "Åbn skrivebeskyttet" has the focus
        await settle(pilot)
        assert isinstance(app.screen, EstimateScreen)
        assert await until(pilot, lambda: "skrivebeskyttet" in screen_text(app).splitlines()[0])
        await pilot.press("5", "enter")
        await settle(pilot)
    assert path.read_bytes() == before


@run_async
async def test_the_app_offers_read_only_when_the_disk_is_full_at_open(path, monkeypatch):
    def disk_full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(session_lock, "_write_whole", disk_full)
    app = open_command(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LockDialog)
        message = app.screen.query_one("#message", Static)
        assert "No space left on device" in str(message.content)
        await pilot.press("enter")
        await settle(pilot)
        assert await until(pilot, lambda: "read-only" in screen_text(app).splitlines()[0])
    assert not lock_path(path).exists()
