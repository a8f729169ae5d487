"""A tidy CSV read column by column: the merge's fast path for a file with nothing wrong.

tidy/reader.py reads a tidy CSV line by line: each line a TidyRow (tidy/parse.py), each
cell an Estimate model, so a bad value is named with its file, line and column. That
costs about 0.4 ms per file, and a merge reads thousands. Here the same file is cut
into cells by tidy/split.py (str.split where that gives what csv.reader gives) and
read as columns (tidy/cells.py): each column's distinct values are parsed once, by the
very functions the line-by-line reader uses (tidy/parse.py); cells of equal figures
share one Estimate, validated once by its model (see _estimate); and each session is
validated by one call of its pydantic model (TidyCsvSession). Pydantic stays the one
definition of what a session may hold; nothing here restates a limit.

This path only ever says "these are the sessions" or "not sure": any doubt - a cell
that does not parse, a row of the wrong length, a line given twice, a session the
model refuses, an optional cell that would be left empty with a notice - gives None,
and tidy/reader.py reads the file line by line, which names the problem exactly as
before. On a file with none of these, both give equal sessions (a test checks it).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.session.entries import Estimate
from workshop_tui.core.tidy.cells import KEPT_CHARS, Columns, Doubt, header_of
from workshop_tui.core.tidy.parse import (
    RowProblem,
    delimiter_of,
    first_figure_of,
    parse_workshop_date,
)
from workshop_tui.core.tidy.session import TidyCsvSession, TidySession, closed_rounds
from workshop_tui.core.tidy.split import csv_rows_of
from workshop_tui.core.workshop.model import Rounds

if TYPE_CHECKING:  # pragma: no cover - typing only
    from workshop_tui.core.process.catalogue import Catalogue


def sessions_at_once(path: Path, text: str, catalogue: Catalogue) -> list[TidySession] | None:
    """The sessions in a tidy CSV's `text`, or None where the line-by-line reader must decide.

    None is never an answer about the file, only a refusal to give one: tidy_csv's
    reader then reads it and skips or refuses what deserves it, naming line and column.
    """
    try:
        return _sessions(path, csv_rows_of(text, delimiter_of(text)), catalogue)
    except (Doubt, RowProblem, ValidationError, csv.Error):
        return None


def _sessions(path: Path, rows: list[list[str]], catalogue: Catalogue) -> list[TidySession]:
    if len(rows) < 2:
        raise Doubt
    header = header_of(tuple(rows[0]))
    body = rows[1:]
    if set(map(len, body)) != {len(header)}:  # csv reads an empty line as no cells: a doubt
        raise Doubt
    columns = Columns(path, header, body)
    cells = columns.column("session_id")
    if cells.count(cells[0]) == len(cells):  # one workshop in the file: the common case
        return [_session(columns, columns.value_of("session_id", cells[0]), catalogue)]
    by_session: dict[str, list[list[str]]] = {}
    for row, session_id in zip(body, columns.mapped("session_id"), strict=True):
        by_session.setdefault(session_id, []).append(row)
    return [
        _session(Columns(path, header, rows_of), session_id, catalogue)
        for session_id, rows_of in by_session.items()
    ]


def _session(columns: Columns, session_id: str, catalogue: Catalogue) -> TidySession:
    """One session, built as tidy_csv._session_from_rows builds it from the same rows.

    `columns` hold the session's rows and no others.
    """
    process = catalogue.processes.get(columns.same("process_id"))
    if process is None:
        raise Doubt
    municipality = columns.same("municipality")  # every row names the same
    raw_date = columns.column("workshop_date")[0].strip()  # the reader reads the first row's
    places = _places(process)
    activities, local, groups = _activities(columns, places)
    session: TidyCsvSession = _SESSION.validate_python(
        {
            "session_id": session_id,
            "process_id": process.id,
            "process_version": process.version,
            "municipality": municipality,
            "workshop_date": parse_workshop_date(columns.path, 0, raw_date) if raw_date else None,
            "groups": places.in_order(groups),
            "activities": activities,
            "local_activities": list(local.values()),
            "rounds": _rounds(_first_round(columns), places, local),
        }
    )
    return TidySession(session, process)


def _activities(
    columns: Columns, places: _Places
) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]], list[str]]:
    """The session's activity entries, local activities and groups, a column at a time."""
    group_ids, activity_ids = columns.mapped("group_id"), columns.mapped("activity_id")
    local = _placed(columns, activity_ids, places)
    not_applicable, whole = _not_applicable(columns, activity_ids)
    cells = list(
        zip(
            columns.column("low_hours"),
            columns.column("high_hours"),
            columns.column("staff"),
            columns.column("share"),
            not_applicable,
            strict=True,
        )
    )
    try:  # the common case: every cell's figures read before
        found = list(map(_estimates.__getitem__, cells))
    except KeyError:
        found = [_estimates.get(cell) or _estimate(columns, cell) for cell in cells]
    estimates: dict[str, dict[str, Estimate]] = {a: {} for a in dict.fromkeys(activity_ids)}
    for activity_id, group_id, estimate in zip(activity_ids, group_ids, found, strict=True):
        estimates[activity_id][group_id] = estimate
    if sum(map(len, estimates.values())) != columns.rows:
        raise Doubt  # a line given twice: the merge refuses it, naming both lines
    activities = _entries(columns, activity_ids, estimates)
    for activity_id in whole:
        activities[activity_id]["not_applicable"] = True
    return activities, local, list(dict.fromkeys(group_ids))


def _estimate(columns: Columns, cell: tuple[str, str, str, str, bool]) -> Estimate:
    """The Estimate of a cell (its low, high, staff and share as written, and whether it is
    not applicable), validated by its pydantic model, and kept for the cells to come.

    Cells of equal figures share one Estimate, in a session and between sessions: a
    merge of thousands of exports sees the same few hundred, and validating each was
    most of pydantic's time. It is the same model either way: each cell is read by its
    column's parse from the same text, and Estimate's validation depends on nothing
    but its fields, so equal cells give equal models (the key is the text as written,
    so '-0' and '0' are told apart). The code treats a model as a value, never changed
    in place (the editor replaces it: model_copy), as the editor's successive versions
    of a session share their unchanged estimates. tests/unit/test_tidy/columns.py
    holds the sessions equal to the line-by-line reader's, down to the sign of a zero.
    """
    low, high, staff, share, not_applicable = cell
    estimate = Estimate.model_validate(
        {
            "low": columns.value_of("low_hours", low),
            "high": columns.value_of("high_hours", high),
            "staff": columns.value_of("staff", staff),
            "share": columns.value_of("share", share),
            "not_applicable": not_applicable,
        }
    )
    if len(_estimates) >= _KEPT_ESTIMATES:
        _estimates.clear()
    if len(low) + len(high) + len(staff) + len(share) <= KEPT_CHARS:
        _estimates[cell] = estimate
    return estimate


_estimates: dict[tuple[str, str, str, str, bool], Estimate] = {}
_KEPT_ESTIMATES = 10_000  # about 1.5 kB each with its key and cells: 15 MB at most


def _placed(
    columns: Columns, activity_ids: list[str], places: _Places
) -> dict[str, dict[str, Any]]:
    """The session's local activities; a defined activity must be in its own subprocess."""
    defined, numbers = places.defined, columns.mapped("subprocess_no")
    if list(map(defined.get, activity_ids)) == numbers:  # every one defined, in its place
        return {}
    local: dict[str, dict[str, Any]] = {}
    names = columns.mapped("activity_name")
    for activity_id, number, name in zip(activity_ids, numbers, names, strict=True):
        defined_in = defined.get(activity_id)
        if defined_in is None:
            if not activity_id.startswith("local_") or number not in places.numbers:
                raise Doubt  # unknown to the process: the reader names it
            if activity_id not in local:
                local[activity_id] = {
                    "id": activity_id,
                    "subprocess": number,
                    "name": name or activity_id,
                }
        elif defined_in != number:
            raise Doubt  # not in its own subprocess: the reader names it
    return local


def _not_applicable(columns: Columns, activity_ids: list[str]) -> tuple[list[bool], set[str]]:
    """Each row's not_applicable, and the activities not applicable as a whole, as tidy_csv
    reads them: where every group's row of an activity says not applicable, the whole
    activity is, and its rows' cells are not."""
    cells = columns.column("applicable")
    if cells.count("true") == columns.rows:  # the common case: the export's own word
        return [False] * columns.rows, set()
    applicable = columns.mapped("applicable")
    applies_somewhere = {a for a, ok in zip(activity_ids, applicable, strict=True) if ok}
    cells_not_applicable = [
        not ok and activity_id in applies_somewhere
        for activity_id, ok in zip(activity_ids, applicable, strict=True)
    ]
    return cells_not_applicable, set(activity_ids) - applies_somewhere


def _entries(
    columns: Columns, activity_ids: list[str], estimates: dict[str, dict[str, Estimate]]
) -> dict[str, dict[str, Any]]:
    """Each activity's entry: its estimates, time_consuming from the activity's last row
    that marks it, the note from its first row that has one."""
    marks = columns.mapped("time_consuming")
    if None not in marks:  # every row marks it: the last row of each activity wins
        marked = dict(zip(activity_ids, marks, strict=True))
        activities = {
            a: {"estimates": e, "time_consuming": marked[a]} for a, e in estimates.items()
        }
    else:
        activities = {a: {"estimates": e} for a, e in estimates.items()}
        for activity_id, mark in zip(activity_ids, marks, strict=True):
            if mark is not None:
                activities[activity_id]["time_consuming"] = mark
    if any(columns.column("note")):
        for activity_id, note in zip(activity_ids, columns.mapped("note"), strict=True):
            entry = activities[activity_id]
            if note and not entry.get("note"):
                entry["note"] = note
    return activities


def _first_round(columns: Columns) -> dict[str, dict[str, Any]]:
    """The first-round figures given (first_low_hours/first_high_hours), by activity and group."""
    first: dict[str, dict[str, Any]] = {}
    lows, highs = columns.column("first_low_hours"), columns.column("first_high_hours")
    if not any(lows) and not any(highs):  # no round closed: the common case
        return first
    group_ids, activity_ids = columns.mapped("group_id"), columns.mapped("activity_id")
    for index in range(columns.rows):
        if not lows[index].strip() and not highs[index].strip():
            continue
        cells = {"first_low_hours": lows[index], "first_high_hours": highs[index]}
        figure = first_figure_of(columns.path, 0, cells)
        if figure is not None:
            first.setdefault(activity_ids[index], {})[group_ids[index]] = figure
    return first


def _rounds(
    first: dict[str, dict[str, Any]], places: _Places, local: dict[str, dict[str, Any]]
) -> Rounds | dict[str, Any]:
    if not first:  # no round closed: what closed_rounds gives then, for pydantic to build
        return {"first": {}, "closed_at": {}}
    subprocess_of = {**places.defined, **{a["id"]: a["subprocess"] for a in local.values()}}
    return closed_rounds(first, subprocess_of)


@dataclass(frozen=True)
class _Places:
    """What a process says of where things go, worked out once per definition."""

    process: ProcessDefinition  # kept, so its id() is never another's while this is kept
    defined: dict[str, int]  # each defined activity's subprocess number
    numbers: set[int]  # the subprocess numbers
    orders: dict[tuple[str, ...], list[str]]  # groups as a session lists them -> in order

    def in_order(self, groups: list[str]) -> list[str]:
        """The groups in the process's order (unknown ones after, by name), as tidy_csv does."""
        key = tuple(groups)
        ordered = self.orders.get(key)
        if ordered is None:
            order = {g: i for i, g in enumerate(self.process.group_ids)}
            ordered = sorted(groups, key=lambda g: (order.get(g, len(order)), g))
            if len(self.orders) >= _KEPT_ORDERS:
                self.orders.clear()
            self.orders[key] = ordered
        return list(ordered)


def _places(process: ProcessDefinition) -> _Places:
    kept = _places_of.get(id(process))
    if kept is None or kept.process is not process:
        kept = _places_of[id(process)] = _Places(
            process,
            {a.id: s.number for s in process.subprocesses for a in s.activities},
            {s.number for s in process.subprocesses},
            {},
        )
    return kept


_places_of: dict[int, _Places] = {}
_SESSION = TidyCsvSession.__pydantic_validator__  # model_validate, without its Python frame
_KEPT_ORDERS = 64  # orders of groups per process: a handful come back


__all__ = ["sessions_at_once"]
