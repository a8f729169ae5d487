"""The participants' own estimates in the exports and in merge's `within_room` table.

Workshops A and B of tests/unit/test_aggregate.py had a participants' room on the first
activity of subprocess 1 (group taet_paa); C had none.

- A: three participants, midpoints 1, 2 and 3: interquartile range 1 (1.5 to 2.5) over
  the median 2 = 0.5;
- B: four participants, midpoints 2, 2, 2 and 6: range 1 (2 to 3) over 2 = 0.5, and on
  subprocess 2's first activity two who agree (0).
Level 1: the median of 0.5 and 0.5 = 0.5, 2 cells, 2 rooms. Level 2: B only, 0, 1 cell,
1 room. The total: A's cells 0.5; B's the median of 0.5 and 0 = 0.25; over rooms 0.375.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.unit.test_aggregate import A, B, C, first_activities, workshop
from workshop_tui.cli.main import main
from workshop_tui.core.exports import PARTICIPANT_COLUMNS
from workshop_tui.core.room.model import ParticipantEstimate
from workshop_tui.core.session.storage import save_session

WHEN = datetime(2025, 3, 12, 9, 30, tzinfo=UTC)
HOSTILE = "=HYPERLINK(1)"
ROOMS = {  # name -> subprocess number -> each participant's (low, high)
    A: {1: [(1, 1), (2, 2), (2, 4)]},
    B: {1: [(2, 2), (1, 3), (2, 2), (6, 6)], 2: [(1, 2), (1, 2)]},
}
EXPECTED = {  # level: median relative IQR, cells, rooms
    "1": (0.5, 2, 2),
    "2": (0.0, 1, 1),
    "total": (0.375, 3, 2),
}


def with_room(interviews, name: str):
    session = workshop(interviews, name)
    activities = first_activities(interviews)
    given = [
        ParticipantEstimate(
            participant=HOSTILE if n == 1 else f"Deltager {n}",
            participant_id=f"p{n}",
            activity_id=activities[number - 1],
            group_id="taet_paa",
            low=low,
            high=high,
            submitted_at=WHEN,
        )
        for number, figures in ROOMS.get(name, {}).items()
        for n, (low, high) in enumerate(figures, start=1)
    ]
    return session.model_copy(update={"participant_estimates": given})


@pytest.fixture
def folder(interviews, tmp_path) -> Path:
    folder = tmp_path / "exports"
    for name in (A, B, C):
        save_session(with_room(interviews, name), folder / f"{name[0].lower()}.json", touch=False)
    return folder


def run(capsys, *args: str) -> str:
    capsys.readouterr()
    assert main(["--lang", "en", *args]) == 0
    return capsys.readouterr().out


def check(rows: list[dict]) -> None:
    found = {r["level"]: r for r in rows if r["group_id"] == "taet_paa"}
    assert set(found) == set(EXPECTED)
    for level, (spread, cells, rooms) in EXPECTED.items():
        row = found[level]
        assert float(row["median_relative_iqr"]) == pytest.approx(spread), level
        assert (int(row["n_cells"]), int(row["n_rooms"])) == (cells, rooms), level
        assert int(row["n_workshops_no_room"]) == 1  # C


def test_merge_within_room_as_csv_and_json(folder, capsys):
    out = run(capsys, "merge", str(folder), "--format", "csv", "--table", "within_room")
    check(list(csv.DictReader(io.StringIO(out))))
    check(json.loads(run(capsys, "merge", str(folder), "--format", "json"))["within_room"])


def test_merge_within_room_in_the_table_markdown_and_xlsx(folder, tmp_path, capsys):
    table = " ".join(run(capsys, "merge", str(folder)).split())
    assert "how far each room's participants spread" in table
    md = run(capsys, "merge", str(folder), "--format", "md")
    assert "| 50% | 2 | 2 |" in md.replace("**", "")  # level 1
    out = tmp_path / "merged.xlsx"
    assert main(["--lang", "da", "merge", str(folder), "--format", "xlsx", "--out", str(out)]) == 0
    sheet = load_workbook(out)["Deltagernes spredning"]
    header = [cell.value for cell in sheet[1]]
    assert "Rum med deltagere" in header and "Workshops uden deltagere" in header
    assert HOSTILE not in md and "Deltager" not in md  # no participant reaches the merge


def test_export_participants_as_csv_beside_the_session(folder, capsys):
    session = folder / "b.json"
    assert main(["export", str(session), "--format", "csv", "--table", "participants"]) == 0
    written = folder / "b.participants.csv"
    rows = list(csv.reader(io.StringIO(written.read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == PARTICIPANT_COLUMNS
    assert len(rows) == 1 + 6
    first = rows[1]
    assert first[1] == "'" + HOSTILE  # a name typed on a phone never becomes a formula
    assert first[4:7] == ["2", "2", "2025-03-12T09:30:00+00:00"]
    assert (folder / "b.json").with_suffix(".csv").exists() is False  # the tidy CSV untouched
    assert "(6 rows)" in capsys.readouterr().err


def test_the_xlsx_has_a_participants_sheet_only_with_a_room(folder, tmp_path):
    for name, sheets in (("a", True), ("c", False)):
        out = tmp_path / f"{name}.xlsx"
        assert (
            main(["export", str(folder / f"{name}.json"), "--format", "xlsx", "--out", str(out)])
            == 0
        )
        book = load_workbook(out)
        assert ("Participants' estimates" in book.sheetnames) is sheets
    rows = list(load_workbook(tmp_path / "a.xlsx")["Participants' estimates"].values)
    assert rows[0] == PARTICIPANT_COLUMNS and len(rows) == 4
    assert rows[1][1] == HOSTILE and rows[1][4] == 1  # text stays text, hours stay numbers
