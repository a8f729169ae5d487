"""Who took part: the count per role in words, the editor's checks, and where they show
(the XLSX, the live header, the merge's sessions table); old files keep their count."""

from __future__ import annotations

import io
import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from workshop_tui.cli.main import main
from workshop_tui.core.exports import to_xlsx
from workshop_tui.core.numbers import EntryError
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.session.model import StaffMember
from workshop_tui.core.session.staff import participants_summary, read_role, roles_summary
from workshop_tui.core.session.storage import load_session
from workshop_tui.core.totals import session_totals
from workshop_tui.tui.live.totals import LiveSnapshot, header_text

V1 = Path(__file__).parent.parent / "data" / "session_v1.json"
CLOSE, SICK = "taet_paa", "sygemeldte"


def member(role: str, *groups: str, initials: str = "") -> StaffMember:
    return StaffMember(role=role, groups=list(groups) or [CLOSE, SICK], initials=initials)


EIGHT = [
    *[member("sagsbehandler", CLOSE)] * 3,
    member("virksomhedskonsulent", SICK, initials="KL"),
    member("teamleder"),
    *[member("sagsbehandler", SICK)] * 2,
    member("virksomhedskonsulent"),
]


def new_editor(process, folder: Path, staff: list[StaffMember] | None = None) -> SessionEditor:
    return SessionEditor.create(
        process,
        folder,
        municipality="Testby",
        workshop_date=date(2024, 3, 1),
        groups=[CLOSE, SICK],
        participants=4,
        staff=staff,
    )


def test_roles_are_counted_most_first_with_the_danish_plural():
    assert roles_summary(EIGHT) == "5 sagsbehandlere, 2 virksomhedskonsulenter, 1 teamleder"
    # a role typed otherwise has no known plural: counted, not misspelt
    assert roles_summary([member("fysioterapeut")] * 2) == "2 × fysioterapeut"
    assert roles_summary([]) == ""


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("3 sagsbehandler", (3, "sagsbehandler")),
        ("2 x  jurist", (2, "jurist")),
        ("  teamleder ", (1, "teamleder")),
        ("koordinerende   sagsbehandler", (1, "koordinerende sagsbehandler")),
    ],
)
def test_a_role_typed_with_a_count_adds_that_many(typed, read):
    assert read_role(typed) == read


def test_the_count_follows_the_participants_listed(interviews, tmp_path):
    editor = new_editor(interviews, tmp_path, EIGHT)
    try:
        on_disk = load_session(editor.path)
        assert (on_disk.participants, on_disk.staff) == (8, EIGHT)
        editor.set_participants(EIGHT[:3])
        assert load_session(editor.path).participants == 3
        # no one listed: the count typed on its own stays
        editor.set_participants([])
        assert (load_session(editor.path).participants, load_session(editor.path).staff) == (3, [])
    finally:
        editor.close()


def test_a_participant_in_a_group_the_workshop_does_not_cover_is_refused(interviews, tmp_path):
    editor = new_editor(interviews, tmp_path)
    try:
        before = editor.path.read_bytes()
        with pytest.raises(EntryError, match="Participant 2 \\(jurist\\): 'langt_fra' is not"):
            editor.set_participants([member("teamleder"), member("jurist", "langt_fra")])
        assert editor.path.read_bytes() == before
        assert load_session(editor.path).participants == 4
    finally:
        editor.close()


def test_the_xlsx_lists_each_participant_and_the_count_per_role(interviews, tmp_path):
    from openpyxl import load_workbook

    editor = new_editor(interviews, tmp_path, EIGHT)
    editor.close()
    session = load_session(editor.path)
    book = load_workbook(io.BytesIO(to_xlsx(session, interviews, "da")))
    assert book.sheetnames == ["Estimater", "Totaler", "Noter", "Deltagere", "Kodebog"]
    rows = list(book["Deltagere"].iter_rows(values_only=True))
    assert rows[0] == ("no", "Rolle", "group_ids", "Målgrupper", "Initialer")
    assert rows[4] == (4, "virksomhedskonsulent", "sygemeldte", "Sygemeldte", "KL")
    both = "Tæt på arbejdsmarkedet, Sygemeldte"
    assert rows[5] == (5, "teamleder", "taet_paa,sygemeldte", both, None)  # no initials
    assert len(rows) == 9
    notes = {r[2]: r[3] for r in book["Noter"].iter_rows(min_row=2, values_only=True)}
    assert notes["Deltagere"] == 8
    assert notes["Deltagere pr. rolle"] == "5 sagsbehandlere, 2 virksomhedskonsulenter, 1 teamleder"


def test_the_live_header_says_who_takes_part(interviews, tmp_path):
    editor = new_editor(interviews, tmp_path, EIGHT)
    editor.close()
    session = load_session(editor.path)
    totals = session_totals(interviews, session)
    snapshot = LiveSnapshot(session, interviews, totals, "en", frozenset(), frozenset())
    assert (
        "8 participants: 5 sagsbehandlere, 2 virksomhedskonsulenter, 1 teamleder"
        in header_text(snapshot).plain
    )
    counted = load_session(V1)  # an old file: its count only
    assert participants_summary(counted, "da") == "9 deltagere"


def test_an_old_session_merges_beside_a_listed_one_count_and_roles_in_the_table(
    interviews, tmp_path, capsys
):
    old = tmp_path / "old.json"
    shutil.copy(V1, old)
    editor = new_editor(interviews, tmp_path, EIGHT)
    editor.close()
    out = tmp_path / "merged.json"
    args = ["--lang", "en", "merge", str(old), str(editor.path), "--format", "json"]
    assert main([*args, "--out", str(out)]) == 0
    sessions = {s["municipality"]: s for s in json.loads(out.read_text())["sessions"]}
    assert sessions["Testby"]["participants"] == 8
    assert sessions["Testby"]["roles"] == "5 sagsbehandlere, 2 virksomhedskonsulenter, 1 teamleder"
    old_row = sessions[load_session(old).municipality]
    assert (old_row["participants"], old_row["roles"]) == (9, "")
