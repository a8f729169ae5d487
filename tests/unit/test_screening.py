"""The merge's screening policy, one problem per test, each from its own small input
files (the rules are stated in docs/guide/analyst.md, "Screening")."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.unit.test_aggregate import A, B, C, first_activities, level_row, workshop
from workshop_tui.cli.main import main
from workshop_tui.core.merge import load_exports, summarise
from workshop_tui.core.session.entries import ActivityEntry, Estimate
from workshop_tui.core.session.storage import save_session

HEADER = (
    "session_id;municipality;process_id;group_id;subprocess_no;activity_id;low_hours;high_hours"
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


def rules(findings) -> list[tuple[str, str]]:
    return sorted((f.rule, f.action) for f in findings)


# low above high


def test_1_low_above_high_in_a_json_is_refused_with_exit_1(folder, interviews, capsys):
    bad = workshop(interviews, A)
    bad.session_id = "d" * 32
    bad.activities[first_activities(interviews)[2]].estimates["taet_paa"] = Estimate(
        low=3.1, high=2.75
    )
    save_session(bad, folder / "reversed.json", touch=False)
    assert main(["--lang", "en", "merge", str(folder), "--format", "csv"]) == 1
    captured = capsys.readouterr()
    assert "reversed.json" in captured.err and "low_above_high (refused)" in captured.err
    assert f"activity {first_activities(interviews)[2]}" in captured.err
    assert "group taet_paa" in captured.err
    assert ",taet_paa,total,3," in captured.out  # the other three still merged


def test_1_low_above_high_in_a_csv_is_refused(folder, interviews, catalogue):
    first = first_activities(interviews)[0]
    (folder / "reversed.csv").write_text(
        f"{HEADER}\ns9;Dby;jobsamtaler;taet_paa;1;{first};3,1;2,75\n", encoding="utf-8"
    )
    result = load_exports([folder], catalogue)
    assert rules(result.screening) == [("low_above_high", "refused")]
    [item] = result.screening
    assert (item.session_id, item.group_id, item.activity_id) == ("s9", "taet_paa", first)
    assert item.source.endswith("reversed.csv")
    assert len(result.records) == 3


# a subprocess a workshop never estimated


def test_2_an_unestimated_subprocess_is_not_a_zero(folder, interviews, catalogue):
    partial = workshop(interviews, B)
    partial.session_id = "e" * 32
    del partial.activities[first_activities(interviews)[2]]  # nothing in subprocess 3
    save_session(partial, folder / "partial.json", touch=False)
    summary = summarise(load_exports([folder], catalogue), catalogue)
    row = level_row(summary, "3")
    assert row["n_workshops"] == 3  # not 4
    assert row["low"] == pytest.approx(0.1)  # not 0.0
    total = level_row(summary, "total")
    assert total["n_workshops"] == 3 and total["mean"] == pytest.approx(4.75 / 3)
    found = {(f.rule, f.level) for f in summary.findings if f.session_id == "e" * 32}
    assert {("unestimated_level", "3"), ("incomplete_total", "total")} <= found
    counted = summarise(load_exports([folder], catalogue), catalogue, include_incomplete=True)
    assert level_row(counted, "total")["n_workshops"] == 4


# duplicate rows in one CSV


def test_3_duplicate_rows_refuse_the_session_naming_both_lines(interviews, catalogue, tmp_path):
    first = first_activities(interviews)[0]
    path = tmp_path / "dup.csv"
    path.write_text(
        f"{HEADER}\ns1;Aby;jobsamtaler;taet_paa;1;{first};0,3;0,5\n"
        f"s1;Aby;jobsamtaler;taet_paa;1;{first};0,3;5\n",
        encoding="utf-8",
    )
    result = load_exports([path], catalogue)
    assert result.records == []
    [item] = result.screening
    assert (item.rule, item.action, item.line, item.group_id, item.activity_id) == (
        "duplicate_row",
        "refused",
        3,
        "taet_paa",
        first,
    )
    assert "line 2" in item.detail
    assert main(["merge", str(path), "--format", "csv"]) == 1


# differing copies of one session


def test_4_two_equally_new_differing_copies_are_refused_naming_both(folder, capsys):
    data = json.loads((folder / "a.json").read_text())
    first = next(iter(data["activities"]))
    data["activities"][first]["estimates"]["taet_paa"]["high"] = 9.25
    (folder / "z-a.json").write_text(json.dumps(data))  # the same updated_at
    assert main(["--lang", "en", "merge", str(folder), "--format", "csv"]) == 1
    captured = capsys.readouterr()
    assert "differing_copies (refused)" in captured.err
    assert "a.json" in captured.err and "z-a.json" in captured.err
    assert "remove the wrong copies" in captured.err
    assert ",taet_paa,total,2," in captured.out  # A is out, whatever the file names
    (folder / "z-a.json").rename(folder / "0-a.json")
    assert main(["--lang", "en", "merge", str(folder), "--format", "csv"]) == 1
    assert ",taet_paa,total,2," in capsys.readouterr().out


def test_4_a_differing_csv_copy_has_no_updated_at_and_is_refused(folder, interviews, catalogue):
    from workshop_tui.core.exports import to_csv

    changed = workshop(interviews, A)
    changed.activities[first_activities(interviews)[0]].estimates["taet_paa"] = Estimate(
        low=0.2, high=9.25
    )
    (folder / "a.csv").write_text(to_csv(changed, interviews), encoding="utf-8")
    result = load_exports([folder], catalogue)
    assert rules(result.screening) == [("differing_copies", "refused")]
    assert "no updated_at" in result.screening[0].detail


def test_4_the_newest_differing_copy_wins_and_says_why(folder, interviews, catalogue):
    newer = workshop(interviews, A)
    newer.activities[first_activities(interviews)[0]].estimates["taet_paa"] = Estimate(
        low=0.1, high=0.3
    )
    newer.updated_at = datetime(2024, 3, 2, tzinfo=UTC)
    save_session(newer, folder / "z-newer.json", touch=False)
    result = load_exports([folder], catalogue)
    assert result.screening == []
    [notice] = [n for n in result.notices if "same session" in n.message]
    assert "the newer one is used: " in notice.message and "z-newer.json" in notice.message
    assert "2024-03-02" in notice.message


# effective hours beyond the limit


def test_5_hours_times_staff_beyond_the_limit_are_refused(folder, interviews, capsys):
    absurd = workshop(interviews, C)
    absurd.session_id = "f" * 32
    absurd.activities[first_activities(interviews)[1]].estimates["taet_paa"] = Estimate(
        low=1, high=999, staff=50
    )
    save_session(absurd, folder / "absurd.json", touch=False)
    assert main(["--lang", "en", "merge", str(folder), "--format", "csv"]) == 1
    captured = capsys.readouterr()
    assert "hours_limit (refused)" in captured.err and "absurd.json" in captured.err
    assert "49950 h per citizen" in captured.err and "limit of 1000 h" in captured.err
    assert ",taet_paa,total,3," in captured.out


# outliers by Tukey's fences


def outlier_folder(interviews, tmp_path) -> Path:
    """Six workshops: five alike and one whose subprocess 2 is ten times theirs."""
    folder = tmp_path / "six"
    ids = first_activities(interviews)
    for index in range(6):
        session = workshop(interviews, B)
        session.session_id = f"{index:032x}"
        session.municipality = f"By{index} Kommune"
        high = 7.0 if index == 5 else 0.7 + index / 100
        session.activities[ids[1]] = ActivityEntry(
            estimates={"taet_paa": Estimate(low=0.3, high=high)}
        )
        save_session(session, folder / f"{index}.json", touch=False)
    return folder


def test_outliers_are_flagged_and_strict_excludes_them(interviews, catalogue, tmp_path, capsys):
    folder = outlier_folder(interviews, tmp_path)
    result = load_exports([folder], catalogue)
    flagged = summarise(result, catalogue)
    outliers = [f for f in flagged.findings if f.rule == "outlier"]
    assert {(f.municipality, f.level, f.action) for f in outliers} >= {
        ("By5 Kommune", "2", "flagged")
    }
    assert level_row(flagged, "2")["n_workshops"] == 6
    assert "Tukey's fences" in outliers[0].detail
    strict = summarise(result, catalogue, strict=True)
    assert level_row(strict, "2")["n_workshops"] == 5
    assert level_row(strict, "2")["high"] == pytest.approx(0.74)
    assert main(["--lang", "en", "merge", str(folder), "--format", "csv", "--strict"]) == 0
    assert "outlier (excluded)" in capsys.readouterr().err


def test_fewer_than_five_workshops_never_give_outliers(folder, catalogue):
    summary = summarise(load_exports([folder], catalogue), catalogue)
    assert not [f for f in summary.findings if f.rule == "outlier"]


# the screening table in every format


@pytest.mark.parametrize("fmt", ["table", "md", "json", "xlsx", "csv"])
def test_the_screening_table_is_in_every_format(folder, interviews, tmp_path, fmt, capsys):
    bad = workshop(interviews, A)
    bad.session_id = "d" * 32
    bad.activities[first_activities(interviews)[2]].estimates["taet_paa"] = Estimate(
        low=3.1, high=2.75
    )
    save_session(bad, folder / "reversed.json", touch=False)
    out = tmp_path / f"merged.{fmt}"
    extra = ["--table", "screening"] if fmt == "csv" else []
    assert (
        main(["--lang", "en", "merge", str(folder), "--format", fmt, "--out", str(out), *extra])
        == 1
    )
    if fmt == "xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(out)["screening"]
        rows = [[c.value for c in row] for row in sheet.iter_rows()]
        assert rows[0][:2] == ["rule", "action"] and rows[1][:2] == ["low_above_high", "refused"]
    elif fmt == "json":
        data = json.loads(out.read_text(encoding="utf-8"))
        assert [r["rule"] for r in data["screening"]][0] == "low_above_high"
    else:
        text = out.read_text(encoding="utf-8").replace("\\_", "_")  # Markdown escapes _
        assert "low_above_high" in text and "refused" in text
        if fmt == "csv":
            assert text.startswith("rule,action,source,line,session_id,municipality")


# anonymisation fit for publication


def test_6_every_form_of_a_name_is_replaced_ids_dates_and_files_are_gone(
    interviews, catalogue, tmp_path, capsys
):
    folder = tmp_path / "anon"
    forms = "Søby, Søbys skole, SØBY, Søby's jobcenter, i søby og Søby' borgere"
    for name, session_id in (("Søby Kommune", "1" * 32), ("Ærøhavn Kommune", "2" * 32)):
        session = workshop(interviews, B)
        session.session_id, session.municipality = session_id, name
        session.notes = forms + "; Ærøhavn kommune ringede; Søbyvej 3 and Hansen"
        session.cost_driver_notes[2] = "Tolk fra Ærøhavn Kommunes sprogcenter"
        session.local_activities = []
        save_session(
            session, folder / f"2024-03-14_{name.split()[0]}_{session_id[:8]}.json", touch=False
        )
    out = tmp_path / "anon.xlsx"
    command = ["--lang", "da", "merge", str(folder), "--anonymise", "--out"]
    assert main([*command, str(out), "--format", "xlsx"]) == 0
    err = capsys.readouterr().err
    assert "Søbyvej (2)" in err and "Hansen (2)" in err  # left for the analyst to review
    from openpyxl import load_workbook

    book = load_workbook(out)
    text = " ".join(
        str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row if cell.value
    )
    for leak in (
        "Søby ",
        "Søbys",
        "SØBY",
        "Søby'",
        "søby",
        "Ærøhavn",
        "1111",
        "2222",
        "2024-03-14",
    ):
        assert leak not in text, leak
    assert "Kommune A" in text and "Kommune B" in text and "A-1" in text
    sessions = [[c.value for c in row] for row in book["Workshops"].iter_rows()]
    header = sessions[0]
    assert {row[header.index("Workshopdato")] for row in sessions[1:]} == {"2024-03"}
    assert {row[header.index("Fil")] for row in sessions[1:]} == {None}
    result = anonymise_result(folder, catalogue)
    notes = " ".join(result.sessions["notes"])
    assert notes.startswith(
        "Kommune A, Kommune A skole, Kommune A, Kommune A jobcenter, i Kommune A og Kommune A "
        "borgere; Kommune B ringede; Søbyvej 3"
    )
    assert set(result.frame["session_id"]) == {"A-1", "B-1"}


def anonymise_result(folder, catalogue):
    from workshop_tui.core.merge import anonymise

    return anonymise(load_exports([folder], catalogue), "da")


def test_findings_speak_danish_with_decimal_commas(folder, interviews, capsys):
    bad = workshop(interviews, A)
    bad.session_id = "d" * 32
    bad.activities[first_activities(interviews)[2]].estimates["taet_paa"] = Estimate(
        low=3.1, high=2.75
    )
    save_session(bad, folder / "reversed.json", touch=False)
    command = ["--lang", "da", "merge", str(folder), "--format", "csv", "--table", "screening"]
    assert main(command) == 1
    captured = capsys.readouterr()
    assert "målgruppe taet_paa" in captured.err and "lavt 3,1 t er over højt 2,75 t" in captured.err
    assert "lavt 3,1 t er over højt 2,75 t" in captured.out


def test_strict_leaves_the_outlier_out_of_the_cost_drivers_too(interviews, catalogue, tmp_path):
    result = load_exports([outlier_folder(interviews, tmp_path)], catalogue)
    flagged, strict = summarise(result, catalogue), summarise(result, catalogue, strict=True)
    for summary, n in ((flagged, 6), (strict, 5)):
        drivers = summary.activity_drivers
        assert set(drivers.loc[drivers["group_id"] == "taet_paa", "n_workshops"]) == {n}
    second = strict.subprocess_drivers.set_index(["group_id", "subprocess_no"])
    assert second.loc[("taet_paa", 2), "mean_mid"] == pytest.approx(
        sum((0.3 + 0.7 + i / 100) / 2 for i in range(5)) / 5
    )
