"""The agenda on the workshop's own clock, in the real app: the plan only on another day,
'we start now', pause and resume (F11 and the palette), a start the clocks skip.

The room is in Copenhagen (the `copenhagen` fixture) and the editor's clock is fixed
and moved by the test; the workshop is dated 2024-03-01 (the `editor` fixture).
Job interviews have 4, 2 and 2 activities: with two groups, 8, 4 and 4 cells.
"""

from datetime import UTC, date, datetime, time, timedelta

from tests.clock_zone import copenhagen  # noqa: F401  # a fixture
from tests.functional.helpers import CATALOGUE, app_for, run_async, saved, screen_text, settle
from tests.functional.helpers import type_text as type_keys
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.tui.app import WorkshopApp
from workshop_tui.tui.screens.agenda_dialog import AgendaDialog
from workshop_tui.tui.screens.estimate.screen import EstimateScreen
from workshop_tui.tui.widgets.agenda_line import AgendaLine


class Clock:
    """The injected clock (UTC, as the editor's); tests move it."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment

    def wait(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


def copenhagen_time(*args: int) -> datetime:
    """A wall-clock time in Copenhagen in March (UTC+1), as the UTC moment the clock gives."""
    return datetime(*args, tzinfo=UTC) - timedelta(hours=1)


def agenda_text(app) -> str:
    return str(app.screen.query_one(AgendaLine).render())


def notices(app) -> list[str]:
    return [notice.message for notice in app._notifications]


@run_async
async def test_a_year_later_the_line_gives_the_plan_only_and_f11_starts_it_now(
    editor,
    copenhagen,  # noqa: F811
):
    editor.propose_agenda(time(9, 0), 210)
    clock = Clock(copenhagen_time(2025, 3, 12, 16, 10))  # opened at 16:10, a year later
    editor.clock = clock
    app = app_for(editor)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        line = app.screen.query_one(AgendaLine)
        assert agenda_text(app) == "Plan: 9:00–12:30 on 2024-03-01 · F11 starts it now"
        assert "over" not in screen_text(app) and "behind" not in screen_text(app)
        for _ in range(8):  # through every subprocess: no countdown, no notice
            await pilot.press("down")
        await pilot.pause()
        assert agenda_text(app) == "Plan: 9:00–12:30 on 2024-03-01 · F11 starts it now"
        assert notices(app) == [] and not line.has_class("-running-out")
        await pilot.press("f11")  # we start now
        await settle(pilot)
        assert "Started now: the plan runs 16:10–19:40 today" in screen_text(app)
        assert agenda_text(app).startswith("16:10 · ")
        assert "on time" in agenda_text(app)
    agenda = saved(editor).agenda
    assert (agenda.start, agenda.day, agenda.paused_at) == (time(16, 10), date(2025, 3, 12), None)
    assert agenda.boxes == {1: 105, 2: 53, 3: 52}  # the boxes as planned, moved with it


@run_async
async def test_far_behind_on_the_day_boxes_already_over_bring_no_notice_each(
    editor,
    copenhagen,  # noqa: F811
):
    editor.propose_agenda(time(9, 0), 80)  # boxes end 09:40, 10:00 and 10:20
    editor.clock = Clock(copenhagen_time(2024, 3, 1, 9, 58))
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        line = app.screen.query_one(AgendaLine)
        assert agenda_text(app).startswith("09:58 · 1 Preparation · 18 min over · ")
        assert line.has_class("-running-out")  # the colour says it
        assert notices(app) == []  # box 1 is over, not running out
        for _ in range(8):  # on through 2 (2 minutes left) and 3 (22 left)
            await pilot.press("down")
            await pilot.pause()
        assert notices(app) == ["the box of 2 The interview is running out"]
        for _ in range(8):  # and back again: no notice repeated, none for box 1
            await pilot.press("up")
            await pilot.pause()
        assert notices(app) == ["the box of 2 The interview is running out"]


@run_async
async def test_f11_pauses_and_resumes_and_the_plan_moves_by_the_pause(
    editor,
    copenhagen,  # noqa: F811
):
    editor.propose_agenda(time(9, 0), 80)  # boxes of 40, 20 and 20 minutes
    clock = Clock(copenhagen_time(2024, 3, 1, 9, 30))
    editor.clock = clock
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert agenda_text(app).startswith("09:30 · 1 Preparation · 10 min left · ")
        await pilot.press("f11")  # running: a pause
        await settle(pilot)
        assert "Paused at 09:30: the pace stands still; F11 resumes" in screen_text(app)
        assert saved(editor).agenda.paused_at == clock.moment
        clock.wait(minutes=35)  # long past the box's end: no notice while paused
        app.screen.query_one(AgendaLine).refresh_line()
        await pilot.pause()
        assert agenda_text(app).startswith("Paused since 09:30 · 1 Preparation · 10 min left")
        assert notices(app) == []
        await pilot.press("f11")  # paused: go on
        await settle(pilot)
        assert "Resumed: the plan moved on by 35 min and now ends 10:55" in screen_text(app)
        assert agenda_text(app).startswith("10:05 · 1 Preparation · 10 min left · ")
        await pilot.press("ctrl+z")  # the resume is undone like any change
        await settle(pilot)
        assert "Undone: the agenda" in screen_text(app)
    agenda = saved(editor).agenda
    assert agenda.start == time(9, 0) and agenda.paused_at is not None


@run_async
async def test_the_palette_offers_start_now_pause_and_resume_by_name(
    editor,
    copenhagen,  # noqa: F811
):
    editor.propose_agenda(time(9, 0), 80)
    editor.clock = Clock(copenhagen_time(2024, 3, 1, 9, 12))
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await type_keys(pilot, "Start now")
        await settle(pilot)
        text = screen_text(app)
        assert "Move the plan's start to now, today" in text
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EstimateScreen)
        assert "Started now: the plan runs 9:12–10:32 today" in screen_text(app)
    agenda = saved(editor).agenda
    assert (agenda.start, agenda.day) == (time(9, 12), None)  # the workshop's own date


@run_async
async def test_a_figure_being_typed_is_kept_when_f11_starts_the_plan(
    editor,
    copenhagen,  # noqa: F811
):
    editor.propose_agenda(time(9, 0), 80)
    editor.clock = Clock(copenhagen_time(2024, 3, 1, 8, 50))
    app = app_for(editor)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "starts at 09:00" in agenda_text(app)
        await pilot.press("3")
        await pilot.press("f11")  # before the start: start now
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
    session = saved(editor)
    assert session.agenda.start == time(8, 50)
    first = CATALOGUE.get("jobsamtaler").activity_ids[0]
    assert session.estimate(first, "taet_paa").low == 3


@run_async
async def test_a_start_the_clocks_skip_is_refused_in_the_agenda_dialog(
    tmp_path,
    copenhagen,  # noqa: F811
):
    editor = SessionEditor.create(
        CATALOGUE.get("jobsamtaler"),
        tmp_path,
        municipality="Testby",
        workshop_date=date(2025, 3, 30),  # summer time starts at 02:00 that night
        groups=["taet_paa", "langt_fra"],
        clock=Clock(copenhagen_time(2025, 3, 29, 12, 0)),
    )
    try:
        editor.propose_agenda(time(1, 0), 80)
        app = app_for(editor)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("f4")
            await settle(pilot)
            app.screen.query_one("#start").focus()
            await pilot.press("end", "ctrl+u")
            await type_keys(pilot, "2:30")
            await pilot.pause()
            assert "Start: 02:30 does not exist on 2025-03-30" in screen_text(app)
            await pilot.press("ctrl+s")  # refused: the dialog stays, nothing saved
            await settle(pilot)
            assert isinstance(app.screen, AgendaDialog)
            await pilot.press("backspace", "backspace", "backspace", "backspace")
            await type_keys(pilot, "3:30")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, EstimateScreen)
    finally:
        editor.close()
    assert saved(editor).agenda.start == time(3, 30)


@run_async
async def test_the_new_workshop_form_refuses_a_start_the_clocks_skip(
    tmp_path,
    copenhagen,  # noqa: F811
):
    app = WorkshopApp(
        CATALOGUE,
        tmp_path,
        "en",
        today=date(2025, 3, 20),
        clock=Clock(copenhagen_time(2025, 3, 20, 12, 0)),
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        for field, text in (
            ("#municipality", "Testby"),
            ("#date", "2025-03-30"),
            ("#start_time", "2:30"),
        ):
            app.screen.query_one(field).focus()
            await pilot.press("end", "ctrl+u")
            await type_keys(pilot, text)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Start: 02:30 does not exist on 2025-03-30" in screen_text(app)
        assert list(tmp_path.glob("*.json")) == []  # nothing written
