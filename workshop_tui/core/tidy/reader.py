"""Reading a tidy CSV export back into sessions, for `workshop-tui merge`.

The format is defined by workshop_tui/core/tidy/table.py (the row `TidyRow`,
the header TIDY_COLUMNS) and written by exports.py. A CSV may hold many
workshops; only REQUIRED_COLUMNS must be present, and every line that cannot
be used is reported with the file, the line and the column. Each line is read
into a TidyRow first, then a session's rows into a `TidyCsvSession`.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from workshop_tui.core.errors import Problem, WorkshopError
from workshop_tui.core.files import read_regular_file
from workshop_tui.core.limits import MAX_CSV_BYTES
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.session.entries import ActivityEntry, Estimate
from workshop_tui.core.session.model import LocalActivity
from workshop_tui.core.tidy.columns import sessions_at_once
from workshop_tui.core.tidy.parse import RowProblem as _RowProblem
from workshop_tui.core.tidy.parse import delimiter_of, first_figure_of, guess_decoding, tidy_row
from workshop_tui.core.tidy.session import DuplicateRow, TidyCsvSession, TidySession, closed_rounds
from workshop_tui.core.tidy.table import REQUIRED_COLUMNS, TidyRow, unquote_csv_text
from workshop_tui.core.workshop.model import FirstFigure, Rounds

if TYPE_CHECKING:  # pragma: no cover - typing only
    from workshop_tui.core.process.catalogue import Catalogue


def read_tidy_csv(path: Path, catalogue: Catalogue) -> tuple[list[TidySession], list[Problem]]:
    """The sessions in a tidy CSV (one or many), and the problems of those skipped.

    Only REQUIRED_COLUMNS must be present: staff and share default to 1,
    applicable to true, time_consuming to the definition's flag. Decimal commas
    ('0,5', quoted) and a semicolon delimiter, as a Danish spreadsheet saves
    them, are read too, in UTF-8 (with or without BOM), UTF-16 or Windows-1252,
    with dates as YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY; a leading apostrophe
    added by `csv_text` is removed. An optional cell that carries no figure
    (workshop_date, time_consuming) and cannot be read is left at its default
    and named in the session's notices: it never sinks the session.
    A row with a wrong number of cells (a truncated file) skips the whole file;
    a bad value skips only the session it belongs to. Activities unknown to the
    process definition are reported, except ids starting with 'local_', which
    are the room's own.
    """
    path = path if isinstance(path, Path) else Path(path)  # a Path of a Path costs a parse
    try:  # a regular file only: a FIFO named on the command line would block forever
        data = read_regular_file(path, MAX_CSV_BYTES)
    except WorkshopError as error:
        return [], error.problems or [Problem(path, error.text())]
    text = guess_decoding(data)
    if text is None:
        return [], [Problem(path, "not text in a known encoding (UTF-8, UTF-16, Windows-1252)")]
    if not text or text.isspace():  # isspace: no stripped copy of every file
        return [], [Problem(path, "empty file")]
    at_once = sessions_at_once(path, text, catalogue)
    if at_once is not None:  # a file with nothing to name, read column by column
        return at_once, []
    return sessions_line_by_line(path, text, catalogue)


def sessions_line_by_line(
    path: Path, text: str, catalogue: Catalogue
) -> tuple[list[TidySession], list[Problem]]:
    """The sessions in a tidy CSV's `text`, each line read into a TidyRow, every problem named.

    What read_tidy_csv falls back on whenever sessions_at_once is in doubt.
    """
    try:
        rows_by_session, problems = _rows_by_session(path, text)
    except csv.Error as error:
        return [], [Problem(path, f"not valid CSV: {error}")]
    if problems:
        return [], problems
    sessions: list[TidySession] = []
    for session_id, rows in rows_by_session.items():
        try:
            sessions.append(_session_from_rows(path, session_id, rows, catalogue))
        except _RowProblem as error:
            problems.append(error.problem)
    if not rows_by_session:
        problems.append(Problem(path, "no rows under the header"))
    return sessions, problems


def _rows_by_session(
    path: Path, text: str
) -> tuple[dict[str, list[tuple[int, dict[str, str]]]], list[Problem]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter_of(text))
    header = [name.strip().lower() for name in next(reader)]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        return {}, [
            Problem(path, "not a tidy CSV export: missing column(s) " + ", ".join(missing), 1)
        ]
    by_session: dict[str, list[tuple[int, dict[str, str]]]] = {}
    problems = []
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(
                Problem(
                    path,
                    f"row has {len(row)} cells, the header has {len(header)} "
                    "(truncated or edited file?)",
                    line,
                )
            )
            continue
        cells = dict(zip(header, row, strict=False))
        session_id = unquote_csv_text(cells["session_id"].strip())
        by_session.setdefault(session_id, []).append((line, cells))
    return by_session, problems


def _session_from_rows(
    path: Path, session_id: str, rows: list[tuple[int, dict[str, str]]], catalogue: Catalogue
) -> TidySession:
    """Rebuild the Session a tidy CSV's rows describe, checking them against the process."""
    first_line, first_cells = rows[0]
    if not session_id:
        raise _RowProblem(Problem(path, "empty session_id", first_line, "session_id"))
    process_id = first_cells["process_id"].strip()
    process = catalogue.processes.get(process_id)
    if process is None:
        known = ", ".join(sorted(catalogue.processes))
        raise _RowProblem(
            Problem(
                path,
                f"unknown process '{process_id}' (known: {known}; add its "
                "definition with --processes DIR)",
                first_line,
                "process_id",
            )
        )
    notices: list[Problem] = []
    first = tidy_row(path, first_line, first_cells, notices)
    activities: dict[str, ActivityEntry] = {}
    local: dict[str, LocalActivity] = {}
    groups: list[str] = []
    seen: dict[tuple[str, str], int] = {}
    defined = {a.id: s.number for s in process.subprocesses for a in s.activities}
    duplicates: list[DuplicateRow] = []
    first_round: dict[str, dict[str, FirstFigure]] = {}
    for line, cells in rows:
        row = first if line == first_line else tidy_row(path, line, cells, notices, False)
        _check_same(path, line, first_line, row, first)
        if row.group_id not in groups:
            groups.append(row.group_id)
        earlier = seen.setdefault((row.group_id, row.activity_id), line)
        if earlier != line:
            duplicates.append(DuplicateRow(line, earlier, row.group_id, row.activity_id))
            continue
        _place_activity(path, line, process, defined, row, local)
        _add_row(path, line, row, activities.setdefault(row.activity_id, ActivityEntry()))
        figure = first_figure_of(path, line, cells)
        if figure is not None:
            first_round.setdefault(row.activity_id, {})[row.group_id] = figure
    for entry in activities.values():
        _not_applicable_for_all(entry)
    try:
        session = TidyCsvSession(
            session_id=session_id,
            process_id=process_id,
            process_version=process.version,
            municipality=first.municipality,
            workshop_date=first.workshop_date,
            groups=_in_process_order(groups, process),
            activities=activities,
            local_activities=list(local.values()),
            rounds=_rounds(first_round, defined, local),
        )
    except ValidationError as error:
        item = error.errors(include_url=False)[0]
        raise _RowProblem(
            Problem(
                path,
                f"session {session_id[:8]}: {item['msg'].removeprefix('Value error, ')}",
                first_line,
                ".".join(str(p) for p in item["loc"]),
            )
        ) from None
    return TidySession(session, process, notices, duplicates)


def _rounds(
    first: dict[str, dict[str, FirstFigure]],
    defined: dict[str, int],
    local: dict[str, LocalActivity],
) -> Rounds:
    """The rounds a CSV's first-round columns describe: closed where a figure is given."""
    return closed_rounds(first, {**defined, **{a.id: a.subprocess for a in local.values()}})


def _check_same(path: Path, line: int, first_line: int, row: TidyRow, first: TidyRow) -> None:
    """Every row of one session names the same process and municipality."""
    for name in ("process_id", "municipality"):
        value, expected = getattr(row, name), getattr(first, name)
        if value != expected:
            raise _RowProblem(
                Problem(
                    path,
                    f"session {row.session_id[:8]} has {name} '{value}' here "
                    f"but '{expected}' on line {first_line}",
                    line,
                    name,
                )
            )


def _place_activity(
    path: Path,
    line: int,
    process: ProcessDefinition,
    defined: dict[str, int],
    row: TidyRow,
    local: dict[str, LocalActivity],
) -> None:
    """A defined activity must sit in its own subprocess; 'local_...' ones are the room's."""
    activity_id, number = row.activity_id, row.subprocess_no
    if activity_id in defined:
        if defined[activity_id] != number:
            raise _RowProblem(
                Problem(
                    path,
                    f"activity '{activity_id}' is in subprocess {defined[activity_id]} of "
                    f"{process.id} version {process.version}, not {number}",
                    line,
                    "subprocess_no",
                )
            )
        return
    if activity_id.startswith("local_") and number in {s.number for s in process.subprocesses}:
        name = row.activity_name or activity_id
        try:
            local.setdefault(
                activity_id, LocalActivity(id=activity_id, subprocess=number, name=name)
            )
        except ValidationError:
            raise _RowProblem(
                Problem(path, f"'{activity_id}' is not a valid activity id", line, "activity_id")
            ) from None
        return
    raise _RowProblem(
        Problem(
            path,
            f"activity '{activity_id}' is unknown to {process.id} version {process.version} "
            "(activities added in the room have ids starting with 'local_')",
            line,
            "activity_id",
        )
    )


def _in_process_order(groups: list[str], process: ProcessDefinition) -> list[str]:
    order = {g: i for i, g in enumerate(process.group_ids)}
    return sorted(groups, key=lambda g: (order.get(g, len(order)), g))


def _not_applicable_for_all(entry: ActivityEntry) -> None:
    """Every group's row says not applicable: the whole activity is, as the app marks it."""
    if entry.estimates and all(e.not_applicable for e in entry.estimates.values()):
        entry.not_applicable = True
        for group_id, estimate in entry.estimates.items():
            entry.estimates[group_id] = estimate.model_copy(update={"not_applicable": False})


def _add_row(path: Path, line: int, row: TidyRow, entry: ActivityEntry) -> None:
    """One CSV row into the activity's entry: the group's estimate and the activity's marks."""
    try:
        entry.estimates[row.group_id] = Estimate(
            low=row.low_hours,
            high=row.high_hours,
            staff=row.staff,
            share=row.share,
            not_applicable=not row.applicable,
        )
    except ValidationError as error:
        item = error.errors(include_url=False)[0]
        column = {"low": "low_hours", "high": "high_hours"}.get(
            str(item["loc"][0]), str(item["loc"][0])
        )
        raise _RowProblem(Problem(path, item["msg"], line, column)) from None
    if row.time_consuming is not None:
        entry.time_consuming = row.time_consuming
    if row.note and not entry.note:
        entry.note = row.note


__all__ = [
    "REQUIRED_COLUMNS",
    "read_tidy_csv",
    "sessions_line_by_line",
]
