"""Exports of one session: the tidy CSV, the XLSX, the export command, and reading a CSV back."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.waiting import LIMIT
from workshop_tui.cli.main import main
from workshop_tui.core.exports import (
    EXPORT_COLUMNS,
    TIDY_COLUMNS,
    csv_number,
    csv_text,
    to_csv,
    to_xlsx,
    unquote_csv_text,
)
from workshop_tui.core.session.entries import ActivityEntry, Estimate
from workshop_tui.core.session.model import LocalActivity, Session
from workshop_tui.core.session.storage import save_session
from workshop_tui.core.tidy.reader import read_tidy_csv
from workshop_tui.core.totals import group_totals

HOSTILE = '=HYPERLINK("http://evil.example","x")'


def hand_session(interviews, municipality: str = "Testby") -> Session:
    """Two groups, hand-chosen figures, a local activity, marks and awkward notes."""
    prep = [a.id for a in interviews.subprocesses[0].activities]
    talk = interviews.subprocesses[1].activities[0].id
    return Session(
        session_id="0123456789abcdef0123456789abcdef",
        process_id=interviews.id,
        process_version=interviews.version,
        municipality=municipality,
        workshop_date=date(2024, 3, 1),
        groups=["taet_paa", "langt_fra"],
        activities={
            prep[0]: ActivityEntry(
                estimates={
                    "taet_paa": Estimate(low=0.25, high=0.5),
                    "langt_fra": Estimate(low=1000, high=1000),
                },
                time_consuming=True,
                note='line one\nline two, "quoted"',
            ),
            prep[1]: ActivityEntry(
                estimates={"taet_paa": Estimate(low=0.5, high=1.0, staff=2, share=0.5)}
            ),
            prep[3]: ActivityEntry(not_applicable=True, note="+1 ring tilbage"),
            talk: ActivityEntry(
                estimates={"taet_paa": Estimate(low=1 / 3, high=0.75)},
                note="before a carriage return\rafter it",
            ),
            "local_tolk": ActivityEntry(estimates={"langt_fra": Estimate(low=0.1)}),
        },
        local_activities=[LocalActivity(id="local_tolk", subprocess=2, name="@Tolk -bestilling")],
        cost_driver_notes={2: "-tolk forlænger samtalen"},
    )


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_tidy_csv_has_the_exact_header_and_one_row_per_group_and_activity(interviews):
    text = to_csv(hand_session(interviews), interviews)
    # the 15 tidy columns first and in order, then the first-round figures
    assert text.splitlines()[0] == ",".join(TIDY_COLUMNS + ("first_low_hours", "first_high_hours"))
    rows = rows_of(text)
    activities = len(interviews.activity_ids) + 1  # the local one too
    assert len(rows) == 2 * activities
    assert [r["group_id"] for r in rows] == ["taet_paa"] * activities + ["langt_fra"] * activities
    local = [r for r in rows if r["activity_id"] == "local_tolk"]
    assert [r["subprocess_no"] for r in local] == ["2", "2"]


def test_tidy_csv_writes_plain_numbers_defaults_and_booleans(interviews):
    rows = {
        (r["group_id"], r["activity_id"]): r
        for r in rows_of(to_csv(hand_session(interviews), interviews))
    }
    prep = [a.id for a in interviews.subprocesses[0].activities]
    first = rows[("taet_paa", prep[0])]
    assert (first["low_hours"], first["high_hours"], first["staff"], first["share"]) == (
        "0.25",
        "0.5",
        "1",
        "1",
    )
    assert (first["applicable"], first["time_consuming"]) == ("true", "true")
    assert first["workshop_date"] == "2024-03-01"
    assert rows[("langt_fra", prep[0])]["low_hours"] == "1000"  # no thousands separator
    second = rows[("taet_paa", prep[1])]
    assert (second["staff"], second["share"]) == ("2", "0.5")
    assert rows[("taet_paa", prep[3])]["applicable"] == "false"
    empty = rows[("langt_fra", prep[1])]
    assert (empty["low_hours"], empty["high_hours"]) == ("", "")
    third = rows[("taet_paa", interviews.subprocesses[1].activities[0].id)]
    assert float(third["low_hours"]) == 1 / 3  # shortest exact form, no rounding


def test_activity_names_follow_the_export_language(interviews):
    first = interviews.subprocesses[0].activities[0]
    english = rows_of(to_csv(hand_session(interviews), interviews, "en"))[0]
    danish = rows_of(to_csv(hand_session(interviews), interviews, "da"))[0]
    assert (english["activity_name"], danish["activity_name"]) == (first.name.en, first.name.da)


def test_user_text_never_becomes_a_formula_and_never_breaks_a_row(interviews):
    session = hand_session(interviews, municipality=HOSTILE)
    text = to_csv(session, interviews)
    rows = rows_of(text)
    assert len(rows) == 2 * (len(interviews.activity_ids) + 1)  # notes with \n and \r inside
    assert {r["municipality"] for r in rows} == {"'" + HOSTILE}
    texts = [r[c] for r in rows for c in ("municipality", "activity_name", "note", "session_id")]
    assert texts and not [cell for cell in texts if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    local = next(r for r in rows if r["activity_id"] == "local_tolk")
    assert local["activity_name"] == "'@Tolk -bestilling"
    assert any(r["note"] == "before a carriage return\rafter it" for r in rows)
    assert any(r["note"] == 'line one\nline two, "quoted"' for r in rows)
    # every physical line that is not inside a quoted note starts a row of 15 cells
    assert all(len(row) == len(EXPORT_COLUMNS) for row in csv.reader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@x", "\tx", "\rx", "'=x", "'", "plain", ""])
def test_csv_escaping_round_trips(text):
    escaped = csv_text(text)
    assert escaped[:1] not in ("=", "+", "-", "@", "\t", "\r")
    assert unquote_csv_text(escaped) == text


def test_tidy_csv_reads_back_to_the_same_totals(interviews, catalogue, tmp_path):
    session = hand_session(interviews, municipality=HOSTILE)
    path = tmp_path / "s.csv"
    path.write_text(to_csv(session, interviews), encoding="utf-8")
    [item], problems = read_tidy_csv(path, catalogue)
    assert problems == []
    back = item.session
    assert back.municipality == HOSTILE and item.workshop_date == date(2024, 3, 1)
    assert back.local_activities[0].name == "@Tolk -bestilling"
    assert back.cost_driver_notes == {}  # not part of the tidy CSV; the JSON keeps them
    for group in session.groups:
        before, after = (
            group_totals(interviews, session, group),
            group_totals(interviews, back, group),
        )
        assert after.total == before.total
        assert [s.span for s in after.subprocesses] == [s.span for s in before.subprocesses]


def test_a_csv_with_only_the_required_columns_takes_the_defaults(catalogue, interviews, tmp_path):
    first, second = [a.id for a in interviews.subprocesses[0].activities][:2]
    path = tmp_path / "minimal.csv"
    path.write_text(
        "session_id,municipality,process_id,group_id,subprocess_no,activity_id,low_hours,high_hours\n"
        f"s1,Aby,jobsamtaler,taet_paa,1,{first},0.5,1\n"
        f's1,Aby,jobsamtaler,taet_paa,1,{second},"0,25",0.75\n',
        encoding="utf-8",
    )
    [item], problems = read_tidy_csv(path, catalogue)
    assert problems == [] and item.workshop_date is None
    assert item.session.workshop_date is None  # unknown, never a made-up date
    estimate = item.session.estimate(first, "taet_paa")
    assert (estimate.low, estimate.high, estimate.staff, estimate.share) == (0.5, 1.0, 1.0, 1.0)
    assert item.session.estimate(second, "taet_paa").low == 0.25  # a decimal comma, quoted
    assert item.session.entry(first).time_consuming is None  # the definition's flag applies
    assert not item.session.entry(first).not_applicable


def test_a_semicolon_csv_with_a_byte_order_mark_is_read(catalogue, interviews, tmp_path):
    first = interviews.subprocesses[0].activities[0].id
    path = tmp_path / "excel.csv"
    path.write_bytes(
        (
            "\ufeffsession_id;municipality;process_id;group_id;subprocess_no;"
            f"activity_id;low_hours;high_hours;share\ns1;Øby;jobsamtaler;taet_paa;1;"
            f"{first};0,5;1,5;50%\n"
        ).encode()
    )
    [item], problems = read_tidy_csv(path, catalogue)
    assert problems == []
    estimate = item.session.estimate(first, "taet_paa")
    assert (item.session.municipality, estimate.low, estimate.high, estimate.share) == (
        "Øby",
        0.5,
        1.5,
        0.5,
    )


@pytest.mark.parametrize(
    ("row", "message", "field"),
    [
        (
            "s1,Aby,jobsamtaler,taet_paa,1,retired_step,0.5,1",
            "unknown to jobsamtaler",
            "activity_id",
        ),
        ("s1,Aby,jobsamtaler,taet_paa,2,{first},0.5,1", "is in subprocess 1", "subprocess_no"),
        ("s1,Aby,jobsamtaler,taet_paa,1,{first},abc,1", "'abc' is not a number", "low_hours"),
        ("s1,Aby,jobsamtaler,taet_paa,1,{first},-1,1", "greater than or equal to 0", "low_hours"),
        ("s1,Aby,sekstende,taet_paa,1,{first},0.5,1", "unknown process 'sekstende'", "process_id"),
    ],
)
def test_a_bad_row_is_reported_with_file_line_and_column(
    catalogue, interviews, tmp_path, row, message, field
):
    first = interviews.subprocesses[0].activities[0].id
    path = tmp_path / "bad.csv"
    path.write_text(
        "session_id,municipality,process_id,group_id,subprocess_no,activity_id,"
        "low_hours,high_hours\n"
        f"s2,Bby,jobsamtaler,taet_paa,1,{first},0.5,1\n" + row.format(first=first) + "\n",
        encoding="utf-8",
    )
    sessions, [problem] = read_tidy_csv(path, catalogue)
    assert [s.session.session_id for s in sessions] == ["s2"]  # the other session still counts
    assert (problem.path, problem.line, problem.field) == (path, 3, field)
    assert message in problem.message


def test_a_truncated_or_foreign_csv_is_refused_whole(catalogue, interviews, tmp_path):
    text = to_csv(hand_session(interviews), interviews)
    truncated = tmp_path / "truncated.csv"
    truncated.write_text(text[: len(text) // 2], encoding="utf-8")
    sessions, problems = read_tidy_csv(truncated, catalogue)
    assert sessions == [] and "truncated" in problems[0].message and problems[0].line
    foreign = tmp_path / "foreign.csv"
    foreign.write_text("a,b\n1,2\n", encoding="utf-8")
    sessions, [problem] = read_tidy_csv(foreign, catalogue)
    assert sessions == [] and "missing column(s) session_id" in problem.message


# ---------------------------------------------------------------- XLSX


def test_xlsx_holds_estimates_totals_and_notes_as_plain_cells(interviews):
    from openpyxl import load_workbook

    session = hand_session(interviews, municipality=HOSTILE)
    book = load_workbook(io.BytesIO(to_xlsx(session, interviews)))
    assert book.sheetnames == ["Estimates", "Totals", "Notes", "codebook"]
    estimates = book["Estimates"]
    assert [c.value for c in estimates[1]] == list(EXPORT_COLUMNS)
    first = [c for c in estimates[2]]
    assert first[1].value == HOSTILE and first[1].data_type == "s"  # text, not a formula
    assert first[8].value == 0.25 and first[8].number_format == "0.00"
    assert first[12].value is True and first[2].number_format == "yyyy-mm-dd"
    assert estimates.column_dimensions["H"].width > 20  # activity names get room
    assert estimates.freeze_panes == "A2"
    cells = [c for row in estimates.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]

    totals = {(r[1], str(r[3])): r for r in book["Totals"].iter_rows(min_row=2, values_only=True)}
    engine = group_totals(interviews, session, "taet_paa")
    row = totals[("taet_paa", "total")]
    # Spreadsheets keep 15 significant digits
    assert (row[5], row[6], row[7]) == pytest.approx(
        (engine.total.low, engine.total.high, engine.total.mid), rel=1e-14
    )
    assert (row[10], row[11], row[12]) == (0.8, 2.2, 1.6)  # the published reference
    assert totals[("taet_paa", "1")][5] == pytest.approx(engine.subprocess(1).span.low, rel=1e-14)

    notes = [tuple(r) for r in book["Notes"].iter_rows(min_row=2, values_only=True)]
    assert any(r[3] == "-tolk forlænger samtalen" and r[1] == 2 for r in notes)
    assert any(r[3] == HOSTILE for r in notes)


def test_xlsx_sheets_are_in_the_export_language(interviews):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(to_xlsx(hand_session(interviews), interviews, "da")))
    assert book.sheetnames == ["Estimater", "Totaler", "Noter", "Kodebog"]
    assert book["Estimater"]["H2"].value == interviews.subprocesses[0].activities[0].name.da


def test_xlsx_drops_characters_a_workbook_cannot_hold(interviews):
    from openpyxl import load_workbook

    session = hand_session(interviews, municipality="Bell\x07by")
    book = load_workbook(io.BytesIO(to_xlsx(session, interviews)))
    assert book["Estimates"]["B2"].value == "Bell\ufffdby"


# ---------------------------------------------------------------- the export command


@pytest.fixture(autouse=True)
def wide_console(monkeypatch):
    monkeypatch.setenv("COLUMNS", "300")  # long temporary paths stay on one line


@pytest.fixture
def session_file(interviews, tmp_path) -> Path:
    path = tmp_path / "2024-03-01_testby_jobsamtaler_01234567.json"
    save_session(hand_session(interviews), path, touch=False)
    return path


def test_export_writes_beside_the_session_with_the_same_stem(session_file, capsys):
    assert main(["--lang", "en", "export", str(session_file), "--format", "csv"]) == 0
    written = session_file.with_suffix(".csv")
    assert written.read_text(encoding="utf-8").startswith(",".join(TIDY_COLUMNS))
    assert "Wrote" in capsys.readouterr().err
    assert main(["export", str(session_file), "--format", "xlsx"]) == 0
    assert session_file.with_suffix(".xlsx").read_bytes()[:2] == b"PK"
    assert not [p for p in session_file.parent.iterdir() if p.name.startswith(".")]


def test_export_out_may_name_a_file_a_folder_or_standard_output(session_file, tmp_path, capsys):
    target = tmp_path / "elsewhere" / "named.csv"
    assert main(["export", str(session_file), "--out", str(target)]) == 0
    assert target.exists()
    folder = tmp_path / "folder"
    folder.mkdir()
    assert main(["export", str(session_file), "--format", "xlsx", "--out", str(folder)]) == 0
    assert (folder / session_file.with_suffix(".xlsx").name).exists()
    capsys.readouterr()
    assert main(["--lang", "da", "export", str(session_file), "--out", "-"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith(",".join(TIDY_COLUMNS))


def test_export_json_of_the_session_file_itself_writes_nothing(session_file, tmp_path, capsys):
    before = session_file.read_bytes()
    assert main(["export", str(session_file), "--format", "json"]) == 0
    assert session_file.read_bytes() == before
    assert "session file itself" in capsys.readouterr().err
    copy = tmp_path / "copy.json"
    assert main(["export", str(session_file), "--format", "json", "--out", str(copy)]) == 0
    assert copy.read_bytes() == before


def test_export_of_a_broken_session_exits_2_naming_the_file(tmp_path, capsys):
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema_version": 1, "process_id": ', encoding="utf-8")
    assert main(["export", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "broken.json" in err and "Traceback" not in err


def test_export_refuses_an_activity_the_definition_does_not_know(interviews, tmp_path, capsys):
    session = hand_session(interviews)
    session.activities["retired_step"] = ActivityEntry(estimates={"taet_paa": Estimate(low=1)})
    path = tmp_path / "old.json"
    save_session(session, path, touch=False)
    assert main(["export", str(path)]) == 2
    assert "retired_step" in capsys.readouterr().err
    assert not path.with_suffix(".csv").exists()


def test_the_exporter_imports_neither_pandas_nor_openpyxl_up_front():
    code = (
        "import sys, workshop_tui.core.exports; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pandas', 'openpyxl')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=LIMIT, check=True
    )
    assert done.stdout.strip() == "[]"


def test_one_row_definition_gives_the_header_the_required_columns_and_the_cells(interviews):
    """The file-format contract, spelled out: 15 columns in order, 8 of them required."""
    from workshop_tui.core.tidy.table import REQUIRED_COLUMNS, tidy_rows

    assert ",".join(TIDY_COLUMNS) == (
        "session_id,municipality,workshop_date,process_id,group_id,subprocess_no,activity_id,"
        "activity_name,low_hours,high_hours,staff,share,applicable,time_consuming,note"
    )
    assert REQUIRED_COLUMNS == (
        "session_id",
        "municipality",
        "process_id",
        "group_id",
        "subprocess_no",
        "activity_id",
        "low_hours",
        "high_hours",
    )
    session = hand_session(interviews)
    rows = tidy_rows(session, interviews)
    # no round closed in this session: the two first-round columns are empty
    assert [row.csv_cells() + ["", ""] for row in rows] == [
        list(r.values()) for r in rows_of(to_csv(session, interviews))
    ]


def test_first_round_figures_are_exported_after_the_15_columns(interviews, tmp_path):
    """CSV and XLSX: first_low_hours/first_high_hours beside the agreed figures;
    the Notes sheet has each subprocess's box against the time spent."""
    from datetime import UTC, datetime, time

    from openpyxl import load_workbook

    from workshop_tui.core.workshop import agenda, rounds
    from workshop_tui.core.workshop.model import TimeLog

    session = hand_session(interviews)
    first = session.estimate("selve_samtalen", "taet_paa")
    closed = rounds.with_round_closed(session, interviews, None, datetime(2024, 3, 1, tzinfo=UTC))
    moved = closed.model_copy(
        update={
            "activities": {
                **closed.activities,
                "selve_samtalen": closed.entry("selve_samtalen").model_copy(
                    update={"estimates": {"taet_paa": first.model_copy(update={"low": 9.0})}}
                ),
            },
            "agenda": agenda.propose_agenda(interviews, closed, time(9, 0), 210),
            "time_log": TimeLog(seconds={1: 1500}),
        }
    )
    row = next(
        r
        for r in rows_of(to_csv(moved, interviews))
        if (r["activity_id"], r["group_id"]) == ("selve_samtalen", "taet_paa")
    )
    assert (row["low_hours"], row["first_low_hours"]) == ("9", csv_number(first.low))
    assert row["first_high_hours"] == csv_number(first.high)

    path = tmp_path / "x.xlsx"
    path.write_bytes(to_xlsx(moved, interviews, "da"))
    book = load_workbook(path)
    estimates = list(book.worksheets[0].iter_rows(values_only=True))
    header = list(estimates[0])
    cell = next(r for r in estimates if r[6] == "selve_samtalen" and r[4] == "taet_paa")
    assert cell[header.index("first_low_hours")] == first.low
    notes = [
        r for r in book.worksheets[2].iter_rows(values_only=True) if r[0] == "Plan mod faktisk"
    ]
    box = moved.agenda.boxes[1]
    assert notes[0][1:] == (
        1,
        interviews.subprocesses[0].name.da,
        f"planlagt {box} min, faktisk 25 min",
    )
    assert len(notes) == len(interviews.subprocesses)


def test_merge_reads_tidy_csvs_with_and_without_the_first_round_columns(
    interviews, catalogue, tmp_path
):
    from datetime import UTC, datetime

    from workshop_tui.core.workshop import rounds

    session = rounds.with_round_closed(
        hand_session(interviews), interviews, None, datetime(2024, 3, 1, tzinfo=UTC)
    )
    text = to_csv(session, interviews)
    buffer = io.StringIO()
    csv.writer(buffer).writerows(
        row[: len(TIDY_COLUMNS)] for row in csv.reader(io.StringIO(text, newline=""))
    )
    without = buffer.getvalue()
    assert "first_low_hours" in text and "first_low_hours" not in without
    read = []
    for name, content in (("with.csv", text), ("without.csv", without)):
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        items, problems = read_tidy_csv(path, catalogue)
        assert problems == []
        read.append(items[0].session.activities)
    assert read[0] == read[1]  # the two columns change nothing the merge reads
