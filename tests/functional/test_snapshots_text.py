"""Snapshots of text as the screen shows it: a note on two lines in the status line, a
dialog's title with hidden characters and a very long name, a lock file's huge holder.

From test_snapshots' fictitious folder (UTC, fixed dates). Regenerate with
--snapshot-update and look at the SVGs before keeping them.
"""

from datetime import UTC, date, datetime

import pytest

from tests.functional.test_snapshots import (  # noqa: F401  # folder: a fixture
    CATALOGUE,
    SIZES,
    estimate_app,
    folder,
    on_activity,
)
from workshop_tui.core.session.lock import LockHolder, SessionLockedError
from workshop_tui.core.session.model import LocalActivity
from workshop_tui.core.session.storage import save_session
from workshop_tui.tui.app import WorkshopApp

# a right-to-left override and a zero-width space, then ten thousand characters more
LONG_HIDDEN_NAME = "Tolk\u202elatot\u200b: " + "bestilling af tolk " * 530


def with_note_and_name(folder):  # noqa: F811
    """The job-interview workshop with a note of two lines, and the room's activity
    renamed in the file to a name the app's fields would refuse."""
    app = estimate_app(folder)
    editor = app.first_editor
    session = editor.session
    entry = session.entry("selve_samtalen").model_copy(
        update={"note": "Tolk ved hver femte samtale\nOfte med\tvideotolk"}
    )
    local = LocalActivity.model_validate(
        {**session.local_activities[0].model_dump(), "name": LONG_HIDDEN_NAME}
    )
    editor.session = save_session(
        session.model_copy(
            update={
                "activities": {**session.activities, "selve_samtalen": entry},
                "local_activities": [local],
                "updated_at": datetime(2024, 3, 1, 12, tzinfo=UTC),
            }
        ),
        editor.path,
        touch=False,
    )
    return app


@pytest.mark.parametrize("size", SIZES)
def test_status_line_with_a_note_on_two_lines(snap_compare, folder, size):  # noqa: F811
    """The cursor on 'Selve samtalen', whose note has two lines and a tab: the status line
    shows it on one line, the line break as ⏎ and the tab as a space, never as \\x0a."""
    run_before = on_activity("selve_samtalen")
    assert snap_compare(with_note_and_name(folder), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_note_dialog_title_with_hidden_characters_and_a_long_name(
    snap_compare,
    folder,  # noqa: F811
    size,
):
    """Ctrl+N on the room's activity named with a right-to-left override, a zero-width
    space and 10,000 characters more: the title shows both escaped, on one line cut with
    an ellipsis, and the text field, the hint and the buttons keep their places."""
    run_before = on_activity("local", "ctrl+n")
    assert snap_compare(with_note_and_name(folder), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_lock_dialog_with_a_huge_holder(snap_compare, folder, size):  # noqa: F811
    """`open FILE` on a session whose lock file names a user of 10 MB on a host with a
    right-to-left override: each cut to 80 characters with an ellipsis, the override
    escaped, the sentence whole, and the three choices on screen."""
    holder = LockHolder(
        host="laptop\u202e2-ni-" + "h" * 200,
        pid=4242,
        user="x" * 10_000_000,
        since="2024-03-01T09:00:00+00:00",
        token="elsewhere",
    )
    path = next(folder.glob("*_jobsamtaler_*.json"))
    locked = SessionLockedError(path, holder, "en")
    app = WorkshopApp(CATALOGUE, folder, "en", locked=locked, today=date(2024, 3, 1))
    assert snap_compare(app, terminal_size=size)
