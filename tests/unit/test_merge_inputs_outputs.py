"""Files as Excel writes them, folders that fight back, and outputs an analyst can hand on,
each from its own small input files."""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import date
from pathlib import Path

import pytest

from tests.unit.test_aggregate import A, B, C, first_activities, workshop
from tests.waiting import LIMIT
from workshop_tui.cli.main import main
from workshop_tui.core.formatting import hours_text, round_half_up
from workshop_tui.core.merge import load_exports, summarise
from workshop_tui.core.session.entries import ActivityEntry, Estimate
from workshop_tui.core.session.storage import save_session

EXCEL_HEADER = (
    "session_id;municipality;workshop_date;process_id;group_id;subprocess_no;activity_id;"
    "low_hours;high_hours;time_consuming"
)


@pytest.fixture(autouse=True)
def wide_console(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")


@pytest.fixture
def folder(interviews, tmp_path) -> Path:
    folder = tmp_path / "exports"
    for name in (A, B, C):
        save_session(workshop(interviews, name), folder / f"{name[0].lower()}.json", touch=False)
    return folder


def excel_rows(interviews, workshop_date: str = "22-09-2024", marked: str = "") -> str:
    ids = first_activities(interviews)
    return (
        EXCEL_HEADER
        + "\r\n"
        + "".join(
            f"s1;Ærøhavn Kommune;{workshop_date};jobsamtaler;taet_paa;{n};{ids[n - 1]};0,5;1,5;"
            f"{marked}\r\n"
            for n in (1, 2, 3)
        )
    )


# files as Excel writes them


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("cp1252", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-8", b""), ("utf-16", b"")],
    ids=["windows-1252", "utf-8-bom", "utf-8", "utf-16"],
)
def test_7_semicolon_csvs_in_excels_encodings_are_read(
    interviews, catalogue, tmp_path, encoding, bom
):
    path = tmp_path / "excel.csv"
    path.write_bytes(bom + excel_rows(interviews).encode(encoding))
    result = load_exports([path], catalogue)
    assert result.problems == []
    [record] = result.records
    assert record.municipality == "Ærøhavn Kommune"
    assert record.workshop_date == date(2024, 9, 22)


@pytest.mark.parametrize("written", ["22-09-2024", "22.09.2024", "2024-09-22"])
def test_7_dates_as_excel_rewrites_them_are_read(interviews, catalogue, tmp_path, written):
    path = tmp_path / "dates.csv"
    path.write_text(excel_rows(interviews, written), encoding="utf-8")
    [record] = load_exports([path], catalogue).records
    assert record.workshop_date == date(2024, 9, 22)


def test_7_an_unreadable_optional_column_never_sinks_the_session(interviews, catalogue, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text(excel_rows(interviews, "den 22. september", marked="måske"), encoding="utf-8")
    result = load_exports([path], catalogue)
    assert result.problems == []
    [record] = result.records
    assert record.workshop_date is None
    fields = {(n.line, n.field) for n in result.notices if "still counts" in n.message}
    assert {(2, "workshop_date"), (2, "time_consuming")} <= fields


# folders that fight back


def test_8_a_symlink_loop_is_skipped_with_its_name(folder, capsys):
    os.symlink("loop.json", folder / "loop.json")
    os.symlink(folder, folder / "inner.csv")  # a folder named like an export: not a file
    assert main(["--lang", "en", "merge", str(folder), "--format", "csv"]) == 1
    captured = capsys.readouterr()
    assert "loop.json: skipped:" in captured.err and "symbolic links" in captured.err
    assert "Traceback" not in captured.err
    assert ",taet_paa,total,3," in captured.out


@pytest.mark.skipif(os.geteuid() == 0, reason="root may read any folder")
def test_8_an_unreadable_folder_is_skipped_with_its_name(folder, tmp_path, capsys):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        assert main(["merge", str(folder), str(locked), "--format", "csv"]) == 1
    finally:
        locked.chmod(0o755)
    assert "locked: folder skipped" in capsys.readouterr().err


# outputs


def test_9_the_table_redirected_is_never_cut():
    """At 80 columns table 2.1 lost its last process and the levels their last column."""
    import subprocess
    import sys

    examples = Path(__file__).resolve().parents[2] / "exports" / "examples"
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    done = subprocess.run(
        [sys.executable, "-m", "workshop_tui", "--lang", "en", "merge", str(examples)],
        capture_output=True,
        timeout=LIMIT,
        env=env,
        check=False,
    )
    out = done.stdout.decode()
    lines = out.splitlines()
    published = next(line for line in lines if "│ Published range" in line)
    # table 2.1's last process (Referral to other offers), close to the labour market
    assert published.rstrip().endswith("1.1–3.2 (avg. 2.2; 7 municipalities) │")
    total = next(line for line in lines if line.startswith("│ Total "))
    assert total.rstrip().endswith("0/4/0 │")  # the levels table's below/within/above
    assert "…" not in out


def test_9_one_half_up_rule_in_every_format(interviews, catalogue, tmp_path):
    assert round_half_up(0.625, 2) == 0.63 and round_half_up(1.005, 2) == 1.01
    assert round_half_up(0.624, 2) == 0.62
    assert hours_text(0.625, "da", half_up=True) == "0,63"
    folder = tmp_path / "tie"
    ids = first_activities(interviews)
    for index, (low, high) in enumerate(((0.5, 0.75), (0.5, 0.75))):  # mean midpoint 0.625
        session = workshop(interviews, B)
        session.session_id = f"{index:032x}"
        session.activities = {
            ids[0]: ActivityEntry(estimates={"taet_paa": Estimate(low=low, high=high)})
        }
        save_session(session, folder / f"{index}.json", touch=False)
    for fmt in ("md", "table"):
        out = tmp_path / f"m.{fmt}"
        main(["--lang", "en", "merge", str(folder), "--format", fmt, "--out", str(out)])
        text = out.read_text(encoding="utf-8")
        assert "0.63" in text and "0.62 " not in text
    from openpyxl import load_workbook

    out = tmp_path / "m.xlsx"
    main(["--lang", "en", "merge", str(folder), "--format", "xlsx", "--out", str(out)])
    levels = load_workbook(out)["levels"]
    header = [c.value for c in levels[1]]
    first = [c for c in levels[2]]
    mean = first[header.index("mean")]
    assert mean.value == 0.625 and mean.number_format == "0.00"  # shown 0.63 by the sheet


def test_9_the_danish_xlsx_has_danish_sheets_names_beside_ids_and_shares_as_percent(
    folder, tmp_path
):
    from openpyxl import load_workbook

    out = tmp_path / "m.xlsx"
    main(["--lang", "da", "merge", str(folder), "--format", "xlsx", "--out", str(out)])
    book = load_workbook(out)
    assert book.sheetnames[:3] == ["Niveauer", "Oversigt", "Delprocesser"]
    header = [c.value for c in book["Niveauer"][1]]
    assert header[:6] == ["Proces-id", "Proces", "Målgruppe-id", "Målgruppe", "Niveau-id", "Niveau"]
    first = [c.value for c in book["Niveauer"][2]]
    assert first[:6] == [
        "jobsamtaler",
        "Jobsamtaler og sagsbehandling",
        "taet_paa",
        "Tæt på arbejdsmarkedet",
        "1",
        "Forberedelse af samtale",
    ]
    drivers = book["Delprocesser"]
    header = [c.value for c in drivers[1]]
    share = drivers.cell(row=2, column=header.index("Andel af gns. samlet") + 1)
    assert share.number_format == "0%"
    workshops = [[c.value for c in row] for row in book["Pr. workshop"].iter_rows()]
    column = workshops[0].index("Ift. reference")
    assert {row[column] for row in workshops[1:]} <= {"under", "inden for", "over", None}
    table = book["Tabel 2.1"]
    assert [c.value for c in table[1]][:4] == [
        "Målgruppe-id",
        "Målgruppe",
        "Mål",
        "Jobsamtaler og sagsbehandling",
    ]


def test_9_table_2_1_is_groups_by_processes_in_csv(folder, capsys):
    assert main(["merge", str(folder), "--format", "csv", "--table", "overview"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["group_id", "measure", "jobsamtaler"]
    # the workshops' midpoints (1.5, 1.25, 2.0) beside the published spread between
    # municipalities; the rooms' own 0.8-2.8 is not table 2.1's kind of range
    assert rows[1:9] == [
        ["taet_paa", "n_workshops", "3"],
        ["taet_paa", "min_mid", "1.25"],
        ["taet_paa", "max_mid", "2"],
        ["taet_paa", "mean", "1.583333"],
        ["taet_paa", "ref_low", "0.8"],
        ["taet_paa", "ref_high", "2.2"],
        ["taet_paa", "ref_avg", "1.6"],
        ["taet_paa", "ref_municipalities", "8"],
    ]


def test_9_local_activities_with_one_id_and_two_names_stay_apart(folder, interviews, catalogue):
    other = workshop(interviews, C)
    other.session_id = "9" * 32
    other.municipality = "Dby Kommune"
    other.local_activities[0].name = "Tolkebistand"
    save_session(other, folder / "d.json", touch=False)
    summary = summarise(load_exports([folder], catalogue), catalogue)
    local = summary.local_activities
    assert sorted(local["activity_name"]) == ["Tolk (Cby Kommune)", "Tolkebistand"]
    drivers = summary.activity_drivers
    named = drivers.loc[drivers["activity_id"] == "local_tolk", "activity_name"]
    assert sorted(named) == ["Tolk (Cby Kommune)", "Tolkebistand"]


# per-workshop results in every format


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx", "md"])
def test_10_each_workshop_sits_beside_the_reference_and_its_peers(folder, tmp_path, fmt):
    out = tmp_path / f"w.{fmt}"
    extra = ["--table", "workshops"] if fmt == "csv" else []
    main(["--lang", "en", "merge", str(folder), "--format", fmt, "--out", str(out), *extra])
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    elif fmt == "json":
        rows = json.loads(out.read_text(encoding="utf-8"))["workshops"]
    elif fmt == "xlsx":
        from openpyxl import load_workbook

        sheet = [[c.value for c in row] for row in load_workbook(out)["workshops"].iter_rows()]
        rows = [dict(zip(sheet[0], row, strict=True)) for row in sheet[1:]]
    else:
        text = out.read_text(encoding="utf-8")
        assert "each workshop beside the reference and its peers" in text
        assert (
            "| Cby Kommune | Close to the labour market | 3 Registration and documentation |"
            in text
        )
        assert (
            "| Cby Kommune | Close to the labour market | Total | 1.20–2.80 (2.00) | 0.8–2.2 | "
            "within | 1.50 | above |" in text
        )
        return
    c_total = next(
        r
        for r in rows
        if r["municipality"] == C and r["group_id"] == "taet_paa" and r["level"] == "total"
    )
    assert float(c_total["mid"]) == 2.0 and float(c_total["peer_median"]) == 1.5
    assert (c_total["vs_reference"], c_total["vs_peers"]) == ("within", "above")


def test_8_a_folder_the_system_refuses_is_skipped_with_its_name(
    folder, tmp_path, monkeypatch, capsys
):
    """As root every folder is readable, so the refusal the kernel gives others is simulated."""
    import workshop_tui.core.merge.files as export_files

    locked = tmp_path / "locked"
    locked.mkdir()
    real_scandir = os.scandir

    def scandir(path):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(export_files.os, "scandir", scandir)
    assert main(["merge", str(folder), str(locked), "--format", "csv"]) == 1
    captured = capsys.readouterr()
    assert "locked: folder skipped: Permission denied" in captured.err
    assert "Traceback" not in captured.err and ",taet_paa,total,3," in captured.out
