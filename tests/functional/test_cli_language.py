"""The command line speaks Danish under a Danish locale: our help and argparse's own words."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

COMMAND = Path(sys.executable).parent / "workshop-tui"


def run(*argv: str, lang: str) -> subprocess.CompletedProcess[str]:
    chosen_elsewhere = ("WORKSHOP_TUI_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")
    env = {k: v for k, v in os.environ.items() if k not in chosen_elsewhere}
    env["LANG"] = lang
    return subprocess.run(
        [str(COMMAND), *argv], capture_output=True, text=True, env=env, timeout=120
    )


def test_help_is_danish_under_a_danish_locale():
    shown = run("--help", lang="da_DK.UTF-8")
    assert shown.returncode == 0
    assert shown.stdout.startswith("brug: workshop-tui")
    assert "tilvalg:" in shown.stdout
    assert "vis denne hjælp og afslut" in shown.stdout
    assert "saml mange workshops' eksporter i procestabeller" in shown.stdout
    assert "show this help" not in shown.stdout


def test_a_bad_call_is_refused_in_danish_with_exit_code_2():
    missing = run("merge", lang="da_DK.UTF-8")
    assert missing.returncode == 2
    assert "workshop-tui merge: fejl: følgende argumenter skal angives: PATH" in missing.stderr
    unknown = run("fletning", lang="da_DK.UTF-8")
    assert unknown.returncode == 2
    assert "ugyldigt valg: 'fletning' (vælg mellem 'processes'" in unknown.stderr
    assert "Traceback" not in missing.stderr + unknown.stderr


def test_lang_on_the_command_line_wins_over_the_locale():
    english = run("merge", "--lang", "en", lang="da_DK.UTF-8")
    assert "error: the following arguments are required: PATH" in english.stderr
    danish = run("--lang=da", "merge", "--help", lang="en_GB.UTF-8")
    assert danish.stdout.startswith("brug: workshop-tui merge")
