"""Escape codes in user text are shown on the terminal, never obeyed.

A municipality, a note, an activity's, a process's or a file's name may hold
them; every table and message the commands print shows them escaped. Files
written as data (CSV, JSON) keep the text as it is.
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from tests.hostile.inputs import good_session_data, run_command
from workshop_tui.core.process.catalogue import bundled_process_folder

HOSTILE = "\x1b[2J\x1b]0;owned\x1b\\"
SHOWN = "\\x1b[2J\\x1b]0;owned\\x1b\\"
PLACE = f"Søby{HOSTILE}"


@pytest.fixture
def as_a_terminal(monkeypatch):
    """rich believes it writes to a terminal (colours, progress bar), as for a person."""
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "250")  # wide enough that no name is wrapped
    monkeypatch.delenv("NO_COLOR", raising=False)


def _no_raw_escape_codes(text: str) -> bool:
    # rich's own colours are ESC [ ... m; what the user text held is not there raw
    return "\x1b[2J" not in text and "\x1b]0;" not in text


def _uncoloured(text: str) -> str:
    """The text without rich's colours (which split a highlighted name)."""
    return re.sub("\x1b\\[[0-9;]*m", "", text)


def hostile_session(folder, name="hostile.json", low_above_high=False):
    data = good_session_data()
    data["municipality"] = PLACE
    data["notes"] = f"note {HOSTILE}"
    data["cost_driver_notes"] = {"1": f"tolk {HOSTILE}"}
    if low_above_high:
        activity = next(iter(data["activities"]))
        group = next(iter(data["activities"][activity]["estimates"]))
        data["activities"][activity]["estimates"][group].update(low=9.0, high=1.0)
    path = folder / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_merge_table_shows_a_municipality_s_escape_codes(tmp_path, as_a_terminal):
    hostile_session(tmp_path)
    code, out, err = run_command("merge", str(tmp_path), "--lang", "en")
    assert code == 0, err
    assert _no_raw_escape_codes(out) and _no_raw_escape_codes(err)
    out = _uncoloured(out)
    assert f"Søby{SHOWN}" in out  # the per-workshop table names it, escaped
    assert f"tolk {SHOWN}" in out  # the cost-driver notes


def test_merge_findings_on_standard_error_show_escape_codes(tmp_path, as_a_terminal):
    hostile_session(tmp_path, f"bad{HOSTILE}.json", low_above_high=True)
    code, _, err = run_command("merge", str(tmp_path), "--format", "csv")
    assert code == 1
    assert _no_raw_escape_codes(err)
    err = _uncoloured(err)
    assert f"bad{SHOWN}.json" in err and f"Søby{SHOWN}" in err
    assert "low_above_high" in err


def test_merge_markdown_shows_escape_codes_but_csv_and_json_keep_the_data(tmp_path):
    hostile_session(tmp_path)
    _, markdown, _ = run_command("merge", str(tmp_path), "--format", "md")
    assert _no_raw_escape_codes(markdown) and "Søby\\\\x1b" in markdown  # \x1b, in Markdown
    _, workshops, _ = run_command("merge", str(tmp_path), "--format", "csv", "--table", "workshops")
    assert PLACE in workshops
    _, merged, _ = run_command("merge", str(tmp_path), "--format", "json")
    assert {row["municipality"] for row in json.loads(merged)["sessions"]} == {PLACE}


def test_an_error_message_shows_a_file_name_s_escape_codes(tmp_path, as_a_terminal):
    path = tmp_path / f"x{HOSTILE}.json"
    path.write_text("{", encoding="utf-8")
    code, out, err = run_command("validate", str(path))
    assert code == 2
    assert _no_raw_escape_codes(err) and f"x{SHOWN}.json" in _uncoloured(err)
    code, _, err = run_command("export", str(path))
    assert code == 2 and _no_raw_escape_codes(err) and f"x{SHOWN}.json" in _uncoloured(err)


def test_validate_names_a_valid_file_escaped(tmp_path, as_a_terminal):
    path = hostile_session(tmp_path, f"ok{HOSTILE}.json")
    code, out, _ = run_command("validate", str(path))
    assert code == 0 and _no_raw_escape_codes(out) and f"ok{SHOWN}.json" in _uncoloured(out)


@pytest.fixture
def hostile_process_folder(tmp_path):
    """The job-interview process with escape codes in its name, as a --processes folder."""
    folder = tmp_path / "processes"
    folder.mkdir()
    text = (bundled_process_folder() / "jobsamtaler.yaml").read_text(encoding="utf-8")
    name_line = next(line for line in text.splitlines() if line.strip().startswith("en:"))
    hostile_line = name_line.split("en:")[0] + 'en: "Job \\e[2J\\e]0;owned\\e\\\\ talks"'
    (folder / "jobsamtaler.yaml").write_text(text.replace(name_line, hostile_line, 1))
    return folder


def test_cost_processes_and_reference_tables_show_a_process_name_s_escape_codes(
    tmp_path, hostile_process_folder, as_a_terminal
):
    hostile_session(tmp_path)
    processes = ["--processes", str(hostile_process_folder), "--lang", "en"]
    code, out, err = run_command("cost", str(tmp_path / "hostile.json"), *processes)
    assert code == 0, err
    assert _no_raw_escape_codes(out) and f"Job {SHOWN} talks" in _uncoloured(out)
    code, out, _ = run_command("processes", *processes)
    assert code == 0 and _no_raw_escape_codes(out) and "Job \\x1b[2J" in _uncoloured(out)
    code, out, _ = run_command("reference", "jobsamtaler", *processes)
    assert code == 0 and _no_raw_escape_codes(out) and "Job \\x1b[2J" in _uncoloured(out)


def test_merge_csv_writes_a_formula_like_municipality_as_text(tmp_path):
    data = good_session_data()
    data["municipality"] = '=HYPERLINK("http://x","Søby")'
    (tmp_path / "s.json").write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = run_command("merge", str(tmp_path), "--format", "csv", "--table", "workshops")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {row["municipality"] for row in rows} == {"'" + data["municipality"]}
