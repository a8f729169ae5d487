"""Which files a merge reads: the exports named, or directly inside the folders named."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from workshop_tui.core.errors import Problem

EXPORT_SUFFIXES = (".json", ".csv")


def find_export_files(paths: Iterable[Path | str]) -> tuple[list[Path], list[Problem]]:
    """The .json and .csv files named, or directly inside the folders named.

    Folders are not searched recursively, so `merge exports` does not pull in
    exports/examples by surprise; hidden and temporary files are ignored. Files
    in a folder come in name order.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    named = list(paths)
    for raw in named:
        path = Path(raw)
        try:
            is_folder = stat.S_ISDIR(os.stat(path).st_mode)
        except FileNotFoundError:
            problems.append(Problem(path, "no such file or folder"))
            continue
        except OSError as error:  # a symlink loop, a folder we may not enter
            problems.append(Problem(path, f"skipped: {error.strerror or error}"))
            continue
        if is_folder:
            found = _exports_in(path, problems)
            if not found and not any(p.path == path for p in problems):
                problems.append(Problem(path, "no .json or .csv exports in this folder"))
            files += found
        elif path.suffix.lower() in EXPORT_SUFFIXES:
            files.append(path)
        elif path.suffix.lower() == ".xlsx":
            problems.append(
                Problem(
                    path,
                    "XLSX exports are for people: merge the .json session "
                    "file or the tidy .csv instead",
                )
            )
        else:
            problems.append(
                Problem(path, "not an export: expected a .json session file or a tidy .csv")
            )
    if len(named) > 1:  # a file named twice is read once (one folder lists each once)
        files = list(dict.fromkeys(files))
    return files, problems


def _exports_in(folder: Path, problems: list[Problem]) -> list[Path]:
    """The exports directly in `folder`; an unreadable folder or a symlink loop is a problem."""
    names = []
    try:
        # scandir knows each entry's type without another system call per file
        with os.scandir(folder) as entries:
            for entry in entries:
                name = entry.name
                if name.startswith(".") or not name.lower().endswith(EXPORT_SUFFIXES):
                    continue
                try:
                    if entry.is_file():
                        names.append(name)
                except OSError as error:  # e.g. a symlink loop: stat follows it forever
                    problems.append(Problem(folder / name, f"skipped: {error.strerror or error}"))
    except OSError as error:
        problems.append(Problem(folder, f"folder skipped: {error.strerror or error}"))
    return [folder / name for name in sorted(names)]


__all__ = ["EXPORT_SUFFIXES", "find_export_files"]
