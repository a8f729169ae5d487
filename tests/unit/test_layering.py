"""The core stays free of the UI, and what the app loads at start stays light.

Every module in workshop_tui/core is found at run time, so a new module is
checked the day it is added. Each is imported in a fresh interpreter and the
modules that import pulled in are inspected: the terminal UI (textual, rich)
never, and the data libraries (pandas, numpy, openpyxl) only from the modules
that build tables and spreadsheets, which the app loads when asked, not at start.
The import-linter contracts in pyproject.toml say the same statically
(tests/test_static_checks.py runs them); this test checks what really happens.
"""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.waiting import LIMIT

CORE_FOLDER = Path(__file__).resolve().parents[2] / "workshop_tui" / "core"
UI = {"textual", "textual_serve", "rich"}
DATA = {"pandas", "numpy", "openpyxl"}
# Modules (or packages) that turn sessions into tables, costs and reports: pandas,
# numpy and openpyxl are theirs (the app never loads them at start).
TABLE_BUILDERS = {"merge", "exports", "costing", "report", "uncertainty"}


def core_modules() -> list[str]:
    names = set()
    for path in CORE_FOLDER.rglob("*.py"):
        parts = path.relative_to(CORE_FOLDER).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts:
            names.add("workshop_tui.core." + ".".join(parts))
    return sorted(names)


def imported_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print(' '.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=LIMIT, check=True
    )
    return {name.split(".")[0] for name in result.stdout.split()}


def test_the_core_folder_is_found():
    modules = core_modules()
    assert (
        "workshop_tui.core.session.model" in modules
        and "workshop_tui.core.session.editor" in modules
    )
    assert len(modules) >= 10


@pytest.mark.parametrize("module", core_modules())
def test_a_core_module_imports_no_ui_and_only_table_builders_import_data_libraries(module):
    loaded = imported_after(f"import {module}")
    assert not loaded & UI, f"{module} loads {sorted(loaded & UI)}"
    if module.split(".")[2] not in TABLE_BUILDERS:
        assert not loaded & DATA, f"{module} loads {sorted(loaded & DATA)}"
