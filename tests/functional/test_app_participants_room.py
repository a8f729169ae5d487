"""The participants' room from the facilitator's app: open, ask, count, reveal, take the medians.

The room's server is replaced by tests/functional/room_fake.py, which writes the room
file as the server does; the app only reads that file and writes the session.
"""

import asyncio
import json
import urllib.error
import urllib.request
from contextlib import asynccontextmanager
from unittest import mock

import pytest

from tests.functional.helpers import app_for, run_async, saved, screen_text, settle, type_text
from tests.functional.room_fake import CODE, fake_rooms, give, leave
from tests.waiting import wait_for_async
from workshop_tui.core.room.model import AskedCell
from workshop_tui.core.workshop.convergence import convergence
from workshop_tui.core.workshop.rounds import first_figure, moved
from workshop_tui.tui.screens.room_dialog import RoomDialog

FIGURES = {"p1": (1.0, 2.0), "p2": (2.0, 4.0), "p3": (0.5, 6.0)}  # medians: low 1, high 4


async def _open_room(pilot, where: str = "n") -> None:
    await pilot.press("ctrl+u")
    await settle(pilot)
    await pilot.press(where)
    await settle(pilot)


@asynccontextmanager
async def _in_room(app, where: str = "n"):
    """The app on the projector's 120x40, with the room opened (Ctrl+U, then `where`)."""
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await _open_room(pilot, where)
        yield pilot


def _first_cell(editor) -> tuple:
    """The first activity line and the first group: the cell the room is asked about."""
    return editor.lines()[0], editor.session.groups[0]


async def _ask_and_answer(pilot, editor) -> None:
    """Ask the room for the cursor's activity; three participants answer its first group."""
    await pilot.press("a")
    await settle(pilot)
    first, group = _first_cell(editor)
    give(editor.path, editor.session.session_id, FIGURES, first.id, group)
    await wait_for_async(
        lambda: len(editor.session.participant_estimates) == 3, "three estimates", pause=pilot.pause
    )


@run_async
async def test_a_round_with_the_room_from_asking_to_the_medians(rehab, monkeypatch):
    rooms = fake_rooms(monkeypatch)
    app = app_for(rehab)
    first, group = _first_cell(rehab)
    async with _in_room(app) as pilot:
        assert rooms and rooms[0].host == "0.0.0.0"  # the meeting network
        assert isinstance(app.screen, RoomDialog)  # the address and code, for the phones
        shown = screen_text(app)
        assert "http://192.168.1.20:8765/" in shown and CODE in shown
        assert "▀" in shown or "▄" in shown  # the QR code, in half blocks
        await pilot.press("a")  # ask the room for the activity under the cursor
        await settle(pilot)
        asked = saved(rehab).room
        assert asked is not None and not asked.revealed
        assert asked.asked == [
            AskedCell(activity_id=first.id, group_id=g) for g in rehab.session.groups
        ]

        give(rehab.path, rehab.session.session_id, FIGURES, first.id, group, {"p2": "Mette"})
        await wait_for_async(
            lambda: "³" in screen_text(app), "the grid's count of answers", pause=pilot.pause
        )
        given = saved(rehab).participant_estimates
        assert {(e.participant, e.low, e.high) for e in given} == {
            ("Deltager 1", 1.0, 2.0),
            ("Mette", 2.0, 4.0),
            ("Deltager 3", 0.5, 6.0),
        }

        await pilot.press("ctrl+u", "r")  # reveal
        await settle(pilot)
        assert saved(rehab).room.revealed
        shown = screen_text(app)
        assert "3 estimates, anonymous" in shown
        assert "0.5–6" in shown and "1–2" in shown and "2–4" in shown  # each range, no names
        assert "Mette" not in shown

        await pilot.press("ctrl+u", "m")  # the medians into the cell
        await settle(pilot)
        cell = saved(rehab).estimate(first.id, group)
        assert (cell.low, cell.high) == (1.0, 4.0)
        figure = first_figure(saved(rehab), first.id, group)
        assert figure is not None and (figure.low, figure.high) == (1.0, 4.0)

        await type_text(pilot, "3")  # the room talks and agrees on a higher high
        await pilot.press("right")
        await pilot.press("enter")
        await settle(pilot)
    session = saved(rehab)
    assert session.estimate(first.id, group).high is not None
    assert moved(session, first.id, group)  # against the participants' first round
    rows = convergence([(rehab.process, session)])
    assert any(row.level == "activity" and row.key == first.id for row in rows)
    assert rooms[0].stopped  # the window's room went with it


@run_async
async def test_a_participant_who_leaves_takes_nothing_back(rehab, monkeypatch):
    fake_rooms(monkeypatch)
    app = app_for(rehab)
    first, group = _first_cell(rehab)
    async with _in_room(app, "l") as pilot:
        await _ask_and_answer(pilot, rehab)
        leave(rehab.path, "p3")
        give(rehab.path, rehab.session.session_id, {"p1": (1.5, 2.5)}, first.id, group)
        await wait_for_async(
            lambda: any(e.low == 1.5 for e in rehab.session.participant_estimates),
            "the changed estimate",
            pause=pilot.pause,
        )
    given = {(e.participant_id, e.low, e.high) for e in saved(rehab).participant_estimates}
    assert given == {("p1", 1.5, 2.5), ("p2", 2.0, 4.0), ("p3", 0.5, 6.0)}


@run_async
async def test_undo_after_the_room_answered_takes_back_the_figure_not_the_answers(
    rehab, monkeypatch
):
    fake_rooms(monkeypatch)
    app = app_for(rehab)
    first, group = _first_cell(rehab)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_text(pilot, "2")
        await pilot.press("enter")
        await _open_room(pilot)
        await _ask_and_answer(pilot, rehab)
        await pilot.press("ctrl+z")
        await settle(pilot)
    session = saved(rehab)
    assert session.estimate(first.id, group).low is None
    assert len(session.participant_estimates) == 3 and session.room is not None


def _post(address: str, path: str, body: dict, token: str = "") -> tuple[int, dict]:
    """A phone's request to the room's real server: JSON in, status and JSON out."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(
        address.rstrip("/") + path, json.dumps(body).encode(), headers, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as refused:
        return refused.code, json.loads(refused.read() or b"{}")


@run_async
async def test_eight_phones_answer_through_the_real_server_and_the_grid_counts_them(rehab):
    """End to end: the app starts the real room server on this computer; eight phones
    join with the code shown, answer the cell asked as people type (ranges, spoken
    Danish), and the app counts them in the grid and keeps each in the session file."""
    app = app_for(rehab)
    first, group = _first_cell(rehab)
    async with _in_room(app, "l") as pilot:
        room = app.screen_stack[-2].room if len(app.screen_stack) > 1 else app.screen.room
        assert room.is_open and room.server is not None
        address, code = room.server.address, room.server.code
        assert address in screen_text(app) and code in screen_text(app)
        await pilot.press("a")  # ask the room for the activity under the cursor
        await settle(pilot)
        await wait_for_async(lambda: saved(rehab).room is not None, "the question saved")
        assert await asyncio.to_thread(_post, address, "/api/join", {"code": "000000x"}) == (
            403,
            mock.ANY,
        )
        typed = [("1", "2"), ("halvanden time", "3"), ("1-4", "")] + [("2", "2,5")] * 5
        for number, (low, high) in enumerate(typed):
            status, joined = await asyncio.to_thread(
                _post, address, "/api/join", {"code": code, "name": ""}
            )
            assert status == 200, joined
            cell = {"activity_id": first.id, "group_id": group, "low": low, "high": high}
            status, answer = await asyncio.to_thread(
                _post, address, "/api/estimate", cell, joined["token"]
            )
            assert status == 200, (number, answer)
        await wait_for_async(
            lambda: "⁸" in screen_text(app), "the grid's count of answers", pause=pilot.pause
        )
        given = saved(rehab).participant_estimates
        assert sorted((e.participant, e.low, e.high) for e in given) == [
            ("Deltager 1", 1.0, 2.0),
            ("Deltager 2", 1.5, 3.0),
            ("Deltager 3", 1.0, 4.0),
            *((f"Deltager {n}", 2.0, 2.5) for n in range(4, 9)),
        ]
        await pilot.press("ctrl+u", "c")  # close the room: the port is free again
        await settle(pilot)
        assert not app.screen.room.is_open
    with pytest.raises(OSError):
        await asyncio.to_thread(_post, address, "/api/join", {"code": code})


@run_async
async def test_closing_the_room_stops_it_and_asks_nothing(rehab, monkeypatch):
    rooms = fake_rooms(monkeypatch)
    app = app_for(rehab)
    async with _in_room(app) as pilot:
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("ctrl+u", "c")
        await settle(pilot)
        assert rooms[0].stopped and not app.screen.room.is_open
    assert saved(rehab).room is None


@run_async
async def test_an_estimate_given_while_the_facilitator_types_is_in_the_session_once_closed(
    rehab, monkeypatch
):
    """While keys come, the room's new estimates wait for a pause; closing the room right
    away still puts every one in the session, as its closing note says."""
    fake_rooms(monkeypatch)
    app = app_for(rehab)
    first, group = _first_cell(rehab)
    async with _in_room(app, "l") as pilot:
        await pilot.press("a")  # ask the room for the cursor's activity
        await settle(pilot)
        give(rehab.path, rehab.session.session_id, FIGURES, first.id, group)
        await pilot.press("2", "enter")  # the facilitator types on
        await pilot.press("ctrl+u", "c")
        await settle(pilot)
        assert "every estimate given is in the session" in screen_text(app)
    given = {(e.participant_id, e.low, e.high) for e in saved(rehab).participant_estimates}
    assert given == {(pid, low, high) for pid, (low, high) in FIGURES.items()}
