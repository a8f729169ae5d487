"""`workshop-tui merge` on rounds and time logs: the convergence table and the
median time per subprocess, with figures computed by hand below.

The three workshops of tests/unit/test_aggregate.py (group taet_paa; A has langt_fra too):

- A closes every round on its figures, then agrees subprocess 1 at 0.4-0.6 (first 0.2-0.6);
- B closes every round, then agrees subprocess 2 at 0.5-0.5 (first 0.3-0.7);
- C closes no round.

taet_paa, level 1: A mid 0.4 -> 0.5 (+0.1), width 0.4 -> 0.2; B unchanged 0.4 -> 0.4.
  Mean change 0.05, widths 0.4 before, 0.3 after.
level 2: A unchanged (width 0.4), B mid 0.5 -> 0.5, width 0.4 -> 0: change 0, widths 0.4, 0.2.
total (hours as typed): A 1.0-2.0 -> 1.2-2.0 (+0.1, width 1.0 -> 0.8); B 0.8-1.7 -> 1.0-1.5
  (mid 1.25 both, width 0.9 -> 0.5). Mean change 0.05, widths 0.95 and 0.65.
langt_fra (A only): level 1 and total, 1.0-2.0 both times: change 0, widths 1 and 1.

Time logs (seconds): A {1: 600, 2: 1200}, B {1: 900}, C {1: 1500, 2: 600}:
subprocess 1 median of 10, 15, 25 min = 15 (n 3); subprocess 2 median of 20, 10 = 15 (n 2).
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.unit.test_aggregate import A, B, C, first_activities, workshop
from workshop_tui.core.session.entries import Estimate
from workshop_tui.core.session.storage import save_session
from workshop_tui.core.workshop import rounds
from workshop_tui.core.workshop.model import TimeLog

ROOT = Path(__file__).resolve().parents[2]
CLOSED = datetime(2024, 3, 1, 10, tzinfo=UTC)
AGREED = {A: (1, 0.4, 0.6), B: (2, 0.5, 0.5)}
SECONDS = {A: {1: 600, 2: 1200}, B: {1: 900}, C: {1: 1500, 2: 600}}
EXPECTED = {  # (group, level): mean change, width first, width agreed, workshops with rounds
    ("taet_paa", "1"): (0.05, 0.4, 0.3, 2),
    ("taet_paa", "2"): (0.0, 0.4, 0.2, 2),
    ("taet_paa", "3"): (0.0, 0.15, 0.15, 2),
    ("taet_paa", "total"): (0.05, 0.95, 0.65, 2),
    ("langt_fra", "1"): (0.0, 1.0, 1.0, 1),
    ("langt_fra", "total"): (0.0, 1.0, 1.0, 1),
}


def with_rounds(interviews, name: str):
    session = workshop(interviews, name)
    session = session.model_copy(update={"time_log": TimeLog(seconds=SECONDS[name])})
    if name not in AGREED:
        return session
    session = rounds.with_round_closed(session, interviews, None, CLOSED)
    number, low, high = AGREED[name]
    activity = first_activities(interviews)[number - 1]
    staff = session.activities[activity].estimates["taet_paa"].staff
    session.activities[activity].estimates["taet_paa"] = Estimate(low=low, high=high, staff=staff)
    return session


@pytest.fixture
def folder(interviews, tmp_path) -> Path:
    folder = tmp_path / "exports"
    for name in (A, B, C):
        save_session(with_rounds(interviews, name), folder / f"{name[0].lower()}.json", touch=False)
    return folder


def merge_da(*args: str) -> str:
    return merge(*args, lang="da")


def merge(*args: str, lang: str = "en") -> str:
    done = subprocess.run(
        [sys.executable, "-m", "workshop_tui", "--lang", lang, "merge", *args],
        capture_output=True,
        timeout=120,
        cwd=ROOT,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.decode("utf-8")


def check_convergence(rows: list[dict]) -> None:
    found = {(r["group_id"], r["level"]): r for r in rows if r["process_id"] == "jobsamtaler"}
    assert set(found) == set(EXPECTED)
    for key, (change, first, agreed, workshops) in EXPECTED.items():
        row = found[key]
        figures = [float(row[c]) for c in ("mean_change", "mean_width_first", "mean_width_agreed")]
        assert figures == pytest.approx([change, first, agreed], abs=1e-9), key
        assert int(row["n_workshops_rounds"]) == workshops
        assert int(row["n_workshops_without"]) == 1  # C


def test_csv_convergence_from_session_files(folder):
    check_convergence(
        list(
            csv.DictReader(
                io.StringIO(merge(str(folder), "--format", "csv", "--table", "convergence"))
            )
        )
    )


def test_csv_convergence_from_tidy_csvs_with_first_round_columns(folder, tmp_path):
    csvs = tmp_path / "csvs"
    csvs.mkdir()
    for path in sorted(folder.glob("*.json")):
        out = csvs / f"{path.stem}.csv"
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "workshop_tui",
                "export",
                str(path),
                "--format",
                "csv",
                "--out",
                str(out),
            ],
            capture_output=True,
            timeout=120,
            cwd=ROOT,
        )
        assert done.returncode == 0, done.stderr.decode()
    assert "first_low_hours" in (csvs / "a.csv").read_text(encoding="utf-8").splitlines()[0]
    check_convergence(
        list(
            csv.DictReader(
                io.StringIO(merge(str(csvs), "--format", "csv", "--table", "convergence"))
            )
        )
    )


def test_json_has_both_tables(folder):
    data = json.loads(merge(str(folder), "--format", "json"))
    check_convergence(data["convergence"])
    assert data["actual_time"] == [
        {"process_id": "jobsamtaler", "subprocess_no": 1, "median_minutes": 15.0, "n_workshops": 3},
        {"process_id": "jobsamtaler", "subprocess_no": 2, "median_minutes": 15.0, "n_workshops": 2},
    ]


def test_csv_actual_time(folder):
    out = merge(str(folder), "--format", "csv", "--table", "actual_time")
    assert out.splitlines() == [
        "process_id,subprocess_no,median_minutes,n_workshops",
        "jobsamtaler,1,15,3",
        "jobsamtaler,2,15,2",
    ]


def test_time_logged_under_a_subprocess_the_process_lacks_is_left_out_and_named(folder):
    """A hand-edited time log names subprocess 77 (jobsamtaler has three): those 20 minutes
    are no row of the published table, and the screening says where they went."""
    data = json.loads((folder / "c.json").read_text(encoding="utf-8"))
    data["time_log"]["seconds"]["77"] = 1200
    (folder / "c.json").write_text(json.dumps(data), encoding="utf-8")
    assert merge(str(folder), "--format", "csv", "--table", "actual_time").splitlines() == [
        "process_id,subprocess_no,median_minutes,n_workshops",
        "jobsamtaler,1,15,3",
        "jobsamtaler,2,15,2",
    ]
    rows = list(
        csv.DictReader(io.StringIO(merge(str(folder), "--format", "csv", "--table", "screening")))
    )
    [row] = [r for r in rows if r["rule"] == "unknown_subprocess"]
    assert (row["action"], row["level"], row["session_id"][:1]) == ("excluded", "77", "c")
    assert "subprocess 77, which jobsamtaler does not have: its 20 min" in row["detail"]
    assert "delproces 77" in merge_da(str(folder), "--format", "md")


def test_table_and_markdown_show_them_in_both_languages(folder):
    table = " ".join(merge(str(folder)).split())  # rich wraps long titles
    assert "first round against agreed figures" in table
    assert "2 workshops with rounds; 1 without rounds are left out" in table
    assert "time actually spent per subprocess" in table
    danish = " ".join(merge_da(str(folder)).split())
    assert "første runde mod de aftalte tal" in danish and "0,95" in danish
    assert "tid brugt pr. delproces" in danish
    md = merge(str(folder), "--format", "md")
    assert "first round against agreed figures" in md
    assert "| 0.95 | 0.65 | 2 |" in md.replace("**", "")


def test_xlsx_sheets_in_danish(folder, tmp_path):
    out = tmp_path / "merged.xlsx"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "workshop_tui",
            "--lang",
            "da",
            "merge",
            str(folder),
            "--format",
            "xlsx",
            "--out",
            str(out),
        ],
        capture_output=True,
        timeout=120,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr.decode()
    book = load_workbook(out)
    rows = list(book["Runder"].values)
    header = rows[0]
    assert "Gns. ændring i midtpunkt (t)" in header and "Workshops uden runder" in header
    by_key = {(r[header.index("Målgruppe-id")], r[header.index("Niveau-id")]): r for r in rows[1:]}
    total = by_key[("taet_paa", "total")]
    assert total[header.index("Gns. bredde 1. runde (t)")] == pytest.approx(0.95)
    assert total[header.index("Gns. bredde aftalt (t)")] == pytest.approx(0.65)
    assert total[header.index("Niveau")] == "Samlet"
    time = list(book["Tidsforbrug"].values)
    assert time[0] == ("Proces-id", "Proces", "Delproces-nr.", "Median minutter", "Antal workshops")
    assert [r[2:] for r in time[1:]] == [(1, 15, 3), (2, 15, 2)]


def test_anonymised_tables_name_no_municipality_or_file(folder):
    data = json.loads(merge(str(folder), "--format", "json", "--anonymise"))
    text = json.dumps([data["convergence"], data["actual_time"]])
    for word in ("Kommune", "Aby", "a.json", "aaaa"):
        assert word not in text
    check_convergence(data["convergence"])


def test_an_unreadable_first_round_figure_names_its_line_and_column(folder, tmp_path):
    path = tmp_path / "bad.csv"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "workshop_tui",
            "export",
            str(folder / "a.json"),
            "--format",
            "csv",
            "--out",
            str(path),
        ],
        capture_output=True,
        timeout=120,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr.decode()
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].rsplit(",", 2)[0] + ",abc,1"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "workshop_tui", "--lang", "en", "merge", str(path)],
        capture_output=True,
        timeout=120,
        cwd=ROOT,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"},
    )
    err = " ".join(done.stderr.decode().split())
    assert "Traceback" not in err
    assert "bad.csv:2: first_low_hours: 'abc' is not a number" in err, err
    assert done.returncode != 0  # the workshop was skipped, and the exit code says so
