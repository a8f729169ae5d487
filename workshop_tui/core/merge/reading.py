"""Finding export files and reading them (JSON session files, tidy CSVs) into records."""

from __future__ import annotations

import gc
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from workshop_tui.core.catalogue import Catalogue, check_session, load_catalogue
from workshop_tui.core.errors import Problem, WorkshopError
from workshop_tui.core.files import read_regular_file
from workshop_tui.core.limits import MAX_SESSION_BYTES
from workshop_tui.core.merge.copies import resolve_copies
from workshop_tui.core.merge.parallel import read_all
from workshop_tui.core.merge.records import SessionRecord, session_record
from workshop_tui.core.merge.result import LoadResult
from workshop_tui.core.merge.screening import Finding, finding, screen_figures
from workshop_tui.core.storage import parse_session_bytes
from workshop_tui.core.tidy_csv import DuplicateRow, read_tidy_csv

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
                if entry.name.startswith(".") or (
                    os.path.splitext(entry.name)[1].lower() not in EXPORT_SUFFIXES
                ):
                    continue
                try:
                    if entry.is_file():
                        names.append(entry.name)
                except OSError as error:  # e.g. a symlink loop: stat follows it forever
                    problems.append(
                        Problem(folder / entry.name, f"skipped: {error.strerror or error}")
                    )
    except OSError as error:
        problems.append(Problem(folder, f"folder skipped: {error.strerror or error}"))
    return [folder / name for name in sorted(names)]


def load_exports(
    paths: Iterable[Path | str],
    catalogue: Catalogue | None = None,
    lang: str = "en",
    on_file: Callable[[Path], None] | None = None,
    jobs: int = 1,
) -> LoadResult:
    """Load JSON session files and tidy CSV exports (files or folders) for merging.

    Bad input never stops the others: a corrupt, truncated, unknown-version or
    unknown-process file, or one with an activity unknown to the current process
    definitions, is skipped and listed in `problems` with its name and reason.
    Two exports of the same session (same session_id, e.g. its JSON and its CSV)
    are counted once by the rule in copies.py, and the other is listed in
    `notices`; copies that differ with no newest one are refused. Screening
    (screening.py) refuses workshops with a low above a high, a duplicate CSV
    row or effective hours above the limit: each is a Finding in `screening`.

    Args:
        paths: files and/or folders (folders are read one level deep).
        catalogue: the process definitions; the bundled ones by default.
        lang: 'en' or 'da', for activity names in the tidy frame.
        on_file: called after each file, e.g. to advance a progress bar.
        jobs: processes that may read at once (parallel.py); 1 reads here only.

    Returns:
        A LoadResult: `frame` is the tidy DataFrame (one row per workshop x group
        x activity), `workshops` each workshop's own totals per group and level,
        `sessions` one row per workshop. Pass it to `summarise`.
    """
    files, problems = find_export_files(paths)
    result = load_files(files, catalogue, lang, on_file, jobs)
    result.problems[:0] = problems
    return result


def load_files(
    files: list[Path],
    catalogue: Catalogue | None = None,
    lang: str = "en",
    on_file: Callable[[Path], None] | None = None,
    jobs: int = 1,
) -> LoadResult:
    """load_exports of the files find_export_files found (the merge command finds them first)."""
    known = catalogue if catalogue is not None else load_catalogue()
    problems: list[Problem] = []
    notices: list[Problem] = []
    screening: list[Finding] = []
    copies: dict[str, list[SessionRecord]] = {}
    with collector_paused():
        for read in read_all(files, lambda path: read_export(path, known, lang), jobs, on_file):
            problems += read.problems
            notices += read.notices
            screening += read.refused
            for record in read.records:
                notices += _version_notice(record, known)
                copies.setdefault(record.session_id, []).append(record)
        kept, copy_notices, refused_copies = resolve_copies(copies)
        notices += copy_notices
        kept, refused_figures = screen_figures(kept)
    screening += refused_copies + refused_figures
    ordered = sorted(kept, key=lambda r: (r.process_id, r.session_id))
    notices += [
        Problem(
            Path(r.source),
            f"session {r.session_id[:8]} is {r.completeness:.0%} complete; "
            "it is counted with the estimates it has (a level with none is left out there: "
            "see the screening)",
        )
        for r in ordered
        if r.completeness < 1
    ]
    screening.sort(key=lambda f: (f.process_id, f.session_id, f.rule, f.group_id, f.activity_id))
    return LoadResult(ordered, problems, notices, files=len(files), lang=lang, screening=screening)


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


@dataclass
class ReadFile:
    """What one export file gave: records, problems (skipped), notices, refusals."""

    records: list[SessionRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)
    refused: list[Finding] = field(default_factory=list)


def read_export(path: Path, catalogue: Catalogue, lang: str = "en") -> ReadFile:
    """The sessions in one export file (JSON or tidy CSV) and what was found on the way."""
    if path.suffix.lower() != ".csv":
        record, problems = read_session_file(path, catalogue, lang)
        return ReadFile([record] if record is not None else [], problems)
    sessions, problems = read_tidy_csv(path, catalogue)
    read = ReadFile(problems=problems)
    for item in sessions:
        session_problems = check_session(item.session, item.process, path)
        if session_problems:
            read.problems += session_problems
            continue
        record = session_record(
            item.session, item.process, str(path), "csv", lang, workshop_date=item.workshop_date
        )
        read.notices += item.notices
        if item.duplicate_rows:
            read.refused += [_duplicate_row(record, row) for row in item.duplicate_rows]
        else:
            read.records.append(record)
    return read


def _duplicate_row(record: SessionRecord, row: DuplicateRow) -> Finding:
    return finding(
        record,
        "duplicate_row",
        line=row.line,
        group_id=row.group_id,
        activity_id=row.activity_id,
        params={"first_line": row.first_line},
    )


def read_session_file(
    path: Path, catalogue: Catalogue, lang: str = "en"
) -> tuple[SessionRecord | None, list[Problem]]:
    """One JSON session file as a record, or None and the reasons it was skipped.

    Read as every command reads a session: a regular file only, within
    MAX_SESSION_BYTES, parsed by storage.parse_session_bytes (bounded nesting and
    number length, no key twice, strict types).
    """
    try:
        data = read_regular_file(path, MAX_SESSION_BYTES, lang)
    except WorkshopError as error:
        return None, error.problems or [Problem(path, error.text())]
    if not data or data.isspace():  # isspace: no stripped copy of every file
        return None, [Problem(path, "empty file")]
    try:
        session = parse_session_bytes(data, path, lang)
    except WorkshopError as error:
        return None, error.problems or [Problem(path, error.text())]
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
    "load_files",
    "read_export",
    "read_session_file",
]
