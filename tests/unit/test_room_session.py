"""The participants' room in the session: estimates taken in, asked, revealed, medians taken,
and the spread within rooms that merge shows."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from workshop_tui.core.numbers import EntryError
from workshop_tui.core.room.follow import RoomFollower
from workshop_tui.core.room.model import (
    AskedCell,
    ParticipantEstimate,
    RoomEstimate,
    RoomFile,
    RoomParticipant,
    room_path,
)
from workshop_tui.core.room.session import answer_counts, with_room_estimates
from workshop_tui.core.room.storage import save_room
from workshop_tui.core.room.within_room import cell_relative_iqr, within_room
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.session.model import Session
from workshop_tui.core.session.storage import load_session
from workshop_tui.core.workshop.convergence import convergence
from workshop_tui.core.workshop.rounds import first_figure, moved
from workshop_tui.tui.screens.estimate.room import CATCH_UP_SECONDS, TYPING_SECONDS, RoomControl

WHEN = datetime(2025, 3, 12, 9, 30, tzinfo=UTC)


def room_of(session_id: str, figures: dict[str, tuple[float, float]], activity: str) -> RoomFile:
    """A room file where participants p1, p2, ... gave `figures` for (activity, 'taet_paa')."""
    return RoomFile(
        session_id=session_id,
        code="4821",
        participants=[
            RoomParticipant(
                id=pid,
                number=n,
                name="Mette" if pid == "p2" else "",
                token_sha256="0" * 64,
                joined_at=WHEN,
            )
            for n, pid in enumerate(figures, start=1)
        ],
        estimates=[
            RoomEstimate(
                participant_id=pid,
                activity_id=activity,
                group_id="taet_paa",
                low=low,
                high=high,
                submitted_at=WHEN,
            )
            for pid, (low, high) in figures.items()
        ],
    )


@pytest.fixture
def editor(tmp_path, interviews):
    editor = SessionEditor.create(
        interviews,
        tmp_path,
        municipality="Testby",
        workshop_date=date(2025, 3, 12),
        groups=["taet_paa", "langt_fra"],
        clock=lambda: WHEN,
    )
    yield editor
    editor.close()


def test_the_rooms_estimates_are_taken_in_by_name_or_number_and_kept_when_it_forgets(editor):
    first = editor.lines()[0].id
    room = room_of(editor.session.session_id, {"p1": (1, 2), "p2": (2, 4)}, first)
    assert editor.take_room_estimates(room)
    assert not editor.take_room_estimates(room)  # nothing new: nothing written
    names = {(e.participant, e.participant_id) for e in editor.session.participant_estimates}
    assert names == {("Deltager 1", "p1"), ("Mette", "p2")}
    changed = room.model_copy(update={"estimates": room.estimates[:1]})  # p2 gone from it
    changed.estimates[0] = changed.estimates[0].model_copy(update={"low": 1.5})
    editor.take_room_estimates(changed)
    lows = {e.participant_id: e.low for e in editor.session.participant_estimates}
    assert lows == {"p1": 1.5, "p2": 2}


def test_a_room_file_of_another_session_is_not_taken_in(editor):
    room = room_of("another-session", {"p1": (1, 2)}, editor.lines()[0].id)
    assert with_room_estimates(editor.session, room) is editor.session


def test_asking_covers_every_applicable_group_and_is_no_undo_step(editor):
    first, second = editor.lines()[0].id, editor.lines()[1].id
    editor.toggle_group_not_applicable(second, "langt_fra")
    editor.ask_room([first, second])
    question = editor.session.room
    assert question is not None and question.asked_at == WHEN
    assert question.asked == [
        AskedCell(activity_id=first, group_id="taet_paa"),
        AskedCell(activity_id=first, group_id="langt_fra"),
        AskedCell(activity_id=second, group_id="taet_paa"),
    ]
    editor.reveal_room()
    editor.undo()  # takes back the n/a mark, not the question
    assert editor.session.room is not None and editor.session.room.revealed
    assert editor.session.entry(second).applies_to("langt_fra")


def test_the_medians_are_the_first_round_and_a_closed_round_keeps_them(editor):
    first = editor.lines()[0].id
    with pytest.raises(EntryError):
        editor.take_room_medians(first, "taet_paa")
    room = room_of(editor.session.session_id, {"p1": (1, 2), "p2": (2, 4), "p3": (0.5, 6)}, first)
    editor.take_room_estimates(room)
    editor.take_room_medians(first, "taet_paa")
    cell = editor.session.estimate(first, "taet_paa")
    assert (cell.low, cell.high) == (1, 4)
    editor.set_hours(first, "taet_paa", "high", "3")  # the room talks it down
    editor.close_round(None)  # F3 afterwards keeps the participants' figure
    figure = first_figure(editor.session, first, "taet_paa")
    assert figure is not None and (figure.low, figure.high) == (1, 4)
    assert moved(editor.session, first, "taet_paa")
    (row,) = [r for r in convergence([(editor.process, editor.session)]) if r.level == "activity"]
    assert (row.key, row.mean_change) == (first, -0.5)
    editor.undo()  # the round closed
    editor.undo()  # the high typed
    editor.undo()  # the medians
    assert editor.session.estimate(first, "taet_paa").low is None
    assert len(editor.session.participant_estimates) == 3  # what the room gave stays


def test_the_answers_are_counted_per_cell():
    given = [
        ParticipantEstimate(
            participant=f"Deltager {n}",
            participant_id=f"p{n}",
            activity_id="a",
            group_id=group,
            low=1,
            high=2,
            submitted_at=WHEN,
        )
        for n, group in ((1, "g"), (2, "g"), (3, "h"))
    ]
    assert answer_counts(given) == {("a", "g"): 2, ("a", "h"): 1}


def test_the_follower_reads_only_a_changed_readable_room_file(tmp_path):
    path = room_path(tmp_path / "s.json")
    follower = RoomFollower(path)
    assert follower.poll() is None  # no room yet
    room = room_of("s1", {"p1": (1, 2)}, "act")
    save_room(room, path)
    assert follower.poll() == room
    assert follower.poll() is None  # unchanged
    path.write_text("{", encoding="utf-8")  # seen half-written: the last good room stays
    assert follower.poll() is None and follower.room == room and follower.problem
    save_room(room.model_copy(update={"code": "9999"}), path)
    assert follower.poll() is not None and not follower.problem


def _room_given(editor) -> RoomControl:
    """The editor's room followed (no server needed), with one participant's estimate in
    its file, as the server saves it before telling the participant it is in."""
    control = RoomControl(editor)
    control.follower = RoomFollower(room_path(editor.path))
    room = room_of(editor.session.session_id, {"p1": (1, 2)}, editor.lines()[0].id)
    save_room(room, room_path(editor.path))
    return control


def _in_session_file(editor) -> int:
    return len(load_session(editor.path).participant_estimates)


def test_a_room_estimate_waits_while_the_facilitator_types_and_comes_in_the_pause(editor):
    control = _room_given(editor)
    key = 100.0
    assert not control.poll(last_key=key, now=key + 0.1)  # typing: not read, not saved
    assert not control.poll(last_key=key + 0.2, now=key + 0.35)
    assert _in_session_file(editor) == 0
    assert control.poll(last_key=key + 0.2, now=key + 0.2 + TYPING_SECONDS)  # the pause
    assert _in_session_file(editor) == 1 and control.count_answers()
    assert not control.poll(last_key=key + 0.2, now=key + 5)  # the file has not changed since


def test_a_room_estimate_comes_in_at_once_when_nobody_types_and_soon_while_typing_goes_on(
    editor,
):
    control = _room_given(editor)
    assert control.poll(last_key=0.0, now=100.0)  # no key for a long while: the first look
    assert _in_session_file(editor) == 1

    control = _room_given(editor)  # p1 changed their mind while the facilitator types on
    save_room(
        room_of(editor.session.session_id, {"p1": (1, 3)}, editor.lines()[0].id),
        room_path(editor.path),
    )
    looks = [200.0 + 0.25 * n for n in range(int(CATCH_UP_SECONDS / 0.25) + 2)]
    taken = [now for now in looks if control.poll(last_key=now - 0.05, now=now)]  # keys go on
    assert taken and taken[0] - looks[0] >= CATCH_UP_SECONDS  # one copy, once it waited long
    assert len(taken) == 1
    assert [e.high for e in load_session(editor.path).participant_estimates] == [3]


def test_closing_the_room_takes_in_the_estimate_that_waited_for_a_pause(editor):
    control = _room_given(editor)
    assert not control.poll(last_key=100.0, now=100.1)  # the facilitator types
    assert control.close()  # Ctrl+U, c right after: the session has it all the same
    assert _in_session_file(editor) == 1
    assert not control.close() and not control.poll(last_key=0.0, now=200.0)  # closed


def test_a_cells_spread_is_its_interquartile_range_over_its_median():
    assert cell_relative_iqr([2, 2]) == 0
    assert cell_relative_iqr([1, 2, 3, 4, 5]) == pytest.approx((4 - 2) / 3)
    assert cell_relative_iqr([3]) is None  # one participant: no spread
    assert cell_relative_iqr([0, 0]) is None  # nothing to be relative to


def test_within_room_is_the_median_over_rooms_per_level(interviews):
    first, second = (a.id for a in interviews.subprocesses[0].activities[:2])

    def workshop(spread: list[tuple[float, float]], session_id: str) -> Session:
        return Session(
            session_id=session_id,
            process_id=interviews.id,
            process_version=interviews.version,
            municipality="Testby",
            workshop_date=date(2025, 3, 12),
            groups=["taet_paa"],
            participant_estimates=[
                ParticipantEstimate(
                    participant=f"Deltager {n}",
                    participant_id=f"p{n}",
                    activity_id=activity,
                    group_id="taet_paa",
                    low=low,
                    high=high,
                    submitted_at=WHEN,
                )
                for activity in (first, second)
                for n, (low, high) in enumerate(spread, start=1)
            ],
        )

    rooms = [
        (interviews, workshop([(1, 1), (2, 2), (3, 3)], "a")),  # midpoints 1, 2, 3: 1 / 2
        (interviews, workshop([(2, 2), (2, 2)], "b")),  # all agree: 0
    ]
    rows = {(r.group_id, r.level): r for r in within_room(rooms)}
    assert set(rows) == {("taet_paa", "1"), ("taet_paa", "total")}
    one = rows[("taet_paa", "1")]
    assert one.median_relative_iqr == pytest.approx(0.25)  # the median of 0.5 and 0
    assert (one.n_cells, one.n_rooms) == (4, 2)
