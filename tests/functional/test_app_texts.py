"""Every text a screen asks for exists in Danish and English once that screen is imported.

Each module registers its own texts; a screen that borrowed a text another module
registers would crash when opened first. Checked in a fresh interpreter per module.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "workshop_tui"
UI_MODULES = sorted(
    # every module of the app and the command line, plus the core's editor
    [
        "workshop_tui." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts)
        for layer in ("tui", "cli")
        for p in (PACKAGE / layer).rglob("*.py")
        if p.stem != "__init__"
    ]
    + ["workshop_tui.core.session.editor"]
)
KEY = re.compile(r"""\bt\(\s*["']([a-z_]+\.[a-z_.]+)["']""")


def keys_used(module: str) -> set[str]:
    path = PACKAGE.parent / (module.replace(".", "/") + ".py")
    text = path.read_text(encoding="utf-8")
    found = set(KEY.findall(text))
    # binding descriptions are keys too
    found |= set(
        re.findall(r"""Binding\([^)]*?["']((?:key|dialog|help|views)\.[a-z_]+)["']""", text)
    )
    return found


@pytest.mark.parametrize("module", UI_MODULES)
def test_a_modules_texts_exist_when_only_it_is_imported(module):
    keys = sorted(keys_used(module))
    code = (
        f"import {module}; from workshop_tui.core.i18n import MESSAGES; "
        f"missing = [k for k in {keys!r} if k not in MESSAGES "
        "or not MESSAGES[k].get('da') or not MESSAGES[k].get('en')]; print(missing)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]", f"{module} uses texts it does not register"
