"""Finding export files and reading them (JSON session files, tidy CSVs) into records."""

from __future__ import annotations

import gc
import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic import ValidationError

from workshop_tui.core.catalogue import Catalogue, check_session, load_catalogue
from workshop_tui.core.errors import Problem, WorkshopError
from workshop_tui.core.merge.records import SessionRecord, session_record
from workshop_tui.core.merge.result import LoadResult
from workshop_tui.core.models import Session
from workshop_tui.core.storage import parse_session
from workshop_tui.core.tidy_csv import read_tidy_csv

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
        except OSError:
            problems.append(Problem(path, "no such file or folder"))
            continue
        if is_folder:
            found = _exports_in(path)
            if not found:
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


def _exports_in(folder: Path) -> list[Path]:
    # scandir knows each entry's type without another system call per file
    with os.scandir(folder) as entries:
        names = sorted(
            entry.name
            for entry in entries
            if entry.is_file()
            and not entry.name.startswith(".")
            and os.path.splitext(entry.name)[1].lower() in EXPORT_SUFFIXES
        )
    return [folder / name for name in names]


def load_exports(
    paths: Iterable[Path | str],
    catalogue: Catalogue | None = None,
    lang: str = "en",
    on_file: Callable[[Path], None] | None = None,
) -> LoadResult:
    """Load JSON session files and tidy CSV exports (files or folders) for merging.

    Bad input never stops the others: a corrupt, truncated, unknown-version or
    unknown-process file, or one with an activity unknown to the current process
    definitions, is skipped and listed in `problems` with its name and reason.
    Two exports of the same session (same session_id, e.g. its JSON and its CSV)
    are counted once: the newest copy is kept (JSON over CSV, then by path) and
    the other is listed in `notices`.

    Args:
        paths: files and/or folders (folders are read one level deep).
        catalogue: the process definitions; the bundled ones by default.
        lang: 'en' or 'da', for activity names in the tidy frame.
        on_file: called after each file, e.g. to advance a progress bar.

    Returns:
        A LoadResult: `frame` is the tidy DataFrame (one row per workshop x group
        x activity), `workshops` each workshop's own totals per group and level,
        `sessions` one row per workshop. Pass it to `summarise`.
    """
    catalogue = catalogue if catalogue is not None else load_catalogue()
    files, problems = find_export_files(paths)
    notices: list[Problem] = []
    kept: dict[str, SessionRecord] = {}
    with collector_paused():
        for path in files:
            records, file_problems = read_export(path, catalogue, lang)
            problems += file_problems
            for record in records:
                notices += _version_notice(record, catalogue)
                _keep(kept, record, notices)
            if on_file is not None:
                on_file(path)
    ordered = sorted(kept.values(), key=lambda r: (r.process_id, r.session_id))
    notices += [
        Problem(
            Path(r.source),
            f"session {r.session_id[:8]} is {r.completeness:.0%} complete; "
            "it is counted with the estimates it has",
        )
        for r in ordered
        if r.completeness < 1
    ]
    return LoadResult(ordered, problems, notices, files=len(files), lang=lang)


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while thousands of records pile up.

    Records and sessions hold no reference cycles, yet every collection walks
    all of them: with the collector on, loading grows quadratically slower.
    load_exports and summarise pause it themselves; wrap both in it (as the
    merge command does) to also skip the one full pass between them.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_export(
    path: Path, catalogue: Catalogue, lang: str = "en"
) -> tuple[list[SessionRecord], list[Problem]]:
    """The sessions in one export file (JSON or tidy CSV) and the problems found."""
    if path.suffix.lower() != ".csv":
        record, problems = read_session_file(path, catalogue, lang)
        return ([record] if record is not None else []), problems
    sessions, problems = read_tidy_csv(path, catalogue)
    records = []
    for item in sessions:
        session_problems = check_session(item.session, item.process, path)
        if session_problems:
            problems += session_problems
            continue
        records.append(
            session_record(
                item.session, item.process, str(path), "csv", lang, workshop_date=item.workshop_date
            )
        )
    return records, problems


def read_session_file(
    path: Path, catalogue: Catalogue, lang: str = "en"
) -> tuple[SessionRecord | None, list[Problem]]:
    """One JSON session file as a record, or None and the reasons it was skipped."""
    try:
        with open(path, "rb") as handle:  # no new Path object per file
            data = handle.read()
    except OSError as error:
        return None, [Problem(path, f"cannot be read: {error.strerror or error}")]
    if not data or data.isspace():  # isspace: no stripped copy of every file
        return None, [Problem(path, "empty file")]
    try:
        session = Session.model_validate_json(data)  # one pass in pydantic-core: the fast path
    except ValidationError:
        return None, _session_problems(path, data)
    process = catalogue.processes.get(session.process_id)
    if process is None:
        known = ", ".join(sorted(catalogue.processes))
        return None, [
            Problem(
                path,
                f"unknown process '{session.process_id}' (known: {known}; "
                "add its definition with --processes DIR)",
                field="process_id",
            )
        ]
    problems = check_session(session, process, path)
    if problems:
        return None, problems
    return session_record(session, process, str(path), "json", lang), []


def _session_problems(path: Path, data: bytes) -> list[Problem]:
    """The explicit reasons a session file is not valid (JSON, version, fields)."""
    try:
        text = data.decode("utf-8")
        json.loads(text)
    except UnicodeDecodeError as error:
        return [Problem(path, f"not UTF-8 text ({error.reason})")]
    except json.JSONDecodeError as error:
        return [
            Problem(
                path,
                f"not valid JSON, corrupt or truncated: {error.msg} (line "
                f"{error.lineno}, column {error.colno})",
                error.lineno,
            )
        ]
    try:
        parse_session(text, path)
    except WorkshopError as error:
        return error.problems or [Problem(path, error.text())]
    return [Problem(path, "not a valid session file")]


def _keep(kept: dict[str, SessionRecord], record: SessionRecord, notices: list[Problem]) -> None:
    """Count a session once: the preferred copy stays, the other is reported."""
    other = kept.get(record.session_id)
    if other is None:
        kept[record.session_id] = record
        return
    winner, loser = (record, other) if record.preferred_to(other) else (other, record)
    kept[record.session_id] = winner
    same = (winner.groups, winner.levels) == (loser.groups, loser.levels)
    detail = "same figures" if same else "the copies differ; the newer one is used"
    notices.append(
        Problem(
            Path(loser.source),
            f"same session ({record.session_id[:8]}) as {winner.source}: counted once ({detail})",
            kind="duplicate" if same else "",
        )
    )


def _version_notice(record: SessionRecord, catalogue: Catalogue) -> list[Problem]:
    process = catalogue.processes[record.process_id]
    if record.kind == "json" and record.process_version != process.version:
        return [
            Problem(
                Path(record.source),
                f"recorded with {record.process_id} version "
                f"{record.process_version}; merged against version {process.version}",
            )
        ]
    return []


__all__ = [
    "EXPORT_SUFFIXES",
    "collector_paused",
    "find_export_files",
    "load_exports",
    "read_export",
    "read_session_file",
]
