"""The session watcher: follows a file another program saves, keeps the last good session."""

import os

import pytest

from workshop_tui.core.demo import demo_session
from workshop_tui.core.errors import WorkshopError
from workshop_tui.core.session.entries import Estimate
from workshop_tui.core.session.model import LocalActivity
from workshop_tui.core.session.storage import save_session
from workshop_tui.core.session.watcher import (
    INVALID,
    MISSING,
    OK,
    UNREADABLE,
    SessionWatcher,
    catalogue_check,
)


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def path(tmp_path):
    return tmp_path / "session.json"


@pytest.fixture
def clock():
    return FakeClock()


def watcher_for(path, catalogue, clock):
    watcher = SessionWatcher(path, catalogue_check(catalogue), clock=clock)
    watcher.load_first()
    return watcher


def test_first_load_returns_the_session(path, interviews, catalogue, clock):
    saved = save_session(demo_session(interviews), path)
    watcher = SessionWatcher(path, catalogue_check(catalogue), clock=clock)
    assert watcher.load_first() == saved
    assert watcher.state.status == OK and watcher.state.version == 1


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "file not found"),
        ('{"schema_version": 1, "process_id": ', "not valid JSON"),
        ('{"schema_version": 7}', "schema_version"),
        (b"\xff\xfe not text", "not UTF-8"),
    ],
)
def test_first_load_refuses_an_unusable_file_naming_it(path, catalogue, content, message):
    if isinstance(content, str):
        path.write_text(content)
    elif isinstance(content, bytes):
        path.write_bytes(content)
    with pytest.raises(WorkshopError) as caught:
        SessionWatcher(path, catalogue_check(catalogue)).load_first()
    assert str(path) in caught.value.text() and message in caught.value.text()


def test_first_load_refuses_an_unknown_process(path, interviews, catalogue):
    session = demo_session(interviews).model_copy(update={"process_id": "no_such_process"})
    save_session(session, path)
    with pytest.raises(WorkshopError, match="unknown process 'no_such_process'"):
        SessionWatcher(path, catalogue_check(catalogue)).load_first()


def test_a_save_is_picked_up_and_an_unchanged_file_is_not_read_again(
    path, interviews, catalogue, clock
):
    save_session(demo_session(interviews, seed=1), path)
    watcher = watcher_for(path, catalogue, clock)
    reads = watcher.reads
    for _ in range(5):
        assert watcher.poll() is False
    assert watcher.reads == reads

    newer = save_session(demo_session(interviews, seed=2), path)
    assert watcher.poll() is True
    assert watcher.state.session == newer and watcher.state.version == 2
    assert watcher.poll() is False


def test_a_replace_with_the_same_size_and_time_is_seen_by_its_new_inode(
    path, interviews, catalogue, clock
):
    first = save_session(demo_session(interviews, seed=1), path, touch=False)
    watcher = watcher_for(path, catalogue, clock)
    stat = os.stat(path)
    # Same length, same mtime, different content: only the inode tells.
    second = first.model_copy(update={"municipality": first.municipality.upper()})
    save_session(second, path, touch=False)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert os.stat(path).st_size == stat.st_size
    assert watcher.poll() is True
    assert watcher.state.session.municipality == first.municipality.upper()


def test_missing_file_keeps_the_last_session_and_recovers(path, interviews, catalogue, clock):
    saved = save_session(demo_session(interviews, seed=1), path)
    watcher = watcher_for(path, catalogue, clock)
    path.unlink()
    clock.now += 2
    assert watcher.poll() is True
    assert watcher.state.status == MISSING
    assert watcher.state.session == saved
    assert watcher.state.status_since == clock.now
    clock.now += 1
    assert watcher.poll() is False  # still missing: nothing new to show
    assert watcher.state.status_since == clock.now - 1

    back = save_session(demo_session(interviews, seed=3), path)
    assert watcher.poll() is True
    assert watcher.state.status == OK and watcher.state.session == back


def test_the_same_file_put_back_after_a_gap_is_read_again(path, interviews, catalogue, clock):
    saved = save_session(demo_session(interviews, seed=1), path)
    watcher = watcher_for(path, catalogue, clock)
    backup = path.with_suffix(".bak")
    os.rename(path, backup)
    watcher.poll()
    os.rename(backup, path)  # the very same inode, size and mtime come back
    assert watcher.poll() is True
    assert watcher.state.status == OK and watcher.state.session == saved


def test_half_written_file_keeps_the_last_good_session(path, interviews, catalogue, clock):
    saved = save_session(demo_session(interviews, seed=1), path)
    watcher = watcher_for(path, catalogue, clock)
    full = save_session(demo_session(interviews, seed=2), path.with_name("next.json"))
    text = path.with_name("next.json").read_text()
    # A careless writer (not ours: ours renames) truncates and writes in two steps.
    with open(path, "w") as handle:
        handle.write(text[: len(text) // 2])
    assert watcher.poll() is True
    assert watcher.state.status == INVALID
    assert "not valid JSON" in watcher.state.problem
    assert watcher.state.session == saved
    with open(path, "a") as handle:
        handle.write(text[len(text) // 2 :])
    assert watcher.poll() is True
    assert watcher.state.status == OK and watcher.state.session == full


def test_a_failed_read_is_retried_even_if_the_signature_looks_the_same(
    path, interviews, catalogue, clock
):
    save_session(demo_session(interviews, seed=1), path)
    watcher = watcher_for(path, catalogue, clock)
    data = path.read_bytes()
    stat = os.stat(path)
    path.write_bytes(b"x" * len(data))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    watcher.poll()
    assert watcher.state.status == INVALID
    # Fixed within the same mtime tick, same size: the signature cannot tell.
    fixed_stat = os.stat(path)
    path.write_bytes(data)
    os.utime(path, ns=(fixed_stat.st_atime_ns, fixed_stat.st_mtime_ns))
    assert watcher.poll() is False  # too soon to try again
    clock.now += 1.5
    assert watcher.poll() is True
    assert watcher.state.status == OK


def test_a_session_the_catalogue_cannot_show_is_refused_and_the_last_kept(
    path, interviews, catalogue, clock
):
    saved = save_session(demo_session(interviews, seed=1), path)
    watcher = watcher_for(path, catalogue, clock)
    broken = saved.model_copy(
        update={"local_activities": [LocalActivity(id="local_x", subprocess=99, name="x")]}
    )
    save_session(broken, path)
    assert watcher.poll() is True
    assert watcher.state.status == INVALID
    assert "unknown subprocess 99" in watcher.state.problem
    assert watcher.state.session == saved


def test_an_unreadable_path_is_reported(path, interviews, catalogue, clock):
    saved = save_session(demo_session(interviews, seed=1), path)
    watcher = watcher_for(path, catalogue, clock)
    path.unlink()
    path.mkdir()  # something is there, but it cannot be read as a file
    assert watcher.poll() is True
    assert watcher.state.status == UNREADABLE
    assert watcher.state.session == saved


def test_polling_never_writes(path, interviews, catalogue, clock):
    session = demo_session(interviews, seed=1)
    entry = session.activities[interviews.activity_ids[0]]
    entry.estimates["taet_paa"] = Estimate(low=1, high=2)
    save_session(session, path)
    before = (path.read_bytes(), os.stat(path).st_mtime_ns)
    watcher = watcher_for(path, catalogue, clock)
    for _ in range(10):
        clock.now += 2
        watcher.poll()
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["session.json"]
