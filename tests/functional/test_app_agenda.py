"""The agenda in the real app: proposed by the form, edited in its dialog, the pace on screen.

Every test fixes the clock (the editor's, which the agenda line and the time log
read): a local time on the workshop's day, so the plan's times compare with it.
Job interviews have 4, 2 and 2 activities: with two groups, 8, 4 and 4 cells.
"""

from datetime import date, datetime, time

from tests.functional.helpers import CATALOGUE, app_for, run_async, saved, screen_text, settle
from tests.functional.helpers import type_text as type_keys
from tests.waiting import wait_for_async
from workshop_tui.tui.app import WorkshopApp
from workshop_tui.tui.screens.agenda_dialog import AgendaDialog
from workshop_tui.tui.screens.estimate.screen import EstimateScreen
from workshop_tui.tui.widgets import agenda_line
from workshop_tui.tui.widgets.agenda_line import AgendaLine


def at(hour: int, minute: int) -> datetime:
    """A moment on the workshop's day, in the machine's local time (as the room's clock)."""
    return datetime(2024, 3, 1, hour, minute).astimezone()


class Clock:
    """The injected clock; tests move it."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


def agenda_text(app) -> str:
    return str(app.screen.query_one(AgendaLine).render())


async def replace_text(pilot, widget_id: str, text: str) -> None:
    pilot.app.screen.query_one(widget_id).focus()
    await pilot.press("end", "ctrl+u")
    await type_keys(pilot, text)
    await pilot.pause()


@run_async
async def test_the_form_reads_start_and_length_as_typed_and_proposes_the_agenda(tmp_path):
    clock = Clock(at(8, 52))
    app = WorkshopApp(CATALOGUE, tmp_path, "en", today=date(2024, 3, 1), clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await settle(pilot)
        screen = app.screen
        # the next quarter hour, and a half-day
        assert screen.query_one("#start_time").value == "09:00"
        assert screen.query_one("#length").value == "3 h 30 min"
        assert "ends 12:30" in screen_text(app)
        await replace_text(pilot, "#length", "abc")
        assert "Length: 'abc' is not understood; write 3:30, 3 h 30 min or 210" in screen_text(app)
        await replace_text(pilot, "#length", "80")
        assert "ends 10:20" in screen_text(app)
        assert "is not understood" not in screen_text(app)  # the message went with the mistake
        await replace_text(pilot, "#start_time", "25:00")
        assert "Start: '25:00' is not a time of day" in screen_text(app)
        await pilot.press("ctrl+s")  # refused: nothing is written
        await pilot.pause()
        assert list(tmp_path.iterdir()) == []
        await replace_text(pilot, "#start_time", "9.30")
        await replace_text(pilot, "#municipality", "Testby")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EstimateScreen)
        path = app.screen.editor.path
        # 80 minutes over 12, 6 and 6 cells (three groups): 40, 20 and 20; no pause in so
        # short a workshop
        assert "starts at 09:30" in agenda_text(app)
    agenda = saved_session(path).agenda
    assert agenda is not None
    assert agenda.start == time(9, 30)
    assert agenda.boxes == {1: 40, 2: 20, 3: 20}
    assert agenda.pause_after is None


def saved_session(path):
    from workshop_tui.core.session.storage import load_session

    return load_session(path)


@run_async
async def test_the_agenda_dialog_shows_the_proportional_split_and_saves_an_edited_box(editor):
    editor.clock = Clock(at(9, 5))
    editor.propose_agenda(time(9, 0), 80)
    app = app_for(editor)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, AgendaDialog)
        text = screen_text(app)
        assert "Agenda: time boxes" in text
        lines = {
            name: line
            for line in text.splitlines()
            for name in ("1 Prep", "2 The", "3 Reg")
            if name in line
        }
        assert "40" in lines["1 Prep"] and "09:00-09:40" in lines["1 Prep"]
        assert "20" in lines["2 The"] and "09:40-10:00" in lines["2 The"]
        assert "20" in lines["3 Reg"] and "10:00-10:20" in lines["3 Reg"]
        assert "1 h 20 min · ends about 10:20" in text
        await replace_text(pilot, "#box-2", "30")
        assert "1 h 30 min · ends about 10:30" in screen_text(app)
        await replace_text(pilot, "#box-3", "x")
        assert "Subprocess 3: 'x' is not a whole number of minutes" in screen_text(app)
        await pilot.press("ctrl+s")  # refused while a box is wrong
        await pilot.pause()
        assert isinstance(app.screen, AgendaDialog)
        await replace_text(pilot, "#box-3", "20")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EstimateScreen)
        assert "Agenda saved" in screen_text(app)
        await pilot.press("f4")
        await settle(pilot)
        await pilot.press("escape")  # Esc cancels: nothing changes
        await settle(pilot)
    assert saved(editor).agenda.boxes == {1: 40, 2: 30, 3: 20}


@run_async
async def test_the_agenda_line_gives_the_pace_and_signals_a_box_running_out_once(
    editor, monkeypatch
):
    monkeypatch.setattr(agenda_line, "TICK_SECONDS", 0.05)  # the timer, quickly
    clock = Clock(at(9, 37))
    editor.clock = clock
    editor.propose_agenda(time(9, 0), 80)
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        line = app.screen.query_one(AgendaLine)
        # 37 minutes worked, nothing done: 43 minutes left for 16 cells, 2.7 each
        assert agenda_text(app) == (
            "09:37 · 1 Preparation · 3 min left · 37 min behind: about 2.7 min per cell to catch up"
        )
        assert line.has_class("-running-out")
        notices = [n.message for n in app._notifications]
        assert notices.count("the box of 1 Preparation is running out") == 1
        await pilot.press("down", "down", "down", "down")  # on to 2 The interview
        await pilot.pause()
        assert "2 The interview · 23 min left" in agenda_text(app)
        assert not line.has_class("-running-out")
        await pilot.press("up", "up", "up", "up")
        await pilot.pause()
        assert "1 Preparation" in agenda_text(app)
        notices = [n.message for n in app._notifications]
        assert notices.count("the box of 1 Preparation is running out") == 1  # once only
        # the line follows the clock on its own
        clock.moment = at(9, 42)
        await wait_for_async(
            lambda: agenda_text(app).startswith("09:42 · 1 Preparation · 2 min over"),
            "the agenda line to show the new time",
            pause=lambda: pilot.pause(0.05),
        )
        # a cell filled: the pace counts it (5 minutes of plan per cell in box 1)
        await pilot.press("1", "enter", "2", "enter")
        await pilot.pause()
        assert "37 min behind" in agenda_text(app)


@run_async
async def test_the_agenda_line_speaks_danish_and_is_hidden_without_an_agenda(editor):
    editor.clock = Clock(at(8, 30))
    app = app_for(editor)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = app.screen.query_one(AgendaLine)
        assert not line.shown
        await pilot.press("ctrl+l")  # Danish
        await pilot.press("f4")
        await settle(pilot)
        await replace_text(pilot, "#start", "9:00")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert line.shown
        assert "starter kl. 09:00" in agenda_text(app)
        assert saved(editor).agenda is not None
