"""The tidy CSV's fast path (tidy_columns) and its line-by-line reader (tidy_csv) agree.

The merge reads a tidy CSV column by column when nothing in it needs naming, and
line by line otherwise. These tests hold the two to one behaviour: on any file the
fast path either gives up (and the line-by-line reader decides, naming file, line
and column) or gives exactly the sessions the line-by-line reader gives, with no
problem, notice or duplicate line that it would have reported.
"""

from __future__ import annotations

import csv
import io
import math
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop_tui.core.demo import demo_session
from workshop_tui.core.exports import to_csv
from workshop_tui.core.process.catalogue import load_catalogue
from workshop_tui.core.session.entries import ActivityEntry, Estimate
from workshop_tui.core.session.model import LocalActivity
from workshop_tui.core.tidy.columns import sessions_at_once
from workshop_tui.core.tidy.reader import read_tidy_csv, sessions_line_by_line
from workshop_tui.core.workshop.model import FirstFigure, Rounds

CATALOGUE = load_catalogue()
PATH = Path("export.csv")

# Per column: cells the reader takes, and cells it refuses or reads with a notice.
CELLS = {
    "session_id": ["s1", " s1 ", "'s1", "", "s2"],
    "municipality": ["Søby", " Søby", "Ærø", "", "x" * 201],
    "workshop_date": ["2024-03-01", "22-09-2024", "01.03.2024", "", "2024-13-01", "soon"],
    "process_id": ["jobsamtaler", "sanktioner", "nope"],
    "group_id": ["taet_paa", "langt_fra", "sygemeldte", "Not An Id", "unknown_group"],
    "subprocess_no": ["1", "2", "9", "1_0", "x", ""],
    "activity_id": ["indkaldelse", "local_eget", "local_Bad Id", "unknown"],
    "activity_name": ["", "Eget", "=cmd", "'=cmd"],
    "low_hours": ["0.5", "0,5", "", " 1 ", "-1", "-0", "0", "1001", "1e999", "nan", "abc", "1_0"],
    "high_hours": ["0.7", "0,25", "", "1000", "2000", "inf", "٣", "-0", "0.0"],
    "staff": ["", "1", "2", "50", "0,5", "0", "51", "50 %", "x"],
    "share": ["", "1", "2", "50", "0,5", "50 %", "150 %", "-0.1", "x"],
    "applicable": ["true", "false", "", "ja", "nej", "maybe"],
    "time_consuming": ["true", "false", "", "yes", "sand", "x"],
    "note": ["", "a note", "'+1", " padded "],
    "first_low_hours": ["", "0.4", "x"],
    "first_high_hours": ["", "0.6", "-2"],
}


def _session_text(seed: int = 0) -> str:
    """A real export: a demo workshop with a local activity, notes and a closed round."""
    process = CATALOGUE.get("jobsamtaler")
    session = demo_session(process, seed=seed)
    group = session.groups[0]
    session.local_activities.append(LocalActivity(id="local_eget", subprocess=2, name="Eget"))
    session.activities["local_eget"] = ActivityEntry(
        estimates={group: Estimate(low=0.25, high=0.5, staff=2, share=0.5)},
        note="ny aktivitet, " * 10,  # longer than a cell the fast path keeps for later files
    )
    first_activity = process.subprocesses[0].activities[0].id
    session.activities[first_activity].not_applicable = True
    second_activity = process.subprocesses[0].activities[1].id  # n/a for one group only
    session.activities[second_activity].estimates[group].not_applicable = True
    session.activities[first_activity].note = "'=1+1"
    session.rounds = Rounds(
        first={first_activity: {group: FirstFigure(low=0.1, high=0.2)}},
        closed_at={1: datetime(2024, 3, 1, tzinfo=UTC)},
    )
    return to_csv(session, process)


BASE = _session_text()
BASE_ROWS = list(csv.reader(io.StringIO(BASE, newline="")))


def _text(rows: list[list[str]], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue()


def _comparable(sessions: list) -> list[tuple[str, str]]:
    """Each session as text: repr tells -0.0 from 0.0 and keeps the order of every dict."""
    exclude = {"created_at", "updated_at"}  # the time each was read
    return [(repr(s.session.model_dump(exclude=exclude)), s.process.id) for s in sessions]


def _agree(text: str) -> bool:
    """Assert the two readers agree on `text`; True when the fast path answered."""
    fast = sessions_at_once(PATH, text, CATALOGUE)
    slow, problems = sessions_line_by_line(PATH, text, CATALOGUE)
    if fast is None:
        return False
    assert problems == []
    assert all(not s.notices and not s.duplicate_rows for s in slow)
    assert _comparable(fast) == _comparable(slow)
    return True


def test_an_export_as_the_app_writes_it_is_read_at_once_into_the_same_sessions():
    assert _agree(BASE)
    assert _agree(_text(BASE_ROWS, ";"))  # as a Danish spreadsheet saves it
    assert _agree(BASE + _session_text(seed=7).split("\r\n", 1)[1])  # two workshops


def test_cells_of_equal_figures_written_apart_are_read_apart():
    """Equal cells share one Estimate; '-0' and '0' are equal figures but not equal cells."""
    rows = [list(row) for row in BASE_ROWS]
    low, high = rows[0].index("low_hours"), rows[0].index("high_hours")
    for line, (low_cell, high_cell) in enumerate([("0", "0"), ("-0", "0"), ("0", "-0,0")], 1):
        rows[line][low], rows[line][high] = low_cell, high_cell
    for _ in range(2):  # the second time, every cell is one read before
        assert _agree(_text(rows))
    (session,) = sessions_at_once(PATH, _text(rows), CATALOGUE)
    header = rows[0]
    cells = [
        session.session.estimate(row[header.index("activity_id")], row[header.index("group_id")])
        for row in rows[1:4]
    ]
    signs = [(math.copysign(1, cell.low), math.copysign(1, cell.high)) for cell in cells]
    assert signs == [(1, 1), (-1, 1), (1, -1)]


def test_a_file_with_only_the_required_columns_is_read_at_once():
    header = BASE_ROWS[0]
    keep = [i for i, name in enumerate(header) if name not in ("staff", "share", "note")]
    assert _agree(_text([[row[i] for i in keep] for row in BASE_ROWS]))


@pytest.mark.parametrize(
    ("column", "cell", "message"),
    [
        ("low_hours", "abc", "'abc' is not a number"),
        ("high_hours", "2000", "less than or equal to 1000"),
        ("share", "150 %", "share"),
        ("subprocess_no", "9", "subprocess"),
    ],
)
def test_a_bad_cell_is_named_by_the_line_by_line_reader(tmp_path, column, cell, message):
    rows = [list(row) for row in BASE_ROWS]
    rows[3][rows[0].index(column)] = cell
    text = _text(rows)
    assert sessions_at_once(PATH, text, CATALOGUE) is None
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    sessions, problems = read_tidy_csv(path, CATALOGUE)
    assert sessions == []
    assert [(p.path, p.line) for p in problems] == [(path, 4)]
    assert message in problems[0].message


def test_a_line_given_twice_is_refused_by_the_line_by_line_reader(tmp_path):
    path = tmp_path / "twice.csv"
    path.write_text(_text([*BASE_ROWS, BASE_ROWS[2]]), encoding="utf-8")
    (session,), problems = read_tidy_csv(path, CATALOGUE)
    assert problems == []
    assert [(d.line, d.first_line) for d in session.duplicate_rows] == [(len(BASE_ROWS) + 1, 3)]


@st.composite
def edited_exports(draw: st.DrawFn) -> str:
    """The export with some cells replaced, lines repeated or dropped, a cell cut off."""
    rows = [list(row) for row in BASE_ROWS]
    header = rows[0]
    for _ in range(draw(st.integers(0, 4))):
        line = draw(st.integers(1, len(rows) - 1))
        column = draw(st.sampled_from(sorted(CELLS)))
        rows[line][header.index(column)] = draw(st.sampled_from(CELLS[column]))
    if draw(st.booleans()):  # one value down a whole column
        column = draw(st.sampled_from(sorted(CELLS)))
        cell = draw(st.sampled_from(CELLS[column]))
        for row in rows[1:]:
            row[header.index(column)] = cell
    if draw(st.booleans()):
        rows.append(list(rows[draw(st.integers(1, len(rows) - 1))]))
    if draw(st.integers(0, 9)) == 0:
        del rows[draw(st.integers(1, len(rows) - 1))][-1]
    if draw(st.integers(0, 9)) == 0:
        rows.insert(draw(st.integers(1, len(rows))), [""] * len(header))
    return _text(rows, draw(st.sampled_from([",", ";"])))


def test_a_cell_read_in_one_column_is_read_afresh_in_another():
    """'2' is 2 staff but a share of 2 %: what one file's share column read is not reused."""
    rows = [list(row) for row in BASE_ROWS]
    for column in ("share", "staff"):
        edited = [list(row) for row in rows]
        for row in edited[1:]:
            row[rows[0].index(column)] = "2"
        assert _agree(_text(edited))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited_exports())
def test_the_fast_path_gives_up_or_gives_what_the_line_by_line_reader_gives(text):
    _agree(text)


def test_the_edits_reach_both_paths():
    """Not a test that cannot fail: some edited files are read at once, others line by line."""
    answered = []

    @settings(max_examples=200, deadline=None, database=None)
    @given(edited_exports())
    def collect(text):
        answered.append(_agree(text))

    collect()
    assert True in answered and False in answered


def test_a_negative_first_round_figure_is_named_not_a_traceback(tmp_path):
    """Found by the property test above: FirstFigure's own check escaped as a traceback."""
    rows = [list(row) for row in BASE_ROWS]
    rows[1][rows[0].index("first_high_hours")] = "-2"
    path = tmp_path / "first.csv"
    path.write_text(_text(rows), encoding="utf-8")
    sessions, problems = read_tidy_csv(path, CATALOGUE)
    assert sessions == []
    assert [(p.line, p.field) for p in problems] == [(2, "first_high_hours")]
    assert "greater than or equal to 0" in problems[0].message
