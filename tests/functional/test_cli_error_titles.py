"""An error's title is in the run's language: a Danish run never prints an English heading
(serve's own are in test_serve.py)."""

from __future__ import annotations

from workshop_tui.cli.main import main


def test_a_missing_session_file_is_named_in_danish_and_in_english(tmp_path, capsys):
    missing = str(tmp_path / "nope.json")
    assert main(["--lang", "da", "export", missing]) == 2
    assert capsys.readouterr().err.startswith("✗ Filen findes ikke\n")
    assert main(["--lang", "en", "export", missing]) == 2
    assert capsys.readouterr().err.startswith("✗ File not found\n")
