"""`workshop-tui room`: the room's server as its own process, talked to over HTTP.

`kill -9` of the server loses no estimate it has answered, and the server started
again goes on with the same code, participants and tokens.
"""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

from tests.functional.room_helpers import CODE, ask_room, call
from tests.functional.test_serve import free_port, port_open, stop_group, wait_until
from tests.waiting import LIMIT
from workshop_tui.cli.main import main
from workshop_tui.core.room.storage import read_room


def start_room(path: Path, port: int, log: Path, *options: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "workshop_tui", "room", str(path), "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--lang", "en", *options],
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    wait_until(lambda: port_open(port) or server.poll() is not None, "the room's server")
    assert server.poll() is None, log.read_text()
    return server


def test_kill_9_loses_no_estimate_and_a_restart_goes_on_with_the_same_tokens(tmp_path, interviews):
    path = tmp_path / "session.json"
    ask_room(path, interviews)
    port, log = free_port(), tmp_path / "room.log"
    base = f"http://127.0.0.1:{port}/"
    first = interviews.activity_ids[0]
    server = start_room(path, port, log, "--code", CODE)
    try:
        # printed once the port is open: looked for until it is there
        wait_until(lambda: base in log.read_text() and CODE in log.read_text(), "the address")
        tokens = [call(base, "/api/join", {"code": CODE})[1]["token"] for _ in range(3)]
        for number, token in enumerate(tokens, start=1):
            status, _, _ = call(
                base,
                "/api/estimate",
                {"activity_id": first, "group_id": "taet_paa", "low": number, "high": 2 * number},
                token,
            )
            assert status == 200
        server.send_signal(signal.SIGKILL)  # straight after the last answer
        server.wait(LIMIT)
        saved = read_room(path.with_name(f".{path.name}.room"))
        assert saved is not None and len(saved.estimates) == 3

        server = start_room(path, port, log)  # no --code: the room's own is kept
        assert call(base, "/api/join", {"code": CODE})[0] == 200
        now = call(base, "/api/now", token=tokens[1])[1]
        mine = {g["group_id"]: g for g in now["activities"][0]["groups"]}["taet_paa"]
        assert (mine["own"]["low"], mine["own"]["high"]) == (2, 4) and mine["answered"] == 3
        assert now["participant"] == "Participant 2" and now["participants"] == 4
        server.send_signal(signal.SIGINT)
        assert server.wait(LIMIT) == 0
    finally:
        stop_group(server)
    assert "Traceback" not in log.read_text()


def test_on_the_meeting_network_it_prints_a_qr_code_of_the_address(tmp_path, interviews):
    path = tmp_path / "session.json"
    ask_room(path, interviews)
    port, log = free_port(), tmp_path / "room.log"
    server = start_room(path, port, log, "--host", "0.0.0.0")
    try:

        def blocks() -> int:
            return sum(line.count("▀") + line.count("█") for line in log.read_text().splitlines())

        wait_until(lambda: blocks() > 50, "the QR code printed")
        assert "Plain HTTP" in " ".join(log.read_text(encoding="utf-8").split())
    finally:
        stop_group(server)


def test_ctrl_c_and_sigterm_close_the_port(tmp_path, interviews):
    path = tmp_path / "session.json"
    ask_room(path, interviews)
    for stop in (signal.SIGINT, signal.SIGTERM):
        port, log = free_port(), tmp_path / f"room-{stop}.log"
        server = start_room(path, port, log)
        try:
            server.send_signal(stop)
            assert server.wait(LIMIT) == 0
            assert not port_open(port)
        finally:
            stop_group(server)


def test_a_bad_session_path_a_taken_port_and_a_bad_code_exit_2(tmp_path, interviews, capsys):
    assert main(["room", str(tmp_path / "nope.json"), "--port", "0", "--lang", "en"]) == 2
    assert "filenotfound" in re.sub(r"[\s│]", "", capsys.readouterr().err)
    path = tmp_path / "session.json"
    ask_room(path, interviews)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["room", str(path), "--port", str(port), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert f"port {port}" in err and "Traceback" not in err
    assert main(["room", str(path), "--port", "0", "--code", "ab", "--lang", "en"]) == 2
    assert "--code must be 4 to 32 letters or digits" in capsys.readouterr().err
    assert main(["room", str(path), "--port", "70000", "--lang", "en"]) == 2
    assert main(["room", str(path), "--max-participants", "0", "--lang", "en"]) == 2
