"""Not applicable per target group in the core: the editor, the file's schema, the tidy CSV.

The app's side (Ctrl+D), the totals shown and the merge are in
tests/functional/test_app_group_na.py; the engine's cells in test_totals_cells.py.
"""

import json
from datetime import date

import pytest

from workshop_tui.cli.main import main
from workshop_tui.core.exports import to_csv
from workshop_tui.core.process.catalogue import load_catalogue
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.session.model import SESSION_SCHEMA_VERSION
from workshop_tui.core.session.storage import load_session
from workshop_tui.core.tidy.reader import read_tidy_csv
from workshop_tui.core.totals import group_totals

GROUPS = ["taet_paa", "langt_fra"]


@pytest.fixture
def editor(tmp_path, interviews):
    editor = SessionEditor.create(
        interviews, tmp_path, municipality="Testby", workshop_date=date(2024, 3, 1), groups=GROUPS
    )
    yield editor
    editor.close()


def test_marking_one_group_saves_at_once_keeps_the_figures_and_undoes(editor, interviews):
    first = interviews.activity_ids[0]
    editor.set_hours(first, "taet_paa", "low", "2-3")
    editor.set_hours(first, "langt_fra", "low", "1-1")
    change = editor.toggle_group_not_applicable(first, "taet_paa")
    assert change is not None and (change.kind, change.group_id) == (
        "group_not_applicable",
        "taet_paa",
    )
    on_disk = load_session(editor.path)
    assert on_disk.estimate(first, "taet_paa").not_applicable
    assert (on_disk.estimate(first, "taet_paa").low, on_disk.estimate(first, "taet_paa").high) == (
        2,
        3,
    )
    assert not on_disk.applies(first, "taet_paa") and on_disk.applies(first, "langt_fra")
    near = group_totals(interviews, on_disk, "taet_paa")
    assert (near.total.low, near.total.high, near.filled) == (0, 0, 0)
    assert near.expected == len(interviews.activity_ids) - 1
    assert group_totals(interviews, on_disk, "langt_fra").total.low == 1
    editor.undo()
    assert load_session(editor.path).applies(first, "taet_paa")
    assert editor.toggle_group_not_applicable(first, "taet_paa") is not None  # redo by hand
    assert editor.set_group_not_applicable(first, "taet_paa", True) is None  # already so


def test_an_empty_cell_marked_stays_in_the_file_and_unmarked_leaves_no_trace(editor, interviews):
    first = interviews.activity_ids[0]
    editor.set_group_not_applicable(first, "langt_fra", True)
    assert json.loads(editor.path.read_text())["activities"][first]["estimates"]["langt_fra"] == {
        "low": None,
        "high": None,
        "staff": 1.0,
        "share": 1.0,
        "not_applicable": True,
    }
    editor.set_group_not_applicable(first, "langt_fra", False)
    assert first not in json.loads(editor.path.read_text())["activities"]


def test_an_unknown_group_or_activity_is_refused(editor, interviews):
    with pytest.raises(ValueError, match="sygemeldte"):
        editor.toggle_group_not_applicable(interviews.activity_ids[0], "sygemeldte")
    with pytest.raises(ValueError, match="nothing_here"):
        editor.toggle_group_not_applicable("nothing_here", "taet_paa")


def test_the_whole_activitys_mark_wins_over_the_groups(editor, interviews):
    first = interviews.activity_ids[0]
    editor.set_not_applicable(first, True)
    assert not editor.session.applies(first, "langt_fra")
    editor.set_group_not_applicable(first, "taet_paa", True)
    editor.set_not_applicable(first, False)
    assert editor.session.applies(first, "langt_fra")
    assert not editor.session.applies(first, "taet_paa")


def test_the_json_schema_names_every_version_read_and_the_groups_mark(capsys):
    assert main(["schema", "session"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["properties"]["schema_version"]["enum"] == [1, 2, 3, 4, 5]
    assert schema["properties"]["schema_version"]["default"] == SESSION_SCHEMA_VERSION
    mark = schema["$defs"]["Estimate"]["properties"]["not_applicable"]
    assert mark["type"] == "boolean" and mark["default"] is False


def test_the_tidy_csv_reads_back_per_group_and_activity_wide_marks(editor, interviews, tmp_path):
    first, second = interviews.activity_ids[:2]
    editor.set_hours(first, "taet_paa", "low", "2-3")
    editor.set_group_not_applicable(first, "taet_paa", True)
    editor.set_not_applicable(second, True)
    path = tmp_path / "tidy.csv"
    path.write_text(to_csv(editor.session, interviews), encoding="utf-8")
    sessions, problems = read_tidy_csv(path, load_catalogue())
    assert problems == []
    read = sessions[0].session
    assert read.estimate(first, "taet_paa").not_applicable
    assert (read.estimate(first, "taet_paa").low, read.estimate(first, "taet_paa").high) == (2, 3)
    assert not read.entry(first).not_applicable and read.applies(first, "langt_fra")
    # every group's row false: the activity, as the app marked it
    assert read.entry(second).not_applicable
    assert not any(e.not_applicable for e in read.entry(second).estimates.values())
    for group in GROUPS:
        assert group_totals(interviews, read, group) == group_totals(
            interviews, editor.session, group
        )


def test_the_xlsx_and_json_exports_carry_the_groups_mark(editor, interviews):
    import io

    from openpyxl import load_workbook

    from workshop_tui.core.exports import export_bytes

    first = interviews.activity_ids[0]
    editor.set_group_not_applicable(first, "langt_fra", True)
    book = load_workbook(io.BytesIO(export_bytes(editor.session, interviews, "xlsx")))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    header = list(rows[0])
    column = {name: header.index(name) for name in ("activity_id", "group_id", "applicable")}
    marked = {
        (row[column["activity_id"]], row[column["group_id"]])
        for row in rows[1:]
        if row[column["applicable"]] is False
    }
    assert marked == {(first, "langt_fra")}
    data = json.loads(export_bytes(editor.session, interviews, "json"))
    assert data["schema_version"] == SESSION_SCHEMA_VERSION  # today's format
    assert data["activities"][first]["estimates"]["langt_fra"]["not_applicable"] is True
