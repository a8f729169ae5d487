"""The wheel as a user installs it: built from the sources, carrying every file the
package reads, and working from another folder than the checkout."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
# What the build reads: the rest of the checkout is not needed, and building a copy
# leaves no build/ or egg-info behind in the checkout.
SOURCES = ("pyproject.toml", "README.md", "LICENSE", "processes", "workshop_tui")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("source")
    for name in SOURCES:
        if (REPOSITORY / name).is_dir():
            shutil.copytree(
                REPOSITORY / name, source / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy2(REPOSITORY / name, source / name)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(source)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    [built] = out.glob("workshop_tui-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """The wheel unpacked as pip lays it out in site-packages."""
    site = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    return site


def test_the_wheel_carries_every_file_the_package_reads_and_the_licence(wheel):
    shipped = _package_files(REPOSITORY / "workshop_tui", "workshop_tui")
    shipped |= _package_files(REPOSITORY / "processes", "workshop_tui/processes")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA")))
    assert shipped - names == set()
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert b"License-Expression: MIT" in metadata


def test_the_installed_package_lists_the_processes_and_merges_from_another_folder(
    installed, tmp_path
):
    imported = subprocess.run(
        [sys.executable, "-P", "-c", "import workshop_tui; print(workshop_tui.__file__)"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(installed)},
        cwd=tmp_path,
        check=True,
    )
    assert imported.stdout.strip() == str(installed / "workshop_tui" / "__init__.py")
    listed = _run_installed(installed, tmp_path, "processes", "--format", "json")
    assert [p["id"] for p in json.loads(listed.stdout)] == [
        "jobsamtaler",
        "sanktioner",
        "rehabiliteringsteam",
        "virksomhedspraktik",
        "andre_tilbud",
    ]
    examples = REPOSITORY / "exports" / "examples"
    merged = _run_installed(installed, tmp_path, "merge", str(examples), "--format", "json")
    sessions = len(list(examples.glob("*.json"))) + len(list(examples.glob("*.csv")))
    assert json.loads(merged.stdout)["n_workshops"] == sessions


def _package_files(folder: Path, prefix: str) -> set[str]:
    """Every file in `folder` the package reads: its modules and its data."""
    return {
        f"{prefix}/{path.relative_to(folder).as_posix()}"
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def _run_installed(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m workshop_tui ARGS` with the unpacked wheel first on the path (before
    the checkout, which the editable install of the test environment points to)."""
    result = subprocess.run(
        [sys.executable, "-P", "-m", "workshop_tui", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(site)},
        cwd=cwd,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result
