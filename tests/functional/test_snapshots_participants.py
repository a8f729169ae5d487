"""Snapshots of who takes part (the participants dialog, from the estimate screen and the
new-workshop form), of the totals' national range kept whole at 120x40 and of the
session bar's long name cut with "…".

Fixed files from test_snapshots' `folder`, in Danish as a facilitator in the room sees
them. Regenerate with `--snapshot-update` and look at the SVGs first.
"""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tests.functional.helpers import type_text
from tests.functional.test_app_start import wait_for_list
from tests.functional.test_snapshots import (  # noqa: F401 (fixture)
    CATALOGUE,
    SIZES,
    folder,
)
from workshop_tui.core.demo import FICTITIOUS_MUNICIPALITIES, demo_session
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.session.model import StaffMember
from workshop_tui.core.session.storage import save_session, session_filename
from workshop_tui.tui.app import WorkshopApp

CLOSE, SICK = "taet_paa", "sygemeldte"
STAFF = [
    *[StaffMember(role="sagsbehandler", groups=[CLOSE])] * 3,
    StaffMember(role="sagsbehandler", groups=[SICK], initials="KL"),
    StaffMember(role="virksomhedskonsulent", groups=[CLOSE, "langt_fra", SICK], initials="MJ"),
    StaffMember(role="teamleder", groups=[CLOSE, "langt_fra", SICK]),
]


def listed_editor(folder: Path) -> SessionEditor:  # noqa: F811
    """Job interviews with six participants listed."""
    path = next(folder.glob("*_jobsamtaler_*.json"))
    editor = SessionEditor.open(path, CATALOGUE, "da")
    editor.set_participants(STAFF)
    # the save above stamps the time; keep it fixed for the snapshot (watch shows it)
    editor.session = save_session(
        editor.session.model_copy(update={"updated_at": datetime(2024, 3, 1, 12, tzinfo=UTC)}),
        editor.path,
        touch=False,
    )
    return editor


def listed_app(folder: Path) -> WorkshopApp:  # noqa: F811
    return WorkshopApp(
        CATALOGUE, folder, "da", editor=listed_editor(folder), today=date(2024, 3, 1)
    )


@pytest.mark.parametrize("size", SIZES)
def test_participants_dialog(snap_compare, folder, size):  # noqa: F811
    """Ctrl+U, then P, on the estimate screen: '6 deltagere: 4 sagsbehandlere, 1
    virksomhedskonsulent, 1 teamleder', the six listed with their initials and groups
    ('alle målgrupper' for the last two), the role and initials fields empty for the next
    one, every group ticked, the hint, and Annullér/Gem in view."""
    assert snap_compare(listed_app(folder), terminal_size=size, press=["ctrl+u", "p"])


@pytest.mark.parametrize("size", SIZES)
def test_new_workshop_form_with_participants(snap_compare, folder, size):  # noqa: F811
    """The form after F2 listed three sagsbehandlere and a teamleder: the count is 4 and
    not typed (greyed), and the roles stand under it."""

    async def run_before(pilot) -> None:
        await wait_for_list(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        await type_text(pilot, "3 sagsbehandler")
        await pilot.press("enter")
        await type_text(pilot, "teamleder")
        await pilot.press("enter", "enter")
        await pilot.pause()
        pilot.app.screen.query_one("#facilitator").focus()
        await pilot.pause()

    clock = lambda: datetime(2024, 3, 1, 8, 50, tzinfo=UTC)  # noqa: E731  # starts 09:00
    app = WorkshopApp(None, folder, "da", today=date(2024, 3, 1), clock=clock)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_totals_keep_the_national_range_whole(snap_compare, folder, size):  # noqa: F811
    """Rehabiliteringsteamet half estimated, Jobafklaring til jobafklaring's total
    '13,8–22,6 (delvis), midt 18,2, landsref. 10,2–16,8': at 120x40, beside the grid, the
    national range goes on a line of its own rather than being cut ('landsref. 10,2–1');
    at 80x24, below the grid on one line, the group's name is cut with '…' instead."""
    process = CATALOGUE.get("rehabiliteringsteam")
    session = demo_session(process, FICTITIOUS_MUNICIPALITIES[0], workshop_date=date(2024, 3, 1))
    kept = {a.id for s in process.subprocesses[:2] for a in s.activities}
    session = session.model_copy(
        update={"activities": {k: v for k, v in session.activities.items() if k in kept}}
    )
    path = folder / session_filename(session)
    save_session(session, path)
    editor = SessionEditor.open(path, CATALOGUE, "da")
    editor.set_hours("opstartssamtale", "jobafklaring_til_jobafklaring", "high", "12")
    editor.set_hours("opstartssamtale", "jobafklaring_til_jobafklaring", "low", "8")
    app = WorkshopApp(CATALOGUE, folder, "da", editor=editor, today=date(2024, 3, 1))
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_session_bar_cuts_a_long_name_with_an_ellipsis(snap_compare, folder, size):  # noqa: F811
    """A municipality's long name in the bar above the grid: one line ending in '…' before
    '100 % udfyldt · alt gemt', not a name cut mid-word with nothing to say so."""
    path = next(folder.glob("*_jobsamtaler_*.json"))
    editor = SessionEditor.open(path, CATALOGUE, "da")
    long_name = "Jobcenter Ringkøbing-Skjern, afdelingen for sygedagpenge og jobafklaring, Tarm"
    editor.session = save_session(
        editor.session.model_copy(update={"municipality": long_name}), path, touch=False
    )
    app = WorkshopApp(CATALOGUE, folder, "da", editor=editor, today=date(2024, 3, 1))
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_watch_header_says_who_takes_part(snap_compare, folder, size):  # noqa: F811
    """`workshop-tui watch FILE` of a workshop with six participants listed: the header
    says '6 deltagere: 4 sagsbehandlere, 1 virksomhedskonsulent, 1 teamleder' after the
    facilitator, wrapped between words (three lines at 80x24, two at 120x40), the progress
    bar and the totals under it as before."""
    from workshop_tui.core.session.watcher import SessionWatcher, catalogue_check
    from workshop_tui.tui.live.watch_app import WatchApp

    editor = listed_editor(folder)
    editor.close()  # saved with the six; the file let go
    path = editor.path
    watcher = SessionWatcher(path, catalogue_check(CATALOGUE))
    watcher.load_first()
    assert snap_compare(WatchApp(watcher, CATALOGUE, "da"), terminal_size=size)
