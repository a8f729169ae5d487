"""What `serve` lets in (Host, Origin, terminal size) and out (escaped text), without a server."""

import asyncio
import logging
import socket
import sys
from pathlib import Path

from workshop_tui.cli.serve import print_banner, served_names
from workshop_tui.tui.live.gate import (
    PrintableFormatter,
    PrintableStream,
    printable_lines,
    terminal_size,
)
from workshop_tui.web.gate import Gate


def loopback_gate(port: int = 8000) -> Gate:
    return Gate.for_server(served_names("127.0.0.1"), port, f"http://127.0.0.1:{port}")


def test_loopback_answers_its_names_on_its_port_only():
    gate = loopback_gate()
    for host in ("127.0.0.1:8000", "localhost:8000", "LOCALHOST:8000", "[::1]:8000"):
        assert gate.refusal(host, None) is None, host
    for host in ("127.0.0.1:8001", "127.0.0.1", "evil.example:8000", "", None, "a@127.0.0.1:8000"):
        assert gate.refusal(host, None) == ("host", host or ""), host
    # a name that only looks like ours, and one with a path smuggled in
    assert gate.refusal("127.0.0.1.evil.example:8000", None) is not None
    assert gate.refusal("127.0.0.1:8000/x", None) is not None


def test_origin_must_be_one_of_our_pages_when_a_browser_sends_one():
    gate = loopback_gate()
    assert gate.refusal("127.0.0.1:8000", None) is None  # a same-origin page load
    assert gate.refusal("127.0.0.1:8000", "http://localhost:8000") is None
    assert gate.refusal("127.0.0.1:8000", "http://[::1]:8000") is None
    for origin in (
        "http://evil.example",
        "http://evil.example:8000",
        "http://127.0.0.1:8001",
        "http://127.0.0.1",  # port 80
        "null",
        "file://",
        "chrome-extension://abcdef",
        "",
    ):
        assert gate.refusal("127.0.0.1:8000", origin) == ("origin", origin), origin


def test_the_public_url_is_answered_on_its_own_port():
    gate = Gate.for_server(served_names("127.0.0.1"), 8000, "https://Meeting-PC.example")
    assert gate.refusal("meeting-pc.example", "https://meeting-pc.example") is None
    assert gate.refusal("meeting-pc.example:443", "https://meeting-pc.example:443") is None
    assert gate.refusal("meeting-pc.example:8000", None) is not None
    gate = Gate.for_server(served_names("127.0.0.1"), 8000, "http://10.0.0.5:9000")
    assert gate.refusal("10.0.0.5:9000", "http://10.0.0.5:9000") is None
    assert gate.refusal("10.0.0.5:8000", None) is not None


def test_a_wildcard_bind_answers_this_machines_names_and_loopback():
    names = served_names("0.0.0.0")
    assert {"localhost", "127.0.0.1", "::1", socket.gethostname()} <= names
    gate = Gate.for_server(names, 8000, "http://192.0.2.7:8000")
    assert gate.refusal(f"{socket.gethostname()}:8000", None) is None
    assert gate.refusal("192.0.2.7:8000", "http://192.0.2.7:8000") is None
    assert gate.refusal("evil.example:8000", None) is not None


def test_a_bind_to_one_address_does_not_answer_loopback_names():
    gate = Gate.for_server(served_names("192.0.2.7"), 8000, "http://192.0.2.7:8000")
    assert gate.refusal("192.0.2.7:8000", None) is None
    assert gate.refusal("localhost:8000", None) is not None


def test_terminal_sizes_are_kept_between_the_limits():
    assert terminal_size("5000", "5000") == (500, 200)
    assert terminal_size("1", "-3") == (20, 10)
    assert terminal_size("120", "40") == (120, 40)
    assert terminal_size("1e9", None) == (80, 24)
    assert terminal_size(True, "9" * 5000) == (80, 24)
    assert terminal_size(80.5, [1]) == (80, 24)


def test_control_characters_are_shown_not_obeyed():
    name = "Evil\x1b[2J\x1b]0;owned\x1b\\ \x9b31m kommune\u202e"
    shown = printable_lines(name)
    assert shown == "Evil\\x1b[2J\\x1b]0;owned\\x1b\\ \\x9b31m kommune\\u202e"
    assert printable_lines("Søby\tkommune\n") == "Søby\tkommune\n"


def test_the_views_stderr_and_log_lines_are_escaped():
    async def relayed() -> bytes:
        source = asyncio.StreamReader()
        source.feed_data(b"Traceback: Evil\x1b]0;owned\x07 kommune\n")
        source.feed_eof()
        return await PrintableStream(source).read(4096)

    assert asyncio.run(relayed()) == b"Traceback: Evil\\x1b]0;owned\\x07 kommune\n"
    try:
        raise ValueError("bad\x1b[2J\nvalue")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, "", 0, "at /\x1b[2J", None, None)
        record.exc_info = sys.exc_info()
    line = PrintableFormatter().format(record)
    assert line == "at /\\x1b[2J: ValueError: bad\\x1b[2J value"


def test_the_banner_shows_a_file_name_with_escape_codes_escaped(capsys):
    print_banner(Path("/tmp/a\x1b]0;owned\x07.json"), "http://127.0.0.1:8000", "127.0.0.1", "en")
    out = capsys.readouterr().out
    assert "\x1b]0;owned" not in out and "\\x1b]0;owned\\x07" in out.replace("\n", "")
