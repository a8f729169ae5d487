"""The core stays free of the UI, and what the app loads at start stays light.

Every module in workshop_tui/core is found at run time, so a new module is
checked the day it is added. Each is imported in a fresh process and the
modules that import pulled in are inspected: the terminal UI (textual, rich)
never, and the data libraries (pandas, numpy, openpyxl) only from the modules
that build tables and spreadsheets, which the app loads when asked, not at start.

A fresh interpreter per module cost about 0.25 s of CPU each, mostly importing
pydantic and PyYAML again: one interpreter imports those once (they are neither
UI nor data libraries, checked below) and forks a child per module, which starts
from that state and imports only what the module adds. What the importer holds
before it forks (pydantic, PyYAML, the session and process models) is checked too.
The import-linter contracts in pyproject.toml say the same statically
(tests/test_static_checks.py runs them); this test checks what really happens.
"""

import json
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


# The forking importer: reads a module name per line, imports it in a forked child
# and prints the child's sys.modules as one JSON line. Its first line is its own.
IMPORTER = """
import json, os, sys
import pydantic, yaml
import workshop_tui.core.session.model, workshop_tui.core.process.catalogue
print(json.dumps(sorted(sys.modules)), flush=True)
for line in sys.stdin:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            __import__(line.strip())
            found = sorted(sys.modules)
        except BaseException as error:
            found = {"error": repr(error)}
        with os.fdopen(write, "w") as out:
            out.write(json.dumps(found))
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as answer:
        found = answer.read()
    os.waitpid(pid, 0)
    print(found, flush=True)
"""


def top_level(names: list[str]) -> set[str]:
    return {name.split(".")[0] for name in names}


@pytest.fixture(scope="module")
def importer():
    process = subprocess.Popen(
        [sys.executable, "-c", IMPORTER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert process.stdin is not None and process.stdout is not None
    own = top_level(json.loads(process.stdout.readline()))
    # what every child starts from: were it UI or data, every module would fail
    assert not own & (UI | DATA), (
        f"the modules every child starts from load {sorted(own & (UI | DATA))}"
    )

    def imported_after(module: str) -> set[str]:
        process.stdin.write(module + "\n")
        process.stdin.flush()
        found = json.loads(process.stdout.readline())
        assert isinstance(found, list), f"import {module}: {found}"
        return top_level(found)

    yield imported_after
    process.stdin.close()
    process.wait(timeout=LIMIT)


def test_the_core_folder_is_found():
    modules = core_modules()
    assert (
        "workshop_tui.core.session.model" in modules
        and "workshop_tui.core.session.editor" in modules
    )
    assert len(modules) >= 10


@pytest.mark.parametrize("module", core_modules())
def test_a_core_module_imports_no_ui_and_only_table_builders_import_data_libraries(
    module, importer
):
    loaded = importer(module)
    assert not loaded & UI, f"{module} loads {sorted(loaded & UI)}"
    if module.split(".")[2] not in TABLE_BUILDERS:
        assert not loaded & DATA, f"{module} loads {sorted(loaded & DATA)}"
