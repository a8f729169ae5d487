"""Snapshots of the grid's marks and presentation's activity view at 80x24 and 120x40.

The same fixed, fictitious workshops as test_snapshots.py (its `folder` fixture).
Regenerate with `pytest tests/functional/test_snapshots_readable.py --snapshot-update`
and look at the SVGs before keeping them.
"""

from datetime import UTC, date, datetime

import pytest

from tests.functional.test_snapshots import CATALOGUE, SIZES, folder, on_activity
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.session.storage import save_session
from workshop_tui.tui.app import WorkshopApp

__all__ = ["folder"]  # the fixture, used by name below


def marked_app(folder):
    """Job interviews with a wide range (0,1/0,9 for the sick-listed: over 5x), a
    half-filled cell (a high deleted) and a cell counted for 2 staff (the × mark)."""
    path = next(folder.glob("*_jobsamtaler_*.json"))
    editor = SessionEditor.open(path, CATALOGUE, "da")
    editor.set_hours("orientering_i_sag", "sygemeldte", "high", "0,9")  # over 5x its low
    editor.set_hours("indkaldelse", "langt_fra", "high", "")  # half-filled: '?'
    editor.set_staff("selve_samtalen", "taet_paa", "2")  # × for the multiplier
    # the saves above stamp the time; keep it fixed for the snapshot
    fixed = datetime(2024, 3, 1, 12, tzinfo=UTC)
    editor.session = save_session(
        editor.session.model_copy(update={"updated_at": fixed}), editor.path, touch=False
    )
    return WorkshopApp(CATALOGUE, folder, "da", editor=editor, today=date(2024, 3, 1))


@pytest.mark.parametrize("size", SIZES)
def test_grid_with_flag_half_filled_and_multiplier_marks(snap_compare, folder, size):
    """The grid with its marks: '!' on a high over 5x its low, '?' on a half-filled cell's
    empty side, '×' on a cell counted for 2 staff; the cursor on the wide range, so the
    status line says why it is flagged."""
    run_before = on_activity("orientering_i_sag", "right", "right", "right", "right")
    assert snap_compare(marked_app(folder), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_presentation_activity_view(snap_compare, folder, size):
    """Presentation's activity view (F5, then a): the grid's current activity large, each
    group's low-high as typed in 5-row figures (3-row at 80x24), with what to know in words."""
    run_before = on_activity("indkaldelse", "f5", "a")
    assert snap_compare(marked_app(folder), terminal_size=size, run_before=run_before)
