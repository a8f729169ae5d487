"""Session files: atomic saves, clear errors on bad files, a round trip that loses nothing."""

import json
import os
from datetime import date

import pytest

from workshop_tui.core.demo import demo_session
from workshop_tui.core.errors import WorkshopError
from workshop_tui.core.session.model import Session
from workshop_tui.core.session.storage import (
    atomic_write_text,
    list_sessions,
    load_session,
    save_session,
    session_filename,
)


def test_round_trip_is_lossless(tmp_path, interviews):
    session = demo_session(interviews)
    path = tmp_path / "s.json"
    saved = save_session(session, path, touch=False)
    assert load_session(path) == saved == session


def test_save_leaves_no_temporary_files(tmp_path, interviews):
    path = tmp_path / "s.json"
    for seed in range(3):
        save_session(demo_session(interviews, seed=seed), path)
    assert [p.name for p in tmp_path.iterdir()] == ["s.json"]


def test_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "s.json"
    atomic_write_text(path, "old")

    def broken_fsync(fd):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        atomic_write_text(path, "new")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["s.json"]


def test_truncated_file_names_file_and_line(tmp_path, interviews):
    path = tmp_path / "s.json"
    save_session(demo_session(interviews), path)
    path.write_text(path.read_text()[:200])
    with pytest.raises(WorkshopError) as caught:
        load_session(path)
    [problem] = caught.value.problems
    assert problem.path == path and problem.line is not None
    assert "not valid JSON" in problem.message


def test_unknown_schema_version(tmp_path, interviews):
    data = json.loads(demo_session(interviews).model_dump_json())
    data["schema_version"] = 99
    path = tmp_path / "s.json"
    path.write_text(json.dumps(data))
    with pytest.raises(WorkshopError) as caught:
        load_session(path)
    assert caught.value.problems[0].field == "schema_version"


def test_invalid_field_is_named(tmp_path, interviews):
    data = json.loads(demo_session(interviews).model_dump_json())
    first = next(iter(data["activities"]))
    data["activities"][first]["estimates"]["taet_paa"]["low"] = -1
    path = tmp_path / "s.json"
    path.write_text(json.dumps(data))
    with pytest.raises(WorkshopError) as caught:
        load_session(path)
    assert caught.value.problems[0].field == f"activities.{first}.estimates.taet_paa.low"


def test_filename_is_readable_and_sortable(interviews):
    session = demo_session(interviews, municipality="Århus Øst", workshop_date=date(2024, 5, 2))
    name = session_filename(session)
    assert name.startswith("2024-05-02_aarhus_oest_jobsamtaler_")
    assert name.endswith(".json")


def test_list_sessions_skips_other_files(tmp_path, interviews):
    save_session(demo_session(interviews, seed=1), tmp_path / "a.json")
    (tmp_path / "broken.json").write_text("{")
    found = list_sessions(tmp_path)
    assert [p.name for p, _ in found] == ["a.json"]
    assert isinstance(found[0][1], Session)


def test_saved_files_get_ordinary_permissions(tmp_path):
    path = tmp_path / "s.json"
    atomic_write_text(path, "x")
    assert path.stat().st_mode & 0o777 == 0o666 & ~_current_umask()
    path.chmod(0o640)
    atomic_write_text(path, "y")
    assert path.stat().st_mode & 0o777 == 0o640


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
