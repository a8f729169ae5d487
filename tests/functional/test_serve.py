"""`workshop-tui serve`: the read-only view in a real browser (Debian's headless Chromium).

The browser is driven through the DevTools protocol (aiohttp, which textual-serve
already brings). xterm.js draws the terminal on a canvas, so the test reads what
the page received over its websocket (the view's terminal output) and keeps a
screenshot as an artefact for people to look at.
"""

import asyncio
import base64
import contextlib
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.waiting import LIMIT, wait_for
from workshop_tui.cli.main import main
from workshop_tui.cli.serve import network_addresses, public_url, watch_command_line
from workshop_tui.core.demo import demo_session
from workshop_tui.core.errors import WorkshopError
from workshop_tui.core.formatting import range_text
from workshop_tui.core.session.storage import save_session, session_json
from workshop_tui.core.totals import session_totals

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
GROUPS = ["taet_paa", "langt_fra"]
ANSI = re.compile(rb"\x1b(\[[0-9;?$]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][A-Z0-9]|[=>])")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition, what: str) -> None:
    """Poll until `condition` holds; only a hang fails it (see tests/waiting.py)."""
    wait_for(condition, what)


def port_open(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def stop_group(process: subprocess.Popen) -> None:
    """Ends a process started with start_new_session and everything it started."""
    for sig, grace in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(grace)
            break
        except subprocess.TimeoutExpired:
            continue
    # Children outlive a leader that exited on SIGTERM; they share its session.
    for pid in session_members(process.pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def session_members(sid: int) -> dict[int, str]:
    """pid -> command line of every live process in session `sid` (Linux /proc)."""
    members = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            if int(fields[3]) == sid and fields[0] != "Z":
                members[int(entry.name)] = (
                    (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                )
        except (OSError, ValueError, IndexError):
            continue
    return members


class DevTools:
    """Just enough of the Chrome DevTools protocol: commands, and the page's websocket frames."""

    def __init__(self, websocket):
        self.websocket = websocket
        self.next_id = 0
        self.frames: list[bytes] = []

    async def call(self, method: str, **params):
        self.next_id += 1
        await self.websocket.send_json({"id": self.next_id, "method": method, "params": params})
        while True:
            message = await asyncio.wait_for(self.websocket.receive_json(), 30)
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise AssertionError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.handle(message)

    def handle(self, message: dict) -> None:
        if message.get("method") == "Network.webSocketFrameReceived":
            response = message["params"]["response"]
            payload = response["payloadData"]
            self.frames.append(
                base64.b64decode(payload) if response["opcode"] == 2 else payload.encode()
            )

    def terminal_text(self) -> str:
        """Everything the view wrote to the browser's terminal, without escape codes."""
        return ANSI.sub(b"", b"".join(self.frames)).decode("utf-8", "replace")

    async def wait_for_text(self, texts: list[str], timeout: float = LIMIT) -> None:
        deadline = time.monotonic() + timeout
        while not all(text in self.terminal_text() for text in texts):
            if time.monotonic() > deadline:
                missing = [text for text in texts if text not in self.terminal_text()]
                raise AssertionError(f"the page never showed {missing}")
            with contextlib.suppress(TimeoutError):
                self.handle(await asyncio.wait_for(self.websocket.receive_json(), 0.5))

    async def press(self, key: str) -> None:
        for kind in ("keyDown", "keyUp"):
            await self.call(
                "Input.dispatchKeyEvent",
                type=kind,
                key=key,
                text=key,
                code=f"Key{key.upper()}",
                windowsVirtualKeyCode=ord(key.upper()),
            )


def start_chromium(profile: Path, log: Path) -> tuple[subprocess.Popen, int]:
    browser = subprocess.Popen(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--remote-debugging-port=0",
            "--window-size=1280,900",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
        start_new_session=True,
    )
    port_file = profile / "DevToolsActivePort"
    wait_until(lambda: port_file.exists() and port_file.read_text().strip(), "DevTools' port")
    return browser, int(port_file.read_text().split()[0])


def expected_totals(process, session, lang="en") -> list[str]:
    return [
        range_text(g.total.low, g.total.high, lang)
        for g in session_totals(process, session).values()
    ]


@pytest.mark.skipif(
    CHROMIUM is None,
    reason="Debian's chromium is not installed "
    "(apt-get install chromium); the browser test needs it",
)
def test_served_view_runs_in_a_browser_and_follows_the_file(tmp_path, interviews):
    import aiohttp

    path = tmp_path / "Session file with spaces.json"
    session = save_session(demo_session(interviews, groups=GROUPS), path)
    before = path.read_bytes()
    port = free_port()
    server_log = tmp_path / "serve.log"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "workshop_tui",
            "serve",
            str(path),
            "--port",
            str(port),
            "--lang",
            "en",
        ],
        stdout=server_log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    browser = None
    try:
        wait_until(lambda: port_open(port) or server.poll() is not None, "the server")
        assert server.poll() is None, server_log.read_text()
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=LIMIT).read().decode()
        assert f'data-session-websocket-url="ws://127.0.0.1:{port}/ws"' in page
        assert f"http://127.0.0.1:{port}/static/js/textual.js" in page
        assert f"http://127.0.0.1:{port}/" in server_log.read_text()  # the URL to open

        browser, devtools_port = start_chromium(tmp_path / "profile", tmp_path / "chromium.log")
        targets = json.load(
            urllib.request.urlopen(f"http://127.0.0.1:{devtools_port}/json/list", timeout=LIMIT)
        )
        target = next(t for t in targets if t["type"] == "page")

        async def drive():
            async with (
                aiohttp.ClientSession() as http,
                http.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0) as websocket,
            ):
                devtools = DevTools(websocket)
                await devtools.call("Network.enable")
                await devtools.call("Page.enable")
                await devtools.call("Page.navigate", url=f"http://127.0.0.1:{port}/")
                await devtools.wait_for_text(
                    [
                        session.municipality,
                        "Filled in: 16 of 16 estimates",
                        *expected_totals(interviews, session),
                    ],
                )

                # The facilitator saves; the browser follows.
                changed = session.model_copy(deep=True)
                first = interviews.activity_ids[0]
                changed.activities[first].estimates["taet_paa"].high = 9.5
                changed = save_session(changed, path)
                await devtools.wait_for_text(expected_totals(interviews, changed))

                # Keys from the browser reach the view (language) but change nothing.
                await devtools.call(
                    "Input.dispatchMouseEvent",
                    type="mousePressed",
                    x=300,
                    y=300,
                    button="left",
                    clickCount=1,
                )
                await devtools.call(
                    "Input.dispatchMouseEvent",
                    type="mouseReleased",
                    x=300,
                    y=300,
                    button="left",
                    clickCount=1,
                )
                await devtools.press("l")
                await devtools.wait_for_text(
                    ["Udfyldt", *expected_totals(interviews, changed, "da")]
                )
                await asyncio.sleep(0.5)  # let the canvas paint before the picture
                shot = await devtools.call("Page.captureScreenshot", format="png")
                return base64.b64decode(shot["data"]), changed

        screenshot, changed = asyncio.run(asyncio.wait_for(drive(), 180))
        keep_artefact(tmp_path / "serve-browser.png", screenshot)
        assert screenshot.startswith(b"\x89PNG") and len(screenshot) > 10_000

        # One watch process per browser, running exactly the fixed read-only command.
        views = [cmd for cmd in session_members(server.pid).values() if " watch " in cmd]
        assert len(views) == 1, session_members(server.pid)
        assert "workshop_tui watch" in views[0] and str(path) in views[0]

        # Ctrl+C ends the server even with a browser still connected, and takes the
        # browser's view process with it.
        server.send_signal(signal.SIGINT)
        assert server.wait(LIMIT) == 0
        wait_until(lambda: not session_members(server.pid), "the view process to end")
        log = server_log.read_text()
        assert not any(word in log for word in ("Traceback", "ERROR", "WARNING")), log
    finally:
        if browser is not None:
            stop_group(browser)
        stop_group(server)
    # The file holds the test's last save, byte for byte: the served view wrote nothing.
    assert path.read_bytes() == session_json(changed).encode() != before
    assert [p.name for p in tmp_path.glob("*.json")] == [path.name]


def keep_artefact(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    folder = os.environ.get("WORKSHOP_TUI_ARTEFACTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(folder) / path.name)


def test_served_command_is_fixed_and_quoted(tmp_path):
    path = tmp_path / "a b; touch pwned $(id).json"
    command = watch_command_line(path, "da", [tmp_path / "my processes"])
    assert shlex.split(command.removeprefix("exec ")) == [
        sys.executable,
        "-m",
        "workshop_tui",
        "watch",
        str(path.resolve()),
        "--lang",
        "da",
        "--processes",
        str((tmp_path / "my processes").resolve()),
    ]


def test_public_url_for_loopback_named_and_wildcard_hosts():
    assert public_url("127.0.0.1", 8000, None) == "http://127.0.0.1:8000"
    assert public_url("192.0.2.7", 8123, None) == "http://192.0.2.7:8123"
    assert public_url("::1", 80, None) == "http://[::1]"
    assert public_url("0.0.0.0", 8000, "http://room-laptop.local:8000/") == (
        "http://room-laptop.local:8000"
    )
    if network_addresses():
        address = network_addresses()[0]
        assert public_url("0.0.0.0", 8000, None) == f"http://{address}:8000"
    else:  # a machine with no network: the user is told to pass --public-url
        with pytest.raises(WorkshopError, match="--public-url"):
            public_url("0.0.0.0", 8000, None)
    with pytest.raises(WorkshopError, match="--public-url must look like"):
        public_url("0.0.0.0", 8000, "room-laptop:8000")


@pytest.mark.parametrize(
    ("lang", "title"), [("en", "Cannot start the server"), ("da", "Serveren kan ikke startes")]
)
def test_serve_refuses_a_port_in_use_with_exit_2(tmp_path, interviews, capsys, lang, title):
    path = tmp_path / "session.json"
    save_session(demo_session(interviews), path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", str(path), "--port", str(port), "--lang", lang]) == 2
    err = capsys.readouterr().err
    assert f"port{port}" in re.sub(r"[\s│]", "", err) and "Traceback" not in err
    assert err.startswith(f"✗ {title}\n")  # the heading in the run's language


def test_serve_refuses_a_missing_file_before_starting(tmp_path, capsys):
    assert main(["serve", str(tmp_path / "nope.json"), "--port", str(free_port())]) == 2
    assert "filenotfound" in re.sub(r"[\s│]", "", capsys.readouterr().err)
