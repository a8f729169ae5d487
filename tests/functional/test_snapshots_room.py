"""Snapshots of the participants' room (Ctrl+U): its dialog closed and open, and the totals
panel after the reveal.

The job-interview workshop of test_snapshots' fictitious folder, in Danish as the
facilitator sees it; the room's server is tests/functional/room_fake.py (a fixed
address and code). Regenerate with --snapshot-update and look at the SVGs first.
"""

from datetime import date
from pathlib import Path

import pytest

from tests.functional.room_fake import fake_rooms, give
from tests.functional.test_snapshots import CATALOGUE, SIZES, folder  # noqa: F401  # a fixture
from tests.waiting import wait_for_async
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.tui.app import WorkshopApp

FIGURES = {"p1": (0.5, 1.0), "p2": (0.75, 1.5), "p3": (0.25, 2.0), "p4": (1.0, 1.0)}


def room_app(folder: Path) -> WorkshopApp:  # noqa: F811
    path = next(folder.glob("*_jobsamtaler_*.json"))
    editor = SessionEditor.open(path, CATALOGUE, "da")
    return WorkshopApp(CATALOGUE, folder, "da", editor=editor, today=date(2024, 3, 1))


@pytest.mark.parametrize("size", SIZES)
def test_room_dialog_before_it_opens(snap_compare, folder, monkeypatch, size):  # noqa: F811
    """Ctrl+U with no room open: what the room is for, and where it opens (this computer
    only, or the meeting network), each with its letter."""
    fake_rooms(monkeypatch)
    assert snap_compare(room_app(folder), terminal_size=size, press=["ctrl+u"])


@pytest.mark.parametrize("size", SIZES)
def test_room_dialog_open(snap_compare, folder, monkeypatch, size):  # noqa: F811
    """Ctrl+U, n: the room open on the meeting network: the QR code of its address (dark on
    light), the address and the code for the phones, nothing asked yet, and the room's
    five commands with their letters; whole at 80x24."""
    fake_rooms(monkeypatch)
    assert snap_compare(room_app(folder), terminal_size=size, press=["ctrl+u", "n"])


@pytest.mark.parametrize("size", SIZES)
def test_totals_panel_after_the_reveal(snap_compare, folder, monkeypatch, size):  # noqa: F811
    """The first activity asked, four participants answered its first group (the ⁴ before
    the cell), revealed: the totals panel shows their four ranges without names, and the
    lowest, median and highest low (0,25 0,62 1) and high (1 1,25 2)."""
    fake_rooms(monkeypatch)

    async def run_before(pilot) -> None:
        await pilot.press("ctrl+u", "n")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        screen = pilot.app.screen
        editor = screen.editor
        first, group = editor.lines()[0].id, editor.session.groups[0]
        give(editor.path, editor.session.session_id, FIGURES, first, group)
        await wait_for_async(
            lambda: screen.room.counts.get((first, group)) == 4, "the answers", pause=pilot.pause
        )
        await pilot.press("ctrl+u", "r")
        await pilot.pause()

    assert snap_compare(room_app(folder), terminal_size=size, run_before=run_before)
