"""The facilitator's language and theme, remembered between runs.

Kept in the user's configuration folder (platformdirs: ~/.config/workshop-tui on
Linux), as a small JSON file written atomically. A missing or unreadable file is
the same as no preferences: nothing here may stop the app from starting.
WORKSHOP_TUI_CONFIG_DIR points elsewhere (the tests use it).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from platformdirs import user_config_dir

from workshop_tui.core.i18n import LANGUAGES

FILE_NAME = "preferences.json"
KNOWN = {"lang", "theme"}


def preferences_path() -> Path:
    folder = os.environ.get("WORKSHOP_TUI_CONFIG_DIR") or user_config_dir("workshop-tui")
    return Path(folder) / FILE_NAME


def load_preferences() -> dict[str, str]:
    """The remembered language and theme; {} where there are none or the file is broken."""
    try:
        data = json.loads(preferences_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    found = {key: value for key, value in data.items() if key in KNOWN and isinstance(value, str)}
    if found.get("lang") not in LANGUAGES:
        found.pop("lang", None)
    return found


def remember(**values: str) -> None:
    """Store `values` (lang=..., theme=...) beside what is remembered; failures are ignored
    on purpose: a read-only home folder must not break a workshop."""
    # storage loads pydantic: imported here, on a switch, never at the app's start
    from workshop_tui.core.session.storage import atomic_write_bytes

    merged = {**load_preferences(), **{k: v for k, v in values.items() if k in KNOWN}}
    try:
        atomic_write_bytes(preferences_path(), json.dumps(merged, indent=2).encode("utf-8"))
    except OSError:
        return
