"""Reading a tidy CSV export back into sessions, for `workshop-tui merge`.

The format is defined by workshop_tui/core/tidy_table.py (the row `TidyRow`,
the header TIDY_COLUMNS) and written by exports.py. A CSV may hold many
workshops; only REQUIRED_COLUMNS must be present, and every line that cannot
be used is reported with the file, the line and the column. Each line is read
into a TidyRow first, then a session's rows into a `TidyCsvSession`.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from workshop_tui.core.errors import Problem
from workshop_tui.core.models import (
    ActivityEntry,
    Estimate,
    LocalActivity,
    ProcessDefinition,
    Session,
)
from workshop_tui.core.numbers import EntryError, parse_share, parse_staff
from workshop_tui.core.tidy_table import REQUIRED_COLUMNS, TidyRow, unquote_csv_text

if TYPE_CHECKING:  # pragma: no cover - typing only
    from workshop_tui.core.catalogue import Catalogue


class TidyCsvSession(Session):
    """A session read from a tidy CSV: the same model, but its date may be unknown.

    A tidy CSV may leave workshop_date out; the session then has None rather
    than a made-up date, so no table can show one. Only the merge reads these.
    """

    workshop_date: date | None = None  # type: ignore[assignment]  # unknown in a CSV without it


@dataclass(frozen=True)
class TidySession:
    """One session rebuilt from a tidy CSV's rows."""

    session: TidyCsvSession
    process: ProcessDefinition

    @property
    def workshop_date(self) -> date | None:
        """None where the CSV has no workshop_date column or value."""
        return self.session.workshop_date


def read_tidy_csv(path: Path, catalogue: Catalogue) -> tuple[list[TidySession], list[Problem]]:
    """The sessions in a tidy CSV (one or many), and the problems of those skipped.

    Only REQUIRED_COLUMNS must be present: staff and share default to 1,
    applicable to true, time_consuming to the definition's flag. Decimal commas
    ('0,5', quoted) and a semicolon delimiter, as a Danish spreadsheet saves
    them, are read too; a leading apostrophe added by `csv_text` is removed.
    A row with a wrong number of cells (a truncated file) skips the whole file;
    a bad value skips only the session it belongs to. Activities unknown to the
    process definition are reported, except ids starting with 'local_', which
    are the room's own.
    """
    path = Path(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            text = handle.read()
    except UnicodeDecodeError as error:
        return [], [Problem(path, f"not UTF-8 text ({error.reason})")]
    except OSError as error:
        return [], [Problem(path, f"cannot be read: {error.strerror or error}")]
    if not text.strip():
        return [], [Problem(path, "empty file")]
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
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
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


class _RowProblem(Exception):
    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


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
    first = tidy_row(path, first_line, first_cells)
    activities: dict[str, ActivityEntry] = {}
    local: dict[str, LocalActivity] = {}
    groups: list[str] = []
    for line, cells in rows:
        row = first if line == first_line else tidy_row(path, line, cells)
        _check_same(path, line, first_line, row, first)
        if row.group_id not in groups:
            groups.append(row.group_id)
        _place_activity(path, line, process, row, local)
        _add_row(path, line, row, activities.setdefault(row.activity_id, ActivityEntry()))
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
    return TidySession(session, process)


def tidy_row(path: Path, line: int, cells: dict[str, str]) -> TidyRow:
    """One CSV line as a TidyRow; a missing optional column takes TidyRow's default.

    Raises _RowProblem naming the line and column of the first value that
    cannot be read.
    """
    staff, share = (
        _parse_factor(path, line, name, cells.get(name, "")) for name in ("staff", "share")
    )
    applicable = _parse_bool(path, line, "applicable", cells.get("applicable", ""))
    raw_date = cells.get("workshop_date", "").strip()
    return TidyRow(
        session_id=unquote_csv_text(cells["session_id"].strip()),
        municipality=unquote_csv_text(cells["municipality"].strip()),
        workshop_date=_parse_date(path, line, raw_date) if raw_date else None,
        process_id=cells["process_id"].strip(),
        group_id=cells["group_id"].strip(),
        subprocess_no=_parse_int(path, line, "subprocess_no", cells["subprocess_no"]),
        activity_id=cells["activity_id"].strip(),
        activity_name=unquote_csv_text(cells.get("activity_name", "").strip()),
        low_hours=_parse_hours(path, line, "low_hours", cells["low_hours"]),
        high_hours=_parse_hours(path, line, "high_hours", cells["high_hours"]),
        applicable=applicable is not False,
        time_consuming=_parse_bool(path, line, "time_consuming", cells.get("time_consuming", "")),
        note=unquote_csv_text(cells.get("note", "").strip()),
        staff=staff,
        share=share,
    )


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
    row: TidyRow,
    local: dict[str, LocalActivity],
) -> None:
    """A defined activity must sit in its own subprocess; 'local_...' ones are the room's."""
    activity_id, number = row.activity_id, row.subprocess_no
    defined = {a.id: s.number for s in process.subprocesses for a in s.activities}
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


def _add_row(path: Path, line: int, row: TidyRow, entry: ActivityEntry) -> None:
    """One CSV row into the activity's entry: the group's estimate and the activity's marks."""
    try:
        entry.estimates[row.group_id] = Estimate(
            low=row.low_hours, high=row.high_hours, staff=row.staff, share=row.share
        )
    except ValidationError as error:
        item = error.errors(include_url=False)[0]
        column = {"low": "low_hours", "high": "high_hours"}.get(
            str(item["loc"][0]), str(item["loc"][0])
        )
        raise _RowProblem(Problem(path, item["msg"], line, column)) from None
    if not row.applicable:
        entry.not_applicable = True
    if row.time_consuming is not None:
        entry.time_consuming = row.time_consuming
    if row.note and not entry.note:
        entry.note = row.note


def _parse_factor(path: Path, line: int, column: str, raw: str) -> float:
    """Staff or share, read as the app reads them: '50', '50 %' and '0,5' are all half.

    An empty cell (or no such column) is 1: one staff member, every case.
    """
    if not raw.strip():
        return 1.0
    parse = parse_share if column == "share" else parse_staff
    try:
        return parse(raw)
    except EntryError as error:
        raise _RowProblem(Problem(path, str(error), line, column)) from None


def _parse_number(path: Path, line: int, column: str, raw: str) -> float:
    text = raw.strip().replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        raise _RowProblem(Problem(path, f"'{raw}' is not a number", line, column)) from None
    if not math.isfinite(value):
        raise _RowProblem(Problem(path, f"'{raw}' is not a number", line, column))
    return value


def _parse_hours(path: Path, line: int, column: str, raw: str) -> float | None:
    return _parse_number(path, line, column, raw) if raw.strip() else None


def _parse_int(path: Path, line: int, column: str, raw: str) -> int:
    try:
        return int(raw.strip())
    except ValueError:
        raise _RowProblem(Problem(path, f"'{raw}' is not a whole number", line, column)) from None


_TRUE = {"true", "1", "yes", "ja", "sand"}
_FALSE = {"false", "0", "no", "nej", "falsk"}


def _parse_bool(path: Path, line: int, column: str, raw: str) -> bool | None:
    text = raw.strip().lower()
    if not text:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise _RowProblem(Problem(path, f"'{raw}' is not true or false", line, column))


def _parse_date(path: Path, line: int, raw: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise _RowProblem(
            Problem(path, f"'{raw}' is not a date (YYYY-MM-DD)", line, "workshop_date")
        ) from None


__all__ = ["REQUIRED_COLUMNS", "TidySession", "read_tidy_csv"]
