"""The suite never reads the home, preferences or language of the person running it."""

from __future__ import annotations

import json
import os
import pwd
import subprocess
import sys
from pathlib import Path

from platformdirs import user_cache_dir, user_config_dir, user_data_dir, user_state_dir

from workshop_tui.core.i18n import default_language
from workshop_tui.tui.preferences import load_preferences, preferences_path, remember

ROOT = Path(__file__).resolve().parents[1]
REAL_HOME = Path(pwd.getpwuid(os.getuid()).pw_dir)


def test_every_user_folder_is_the_tests_own(own_home):
    folders = [
        user_config_dir("workshop-tui"),
        user_data_dir("workshop-tui"),
        user_cache_dir("workshop-tui"),
        user_state_dir("workshop-tui"),
        preferences_path(),
        Path("~").expanduser(),
    ]
    for folder in map(Path, folders):
        assert folder.is_relative_to(own_home), folder
        assert not folder.is_relative_to(REAL_HOME / ".config"), folder
    assert load_preferences() == {}
    assert default_language() == "en"


def test_preferences_remembered_in_one_test_are_gone_in_the_next(own_home):
    """Whatever order the tests run in, the test above finds no preferences: this one's
    stay in its own home."""
    remember(lang="da", theme="workshop-light")
    assert load_preferences() == {"lang": "da", "theme": "workshop-light"}
    assert preferences_path().is_relative_to(own_home)


def test_danish_preferences_and_locale_of_the_runner_do_not_reach_the_tests(tmp_path):
    """A Danish facilitator runs the suite: their preferences say `lang: da`, their locale
    is Danish. A refusal the tests expect in English still comes out in English."""
    home = tmp_path / "facilitator"
    preferences = home / ".config" / "workshop-tui" / "preferences.json"
    preferences.parent.mkdir(parents=True)
    preferences.write_text(json.dumps({"lang": "da", "theme": "workshop-light"}))
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "WORKSHOP_TUI"))},
        "HOME": str(home),
        "LANG": "da_DK.UTF-8",
        "LC_ALL": "da_DK.UTF-8",
        "WORKSHOP_TUI_LANG": "da",
    }
    node = "tests/hostile/test_regressions.py::test_a_fifo_is_refused_at_once_by_every_command"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"{node}[open]"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,  # a hang, not a slow machine
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout
    assert json.loads(preferences.read_text()) == {"lang": "da", "theme": "workshop-light"}
