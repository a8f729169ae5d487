"""The command as shells and consoles run it: a reader that stops early (`| head`) ends
it quietly, and a console that cannot show a character gets it escaped, not a crash."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
COMMAND = [sys.executable, "-m", "workshop_tui"]
CLOSED_PIPE_EXIT = 141  # as a shell reports a command ended by SIGPIPE


@pytest.mark.parametrize("buffered", [True, False], ids=["buffered", "unbuffered"])
@pytest.mark.parametrize(
    "args", [["processes", "--format", "json"], ["schema", "session"]], ids=["processes", "schema"]
)
def test_a_pipe_closed_before_the_output_ends_the_command_quietly(args, buffered):
    stderr, code = _run_into_a_closed_pipe(args, buffered)
    assert stderr == ""
    assert code == CLOSED_PIPE_EXIT


@pytest.mark.parametrize("buffered", [True, False], ids=["buffered", "unbuffered"])
def test_help_into_a_closed_pipe_ends_quietly(buffered):
    # argparse ignores a failed write of its help itself; flushing it must not fail later
    stderr, code = _run_into_a_closed_pipe(["--help"], buffered)
    assert stderr == ""
    assert code in (0, CLOSED_PIPE_EXIT)


def _run_into_a_closed_pipe(args: list[str], buffered: bool) -> tuple[str, int]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    if not buffered:
        env["PYTHONUNBUFFERED"] = "1"
    process = subprocess.Popen(
        [*COMMAND, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPOSITORY, env=env
    )
    process.stdout.close()  # the reader is gone before the first line is written
    try:
        stderr = process.stderr.read().decode()
        return stderr, process.wait(timeout=60)
    finally:
        process.kill()
        process.stderr.close()


def test_head_takes_the_first_bytes_of_the_json_and_nothing_else_is_printed():
    result = subprocess.run(
        ["bash", "-c", f"{' '.join(COMMAND)} processes --format json | head -c 10"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPOSITORY,
    )
    assert result.returncode == 0
    assert result.stdout == '[\n  {\n    "'[:10]
    assert result.stderr == ""


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_a_console_that_cannot_show_a_check_mark_gets_it_escaped(encoding):
    result = _run_with_encoding(encoding, "validate", "processes/jobsamtaler.yaml")
    assert result.returncode == 0
    assert "\\u2713 processes/jobsamtaler.yaml: valid process file" in result.stdout
    assert result.stderr == ""


def test_danish_letters_on_an_ascii_console_are_escaped_in_output_and_errors():
    listed = _run_with_encoding("ascii", "processes", "--lang", "da")
    assert listed.returncode == 0
    assert "N\\xf8gleprocesser" in listed.stdout  # Nøgleprocesser
    failed = _run_with_encoding("ascii", "validate", "nowhere.yaml")
    assert failed.returncode == 2
    assert failed.stderr.startswith("\\u2717 ")  # the ✗ before the error's title
    assert "nowhere.yaml" in failed.stderr and "Traceback" not in failed.stderr


def test_a_cp1252_console_still_shows_the_letters_it_has():
    result = _run_with_encoding("cp1252", "processes", "--lang", "da")
    assert result.returncode == 0
    assert "Nøgleprocesser" in result.stdout


def _run_with_encoding(encoding: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*COMMAND, *args],
        capture_output=True,
        encoding=encoding,
        errors="strict",
        env={**os.environ, "PYTHONIOENCODING": encoding, "COLUMNS": "120"},
        timeout=60,
        cwd=REPOSITORY,
    )
