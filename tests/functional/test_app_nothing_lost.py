"""Nothing typed is lost when the session file cannot be written (a full disk).

The save is made to fail as a full disk fails it (OSError ENOSPC from the write;
tests run as root, whom a read-only folder does not stop). Every dialog keeps its
text, with the reason, until the save works; a figure typed during the fault is
kept in the window and written with the next save that works; the header says
NOT SAVED / IKKE GEMT until the file has everything.
"""

import errno
from datetime import date

import pytest
from textual.widgets import Input, Static, TextArea

from tests.functional.helpers import (
    CATALOGUE,
    app_for,
    run_async,
    saved,
    screen_text,
    settle,
    type_text,
)
from tests.functional.test_app_workshop import fill_new_workshop_form
from workshop_tui.core.session import file as session_file
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.session.storage import load_session
from workshop_tui.tui.app import WorkshopApp
from workshop_tui.tui.screens.estimate.screen import EstimateScreen
from workshop_tui.tui.screens.form_dialog import FormDialog

INTERVIEWS = CATALOGUE.get("jobsamtaler")
FIRST, SECOND = INTERVIEWS.activity_ids[:2]


class Disk:
    """The session file's disk: full (every save fails with ENOSPC) or working."""

    def __init__(self, monkeypatch) -> None:
        self.monkeypatch = monkeypatch
        self.real_save = session_file.save_session
        self.failed = 0

    def full(self) -> None:
        def no_space(session, path):
            self.failed += 1
            raise OSError(errno.ENOSPC, "No space left on device")

        self.monkeypatch.setattr(session_file, "save_session", no_space)

    def works(self) -> None:
        self.monkeypatch.setattr(session_file, "save_session", self.real_save)


@pytest.fixture
def disk(monkeypatch):
    return Disk(monkeypatch)


@pytest.fixture
def editor(tmp_path):
    editor = SessionEditor.create(
        INTERVIEWS,
        tmp_path,
        municipality="Testby",
        workshop_date=date(2024, 3, 1),
        groups=["taet_paa"],
        lang="da",
    )
    yield editor
    editor.close()


async def until(pilot, condition, seconds: float = 15.0) -> bool:
    """Wait until `condition()` holds (True), or give up after `seconds` (False)."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


def header(app) -> str:
    return screen_text(app).splitlines()[0]


def refusal(app) -> str:
    """The open dialog's line saying why it could not save (it wraps anywhere on screen)."""
    return str(app.screen.query_one("#error", Static).content)


# what each text dialog is opened with, and where its text is saved
DIALOGS = {
    "activity note (Ctrl+N)": ("ctrl+n", lambda s: s.entry(FIRST).note),
    "workshop notes (Ctrl+W)": ("ctrl+w", lambda s: s.notes),
    "cost-driver notes (Ctrl+K)": ("ctrl+k", lambda s: s.cost_driver_notes.get(1, "")),
}


@pytest.mark.parametrize("dialog", list(DIALOGS))
@run_async
async def test_a_text_dialog_keeps_its_text_and_says_why_while_saving_fails(editor, disk, dialog):
    key, saved_text = DIALOGS[dialog]
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        disk.full()
        await pilot.press(key)
        await settle(pilot)
        await type_text(pilot, "kun ved samtale")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert disk.failed >= 1
        assert isinstance(app.screen, FormDialog)  # the dialog stays open
        assert app.screen.query_one(TextArea).text == "kun ved samtale"
        said = await until(pilot, lambda: "No space left on device" in refusal(app))
        assert said and refusal(app).startswith("IKKE GEMT"), refusal(app)
        assert await until(pilot, lambda: "IKKE GEMT" in header(app)), header(app)
        assert saved_text(saved(editor)) == ""
        disk.works()
        await pilot.press("ctrl+s")  # tries again, and now saves
        await settle(pilot)
        assert isinstance(app.screen, EstimateScreen)
        assert await until(pilot, lambda: "alt gemt" in header(app)), header(app)
    assert saved_text(saved(editor)) == "kun ved samtale"


@run_async
async def test_a_note_left_with_esc_during_the_fault_is_saved_once_saving_works(editor, disk):
    app = app_for(editor)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        disk.full()
        await pilot.press("ctrl+w")
        await settle(pilot)
        await type_text(pilot, "husk pausen")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, EstimateScreen)
        assert await until(pilot, lambda: "IKKE GEMT" in header(app)), header(app)
        assert saved(editor).notes == ""
        disk.works()  # nothing more typed: the window tries again by itself
        assert await until(pilot, lambda: "alt gemt" in header(app)), header(app)
    assert saved(editor).notes == "husk pausen"


@run_async
async def test_staff_and_share_stay_in_their_dialog_while_saving_fails(editor, disk):
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        disk.full()
        await pilot.press("ctrl+f")
        await settle(pilot)
        app.screen.query_one("#staff-taet_paa", Input).value = "3"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        assert app.screen.query_one("#staff-taet_paa", Input).value == "3"
        said = await until(pilot, lambda: "No space left on device" in refusal(app))
        assert said, refusal(app)
        disk.works()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EstimateScreen)
    assert saved(editor).estimate(FIRST, "taet_paa").staff == 3


@run_async
async def test_a_new_activity_named_during_the_fault_is_added_once(editor, disk):
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        disk.full()
        await pilot.press("ctrl+a")
        await settle(pilot)
        await type_text(pilot, "Opfølgning")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")  # Save again while the disk is still full
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        assert await until(pilot, lambda: "IKKE GEMT" in refusal(app)), refusal(app)
        disk.works()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EstimateScreen)
        assert app.screen.grid.current_line.label("da") == "Opfølgning"
    assert [local.name for local in saved(editor).local_activities] == ["Opfølgning"]


@run_async
async def test_figures_typed_while_saving_fails_are_all_kept_and_saved_later(editor, disk):
    app = app_for(editor)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        disk.full()
        await pilot.press("3", "enter", "4", "enter", "1", "enter")
        await settle(pilot)
        grid = app.screen.grid
        assert not grid.editing  # each figure was taken, none left waiting in its cell
        assert await until(pilot, lambda: "IKKE GEMT" in header(app)), header(app)
        kept = editor.session
        assert (kept.estimate(FIRST, "taet_paa").low, kept.estimate(FIRST, "taet_paa").high) == (
            3,
            4,
        )
        assert kept.estimate(SECOND, "taet_paa").low == 1
        on_disk = saved(editor)
        assert on_disk.estimate(FIRST, "taet_paa").low is None
        disk.works()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert await until(pilot, lambda: "alt gemt" in header(app)), header(app)
    on_disk = saved(editor)
    assert on_disk.estimate(FIRST, "taet_paa").low == 3
    assert on_disk.estimate(FIRST, "taet_paa").high == 4
    assert on_disk.estimate(SECOND, "taet_paa").low == 1


@run_async
async def test_undo_during_the_fault_is_kept_too(editor, disk):
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2", "enter")
        await settle(pilot)
        disk.full()
        await pilot.press("5", "enter", "ctrl+z")
        await settle(pilot)
        assert await until(pilot, lambda: "IKKE GEMT" in header(app)), header(app)
        disk.works()
        await pilot.press("7", "enter")  # the next save that works writes everything
        await settle(pilot)
        assert await until(pilot, lambda: "alt gemt" in header(app)), header(app)
    on_disk = saved(editor).estimate(FIRST, "taet_paa")
    assert (on_disk.low, on_disk.high) == (2, 7)


@run_async
async def test_the_agenda_stays_in_its_dialog_while_saving_fails(editor, disk):
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        disk.full()
        await pilot.press("f4")
        await settle(pilot)
        app.screen.query_one("#box-1", Input).value = "47"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        assert app.screen.query_one("#box-1", Input).value == "47"
        assert await until(pilot, lambda: "IKKE GEMT" in refusal(app)), refusal(app)
        disk.works()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EstimateScreen)
    assert saved(editor).agenda.boxes[1] == 47


@run_async
async def test_ctrl_q_with_changes_not_saved_asks_first(editor, disk):
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        disk.full()
        await pilot.press("6", "enter", "ctrl+q")
        await settle(pilot)
        assert app.is_running
        told = [note.message for note in app._notifications]  # a toast wraps anywhere
        assert any("tryk Ctrl+Q igen" in message for message in told), told
        disk.works()
        await pilot.press("ctrl+q")  # saving works again: the quit saves, then ends
        await settle(pilot)
    assert saved(editor).estimate(FIRST, "taet_paa").low == 6


@run_async
async def test_other_workshops_are_not_opened_while_changes_are_not_saved(editor, disk):
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        disk.full()
        await pilot.press("8", "enter", "ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, EstimateScreen)  # this workshop stays open
        told = [note.message for note in app._notifications]
        assert any("Ikke forladt" in message for message in told), told
        disk.works()
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert not isinstance(app.screen, EstimateScreen)
    assert saved(editor).estimate(FIRST, "taet_paa").low == 8


@run_async
async def test_a_new_workshop_whose_agenda_could_not_be_saved_says_so_and_saves_it_later(
    tmp_path, disk
):
    def agenda_not_saved(session, path):
        if session.agenda is not None:  # the new file is written, then the disk is full
            raise OSError(errno.ENOSPC, "No space left on device")
        return disk.real_save(session, path)

    disk.monkeypatch.setattr(session_file, "save_session", agenda_not_saved)
    app = WorkshopApp(CATALOGUE, tmp_path, "da", today=date(2024, 3, 1))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await fill_new_workshop_form(pilot)
        await settle(pilot)
        assert isinstance(app.screen, EstimateScreen)
        path = app.screen.editor.path
        assert await until(pilot, lambda: "IKKE GEMT" in header(app)), header(app)
        assert saved_agenda(path) is None
        disk.works()
        assert await until(pilot, lambda: "alt gemt" in header(app)), header(app)
    assert saved_agenda(path) is not None


def saved_agenda(path):
    return load_session(path).agenda
