"""The house rules, checked by the same command as the tests.

Each check runs the tool with the project's own configuration in pyproject.toml
and fails with the tool's findings, so a red test names the file and line.
"""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.waiting import LIMIT

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        # a cold mypy on a loaded machine takes minutes: the limit is only for a hang
        [str(BIN / tool), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=10 * LIMIT,
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
