"""A session of an older process version keeps working once the process gains an
activity: the rehabilitation team's 2024.1 sessions (before the team's secretariat,
box 5.1, was an activity) open, export and merge beside 2024.2 ones."""

import json
import shutil
from pathlib import Path

import pytest

from workshop_tui.cli.main import main
from workshop_tui.core.demo import demo_session
from workshop_tui.core.process.catalogue import load_catalogue
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.session.storage import load_session, save_session, session_filename

# a session file the program wrote with the rehabiliteringsteam version 2024.1
OLD = Path(__file__).resolve().parents[1] / "data" / "session_rehabiliteringsteam_2024_1.json"
ADDED = "sekretariatsbetjening"


@pytest.fixture
def rehab():
    return load_catalogue().get("rehabiliteringsteam")


@pytest.fixture
def old_and_new(tmp_path, rehab):
    """The old example export and a new session that estimates the added activity."""
    folder = tmp_path / "exports"
    folder.mkdir()
    old = folder / OLD.name
    shutil.copy(OLD, old)  # as it was shipped among the examples
    new = demo_session(rehab, "Nyby Kommune (fiktiv)", 7, groups=["langt_fra"])
    save_session(new, folder / session_filename(new))
    return folder, load_session(old), new


def test_the_old_session_is_of_the_version_before_the_added_activity(old_and_new, rehab):
    _, old, new = old_and_new
    assert old.process_version == "2024.1" and ADDED not in old.activities
    assert new.process_version == rehab.version == "2024.2"
    assert ADDED in new.activities and ADDED in rehab.activity_ids


def test_an_old_session_opens_and_exports(tmp_path, old_and_new, capsys):
    folder, _, _ = old_and_new
    editor = SessionEditor.open(folder / OLD.name, load_catalogue())
    try:
        assert editor.version_differs
        assert ADDED in [line.id for line in editor.lines()]  # offered, empty, to fill in
    finally:
        editor.close()
    out = tmp_path / "old.csv"
    assert main(["export", str(folder / OLD.name), "--format", "csv", "--out", str(out)]) == 0
    assert "rehabiliteringsteam" in out.read_text(encoding="utf-8")


def test_an_old_session_merges_beside_a_new_one(old_and_new, capsys):
    folder, old, new = old_and_new
    assert main(["merge", str(folder), "--format", "json", "--lang", "en"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    versions = {s["session_id"]: s["process_version"] for s in data["sessions"]}
    assert versions == {old.session_id: "2024.1", new.session_id: "2024.2"}
    total = next(r for r in data["levels"] if (r["group_id"], r["level"]) == ("langt_fra", "total"))
    assert total["n_workshops"] == 2
    assert "recorded with rehabiliteringsteam version 2024.1" in " ".join(captured.err.split())
    # the added activity's hours come from the room that estimated it
    added = next(
        r
        for r in data["activity_drivers"]
        if (r["activity_id"], r["group_id"]) == (ADDED, "langt_fra")
    )
    assert added["mean_mid"] > 0
