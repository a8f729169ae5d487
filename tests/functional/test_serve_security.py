"""`workshop-tui serve` only for the room: a real server process, real HTTP and websocket clients.

Every test starts `workshop-tui serve` on 127.0.0.1 and a free port, in its own
process session, and counts the view processes it starts through /proc.
"""

import asyncio
import base64
import contextlib
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import aiohttp
import pytest

from tests.functional.test_serve import (
    free_port,
    port_open,
    session_members,
    stop_group,
    wait_until,
)
from tests.waiting import LIMIT, wait_for_async
from workshop_tui.cli.main import main
from workshop_tui.core.demo import demo_session
from workshop_tui.core.session.storage import save_session

FULL_DA = "Livevisningen er fuld"
FULL_EN = "This live view is full"


@contextlib.contextmanager
def served(tmp_path: Path, interviews, *options: str):
    """A running `workshop-tui serve` -> (server process, port, its log file)."""
    path = tmp_path / "session.json"
    save_session(demo_session(interviews), path)
    port = free_port()
    log = tmp_path / f"serve-{port}.log"
    command = [sys.executable, "-m", "workshop_tui", "serve", str(path), "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--lang", "en", *options],
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_until(lambda: port_open(port) or server.poll() is not None, "the server")
        assert server.poll() is None, log.read_text()
        yield server, port, log
    finally:
        stop_group(server)


def views_of(server: subprocess.Popen) -> dict[int, str]:
    """pid -> command line of each view process the server has running."""
    return {pid: cmd for pid, cmd in session_members(server.pid).items() if pid != server.pid}


def view_environment(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    pairs = (item.decode(errors="replace").partition("=") for item in raw if b"=" in item)
    return {name: value for name, _, value in pairs}


def get(port: int, path: str = "/", **headers: str) -> tuple[int, str]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=LIMIT) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


async def open_view(port: int, origin: str | None = "same", query: str = ""):
    """A websocket to /ws, as the page opens it (Origin = the page's address)."""
    if origin == "same":
        origin = f"http://127.0.0.1:{port}"
    http = aiohttp.ClientSession()
    try:
        websocket = await http.ws_connect(
            f"http://127.0.0.1:{port}/ws{query}", origin=origin, timeout=aiohttp.ClientWSTimeout()
        )
    except BaseException:
        await http.close()
        raise
    return http, websocket


def test_foreign_origin_and_host_are_refused_with_403(tmp_path, interviews):
    with served(tmp_path, interviews) as (server, port, log):
        here = f"http://127.0.0.1:{port}"
        # What browsers send for the real page: no Origin on the page load, the page's own
        # Origin on the websocket, and the names loopback goes by.
        assert get(port)[0] == 200
        assert get(port, Origin=here)[0] == 200
        assert get(port, Host=f"localhost:{port}", Origin=f"http://localhost:{port}")[0] == 200
        assert get(port, "/static/js/textual.js", Origin=here)[0] == 200

        for headers in (
            {"Origin": "http://evil.example"},
            {"Origin": f"http://evil.example:{port}"},
            {"Origin": "null"},  # a sandboxed frame or a file:// page
            {"Host": f"evil.example:{port}"},  # DNS rebinding: the attacker's name, our address
            {"Host": f"127.0.0.1:{port + 1}"},
        ):
            status, body = get(port, **headers)
            assert status == 403, headers
            assert "Refused: this server only answers" in body and "Afvist:" in body

        async def websockets():
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await open_view(port, origin="http://evil.example")
            assert refused.value.status == 403
            http, websocket = await open_view(port)
            try:
                await wait_for_async(lambda: len(views_of(server)) == 1, "the allowed view")
            finally:
                await websocket.close()
                await http.close()

        asyncio.run(websockets())
        text = log.read_text()
        assert "Refused GET /ws from 127.0.0.1: Origin 'http://evil.example'" in text
        assert "Traceback" not in text


def test_the_public_url_host_is_served_and_no_other(tmp_path, interviews):
    public = "https://meeting-pc.example"
    with served(tmp_path, interviews, "--public-url", public) as (_server, port, _log):
        assert get(port, Host="meeting-pc.example", Origin=public)[0] == 200
        assert get(port, Host="MEETING-PC.example:443")[0] == 200
        assert get(port, Host=f"127.0.0.1:{port}")[0] == 200
        assert get(port, Host="other-pc.example", Origin=public)[0] == 403
        assert get(port, Host="meeting-pc.example", Origin="https://other-pc.example")[0] == 403


def test_oversize_and_tiny_terminals_are_capped(tmp_path, interviews):
    with served(tmp_path, interviews) as (server, port, _log):

        async def sizes():
            found = []
            for query in ("?width=5000&height=5000", "?width=1&height=-3", "?width=1e9"):
                http, websocket = await open_view(port, query=query)
                try:
                    # the view once it runs `watch` (before, it is the server's fork or a shell)
                    await wait_for_async(
                        lambda: [" watch " in cmd for cmd in views_of(server).values()] == [True],
                        "the view",
                    )
                    (pid,) = views_of(server)
                    environment = view_environment(pid)
                    found.append((environment["COLUMNS"], environment["ROWS"]))
                finally:
                    await websocket.close()
                    await http.close()
                await wait_for_async(lambda: not views_of(server), "the view to end")
            return found

        assert asyncio.run(sizes()) == [("500", "200"), ("20", "10"), ("80", "24")]


def resident_mb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
    raise AssertionError(f"no VmRSS for {pid}")


def test_a_resize_beyond_the_limits_is_capped(tmp_path, interviews):
    """5000 x 5000 made a 330 MB view at 100 % CPU; capped to 500 x 200 it stays small."""
    with served(tmp_path, interviews) as (server, port, _log):

        async def resize() -> tuple[int, bytes, int]:
            http, websocket = await open_view(port)
            received: list[bytes] = []

            async def read() -> None:
                async for message in websocket:
                    if message.type == aiohttp.WSMsgType.BINARY:
                        received.append(message.data)

            def since(mark: int) -> bytes:
                return b"".join(received[mark:])

            reader = asyncio.create_task(read())
            try:
                await wait_for_async(lambda: len(views_of(server)) == 1, "the view")
                await wait_for_async(lambda: b"Filled in" in since(0), "the first screen")
                (pid,) = views_of(server)
                mark = len(received)
                await websocket.send_json(["resize", {"width": 5000, "height": 5000}])
                # the cursor moved to row 200: the view draws its screen at the cap's height
                await wait_for_async(lambda: b"\x1b[200;" in since(mark), "a 200-row screen")
                memory = resident_mb(pid)
                # malformed messages are ignored: the view carries on and takes the next key
                await websocket.send_json(["resize", {"width": "x", "height": None}])
                await websocket.send_str("not json")
                await websocket.send_json(["stdin"])
                after = len(received)
                await websocket.send_json(["stdin", "l"])
                await wait_for_async(lambda: b"Udfyldt" in since(after), "the key after them")
                return memory, since(mark), len(views_of(server))
            finally:
                reader.cancel()
                await websocket.close()
                await http.close()

        memory, drawn, views = asyncio.run(resize())
        # every place the view moved the cursor to is within 500 x 200
        places = [tuple(map(int, m)) for m in re.findall(rb"\x1b\[(\d+);(\d+)H", drawn)]
        assert max(row for row, _ in places) == 200 and max(col for _, col in places) <= 500
        assert views == 1 and memory < 150, f"{memory} MB"


def abort_mid_frame(port: int) -> tuple[int, int]:
    """Opens a view as big as a browser may ask for over a raw socket, reads half of the
    first big websocket frame (a screen), then resets -> (frame size, bytes read of it)."""
    with socket.create_connection(("127.0.0.1", port), timeout=LIMIT) as connection:
        key = base64.b64encode(os.urandom(16)).decode()
        connection.sendall(
            (
                f"GET /ws?width=5000&height=5000 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                f"Origin: http://127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                "Sec-WebSocket-Version: 13\r\n\r\n"
            ).encode()
        )
        buffer = bytearray()

        def take(count: int) -> bytes:
            while len(buffer) < count:
                chunk = connection.recv(4096)
                assert chunk, "the server closed the connection"
                buffer.extend(chunk)
            taken = bytes(buffer[:count])
            del buffer[:count]
            return taken

        while b"\r\n\r\n" not in buffer:
            buffer.extend(connection.recv(4096))
        del buffer[: buffer.index(b"\r\n\r\n") + 4]
        while True:  # RFC 6455 frames from the server: 2 bytes, then a longer length
            size = take(2)[1] & 0x7F
            if size == 126:
                size = struct.unpack(">H", take(2))[0]
            elif size == 127:
                size = struct.unpack(">Q", take(8))[0]
            if size > 10_000:
                break
            take(size)
        read = len(take(min(size // 2, len(buffer) + 1)))
        while read < size // 2:
            read += len(connection.recv(size // 2 - read))
        # SO_LINGER 0: close sends a reset, as a crashing browser or a dropped network does
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    return size, read


def test_a_client_aborting_mid_frame_leaves_no_process(tmp_path, interviews):
    with served(tmp_path, interviews) as (server, port, log):
        for _ in range(3):
            size, read = abort_mid_frame(port)
            assert size > 10_000 and read < size  # the view was sending a screen
        wait_until(lambda: not views_of(server), "the aborted views to end")
        assert get(port)[0] == 200  # the server carries on

        server.send_signal(signal.SIGINT)
        assert server.wait(LIMIT) == 0
        assert not session_members(server.pid)
        assert "Traceback" not in log.read_text()


def test_ctrl_c_with_ten_views_ends_everything(tmp_path, interviews):
    with served(tmp_path, interviews) as (server, port, log):

        async def ten_views_then_ctrl_c() -> None:
            opened = [await open_view(port, query="?width=200&height=60") for _ in range(10)]
            try:
                await wait_for_async(lambda: len(views_of(server)) == 10, "ten view processes")
                for _http, websocket in opened:  # every view drawing its first screen
                    await websocket.receive(timeout=LIMIT)
                server.send_signal(signal.SIGINT)
                await wait_for_async(
                    lambda: server.poll() is not None and not session_members(server.pid),
                    "the server and every view to end",
                )
            finally:
                for http, websocket in opened:
                    await websocket.close()
                    await http.close()

        asyncio.run(ten_views_then_ctrl_c())
        assert server.returncode == 0
        assert "Traceback" not in log.read_text()


def test_static_lists_no_directory_but_serves_the_page_files(tmp_path, interviews):
    with served(tmp_path, interviews) as (_server, port, _log):
        for folder in ("/static/", "/static/js/", "/static/css/"):
            status, body = get(port, folder)
            assert status in (403, 404) and "Index of" not in body and "textual.js" not in body
        assert get(port, "/static/js/textual.js")[0] == 200
        assert get(port, "/static/css/xterm.css")[0] == 200
        assert get(port, "/download/anything")[0] == 404  # the view never sends files


def test_views_beyond_max_views_are_turned_away_in_both_languages(tmp_path, interviews):
    with served(tmp_path, interviews, "--max-views", "2") as (server, port, log):

        async def three_browsers():
            first, second = await open_view(port), await open_view(port)
            await wait_for_async(lambda: len(views_of(server)) == 2, "two views")
            status, page = get(port)
            assert status == 503 and FULL_DA in page and FULL_EN in page

            http, third = await open_view(port)
            turned_away = await third.receive(timeout=LIMIT)
            closing = await third.receive(timeout=LIMIT)
            await http.close()
            assert FULL_DA in turned_away.data.decode() and FULL_EN in turned_away.data.decode()
            assert closing.type == aiohttp.WSMsgType.CLOSE and closing.data == 1013
            assert len(views_of(server)) == 2  # no third process was started

            for http, websocket in (first, second):
                await websocket.close()
                await http.close()
            await wait_for_async(lambda: not views_of(server), "the views to end")
            assert get(port)[0] == 200  # room again

        asyncio.run(three_browsers())
        assert "Turned a browser away" in log.read_text()


def test_what_a_browser_sends_reaches_the_terminal_escaped(tmp_path, interviews):
    with served(tmp_path, interviews) as (_server, port, log):
        assert get(port, "/%1b]0;owned%07%1b[2J", Origin="http://evil.example")[0] == 403
        wait_until(lambda: "owned" in log.read_text(), "the refusal in the log")
    text = log.read_bytes()
    assert b"\x1b]0;owned" not in text and b"\\x1b]0;owned\\x07\\x1b[2J" in text


def test_max_views_out_of_range_is_refused_with_exit_2(tmp_path, interviews, capsys):
    path = tmp_path / "session.json"
    save_session(demo_session(interviews), path)
    for count in ("0", "100000"):
        assert (
            main(
                [
                    "serve",
                    str(path),
                    "--port",
                    str(free_port()),
                    "--max-views",
                    count,
                    "--lang",
                    "en",
                ]
            )
            == 2
        )
        assert "--max-views must be between 1 and 200" in capsys.readouterr().err
