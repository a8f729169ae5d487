"""Snapshots of the half-day's running: the agenda line, the agenda dialog, first against agreed.

The sanctions workshop half done (from test_snapshots' fictitious folder), with an
agenda from 09:00 over 3 h 30 min, the pause after subprocess 2, the clock fixed at
09:30 (UTC, as the folder fixture sets; 09:40 for the box running out), and the first
round closed with two figures moved since. Regenerate with --snapshot-update and look
at the SVGs before keeping them.
"""

from datetime import UTC, datetime, time

import pytest

from tests.functional.test_snapshots import CATALOGUE, SIZES, folder  # noqa: F401  # a fixture
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.session.storage import save_session
from workshop_tui.tui.app import WorkshopApp


def clock() -> datetime:
    return datetime(2024, 3, 3, 9, 30, tzinfo=UTC)


def running_out() -> datetime:
    """Two minutes left in subprocess 1's box (09:00-09:42)."""
    return datetime(2024, 3, 3, 9, 40, tzinfo=UTC)


def rounds_app(exports, now=clock) -> WorkshopApp:
    path = next(exports.glob("*_sanktioner_*.json"))
    editor = SessionEditor.open(path, CATALOGUE, "da", clock=now)
    editor.propose_agenda(time(9, 0), 210, pause_after=2)
    editor.close_round(None)
    first, second = CATALOGUE.get("sanktioner").activity_ids[:2]
    group = editor.session.groups[0]
    editor.set_hours(first, group, "high", "3")  # the room moved two figures after talking
    editor.set_hours(second, group, "low", "0,25")
    # the saves above stamp the time; keep it fixed for the snapshot
    editor.session = save_session(
        editor.session.model_copy(update={"updated_at": datetime(2024, 3, 3, 10, tzinfo=UTC)}),
        editor.path,
        touch=False,
    )
    return WorkshopApp(CATALOGUE, exports, "da", editor=editor, clock=now)


@pytest.mark.parametrize("size", SIZES)
def test_estimate_header_with_the_agenda(snap_compare, folder, size):  # noqa: F811
    """The agenda line under the session bar (clock, the cursor's subprocess, its box, the
    pace) in its running-out colour with its one notice, and the Δ marks of the two cells
    moved since the first round."""
    assert snap_compare(rounds_app(folder, running_out), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_agenda_dialog(snap_compare, folder, size):  # noqa: F811
    """F4: each subprocess's box in minutes, when it runs and the time spent, the pause
    after subprocess 2, the length and the end; whole at 80x24."""
    assert snap_compare(rounds_app(folder), terminal_size=size, press=["f4"])


@pytest.mark.parametrize("size", SIZES)
def test_presentation_with_first_against_agreed(snap_compare, folder, size):  # noqa: F811
    """F5, then Ctrl+B: the agenda line for the room, the total, and the first round against
    the agreed figures per subprocess and for the whole process, for the group shown."""
    assert snap_compare(rounds_app(folder), terminal_size=size, press=["f5", "ctrl+b"])


def silent_app(exports) -> WorkshopApp:
    """The sanctions workshop half done with a silent first round open (nothing closed)."""
    path = next(exports.glob("*_sanktioner_*.json"))
    editor = SessionEditor.open(path, CATALOGUE, "da", clock=clock)
    editor.propose_agenda(time(9, 0), 210, pause_after=2)
    editor.set_silent_round(True)
    editor.session = save_session(
        editor.session.model_copy(update={"updated_at": datetime(2024, 3, 3, 10, tzinfo=UTC)}),
        editor.path,
        touch=False,
    )
    return WorkshopApp(CATALOGUE, exports, "da", editor=editor, clock=clock)


@pytest.mark.parametrize("size", SIZES)
def test_grid_in_a_silent_round(snap_compare, folder, size):  # noqa: F811
    """A silent round open: every cell but the one under the cursor shows •••, the grid's
    unit line says the round is silent, and the totals panel counts cells, no figures."""
    assert snap_compare(silent_app(folder), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_presentation_in_a_silent_round(snap_compare, folder, size):  # noqa: F811
    """F5 during a silent round: the title, the agenda line and how many cells are filled
    per subprocess; no figure the room could anchor on."""
    assert snap_compare(silent_app(folder), terminal_size=size, press=["f5"])


@pytest.mark.parametrize("size", SIZES)
def test_round_dialog(snap_compare, folder, size):  # noqa: F811
    """F3 with a silent round open: what closing a round means, the cursor's subprocess
    named above the three short buttons (cancel, the whole workshop, this subprocess)."""
    assert snap_compare(silent_app(folder), terminal_size=size, press=["f3"])
