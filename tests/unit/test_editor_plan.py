"""The editor's agenda, rounds and time log: saved at once, and time never undone."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from tests.unit.plan_process import small_process
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.session.storage import load_session

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
