"""The participants' room through its JSON API: a real server on a free port, real HTTP.

Each test starts the RoomServer the app and `workshop-tui room` use, in its thread,
on 127.0.0.1, and talks to it as a phone's page does.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import urllib.error
import urllib.request

import aiohttp
import pytest

from tests.functional.room_helpers import CODE, ask_room, call
from tests.waiting import finishes
from workshop_tui.core.errors import WorkshopError
from workshop_tui.core.room.storage import read_room
from workshop_tui.web.room_server import RoomServer


@contextlib.contextmanager
def open_room(tmp_path, interviews, **options):
    path = tmp_path / "session.json"
    if not path.exists():
        ask_room(path, interviews)
    server = RoomServer(path, code=options.pop("code", CODE), **options)
    server.start()
    try:
        yield server, path
    finally:
        server.stop()


def join(server, name: str = "", **headers: str) -> str:
    status, body, _ = call(server.address, "/api/join", {"code": CODE, "name": name}, **headers)
    assert status == 200, body
    return body["token"]


def cells(now: dict) -> dict[str, dict]:
    return {group["group_id"]: group for group in now["activities"][0]["groups"]}


def test_joining_needs_the_code_and_sets_an_httponly_strict_cookie(tmp_path, interviews):
    with open_room(tmp_path, interviews) as (server, _path):
        assert call(server.address, "/api/join", {"code": "000000"})[0] == 403
        assert call(server.address, "/api/now")[0] == 401
        status, body, headers = call(
            server.address, "/api/join", {"code": f" {CODE} "}, **{"Accept-Language": "da"}
        )
        assert status == 200 and body["participant"] == "Deltager 1"
        cookie = headers["Set-Cookie"]
        assert body["token"] in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
        named = call(server.address, "/api/join", {"code": CODE, "name": " Bodil  H "})[1]
        assert named["participant"] == "Bodil H"


def test_an_estimate_is_on_disk_before_it_is_answered_and_is_shown_back(tmp_path, interviews):
    with open_room(tmp_path, interviews) as (server, path):
        token = join(server, **{"Accept-Language": "da"})
        first = interviews.activity_ids[0]
        status, body, _ = call(
            server.address,
            "/api/estimate?lang=da",
            {"activity_id": first, "group_id": "taet_paa", "low": "et kvarter", "high": "1,5"},
            token,
        )
        assert status == 200 and (body["low"], body["high"]) == (0.25, 1.5)
        saved = read_room(server.room_file)  # read straight after the answer
        assert saved is not None
        assert [(e.activity_id, e.group_id, e.low, e.high) for e in saved.estimates] == [
            (first, "taet_paa", 0.25, 1.5)
        ]
        # a range typed in the low box, in Danish, replaces the figure
        status, _, _ = call(
            server.address,
            "/api/estimate?lang=da",
            {"activity_id": first, "group_id": "taet_paa", "low": "1-2 timer", "high": ""},
            token,
        )
        assert status == 200
        now = call(server.address, "/api/now?lang=da", token=token)[1]
        mine = cells(now)["taet_paa"]
        assert mine["own"]["text"] == "1,00–2,00" and mine["answered"] == 1
        assert now["activities"][0]["activity"] == interviews.subprocesses[0].activities[
            0
        ].name.in_lang("da")
        assert len(read_room(server.room_file).estimates) == 1  # the change replaced it
        assert path.name in str(server.room_file)


def test_bad_figures_are_refused_with_the_reason_in_the_participants_language(tmp_path, interviews):
    with open_room(tmp_path, interviews) as (server, _path):
        token = join(server)
        first = interviews.activity_ids[0]
        for low, high, reason in (
            ("3", "1", "er over høj"),
            ("mange", "2", "kan ikke læses"),
            (-1, 2, "mellem 0 og"),
            (10**400, 2, "mellem 0 og"),
            (1, 1e308 * 10, "mellem 0 og"),
            (True, 2, "antal timer"),
            ("2", "5000", "mere end"),
        ):
            status, body, _ = call(
                server.address,
                "/api/estimate?lang=da",
                {"activity_id": first, "group_id": "taet_paa", "low": low, "high": high},
                token,
            )
            assert status == 422 and reason in body["error"], (low, high, body)
        status, _, _ = call(
            server.address,
            "/api/estimate",
            {
                "activity_id": interviews.activity_ids[1],
                "group_id": "taet_paa",
                "low": 1,
                "high": 2,
            },
            token,
        )
        assert status == 409  # not asked now
        assert read_room(server.room_file).estimates == []


def test_nobody_sees_anothers_figures_before_the_reveal_and_no_change_after(tmp_path, interviews):
    with open_room(tmp_path, interviews) as (server, path):
        first = interviews.activity_ids[0]
        anne, bo = join(server, "Anne"), join(server, "Bo")
        for token, low, high in ((anne, 1, 2), (bo, 3, 4)):
            status, _, _ = call(
                server.address,
                "/api/estimate",
                {"activity_id": first, "group_id": "taet_paa", "low": low, "high": high},
                token,
            )
            assert status == 200
        seen_by_bo = call(server.address, "/api/now", token=bo)[1]
        assert cells(seen_by_bo)["taet_paa"]["own"]["text"] == "3.00–4.00"
        assert cells(seen_by_bo)["taet_paa"]["spread"] is None
        assert "1.00" not in str(seen_by_bo) and "Anne" not in str(seen_by_bo)
        assert cells(seen_by_bo)["taet_paa"]["answered"] == 2
        assert "1 of 3 estimates" in seen_by_bo["status"]  # two groups still to give
        seen_by_anne = call(server.address, "/api/now", token=anne)[1]
        assert cells(seen_by_anne)["taet_paa"]["own"]["text"] == "1.00–2.00"  # Bo's changed nothing

        ask_room(path, interviews, revealed=True)  # the facilitator reveals

        async def revealed() -> dict:
            while True:
                now = call(server.address, "/api/now", token=bo)[1]
                if now["revealed"]:
                    return now
                await asyncio.sleep(0.05)

        now = asyncio.run(asyncio.wait_for(revealed(), 60))
        spread = cells(now)["taet_paa"]["spread"]
        assert spread["ranges"] == ["1.00–2.00", "3.00–4.00"] and spread["count"] == 2
        assert spread["low"] == {"lowest": "1.00", "median": "2.00", "highest": "3.00"}
        assert "Anne" not in str(now)
        status, body, _ = call(
            server.address,
            "/api/estimate",
            {"activity_id": first, "group_id": "taet_paa", "low": 9, "high": 9},
            anne,
        )
        assert status == 409 and "revealed" in body["error"]


def test_repeated_wrong_codes_are_answered_429_even_with_the_right_code(tmp_path, interviews):
    with open_room(tmp_path, interviews) as (server, _path):
        for _ in range(5):
            assert call(server.address, "/api/join", {"code": "111111"})[0] == 403
        status, body, headers = call(server.address, "/api/join", {"code": CODE})
        assert status == 429 and int(headers["Retry-After"]) > 0
        assert "wrong codes" in body["error"]


def test_participants_are_capped(tmp_path, interviews):
    with open_room(tmp_path, interviews, max_participants=2) as (server, _path):
        join(server), join(server)
        status, body, _ = call(server.address, "/api/join", {"code": CODE})
        assert status == 409 and "full" in body["error"]


def test_only_this_servers_host_and_origin_and_small_bodies_are_answered(tmp_path, interviews):
    with open_room(tmp_path, interviews) as (server, _path):
        port = server.address.rsplit(":", 1)[1].strip("/")
        assert (
            call(server.address, "/api/join", {"code": CODE}, Origin="http://evil.example")[0]
            == 403
        )
        assert call(server.address, "/api/now", Host=f"evil.example:{port}")[0] == 403
        status, _, _ = call(server.address, "/api/join", {"code": CODE, "name": "x" * 20_000})
        assert status == 413

        async def page_and_strays() -> list[tuple[str, int]]:
            async with aiohttp.ClientSession() as http:
                async with http.get(server.address) as page:
                    assert page.status == 200
                    assert page.headers["Content-Security-Policy"].startswith("default-src 'self'")
                    assert "https://" not in await page.text()
                found = []
                for stray in (
                    "/session.json",
                    "/static/",
                    "/static/../session.json",
                    "/static/%2e%2e/session.json",
                    "/static/room.html.j2",
                    f"/{server.room_file.name}",
                    "/api/",
                ):
                    async with http.get(server.address.rstrip("/") + stray) as response:
                        found.append((stray, response.status))
                return found

        for stray, status in asyncio.run(page_and_strays()):
            assert status == 404, stray


def test_a_form_post_with_the_cookie_is_refused(tmp_path, interviews):
    """A page elsewhere can make the browser post a form with the cookie (no preflight),
    but never as JSON: such a post changes nothing."""
    with open_room(tmp_path, interviews) as (server, _path):
        token = join(server)
        body = json.dumps(
            {"activity_id": interviews.activity_ids[0], "group_id": "taet_paa", "low": 1, "high": 2}
        ).encode()
        request = urllib.request.Request(
            server.address + "api/estimate",
            data=body,
            headers={"Content-Type": "text/plain", "Cookie": f"room_token={token}"},
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=60)
        assert refused.value.code == 415
        assert read_room(server.room_file).estimates == []
        assert call(server.address, "/api/now", Cookie=f"room_token={token}")[0] == 200


def test_a_port_taken_is_a_clear_error(tmp_path, interviews):
    path = tmp_path / "session.json"
    ask_room(path, interviews)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        server = RoomServer(path, port=taken.getsockname()[1])
        with pytest.raises(WorkshopError, match="Cannot listen on 127.0.0.1"):
            server.start()
        server.stop()


def test_stop_closes_the_port_with_a_phone_still_connected_and_may_be_called_twice(
    tmp_path, interviews
):
    path = tmp_path / "session.json"
    ask_room(path, interviews)
    server = RoomServer(path, code=CODE)
    server.stop()  # before start: nothing to stop
    server.start()
    port = int(server.address.rsplit(":", 1)[1].strip("/"))
    with socket.create_connection(("127.0.0.1", port)) as phone:
        # a request sent in part, as a phone's page is when the network drops
        phone.sendall(f"POST /api/join HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n".encode())
        finishes(server.stop, "stop() with a phone connected")
    server.stop()
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0


def test_a_room_file_of_another_session_is_named_not_taken_over(tmp_path, interviews):
    path = tmp_path / "session.json"
    ask_room(path, interviews)
    with open_room(tmp_path, interviews) as (server, _path):
        join(server)
    session = path.read_text().replace(
        json.loads(path.read_text())["session_id"], "another-session"
    )
    path.write_text(session)
    with pytest.raises(WorkshopError, match="another-session") as refused:
        RoomServer(path).start()
    assert refused.value.problems[0].path == server.room_file
    assert len(read_room(server.room_file).participants) == 1  # left as it was
