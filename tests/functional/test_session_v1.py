"""A session file of schema version 1 (before the agenda and rounds) works in every command.

tests/data/session_v1.json is a file in that format, as the program wrote it
before version 2: open, watch, serve, export, validate and merge read it, and
the app saves it in today's version without losing anything.
"""

import json
import shutil
from pathlib import Path

import pytest

from workshop_tui.cli.main import main
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.session.model import SESSION_SCHEMA_VERSION
from workshop_tui.core.session.storage import load_session
from workshop_tui.core.session.watcher import SessionWatcher, catalogue_check

V1 = Path(__file__).parent.parent / "data" / "session_v1.json"


@pytest.fixture
def old_file(tmp_path):
    path = tmp_path / "old.json"
    shutil.copy(V1, path)
    return path


def test_the_fixture_is_of_version_1_without_the_new_fields():
    data = json.loads(V1.read_text(encoding="utf-8"))
    assert data["schema_version"] == 1
    assert not {"agenda", "time_log", "rounds"} & set(data)


def test_it_reads_as_a_workshop_without_agenda_time_or_rounds(old_file):
    session = load_session(old_file)
    assert session.schema_version == 1 and session.agenda is None
    assert session.time_log.seconds == {} and session.rounds.closed_at == {}


def test_the_app_migrates_it_on_the_first_save_and_loses_nothing(old_file, catalogue):
    before = load_session(old_file)
    editor = SessionEditor.open(old_file, catalogue)
    try:
        editor.set_notes(before.notes + " more")
    finally:
        editor.close()
    after = load_session(old_file)
    assert (
        json.loads(old_file.read_text(encoding="utf-8"))["schema_version"] == SESSION_SCHEMA_VERSION
    )
    assert after.activities == before.activities
    assert after.local_activities == before.local_activities


def test_watch_and_serve_read_it(old_file, catalogue):
    watcher = SessionWatcher(old_file, catalogue_check(catalogue))
    assert watcher.load_first().municipality == load_session(old_file).municipality


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_export_reads_it(old_file, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    assert main(["--lang", "en", "export", str(old_file), "--format", fmt, "--out", str(out)]) == 0
    assert out.stat().st_size > 0


def test_validate_and_merge_read_it(old_file, tmp_path, capsys):
    assert main(["--lang", "en", "validate", str(old_file)]) == 0
    out = tmp_path / "merged.json"
    assert (
        main(["--lang", "en", "merge", str(old_file), "--format", "json", "--out", str(out)]) == 0
    )
    assert json.loads(out.read_text(encoding="utf-8"))
