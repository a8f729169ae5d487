"""`workshop-tui merge` as an analyst uses it: formats, languages, bad files, exit codes.

The three hand-made workshops of tests/unit/test_aggregate.py are merged; the
figures below are the ones computed by hand there.
"""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.test_aggregate import A, B, C, workshop
from tests.waiting import LIMIT
from workshop_tui.cli.main import main
from workshop_tui.core.session.storage import save_session

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "exports" / "examples"
HEADER = "process_id,group_id,level,n_workshops,low,high,mean,median,min_mid,max_mid"


@pytest.fixture(autouse=True)
def wide_console(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # rich wraps at 80 columns when not on a terminal


@pytest.fixture
def folder(interviews, tmp_path) -> Path:
    folder = tmp_path / "exports"
    for name in (A, B, C):
        save_session(workshop(interviews, name), folder / f"{name[0].lower()}.json", touch=False)
    return folder


def run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    """The real command in a child process, output piped (not a terminal)."""
    return subprocess.run(
        [sys.executable, "-m", "workshop_tui", *args],
        capture_output=True,
        timeout=LIMIT,
        cwd=ROOT,
        **kwargs,
    )


def test_csv_output_carries_the_hand_computed_figures(folder, capsys):
    assert main(["merge", str(folder), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == HEADER
    rows = {(r["group_id"], r["level"]): r for r in csv.DictReader(io.StringIO(out))}
    assert [rows[("taet_paa", level)]["low"] for level in ("1", "2", "3", "total")] == [
        "0.2",
        "0.3",
        "0.1",
        "0.8",
    ]
    total = rows[("taet_paa", "total")]
    assert [total[k] for k in ("n_workshops", "high", "mean", "median", "min_mid", "max_mid")] == [
        "3",
        "2.8",
        "1.583333",
        "1.5",
        "1.25",
        "2",
    ]
    # A estimated only subprocess 1 for this group: its total is left out unless asked for
    assert rows[("langt_fra", "total")]["n_workshops"] == "0"
    assert rows[("langt_fra", "1")]["n_workshops"] == "1"
    capsys.readouterr()
    assert main(["merge", str(folder), "--format", "csv", "--include-incomplete"]) == 0
    out = capsys.readouterr().out
    rows = {(r["group_id"], r["level"]): r for r in csv.DictReader(io.StringIO(out))}
    assert rows[("langt_fra", "total")]["n_workshops"] == "1"


def test_the_table_speaks_danish_with_decimal_commas(folder, capsys):
    assert main(["--lang", "da", "merge", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "3 workshops samlet fra 3 filer" in out
    for text in (
        "0,80–2,80",
        "Landsreference",
        "Samlet",
        "Tæt på arbejdsmarkedet",
        "0,8–2,2 (gns. 1,6; 8 kommuner)",
        "Andel af spredning",
        "Tolk (Cby Kommune) (1 af 3 workshops: Cby Kommune)",
        "I Aby Kommune forlænger tolken samtalen",
    ):
        assert text in out, text
    assert "0.80" not in out


def test_the_table_in_english(folder, capsys):
    assert main(["--lang", "en", "merge", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "0.80–2.80" in out and "National reference" in out and "Close to the labour" in out


def test_bad_files_are_reported_on_stderr_and_the_exit_code_is_1(folder):
    (folder / "corrupt.json").write_text("{nope", encoding="utf-8")
    text = (folder / "a.json").read_text(encoding="utf-8")
    (folder / "future.json").write_text(
        re.sub(r'"schema_version": \d+', '"schema_version": 9', text).replace("a" * 32, "f" * 32),
        encoding="utf-8",
    )
    done = run("--lang", "en", "merge", str(folder), "--format", "csv")
    assert done.returncode == 1
    err = done.stderr.decode()
    assert "corrupt.json" in err and "corrupt or truncated" in err
    assert "future.json" in err and "schema_version 9" in err
    assert "Traceback" not in err
    out = done.stdout.decode()
    assert out.startswith(HEADER) and ",total,3," in out  # the good ones still merged
    assert "Reading exports" not in out + err  # piped: no progress bar


def test_a_duplicate_is_counted_once_noted_and_exits_0(folder, capsys):
    shutil.copy(folder / "a.json", folder / "copy-of-a.json")
    assert main(["--lang", "en", "merge", str(folder), "--format", "csv"]) == 0
    captured = capsys.readouterr()
    assert "1 file held a session already read" in captured.err
    assert "counted once" in captured.err and "copy-of-a.json" in captured.err
    assert ",taet_paa,total,3," in captured.out


def test_session_files_with_their_csv_exports_beside_them_give_one_line(folder, capsys):
    for name in ("a", "b", "c"):
        assert main(["export", str(folder / f"{name}.json"), "--format", "csv"]) == 0
    capsys.readouterr()
    assert main(["--lang", "en", "merge", str(folder), "--format", "csv"]) == 0
    captured = capsys.readouterr()
    assert "3 files held a session already read, with the same figures" in captured.err
    assert captured.err.count("same session") == 0  # not one line per copy
    assert ",taet_paa,total,3," in captured.out


def test_copies_that_differ_are_named_one_by_one(folder, capsys):
    data = json.loads((folder / "a.json").read_text())
    first = next(iter(data["activities"]))
    data["activities"][first]["estimates"]["taet_paa"]["high"] = 9.0
    data["updated_at"] = "2030-01-01T00:00:00Z"
    (folder / "newer-a.json").write_text(json.dumps(data))
    assert main(["--lang", "en", "merge", str(folder), "--format", "csv"]) == 0
    err = capsys.readouterr().err
    assert "the copies differ; the newer one is used" in err and "a.json" in err


def test_findings_read_the_same_whether_rich_draws_them_or_not(folder):
    """Piped, the skipped files and notes are written as plain text; where rich draws them
    (told here that the stream is no terminal, so without colours) they read the same."""
    (folder / "corrupt.json").write_text("{nope", encoding="utf-8")
    shutil.copy(folder / "a.json", folder / "copy-of-a.json")
    (folder / "[red]odd name.json").write_text("", encoding="utf-8")
    args = ("--lang", "en", "merge", str(folder), "--format", "csv", "--anonymise")
    plain = run(*args)
    drawn = run(*args, env={**os.environ, "TTY_COMPATIBLE": "0"})
    assert plain.returncode == drawn.returncode == 1
    assert plain.stdout == drawn.stdout
    err = plain.stderr.decode()
    assert plain.stderr == drawn.stderr
    assert "Skipped (2):" in err and "  ✗ " in err and "[red]odd name.json" in err
    assert "Notes (" in err and "  • 1 file held a session already read" in err
    assert "Before publishing, check these capitalised words" in err


@pytest.mark.parametrize("fmt", ["json", "md", "xlsx", "table", "csv"])
def test_out_writes_the_chosen_format_atomically(folder, tmp_path, fmt, capsys):
    out = tmp_path / "results" / f"merged.{fmt}"
    assert main(["--lang", "en", "merge", str(folder), "--format", fmt, "--out", str(out)]) == 0
    assert capsys.readouterr().out == ""  # everything went to the file
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temporary file left
    if fmt == "json":
        data = json.loads(out.read_text(encoding="utf-8"))
        total = next(
            r for r in data["levels"] if (r["group_id"], r["level"]) == ("taet_paa", "total")
        )
        assert (total["low"], total["high"], total["n_within"]) == (0.8, 2.8, 3)
        assert data["n_workshops"] == 3 and {"activity_drivers", "overview"} <= set(data)
    elif fmt == "md":
        text = out.read_text(encoding="utf-8")
        assert "## 3 workshops merged from 3 files" in text
        assert "| **Total** | **3** | **0.80–2.80** |" in text
    elif fmt == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(out)
        assert book.sheetnames[:3] == ["levels", "overview", "subprocess_drivers"]
        header = [c.value for c in book["levels"][1]]
        assert header[:10] == HEADER.split(",")
    elif fmt == "table":
        text = out.read_text(encoding="utf-8")
        assert "0.80–2.80" in text and "\x1b[" not in text  # plain text, no colour codes
    else:
        assert out.read_text(encoding="utf-8").startswith(HEADER)


def test_anonymise_leaves_no_municipality_in_any_output(folder, tmp_path, capsys):
    for fmt in ("md", "json", "table"):
        out = tmp_path / f"anon.{fmt}"
        assert (
            main(
                [
                    "--lang",
                    "da",
                    "merge",
                    str(folder),
                    "--anonymise",
                    "--format",
                    fmt,
                    "--out",
                    str(out),
                ]
            )
            == 0
        )
        text = out.read_text(encoding="utf-8")
        assert "Kommune A" in text, fmt
        assert not [name for name in ("Aby", "Bby", "Cby") if name in text], fmt


def test_anonymous_labels_do_not_depend_on_file_names(folder, tmp_path, capsys):
    renamed = tmp_path / "renamed"
    renamed.mkdir()
    for path, name in zip(sorted(folder.iterdir()), ("3.json", "1.json", "2.json"), strict=False):
        shutil.copy(path, renamed / name)
    outputs = []
    for source in (folder, renamed):
        assert main(["merge", str(source), "--anonymise", "--format", "json"]) == 0
        data = json.loads(capsys.readouterr().out)
        outputs.append({s["session_id"]: s["municipality"] for s in data["sessions"]})
    assert outputs[0] == outputs[1]
    assert outputs[0]["A-1"] == "Municipality A"  # the label's own id, not the session id
    assert "a" * 32 not in json.dumps(outputs)


def test_xlsx_is_not_printed_to_a_terminal_but_can_be_piped(folder):
    done = run("merge", str(folder), "--format", "xlsx")
    assert done.returncode == 0 and done.stdout[:2] == b"PK"


def test_nothing_found_is_reported_with_exit_1(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["--lang", "en", "merge", str(empty), str(tmp_path / "missing")]) == 1
    captured = capsys.readouterr()
    assert "no .json or .csv exports" in captured.err and "no such file" in captured.err
    assert "No workshops to merge." in captured.out


def test_a_progress_bar_shows_on_a_terminal_only(folder):
    """Run with stdout on a pseudo-terminal: rich draws the bar, then clears it."""
    controller, terminal = pty.openpty()
    env = {**os.environ, "COLUMNS": "120", "TERM": "xterm"}
    process = subprocess.Popen(
        [sys.executable, "-m", "workshop_tui", "--lang", "en", "merge", str(folder)],
        stdout=terminal,
        stderr=terminal,
        cwd=ROOT,
        env=env,
    )
    os.close(terminal)
    seen = b""
    while True:
        ready, _, _ = select.select([controller], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    os.close(controller)
    assert process.wait(timeout=LIMIT) == 0
    assert b"Reading exports" in seen
    assert b"3 workshops merged" in seen


def test_the_shipped_examples_merge_cleanly():
    done = run("--lang", "en", "merge", str(EXAMPLES), "--format", "json")
    assert done.returncode == 0, done.stderr.decode()
    data = json.loads(done.stdout)
    by_process = {}
    for session in data["sessions"]:
        by_process[session["process_id"]] = by_process.get(session["process_id"], 0) + 1
        assert session["municipality"].endswith("(fiktiv)")
    assert set(by_process) == {
        "jobsamtaler",
        "sanktioner",
        "rehabiliteringsteam",
        "virksomhedspraktik",
        "andre_tilbud",
    }
    assert min(by_process.values()) >= 3
    assert {s["format"] for s in data["sessions"]} == {"json", "csv"}
    assert data["local_activities"] and data["cost_driver_notes"]


def test_the_shipped_examples_are_what_the_generator_makes(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from make_examples import write_examples
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    written = write_examples(tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in EXAMPLES.iterdir())
    for path in written:
        assert path.read_bytes() == (EXAMPLES / path.name).read_bytes(), path.name


@pytest.mark.parametrize("command", ["merge", "cost", "report"])
def test_jobs_from_older_scripts_is_accepted_and_said_to_be_ignored(command, capsys):
    """`--jobs N` once set how many processes read the exports; every file is now read
    in one process, and a script that still passes it keeps working."""
    with pytest.raises(SystemExit):
        main([command, "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "--jobs N, -j N accepted for older scripts and ignored" in help_text


@pytest.mark.parametrize("command", ["merge", "cost"])
def test_jobs_changes_nothing_a_command_prints(folder, command, capsys):
    printed = []
    for jobs in ([], ["--jobs", "4"], ["-j", "1"]):
        code = main(["--lang", "en", command, str(folder), "--format", "csv", *jobs])
        printed.append((code, *capsys.readouterr()))
    assert printed[0][0] == 0 and printed[0][1].startswith("process_id,group_id,level,n_workshops")
    assert printed[1] == printed[0] and printed[2] == printed[0]


@pytest.mark.parametrize("given", ["0", "-1", "two"])
def test_jobs_must_still_be_a_whole_number_of_one_or_more(folder, given, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["merge", str(folder), "--jobs", given])
    assert stopped.value.code == 2
    assert "--jobs" in capsys.readouterr().err
