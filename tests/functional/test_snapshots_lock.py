"""Snapshots of one writer per session: the lock dialog and a read-only session's header.

Fixed holder (another computer, so Take over is offered), fixed files from
test_snapshots' `folder`. Regenerate with `--snapshot-update` and look first.
"""

from datetime import date

import pytest

from tests.functional.test_snapshots import CATALOGUE, SIZES, folder  # noqa: F401 (fixture)
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.session.lock import LockHolder, SessionLockedError
from workshop_tui.tui.app import WorkshopApp

HOLDER = LockHolder(
    host="laptop-in-room-2",
    pid=4242,
    user="anne",
    since="2024-03-01T09:00:00+00:00",
    token="elsewhere",
)


@pytest.mark.parametrize("size", SIZES)
def test_lock_dialog(snap_compare, folder, size):  # noqa: F811
    """`open FILE` on a session held on another computer: who holds it (user, host,
    process, since when), and three choices: Cancel, Take over, Open read-only (focused)."""
    path = next(folder.glob("*_jobsamtaler_*.json"))
    locked = SessionLockedError(path, HOLDER, "en")
    app = WorkshopApp(CATALOGUE, folder, "en", locked=locked, today=date(2024, 3, 1))
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_read_only_header(snap_compare, folder, size):  # noqa: F811
    """A session opened read-only: the header's right end says 'skrivebeskyttet' where it
    otherwise says 'alt gemt' (Danish, as a facilitator in the room would see it)."""
    path = next(folder.glob("*_jobsamtaler_*.json"))
    editor = SessionEditor.open(path, CATALOGUE, "da", read_only=True)
    app = WorkshopApp(CATALOGUE, folder, "da", editor=editor, today=date(2024, 3, 1))
    assert snap_compare(app, terminal_size=size)
