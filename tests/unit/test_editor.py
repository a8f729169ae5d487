"""The session editor: every change saved at once, rejected input changes nothing, undo/redo."""

from datetime import date

import pytest

from workshop_tui.core.errors import WorkshopError
from workshop_tui.core.hours import HoursError
from workshop_tui.core.session.editor import (
    EntryError,
    NotSavedError,
    SessionEditor,
    parse_share,
    parse_staff,
)
from workshop_tui.core.session.storage import load_session, save_session


@pytest.fixture
def editor(interviews, tmp_path):
    return SessionEditor.create(
        interviews,
        tmp_path,
        municipality="Testby",
        workshop_date=date(2024, 3, 1),
        groups=["taet_paa", "sygemeldte"],
        facilitator="Facilitator",
        participants=7,
    )


def saved(editor):
    return load_session(editor.path)


def test_create_saves_an_empty_session_at_once(editor, tmp_path):
    assert editor.path.parent == tmp_path
    session = saved(editor)
    assert session.municipality == "Testby"
    assert session.groups == ["taet_paa", "sygemeldte"]
    assert session.activities == {}


def test_hours_are_parsed_and_saved_before_the_call_returns(editor):
    editor.set_hours("selve_samtalen", "taet_paa", "low", "30 min")
    editor.set_hours("selve_samtalen", "taet_paa", "high", "1t 30m")
    estimate = saved(editor).estimate("selve_samtalen", "taet_paa")
    assert (estimate.low, estimate.high) == (0.5, 1.5)
    assert saved(editor) == editor.session


def test_danish_decimal_comma_and_point_both_work(editor):
    editor.set_hours("indkaldelse", "taet_paa", "low", "0,25")
    editor.set_hours("indkaldelse", "taet_paa", "high", "0.75")
    estimate = saved(editor).estimate("indkaldelse", "taet_paa")
    assert (estimate.low, estimate.high) == (0.25, 0.75)


@pytest.mark.parametrize("text", ["abc", "-1", "2000", "nan", "1 2"])
def test_rejected_hours_change_nothing_in_memory_or_on_disk(editor, text):
    editor.set_hours("selve_samtalen", "taet_paa", "low", "1")
    before_file = editor.path.read_bytes()
    before = editor.session
    with pytest.raises(HoursError) as raised:
        editor.set_hours("selve_samtalen", "taet_paa", "low", text)
    assert str(raised.value)  # a message for the user
    assert editor.session is before
    assert editor.path.read_bytes() == before_file


def test_empty_text_clears_the_cell_and_leaves_no_trace(editor):
    editor.set_hours("selve_samtalen", "taet_paa", "low", "1")
    editor.set_hours("selve_samtalen", "taet_paa", "low", "  ")
    assert "selve_samtalen" not in saved(editor).activities


def test_low_above_high_is_kept_and_flagged_by_the_totals(editor):
    editor.set_hours("selve_samtalen", "taet_paa", "low", "2")
    editor.set_hours("selve_samtalen", "taet_paa", "high", "1")
    line = next(a for a in editor.totals()["taet_paa"].activities if a.line.id == "selve_samtalen")
    assert line.low_above_high
    assert saved(editor).estimate("selve_samtalen", "taet_paa").low == 2


def test_staff_and_share_multiply_the_hours(editor):
    editor.set_hours("selve_samtalen", "taet_paa", "low", "1")
    editor.set_hours("selve_samtalen", "taet_paa", "high", "2")
    editor.set_staff("selve_samtalen", "taet_paa", "2")
    editor.set_share("selve_samtalen", "taet_paa", "50 %")
    total = editor.totals()["taet_paa"].total
    assert (total.low, total.high) == (1.0, 2.0)
    estimate = saved(editor).estimate("selve_samtalen", "taet_paa")
    assert (estimate.staff, estimate.share) == (2.0, 0.5)


@pytest.mark.parametrize("text, value", [("2", 2.0), ("1,5", 1.5), (" 3 ", 3.0)])
def test_parse_staff(text, value):
    assert parse_staff(text) == value


@pytest.mark.parametrize("text", ["0", "-1", "x", "51", "nan", "inf"])
def test_parse_staff_rejects(text):
    with pytest.raises(EntryError, match="staff"):
        parse_staff(text)


@pytest.mark.parametrize(
    "text, value",
    [
        ("50 %", 0.5),
        ("50%", 0.5),
        ("0,5", 0.5),
        ("100", 1.0),
        ("1", 1.0),
        ("0", 0.0),
        ("25", 0.25),
        ("1 %", 0.01),
    ],
)
def test_parse_share(text, value):
    assert parse_share(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["150 %", "101", "x", "-5", ""])
def test_parse_share_rejects(text):
    with pytest.raises(EntryError):
        parse_share(text, "da")


def test_not_applicable_leaves_the_activity_out_of_the_totals(editor):
    editor.set_hours("indkaldelse", "taet_paa", "low", "1")
    editor.set_hours("selve_samtalen", "taet_paa", "low", "2")
    editor.toggle_not_applicable("indkaldelse")
    assert editor.totals()["taet_paa"].total.low == 2
    assert saved(editor).entry("indkaldelse").not_applicable
    editor.toggle_not_applicable("indkaldelse")
    assert editor.totals()["taet_paa"].total.low == 3


def test_time_consuming_mark_is_stored_only_where_it_differs(editor):
    # selve_samtalen is time-consuming in the definition
    editor.toggle_time_consuming("selve_samtalen")
    assert saved(editor).entry("selve_samtalen").time_consuming is False
    assert not editor.line("selve_samtalen").time_consuming
    editor.toggle_time_consuming("selve_samtalen")
    assert "selve_samtalen" not in saved(editor).activities


def test_notes_for_activities_subprocesses_and_session(editor):
    editor.set_note("selve_samtalen", "Tolk ved ca. hver femte samtale ")
    editor.set_cost_driver_note(2, "Længere samtaler for langt fra")
    editor.set_notes("Seks deltagere fra to afdelinger")
    session = saved(editor)
    assert session.entry("selve_samtalen").note == "Tolk ved ca. hver femte samtale"
    assert session.cost_driver_notes == {2: "Længere samtaler for langt fra"}
    assert session.notes == "Seks deltagere fra to afdelinger"
    editor.set_cost_driver_note(2, "")
    assert saved(editor).cost_driver_notes == {}


def test_local_activity_add_rename_remove_and_undo_brings_its_figures_back(editor):
    change = editor.add_local_activity(2, "  Tolk  bestilles ")
    new_id = change.activity_id
    assert new_id.startswith("local_")
    assert [line.id for line in editor.lines() if line.subprocess == 2][-1] == new_id
    editor.set_hours(new_id, "taet_paa", "low", "0,5")
    editor.rename_local_activity(new_id, "Tolk bestilles og bekræftes")
    session = saved(editor)
    assert session.local_activities[0].name == "Tolk bestilles og bekræftes"
    assert editor.totals()["taet_paa"].subprocess(2).span.low == 0.5

    editor.remove_local_activity(new_id)
    assert saved(editor).local_activities == []
    assert new_id not in saved(editor).activities
    editor.undo()
    assert saved(editor).estimate(new_id, "taet_paa").low == 0.5
    assert saved(editor).local_activities[0].name == "Tolk bestilles og bekræftes"


def test_local_activity_names_are_checked(editor):
    with pytest.raises(EntryError):
        editor.add_local_activity(1, "   ")
    with pytest.raises(EntryError):
        editor.rename_local_activity("indkaldelse", "Defined activities keep their name")
    assert saved(editor).local_activities == []


def test_two_local_activities_with_the_same_name_get_distinct_ids(editor):
    first = editor.add_local_activity(1, "Tolk").activity_id
    second = editor.add_local_activity(1, "Tolk").activity_id
    assert first != second


def test_undo_and_redo_are_saved_and_a_new_edit_clears_redo(editor):
    editor.set_hours("selve_samtalen", "taet_paa", "low", "1")
    editor.set_hours("selve_samtalen", "taet_paa", "low", "2")
    change = editor.undo()
    assert (change.activity_id, change.group_id, change.side) == (
        "selve_samtalen",
        "taet_paa",
        "low",
    )
    assert saved(editor).estimate("selve_samtalen", "taet_paa").low == 1
    editor.redo()
    assert saved(editor).estimate("selve_samtalen", "taet_paa").low == 2
    editor.undo()
    editor.set_hours("indkaldelse", "taet_paa", "low", "3")
    assert not editor.can_redo
    assert editor.redo() is None
    editor.undo()
    editor.undo()
    assert saved(editor).activities == {}
    assert editor.undo() is None


def test_an_edit_that_changes_nothing_is_not_undoable(editor):
    editor.set_hours("selve_samtalen", "taet_paa", "low", "1")
    assert editor.set_hours("selve_samtalen", "taet_paa", "low", "1,0") is None
    editor.undo()
    assert not editor.can_undo


def test_unknown_activity_or_group_is_a_programming_error(editor):
    with pytest.raises(ValueError):
        editor.set_hours("no_such_activity", "taet_paa", "low", "1")
    with pytest.raises(ValueError):
        editor.set_hours("selve_samtalen", "langt_fra", "low", "1")  # not covered


def test_a_failed_write_keeps_the_change_unsaved_and_the_next_save_writes_it(editor, tmp_path):
    real_path = editor.path
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("x")
    editor.path = blocker / "session.json"
    with pytest.raises(NotSavedError) as raised:
        editor.set_hours("selve_samtalen", "taet_paa", "low", "1")
    assert str(raised.value).startswith("NOT SAVED: could not save session.json: ")
    assert editor.unsaved
    assert editor.session.estimate("selve_samtalen", "taet_paa").low == 1  # kept, not lost
    assert editor.can_undo
    with pytest.raises(NotSavedError):
        editor.set_hours("selve_samtalen", "taet_paa", "high", "2")
    with pytest.raises(NotSavedError):
        editor.save_kept()
    editor.path = real_path
    editor.save_kept()
    assert not editor.unsaved
    on_disk = load_session(real_path).estimate("selve_samtalen", "taet_paa")
    assert (on_disk.low, on_disk.high) == (1, 2)


def test_open_resumes_a_saved_session(editor, catalogue):
    editor.set_hours("selve_samtalen", "taet_paa", "low", "1")
    reopened = SessionEditor.open(editor.path, catalogue)
    assert reopened.session == editor.session
    assert reopened.process.id == "jobsamtaler"


def test_open_refuses_a_session_that_does_not_fit_its_process(editor, catalogue):
    broken = editor.session.model_copy(update={"groups": ["taet_paa", "syg_til_jobafklaring"]})
    save_session(broken, editor.path)
    with pytest.raises(WorkshopError) as raised:
        SessionEditor.open(editor.path, catalogue)
    assert "syg_til_jobafklaring" in str(raised.value)
