"""Snapshots of not applicable for one target group (Ctrl+D): the grid and the watch view.

Fixed files from test_snapshots' `folder`, in Danish as a facilitator in the room
sees them. Regenerate with `--snapshot-update` and look at the SVGs first.
"""

from datetime import date
from pathlib import Path

import pytest

from tests.functional.test_snapshots import (  # noqa: F401 (fixture)
    CATALOGUE,
    SIZES,
    folder,
    on_activity,
)
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.session.storage import load_session, save_session
from workshop_tui.tui.app import WorkshopApp


def group_na_app(folder: Path) -> WorkshopApp:  # noqa: F811
    """Job interviews, with 'Indhente dokumentation' not applicable for Tæt på only and
    'Afstemning med aktører' for every group (the activity-wide mark, for comparison)."""
    path = next(folder.glob("*_jobsamtaler_*.json"))
    editor = SessionEditor.open(path, CATALOGUE, "da")
    editor.toggle_not_applicable("kontakt_aktoerer")
    editor.set_group_not_applicable("indhente_dokumentation", "taet_paa", True)
    return WorkshopApp(CATALOGUE, folder, "da", editor=editor, today=date(2024, 3, 1))


@pytest.mark.parametrize("size", SIZES)
def test_grid_with_one_group_not_applicable(snap_compare, folder, size):  # noqa: F811
    """'Indhentning af dokumentation' not applicable for Tæt på arbejdsmarkedet only: `i.r.`
    in that group's low and high (the other groups keep their figures; the row below is
    not applicable for every group), the totals panel counts one cell fewer for the group
    (6/6), and the status line on the cell says so and that Ctrl+D includes it again."""
    run_before = on_activity("indhente_dokumentation")
    assert snap_compare(group_na_app(folder), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_watch_view_with_one_group_not_applicable(snap_compare, folder, size):  # noqa: F811
    """`watch FILE` on the rehabilitation team's workshop with its first activity not
    applicable for the first group: the header counts 44 of 44 estimates (100 %) and that
    group 14/14; at 120x40 the estimates list shows `i.r.` in that group's cell only, and
    its subprocess 1 counts 4/4 where the others count 5/5."""
    from workshop_tui.core.session.watcher import SessionWatcher, catalogue_check
    from workshop_tui.tui.live.watch_app import WatchApp

    path = next(folder.glob("*_rehabiliteringsteam_*.json"))
    session = load_session(path)
    first = CATALOGUE.get("rehabiliteringsteam").activity_ids[0]
    session.activities[first].estimates[session.groups[0]].not_applicable = True
    save_session(session, path, touch=False)
    watcher = SessionWatcher(path, catalogue_check(CATALOGUE))
    watcher.load_first()
    assert snap_compare(WatchApp(watcher, CATALOGUE, "da"), terminal_size=size)
