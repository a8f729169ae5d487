"""Finding export files and reading them (JSON session files, tidy CSVs) into records."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from workshop_tui.core.errors import Problem, WorkshopError
from workshop_tui.core.files import read_regular_file
from workshop_tui.core.limits import MAX_SESSION_BYTES
from workshop_tui.core.merge.copies import resolve_copies
from workshop_tui.core.merge.files import EXPORT_SUFFIXES, find_export_files
from workshop_tui.core.merge.records import SessionRecord, session_record
from workshop_tui.core.merge.result import LoadResult
from workshop_tui.core.merge.screening import (
    Finding,
    finding,
    screen_figures,
    screen_names,
    screen_time_logs,
)
from workshop_tui.core.process.catalogue import Catalogue, check_session, load_catalogue
from workshop_tui.core.session.storage import parse_session_bytes
from workshop_tui.core.tidy.reader import read_tidy_csv
from workshop_tui.core.tidy.session import DuplicateRow


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
    are counted once by the rule in copies.py, and the other is listed in
    `notices`; copies that differ with no newest one are refused. Screening
    (screening.py) refuses workshops with a low above a high, a duplicate CSV
    row or effective hours above the limit: each is a Finding in `screening`.

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
    files, problems = find_export_files(paths)
    result = load_files(files, catalogue, lang, on_file)
    result.problems[:0] = problems
    return result


def load_files(
    files: list[Path],
    catalogue: Catalogue | None = None,
    lang: str = "en",
    on_file: Callable[[Path], None] | None = None,
) -> LoadResult:
    """load_exports of the files find_export_files found (the merge command finds them first)."""
    known = catalogue if catalogue is not None else load_catalogue()
    problems: list[Problem] = []
    notices: list[Problem] = []
    screening: list[Finding] = []
    copies: dict[str, list[SessionRecord]] = {}
    for path in files:
        read = read_export(path, known, lang)
        if on_file is not None:
            on_file(path)
        problems += read.problems
        notices += read.notices
        screening += read.refused
        for record in read.records:
            notices += _version_notice(record, known)
            copies.setdefault(record.session_id, []).append(record)
    kept, copy_notices, refused_copies = resolve_copies(copies)
    notices += copy_notices
    kept, refused_figures = screen_figures(kept)
    kept, time_log_findings = screen_time_logs(kept)
    screening += refused_copies + refused_figures + time_log_findings + screen_names(kept)
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
    "ReadFile",
    "find_export_files",
    "load_exports",
    "load_files",
    "read_export",
    "read_session_file",
]
