"""`validate` on a session the app saved with a low above its high.

The app saves such a cell on purpose and marks it '!' for the room to fix, so
the file is valid; merge refuses the workshop until it is fixed. validate says
so, naming the cell, and exits 1, never calling the file valid.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.hostile.inputs import run_command
from workshop_tui.core.session.editor import SessionEditor

FIRST = "indkaldelse"  # the job interview's first activity, subprocess 1


@pytest.fixture
def editor(tmp_path, interviews):
    editor = SessionEditor.create(
        interviews,
        tmp_path,
        municipality="Søby Kommune (fiktiv)",
        workshop_date=date(2024, 3, 1),
        groups=["taet_paa", "langt_fra"],
    )
    yield editor
    editor.close()


def test_a_saved_low_above_high_is_named_and_the_exit_code_is_1(editor):
    editor.set_hours(FIRST, "taet_paa", "low", "3")  # as typed in the room: low first
    editor.set_hours(FIRST, "taet_paa", "high", "1")
    code, out, err = run_command("validate", str(editor.path), "--lang", "en")
    assert code == 1
    assert "valid session file" not in out  # never called valid
    assert f"{editor.path}: a valid session file, but merge refuses it" in err
    assert (
        f"{editor.path}: low_above_high (refused): session {editor.session.session_id[:8]} "
        "(Søby Kommune (fiktiv)), group taet_paa, level 1, activity indkaldelse: "
        "low 3 h is above high 1 h"
    ) in err

    editor.set_hours(FIRST, "taet_paa", "high", "4,5")  # the room fixes it
    code, out, err = run_command("validate", str(editor.path), "--lang", "en")
    assert code == 0 and f"{editor.path}: valid session file" in out and err == ""


def test_in_danish(editor):
    editor.set_hours(FIRST, "langt_fra", "low", "2")
    editor.set_hours(FIRST, "langt_fra", "high", "0,5")
    code, _, err = run_command("validate", str(editor.path), "--lang", "da")
    assert code == 1
    assert "en gyldig sessionsfil, men merge afviser den" in err
    assert "low_above_high (afvist)" in err and "lavt 2 t er over højt 0,5 t" in err


def test_hours_above_the_limit_after_staff_and_share_are_named_too(editor):
    editor.set_hours(FIRST, "taet_paa", "low", "100")
    editor.set_hours(FIRST, "taet_paa", "high", "999")
    editor.set_staff(FIRST, "taet_paa", "50")  # 999 h x 50 staff: merge refuses it
    code, _, err = run_command("validate", str(editor.path), "--lang", "en")
    assert code == 1
    assert "hours_limit (refused)" in err and "activity indkaldelse" in err


def test_an_invalid_file_beside_it_still_exits_2_and_both_are_named(editor, tmp_path):
    editor.set_hours(FIRST, "taet_paa", "low", "3")
    editor.set_hours(FIRST, "taet_paa", "high", "1")
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    code, _, err = run_command("validate", str(editor.path), str(broken))
    assert code == 2
    assert "low_above_high" in err and "broken.json" in err


def test_merge_refuses_what_validate_named(editor):
    editor.set_hours(FIRST, "taet_paa", "low", "3")
    editor.set_hours(FIRST, "taet_paa", "high", "1")
    _, _, named = run_command("validate", str(editor.path), "--lang", "en")
    code, _, err = run_command("merge", str(editor.path), "--format", "csv", "--lang", "en")
    assert code == 1
    finding = next(line for line in named.splitlines() if "low_above_high" in line)
    assert finding.strip(" •") in err


def test_time_logged_where_the_process_has_no_subprocess_is_said_but_still_valid(editor):
    """A hand-edited time log naming subprocess 9: valid (exit 0), and validate says, as
    merge's screening would, that those minutes stay out of the actual-time table."""
    data = json.loads(editor.path.read_text(encoding="utf-8"))
    data["time_log"] = {"seconds": {"1": 300, "9": 600}}
    editor.path.write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = run_command("validate", str(editor.path), "--lang", "en")
    assert code == 0 and f"{editor.path}: valid session file" in out
    assert f"{editor.path}: merge leaves this out of its tables:" in out
    assert "unknown_subprocess (excluded)" in out and "its 10 min are left out" in out
    code, out, _ = run_command("validate", str(editor.path), "--lang", "da")
    assert code == 0 and "merge udelader dette" in out and "delproces 9" in out


def test_a_windows_1252_csv_merge_reads_is_valid(interviews, catalogue, tmp_path):
    """validate reads a tidy CSV as merge does: Danish Excel's Windows-1252 with semicolons."""
    from tests.unit.test_merge_inputs_outputs import excel_rows
    from workshop_tui.core.merge import load_exports

    path = tmp_path / "excel.csv"
    path.write_bytes(excel_rows(interviews).encode("cp1252"))
    assert load_exports([path], catalogue).problems == []  # merge reads it
    code, out, err = run_command("validate", str(path), "--lang", "en")
    assert (code, err) == (0, "")
    assert f"{path}: valid tidy CSV file" in out


def test_a_csv_merge_skips_is_invalid_with_its_line(interviews, tmp_path):
    from tests.unit.test_merge_inputs_outputs import excel_rows

    path = tmp_path / "excel.csv"
    text = excel_rows(interviews).replace("0,5;1,5", "x;1,5", 1)
    path.write_bytes(text.encode("cp1252"))
    code, out, err = run_command("validate", str(path), "--lang", "en")
    assert code == 2 and "valid" not in out
    assert f"{path}:2: low_hours: 'x' is not a number" in err
