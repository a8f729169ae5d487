"""Every hostile session file, process file and not-a-file against every command that reads it.

Each gives a named problem and a documented exit code (2, or 1 where merge goes
on without the file), never a traceback, never a hang.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC

import pytest

from tests.hostile.inputs import (
    BAD_SESSION_CHANGES,
    BAD_SESSION_TEXTS,
    bad_process_texts,
    naive_timestamp_session,
    run_command,
    write_bad_session,
    write_good_session,
)
from tests.waiting import LIMIT, finishes
from workshop_tui.core.errors import WorkshopError
from workshop_tui.core.process.catalogue import load_catalogue, load_process_file
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.session.storage import list_sessions, load_session
from workshop_tui.core.session.watcher import INVALID, OK, SessionWatcher, catalogue_check
from workshop_tui.core.totals import session_totals

BAD_SESSIONS = sorted([*BAD_SESSION_CHANGES, *BAD_SESSION_TEXTS])


# ------------------------------------------------------------------ session files


@pytest.mark.parametrize("name", BAD_SESSIONS)
def test_validate_names_the_problem_of_a_bad_session(tmp_path, name):
    path, expected = write_bad_session(tmp_path, name)
    code, _, err = run_command("validate", str(path))
    assert code == 2
    assert expected in err and path.name in err


@pytest.mark.parametrize("name", BAD_SESSIONS)
def test_export_refuses_a_bad_session(tmp_path, name):
    path, expected = write_bad_session(tmp_path, name)
    code, _, err = run_command("export", str(path), "--out", str(tmp_path / "out"))
    assert code == 2 and expected in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name", BAD_SESSIONS)
def test_open_refuses_a_bad_session_with_the_reason(tmp_path, name, catalogue):
    path, expected = write_bad_session(tmp_path, name)
    with pytest.raises(WorkshopError) as raised:
        SessionEditor.open(path, catalogue)
    assert expected in raised.value.text()


@pytest.mark.parametrize("name", BAD_SESSIONS)
def test_watch_refuses_a_bad_session_at_start_and_keeps_the_last_good_one_later(
    tmp_path, name, catalogue
):
    path, expected = write_bad_session(tmp_path, name)
    with pytest.raises(WorkshopError) as raised:
        SessionWatcher(path, catalogue_check(catalogue)).load_first()
    assert expected in raised.value.text()

    good = write_good_session(tmp_path, "followed.json")
    watcher = SessionWatcher(good, catalogue_check(catalogue))
    shown = watcher.load_first()
    os.replace(path, good)
    watcher.poll()
    assert watcher.state.status == INVALID and expected in watcher.state.problem
    assert watcher.state.session == shown


@pytest.mark.parametrize("name", BAD_SESSIONS)
def test_merge_skips_a_bad_session_with_its_reason_and_merges_the_rest(tmp_path, name):
    write_good_session(tmp_path)
    path, expected = write_bad_session(tmp_path, name)
    code, out, err = run_command("merge", str(tmp_path), "--format", "csv")
    assert code == 1
    assert path.name in err and expected in err
    assert "jobsamtaler,taet_paa,total,1," in out  # the good session, and only it, is merged


# ------------------------------------------------------------------ time zones


def test_a_timestamp_without_zone_is_read_as_utc(tmp_path):
    path = naive_timestamp_session(tmp_path)
    assert run_command("validate", str(path))[0] == 0
    session = load_session(path)
    assert session.updated_at.tzinfo is UTC and session.updated_at.hour == 12


def test_a_naive_session_and_its_csv_merge_beside_another_session(tmp_path):
    naive = naive_timestamp_session(tmp_path)
    write_good_session(tmp_path)
    assert run_command("export", str(naive), "--out", str(tmp_path / "naive.csv"))[0] == 0
    naive.unlink()
    code, out, err = run_command("merge", str(tmp_path), "--format", "csv")
    assert code == 0, err
    assert out.count("\n") > 10


def test_the_start_screen_list_sorts_naive_and_zoned_sessions_together(tmp_path):
    naive_timestamp_session(tmp_path)
    write_good_session(tmp_path)
    listed = list_sessions(tmp_path)
    assert [path.name for path, _ in listed] == ["good.json", "naive.json"]


# ------------------------------------------------------------------ activity ids


@pytest.mark.parametrize("name", ["local_reuses_defined_id", "two_locals_one_id"])
def test_a_duplicate_activity_id_is_never_counted(tmp_path, name, catalogue):
    path, _ = write_bad_session(tmp_path, name)
    data = json.loads(path.read_text(encoding="utf-8"))
    # read without the checks, the totals would count it twice: that is why it is refused
    from workshop_tui.core.session.model import Session

    session = Session.model_validate_json(json.dumps(data))
    process = catalogue.get(session.process_id)
    assert session_totals(process, session)  # no crash, but the sums would be wrong
    for command in (("validate", str(path)), ("export", str(path))):
        assert run_command(*command)[0] == 2


def test_the_editor_never_makes_a_duplicate_id(tmp_path, catalogue):
    editor = SessionEditor.open(write_good_session(tmp_path), catalogue)
    first = editor.add_local_activity(1, "Indkaldelse")
    second = editor.add_local_activity(1, "Indkaldelse")
    ids = [*editor.process.activity_ids, *(a.id for a in editor.session.local_activities)]
    assert len(ids) == len(set(ids)) and first.activity_id != second.activity_id
    editor.close()
    assert run_command("validate", str(editor.path))[0] == 0


# ------------------------------------------------------------------ process YAML


@pytest.mark.parametrize("name", sorted(bad_process_texts()))
def test_validate_refuses_a_hostile_process_file_with_file_and_line(tmp_path, name):
    text, expected = bad_process_texts()[name]
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    code, _, err = finishes(lambda: run_command("validate", str(path)), "validate")
    assert code == 2 and expected in err
    assert f"{path.name}:" in err  # file, then the line


def test_the_alias_bomb_is_refused_at_the_first_anchor(tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_text(bad_process_texts()["alias_bomb"][0], encoding="utf-8")
    with pytest.raises(WorkshopError) as raised:
        load_process_file(path)
    [problem] = raised.value.problems
    assert problem.line == 1 and "anchors (&a)" in problem.message


def test_a_hostile_process_in_a_process_folder_stops_every_command_with_code_2(tmp_path):
    folder = tmp_path / "processes"
    folder.mkdir()
    (folder / "bomb.yaml").write_text(bad_process_texts()["alias_bomb"][0], encoding="utf-8")
    session = write_good_session(tmp_path)
    for command in ("validate", "export", "merge"):
        code, _, err = run_command(command, str(session), "--processes", str(folder))
        assert code == 2 and "bomb.yaml:1" in err, command


def test_the_bundled_processes_still_load():
    assert len(load_catalogue()) == 5


# ------------------------------------------------------------------ not regular files


def _run_cli_with_timeout(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workshop_tui.cli.main", *args],
        capture_output=True,
        text=True,
        timeout=LIMIT,
    )


@pytest.mark.parametrize("command", ["validate", "watch", "export", "open"])
def test_a_fifo_is_refused_at_once_by_every_command(tmp_path, command):
    fifo = tmp_path / "session.json"
    os.mkfifo(fifo)
    result = _run_cli_with_timeout(command, str(fifo))
    assert result.returncode == 2, result.stderr
    assert "not a regular file" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_fifo_as_a_process_file_is_refused(tmp_path):
    fifo = tmp_path / "process.yaml"
    os.mkfifo(fifo)
    result = _run_cli_with_timeout("validate", str(fifo))
    assert result.returncode == 2 and "not a regular file" in result.stderr


def test_watch_keeps_polling_when_the_session_becomes_a_fifo(tmp_path, catalogue):
    path = write_good_session(tmp_path)
    watcher = SessionWatcher(path, catalogue_check(catalogue))
    shown = watcher.load_first()
    path.unlink()
    os.mkfifo(path)
    # opening a FIFO for reading waits for a writer: a poll that did so would never return
    finishes(lambda: [watcher.poll() for _ in range(3)], "polling a FIFO")
    assert watcher.state.status != OK and "not a regular file" in watcher.state.problem
    assert watcher.state.session == shown


# ------------------------------------------------------------------ files written before


def test_sessions_written_before_still_read_everywhere(tmp_path, catalogue):
    """The shape older versions wrote: zoned timestamps, hex ids, ints where floats go."""
    path = write_good_session(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    activity = next(iter(data["activities"]))
    group = next(iter(data["activities"][activity]["estimates"]))
    data["activities"][activity]["estimates"][group].update({"low": 1, "high": 2, "staff": 2})
    data["cost_driver_notes"] = {"1": "Tolk"}
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    assert run_command("validate", str(path))[0] == 0
    assert run_command("export", str(path), "--out", str(tmp_path / "x.csv"))[0] == 0
    assert run_command("merge", str(path), "--format", "csv")[0] == 0
    SessionEditor.open(path, catalogue).close()
    assert SessionWatcher(path, catalogue_check(catalogue)).load_first().cost_driver_notes == {
        1: "Tolk"
    }


# ------------------------------------------------------------------ digits


@pytest.mark.parametrize("text", ["1_000", "١٢", "۳", "1_0 %"])
def test_the_number_parsers_take_ascii_digits_only(text):
    from workshop_tui.core.hours import HoursError, parse_hours
    from workshop_tui.core.numbers import EntryError, parse_decimal, parse_share, parse_staff

    with pytest.raises(HoursError):
        parse_hours(text)
    for parse in (parse_share, parse_staff):
        with pytest.raises(EntryError):
            parse(text)
    with pytest.raises(ValueError):
        parse_decimal(text)


def _tidy_csv_with(tmp_path, column: str, value: str) -> None:
    """A good session exported as the folder's only tidy CSV, its first row's `column`
    set to `value` (line 2 of the file)."""
    path = write_good_session(tmp_path, "s.json")
    run_command("export", str(path), "--out", str(tmp_path / "s.csv"))
    path.unlink()
    lines = (tmp_path / "s.csv").read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")
    cells[header.index(column)] = value
    (tmp_path / "s.csv").write_text("\n".join([lines[0], ",".join(cells), *lines[2:]]) + "\n")


@pytest.mark.parametrize("hours", ["1_000", "١٢"])
def test_the_csv_reader_refuses_hours_that_are_not_ascii_numbers(tmp_path, hours):
    _tidy_csv_with(tmp_path, "low_hours", hours)
    code, out, err = run_command("merge", str(tmp_path), "--format", "csv")
    assert code == 1
    assert f"s.csv:2: low_hours: '{hours}' is not a number" in err  # file, line and column
    assert out.count("\n") == 1  # the header only: the session was not merged


@pytest.mark.parametrize("number", ["1_0", "١"])
def test_the_csv_reader_refuses_a_subprocess_number_that_is_not_ascii(tmp_path, number):
    _tidy_csv_with(tmp_path, "subprocess_no", number)
    code, _, err = run_command("merge", str(tmp_path), "--format", "csv")
    assert code == 1
    assert f"s.csv:2: subprocess_no: '{number}' is not a whole number" in err
