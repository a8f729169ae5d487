"""The editor's file: lock taken on open and given back on close, temp files cleaned,
and no save over a file another program wrote."""

from __future__ import annotations

import json
import os
from datetime import date

import pytest

from tests.hostile.inputs import write_good_session
from workshop_tui.core.session.editor import (
    SessionChangedError,
    SessionEditor,
    SessionLockedError,
    SessionReadOnlyError,
)
from workshop_tui.core.session.lock import lock_path
from workshop_tui.core.session.storage import load_session, save_session

CELL = ("indkaldelse", "taet_paa")


def write_lock(session_path, **holder) -> None:
    data = {"host": "another-pc", "pid": 4242, "user": "kim", "token": "t" * 32, **holder}
    lock_path(session_path).write_text(json.dumps(data), encoding="utf-8")


def test_opening_takes_the_lock_with_who_and_when_and_closing_gives_it_back(tmp_path, catalogue):
    path = write_good_session(tmp_path)
    editor = SessionEditor.open(path, catalogue)
    holder = json.loads(lock_path(path).read_text(encoding="utf-8"))
    assert holder["pid"] == os.getpid() and holder["host"] and holder["since"]
    editor.close()
    assert not lock_path(path).exists()


def test_a_new_workshop_is_locked_from_its_first_save(tmp_path, interviews):
    editor = SessionEditor.create(
        interviews,
        tmp_path,
        municipality="Søby",
        workshop_date=date(2024, 3, 1),
        groups=["taet_paa"],
    )
    assert lock_path(editor.path).exists()
    editor.close()
    assert not lock_path(editor.path).exists()


def test_editors_in_one_process_share_the_lock_until_the_last_closes(tmp_path, catalogue):
    path = write_good_session(tmp_path)
    first = SessionEditor.open(path, catalogue)
    second = SessionEditor.open(path, catalogue)
    first.close()
    assert lock_path(path).exists()
    second.close()
    assert not lock_path(path).exists()


def test_a_lock_held_elsewhere_names_its_holder_and_can_be_taken_over(tmp_path, catalogue):
    path = write_good_session(tmp_path)
    write_lock(path)
    with pytest.raises(SessionLockedError) as raised:
        SessionEditor.open(path, catalogue, lang="da")
    assert raised.value.can_take_over  # another host: only the user can know
    assert "kim på another-pc, proces 4242" in raised.value.message
    assert raised.value.title == "Sessionen er åben et andet sted"
    editor = SessionEditor.open(path, catalogue, take_over=True)
    assert json.loads(lock_path(path).read_text(encoding="utf-8"))["pid"] == os.getpid()
    editor.close()


def test_a_live_holder_on_this_host_keeps_its_lock_even_against_take_over(tmp_path, catalogue):
    path = write_good_session(tmp_path)
    import socket

    write_lock(path, host=socket.gethostname(), pid=os.getppid())  # our parent: alive
    with pytest.raises(SessionLockedError) as raised:
        SessionEditor.open(path, catalogue, take_over=True)
    assert not raised.value.can_take_over


@pytest.mark.parametrize("lock_text", ["{half a lo", ""], ids=["garbled", "empty"])
def test_a_lock_file_that_cannot_be_read_is_taken_over_only_when_the_user_says(
    tmp_path, catalogue, lock_text
):
    path = write_good_session(tmp_path)
    lock_path(path).write_text(lock_text, encoding="utf-8")
    with pytest.raises(SessionLockedError) as raised:
        SessionEditor.open(path, catalogue, lang="da")
    assert raised.value.can_take_over  # only the user can know: asked, never free
    assert "kan ikke læses" in raised.value.message
    SessionEditor.open(path, catalogue, take_over=True).close()


def test_read_only_takes_no_lock_and_saves_nothing(tmp_path, catalogue):
    path = write_good_session(tmp_path)
    write_lock(path)
    editor = SessionEditor.open(path, catalogue, read_only=True)
    before = path.read_bytes()
    with pytest.raises(SessionReadOnlyError) as raised:
        editor.set_hours(*CELL, "low", "3")
    assert "read-only" in raised.value.title
    assert path.read_bytes() == before and editor.session.estimate(*CELL).low != 3
    assert json.loads(lock_path(path).read_text(encoding="utf-8"))["host"] == "another-pc"


def test_a_file_written_by_another_program_is_not_overwritten(tmp_path, catalogue):
    path = write_good_session(tmp_path)
    editor = SessionEditor.open(path, catalogue)
    editor.set_hours(*CELL, "low", "1")
    other = load_session(path).model_copy(update={"notes": "from the other program"})
    save_session(other, path)
    with pytest.raises(SessionChangedError) as raised:
        editor.set_hours(*CELL, "low", "2")
    assert "changed by another program" in raised.value.title
    assert editor.read_only
    assert load_session(path).notes == "from the other program"
    with pytest.raises(SessionChangedError):
        editor.undo()  # undo would overwrite it too
    editor.close()


def test_a_killed_saves_temp_files_are_removed_at_the_next_open(tmp_path, catalogue):
    path = write_good_session(tmp_path)
    leftovers = [tmp_path / f".{path.name}.k1ll3d.tmp", tmp_path / f".{path.name}.x9.tmp"]
    for leftover in leftovers:
        leftover.write_text('{"half', encoding="utf-8")
    someone_elses = tmp_path / ".other.json.abc.tmp"
    someone_elses.write_text("x", encoding="utf-8")
    SessionEditor.open(path, catalogue).close()
    assert not any(leftover.exists() for leftover in leftovers)
    assert someone_elses.exists()


def test_read_only_leaves_temp_files_to_the_lock_holder(tmp_path, catalogue):
    path = write_good_session(tmp_path)
    leftover = tmp_path / f".{path.name}.busy.tmp"
    leftover.write_text("{", encoding="utf-8")
    SessionEditor.open(path, catalogue, read_only=True)
    assert leftover.exists()


def test_a_lock_far_too_long_to_be_one_is_locked_not_read_whole(tmp_path, catalogue):
    path = write_good_session(tmp_path)
    lock_path(path).write_bytes(b'{"host": "' + b"x" * 10_000_000 + b'"}')
    with pytest.raises(SessionLockedError) as raised:
        SessionEditor.open(path, catalogue)
    assert raised.value.can_take_over and "cannot be read" in raised.value.message
    assert len(raised.value.message) < 300
