"""The core stays free of the UI, and start-up stays light."""

import subprocess
import sys

CORE = [
    "workshop_tui.core.models",
    "workshop_tui.core.hours",
    "workshop_tui.core.totals",
    "workshop_tui.core.catalogue",
    "workshop_tui.core.storage",
    "workshop_tui.core.reference",
    "workshop_tui.core.demo",
    "workshop_tui.core.i18n",
]


def imported_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print(' '.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    return set(result.stdout.split())


def test_core_never_imports_textual_or_pandas():
    modules = imported_after("; ".join(f"import {m}" for m in CORE))
    assert not {m for m in modules if m.split(".")[0] in ("textual", "pandas", "openpyxl")}


def test_every_text_exists_in_both_languages():
    from workshop_tui.core.i18n import MESSAGES

    for key, texts in MESSAGES.items():
        assert texts.get("da") and texts.get("en"), key
