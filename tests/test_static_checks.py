"""The house rules, checked by the same command as the tests.

Each check runs the tool with the project's own configuration in pyproject.toml
and fails with the tool's findings, so a red test names the file and line.
"""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PACKAGE_FILES = sorted((ROOT / "workshop_tui").rglob("*.py"))
MAX_LINES = 400


def run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / tool), *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


@pytest.mark.parametrize(
    "command",
    [
        ("lint-imports",),
        ("ruff", "check", "."),
        ("ruff", "format", "--check", "."),
        ("mypy",),
    ],
    ids=["import-contracts", "ruff-check", "ruff-format", "mypy"],
)
def test_static_check_passes(command):
    result = run(*command)
    assert result.returncode == 0, f"{' '.join(command)}:\n{result.stdout}\n{result.stderr}"


def test_no_module_of_the_package_is_longer_than_400_lines():
    long = {
        str(path.relative_to(ROOT)): count
        for path in PACKAGE_FILES
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"split these modules by concern: {long}"
