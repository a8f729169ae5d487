"""Snapshots of the agenda line on the workshop's own clock: another day, and paused.

The sanctions workshop half done, dated 2024-03-03, with an agenda from 09:00 over
3 h 30 min (see test_snapshots_rounds); times in UTC, as the folder fixture sets.
Regenerate with --snapshot-update and look at the SVGs before keeping them.
"""

from datetime import UTC, datetime

import pytest

from tests.functional.test_snapshots import SIZES, folder  # noqa: F401  # a fixture
from tests.functional.test_snapshots_rounds import rounds_app
from workshop_tui.core.session.storage import save_session
from workshop_tui.core.workshop.agenda import paused


def a_year_later() -> datetime:
    """16:10 on another day than the workshop's."""
    return datetime(2025, 3, 12, 16, 10, tzinfo=UTC)


def after_the_pause_began() -> datetime:
    return datetime(2024, 3, 3, 10, 5, tzinfo=UTC)


@pytest.mark.parametrize("size", SIZES)
def test_estimate_header_on_another_day(snap_compare, folder, size):  # noqa: F811
    """Opened a year after the workshop: the agenda line gives the plan only ('Plan:
    9:00–12:30 den 2024-03-03') and the key that starts it now, in its quiet colour,
    with no countdown and no notice."""
    assert snap_compare(rounds_app(folder, a_year_later), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_estimate_header_paused(snap_compare, folder, size):  # noqa: F811
    """Paused at 09:40 (in subprocess 1's last minutes) and looked at 10:05: the line
    says since when it is paused and stands still there, neither amber nor a notice;
    the key that resumes it where there is room (120x40), the pace first at 80x24."""
    app = rounds_app(folder, after_the_pause_began)
    editor = app.first_editor
    agenda = paused(editor.session.agenda, datetime(2024, 3, 3, 9, 40, tzinfo=UTC))
    # written as rounds_app writes its session: the moment of the save kept fixed
    editor.session = save_session(
        editor.session.model_copy(update={"agenda": agenda}), editor.path, touch=False
    )
    assert snap_compare(app, terminal_size=size)
