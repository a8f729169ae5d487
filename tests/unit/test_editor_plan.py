"""The editor's agenda, rounds and time log: saved at once, and time never undone."""

import json
from datetime import UTC, date, datetime, time, timedelta

import pytest

from tests.clock_zone import copenhagen  # noqa: F401  # a fixture
from tests.unit.plan_process import small_process
from workshop_tui.core.numbers import EntryError
from workshop_tui.core.process.catalogue import Catalogue
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.session.model import SESSION_SCHEMA_VERSION
from workshop_tui.core.session.storage import load_session
from workshop_tui.core.workshop.agenda import plan_day

START = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)


class FakeClock:
    def __init__(self):
        self.now = START

    def __call__(self):
        return self.now

    def wait(self, **delta):
        self.now += timedelta(**delta)


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def editor(tmp_path, clock):
    editor = SessionEditor.create(
        small_process(),
        tmp_path,
        municipality="Testby",
        workshop_date=date(2024, 3, 1),
        groups=["a", "b"],
        clock=clock,
    )
    yield editor
    editor.close()


def saved(editor):
    return load_session(editor.path)


def test_time_goes_to_the_subprocess_of_each_change_and_is_saved(editor, clock):
    editor.set_hours("s1a", "a", "low", "1")  # the first change: nothing before it
    clock.wait(minutes=4)
    editor.set_hours("s1a", "a", "high", "2")  # +240 s to subprocess 1
    clock.wait(minutes=2)
    editor.set_notes("a note")  # outside any subprocess: the log waits
    clock.wait(minutes=3)
    editor.add_local_activity(2, "Ekstra")  # +300 s to subprocess 2
    clock.wait(minutes=25)
    editor.set_hours("s2a", "a", "low", "1")  # a pause: nothing
    assert saved(editor).time_log.seconds == {1: 240, 2: 300}
    assert saved(editor).time_log.last_change_at == clock.now


def test_undo_does_not_take_time_back(editor, clock):
    editor.set_hours("s1a", "a", "low", "1")
    clock.wait(minutes=1)
    editor.set_hours("s1a", "a", "high", "2")
    clock.wait(minutes=1)
    editor.undo()  # a change in subprocess 1 too: +60 s
    assert saved(editor).estimate("s1a", "a").high is None
    assert saved(editor).time_log.seconds == {1: 120}


def test_agenda_is_proposed_edited_and_saved(editor):
    editor.propose_agenda(time(9, 0), 210, pause_after=2, pause_minutes=15)
    assert saved(editor).agenda.boxes == {1: 65, 2: 98, 3: 32}
    editor.set_box(3, 40)
    editor.set_pause(1, 20)
    agenda = saved(editor).agenda
    assert (agenda.boxes[3], agenda.pause_after, agenda.pause_minutes) == (40, 1, 20)
    editor.undo()
    assert saved(editor).agenda.pause_after == 2


def test_closing_a_round_then_editing_gives_first_and_agreed(editor, clock):
    editor.set_hours("s1a", "a", "low", "1")
    editor.set_hours("s1a", "a", "high", "3")
    clock.wait(minutes=5)
    editor.close_round(1)
    editor.set_hours("s1a", "a", "low", "2")
    session = saved(editor)
    assert session.rounds.closed_at == {1: clock.now}
    first = session.rounds.first["s1a"]["a"]
    assert (first.low, first.high) == (1.0, 3.0)
    assert session.estimate("s1a", "a").low == 2.0
    editor.undo()
    editor.undo()  # the close itself is undoable
    assert saved(editor).rounds.closed_at == {}


def test_the_silent_round_is_a_setting_of_the_session(editor):
    editor.set_silent_round(True)
    assert saved(editor).rounds.silent


# ---------------------------------------------------------------- the agenda's clock


def test_start_now_moves_the_plan_to_today_saved_and_undoable(editor, clock, copenhagen):  # noqa: F811
    editor.propose_agenda(time(9, 0), 210)
    clock.now = datetime(2025, 3, 12, 15, 10, 42, tzinfo=UTC)  # 16:10 in Copenhagen
    editor.start_agenda_now()
    on_disk = json.loads(editor.path.read_text(encoding="utf-8"))
    assert on_disk["schema_version"] == SESSION_SCHEMA_VERSION
    assert on_disk["agenda"]["start"] == "16:10:00"
    assert on_disk["agenda"]["day"] == "2025-03-12"
    editor.undo()
    assert (saved(editor).agenda.start, saved(editor).agenda.day) == (time(9, 0), None)


def test_pause_and_resume_move_the_plan_by_the_time_paused(editor, clock, copenhagen):  # noqa: F811
    editor.propose_agenda(time(10, 0), 210)  # the clock says 10:00 in Copenhagen
    clock.wait(minutes=20)
    editor.pause_agenda()
    assert saved(editor).agenda.paused_at == clock.now
    assert editor.pause_agenda() is None  # paused already: nothing to save
    clock.wait(minutes=12, seconds=20)
    editor.resume_agenda()
    agenda = saved(editor).agenda
    assert (agenda.start, agenda.paused_at) == (time(10, 12), None)
    assert editor.resume_agenda() is None


def test_the_clock_without_an_agenda_says_how_to_make_one(editor):
    with pytest.raises(EntryError, match="No agenda yet: F4 makes one"):
        editor.start_agenda_now()


def test_a_clock_set_back_never_takes_the_time_log_back(editor, clock):
    editor.set_hours("s1a", "a", "low", "1")
    clock.wait(minutes=4)
    editor.set_hours("s1a", "a", "high", "2")  # +240 s
    latest = clock.now
    clock.wait(minutes=-30)  # the machine's clock set back half an hour
    editor.set_hours("s1b", "a", "low", "1")
    log = saved(editor).time_log
    assert (log.seconds, log.last_change_at) == ({1: 240}, latest)
    clock.wait(minutes=31)  # one minute past the latest moment
    editor.set_hours("s1b", "a", "high", "2")
    assert saved(editor).time_log.seconds == {1: 300}


def test_a_version_3_file_with_an_agenda_runs_on_its_date_and_is_saved_as_version_4(
    editor, clock, tmp_path
):
    editor.propose_agenda(time(9, 0), 210)
    data = json.loads(editor.path.read_text(encoding="utf-8"))
    data["schema_version"] = 3  # as this program wrote it before the agenda's day and pause
    del data["agenda"]["day"], data["agenda"]["paused_at"]
    old = tmp_path / "old" / "v3.json"
    old.parent.mkdir()
    old.write_text(json.dumps(data), encoding="utf-8")
    session = load_session(old)
    assert session.schema_version == 3
    assert (session.agenda.day, session.agenda.paused_at) == (None, None)
    assert plan_day(session.agenda, session) == date(2024, 3, 1)
    process = small_process()
    reopened = SessionEditor.open(old, Catalogue({process.id: process}), clock=clock)
    try:
        reopened.set_notes("saved again")
    finally:
        reopened.close()
    again = load_session(old)
    assert again.schema_version == SESSION_SCHEMA_VERSION and again.agenda == session.agenda
