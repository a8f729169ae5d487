"""An error's title is in the run's language: a Danish run never prints an English heading."""

from __future__ import annotations

import socket

from workshop_tui.cli.main import main
from workshop_tui.core.demo import demo_session
from workshop_tui.core.session.storage import save_session


def test_serve_on_a_port_in_use_says_so_in_danish(tmp_path, interviews, capsys):
    path = tmp_path / "session.json"
    save_session(demo_session(interviews), path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", str(path), "--port", str(port), "--lang", "da"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("✗ Serveren kan ikke startes\n")
    assert "Cannot start the server" not in err and "Traceback" not in err


def test_a_missing_session_file_is_named_in_danish_and_in_english(tmp_path, capsys):
    missing = str(tmp_path / "nope.json")
    assert main(["--lang", "da", "export", missing]) == 2
    assert capsys.readouterr().err.startswith("✗ Filen findes ikke\n")
    assert main(["--lang", "en", "export", missing]) == 2
    assert capsys.readouterr().err.startswith("✗ File not found\n")
