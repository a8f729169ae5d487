"""A tidy CSV read column by column: the merge's fast path for a file with nothing wrong.

tidy_csv.py reads a tidy CSV line by line: each line a TidyRow (tidy_parse.py), each
cell an Estimate model, so a bad value is named with its file, line and column. That
costs about 0.4 ms per file, and a merge reads thousands. Here the same file is read
as columns: each column's distinct values are parsed once, by the very functions the
line-by-line reader uses (tidy_parse.py), and each session is validated by one call of
its pydantic model (TidyCsvSession) rather than one model per cell. Pydantic stays
the one definition of what a session may hold; nothing here restates a limit.

This path only ever says "these are the sessions" or "not sure": any doubt - a cell
that does not parse, a row of the wrong length, a line given twice, a session the
model refuses, an optional cell that would be left empty with a notice - gives None,
and tidy_csv.py reads the file line by line, which names the problem exactly as
before. On a file with none of these, both give equal sessions (a test checks it).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from workshop_tui.core.models import ProcessDefinition
from workshop_tui.core.plan_models import Rounds
from workshop_tui.core.tidy_csv import TidyCsvSession, TidySession, closed_rounds
from workshop_tui.core.tidy_parse import (
    RowProblem,
    delimiter_of,
    first_figure_of,
    parse_bool,
    parse_factor,
    parse_hours,
    parse_int,
    parse_workshop_date,
    text_cell,
)
from workshop_tui.core.tidy_table import REQUIRED_COLUMNS, unquote_csv_text

if TYPE_CHECKING:  # pragma: no cover - typing only
    from workshop_tui.core.catalogue import Catalogue

_TRUE_FALSE: dict[str, bool] = {"true": True, "false": False}  # as exports write them


class _Doubt(Exception):
    """Something the line-by-line reader must look at: it names it, this path does not."""


def sessions_at_once(path: Path, text: str, catalogue: Catalogue) -> list[TidySession] | None:
    """The sessions in a tidy CSV's `text`, or None where the line-by-line reader must decide.

    None is never an answer about the file, only a refusal to give one: tidy_csv's
    reader then reads it and skips or refuses what deserves it, naming line and column.
    """
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter_of(text)))
        return _sessions(path, rows, catalogue)
    except (_Doubt, RowProblem, ValidationError, csv.Error):
        return None


def _sessions(path: Path, rows: list[list[str]], catalogue: Catalogue) -> list[TidySession]:
    if len(rows) < 2:
        raise _Doubt
    header = [name.strip().lower() for name in rows[0]]
    body = rows[1:]
    width = len(header)
    if len(set(header)) != width or any(name not in header for name in REQUIRED_COLUMNS):
        raise _Doubt
    if any(len(row) != width for row in body):
        raise _Doubt
    columns = _Columns(path, header, body)
    by_session: dict[str, list[int]] = {}
    for index, session_id in enumerate(columns.mapped("session_id", _session_id)):
        by_session.setdefault(session_id, []).append(index)
    return [
        TidySession(*_session(columns, session_id, indexes, catalogue))
        for session_id, indexes in by_session.items()
    ]


def _session_id(path: Path, column: str, raw: str) -> str:
    session_id = unquote_csv_text(raw.strip())
    if not session_id:
        raise _Doubt
    return session_id


class _Columns:
    """The body's columns, each parsed once per distinct value (a CSV repeats a handful)."""

    def __init__(self, path: Path, header: list[str], body: list[list[str]]):
        self.path = path
        self.rows = len(body)
        self.raw: dict[str, Sequence[str]] = dict(zip(header, zip(*body, strict=True), strict=True))
        self._parsed: dict[str, list[Any]] = {}

    def column(self, name: str) -> Sequence[str]:
        """The raw cells; a column the file leaves out is empty cells, as the reader reads it."""
        return self.raw.get(name) or ("",) * self.rows

    def mapped(self, name: str, parse: Callable[[Path, str, str], Any]) -> list[Any]:
        """The column's values, each distinct cell read by `parse(path, column, raw)` once.

        What a parse gave is kept for the next files (exports repeat the same figures),
        up to _KEPT cells per parse; a cell that does not parse is never kept.
        """
        if name not in self._parsed:
            cells = self.column(name)
            known = _known.setdefault((parse, name), {})  # staff and share read "2" apart
            try:  # the common case: every cell read before
                self._parsed[name] = list(map(known.__getitem__, cells))
            except KeyError:
                unknown = set(cells).difference(known)
                if len(known) + len(unknown) > _KEPT:
                    known.clear()
                    unknown = set(cells)
                read = {raw: parse(self.path, name, raw) for raw in unknown}
                known.update((raw, value) for raw, value in read.items() if len(raw) <= _KEPT_CHARS)
                self._parsed[name] = [read[raw] if raw in read else known[raw] for raw in cells]
        return self._parsed[name]


# Cells already read, by the function and column that read them: parses are pure, and
# the same hours, shares, dates and names come back in file after file.
_known: dict[tuple[Callable[[Path, str, str], Any], str], dict[str, Any]] = {}
_KEPT = 50_000  # cells per parse and column: a few MB at most
_KEPT_CHARS = 80  # a longer cell (a note) is read again: it seldom comes back


def _stripped(path: Path, column: str, raw: str) -> str:
    return raw.strip()


def _text(path: Path, column: str, raw: str) -> str:
    return text_cell(raw)


def _number(path: Path, column: str, raw: str) -> int:
    return parse_int(path, 0, column, raw)


def _hours(path: Path, column: str, raw: str) -> float | None:
    return parse_hours(path, 0, column, raw)


def _factor(path: Path, column: str, raw: str) -> float:
    return parse_factor(path, 0, column, raw)


def _applicable(path: Path, column: str, raw: str) -> bool:
    marked = _TRUE_FALSE.get(raw)
    if marked is None:
        marked = parse_bool(path, 0, column, raw)
    return marked is not False


def _time_consuming(path: Path, column: str, raw: str) -> bool | None:
    marked = _TRUE_FALSE.get(raw)
    if marked is None and raw.strip():
        marked = parse_bool(path, 0, column, raw)  # unreadable: a notice, so a doubt
    return marked


def _session(
    columns: _Columns, session_id: str, indexes: list[int], catalogue: Catalogue
) -> tuple[TidyCsvSession, ProcessDefinition]:
    """One session's TidyCsvSession and process, built as tidy_csv._session_from_rows does."""
    first = indexes[0]
    process_ids, municipalities = (
        columns.mapped("process_id", _stripped),
        columns.mapped("municipality", _text),
    )
    process = catalogue.processes.get(process_ids[first])
    if process is None:
        raise _Doubt
    for index in indexes:  # every row names the session's process and municipality
        if process_ids[index] != process.id or municipalities[index] != municipalities[first]:
            raise _Doubt
    raw_date = columns.column("workshop_date")[first].strip()
    activities, local, groups, first_round = _activities(columns, indexes, process)
    session = TidyCsvSession.model_validate(
        {
            "session_id": session_id,
            "process_id": process.id,
            "process_version": process.version,
            "municipality": municipalities[first],
            "workshop_date": parse_workshop_date(columns.path, 0, raw_date) if raw_date else None,
            "groups": _in_process_order(groups, process),
            "activities": activities,
            "local_activities": list(local.values()),
            "rounds": _rounds(first_round, process, local),
        }
    )
    return session, process


def _activities(
    columns: _Columns, indexes: list[int], process: ProcessDefinition
) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]], list[str], dict[str, Any]]:
    """The session's activity entries, local activities, groups and first-round figures."""
    group_ids, activity_ids = (
        columns.mapped("group_id", _stripped),
        columns.mapped("activity_id", _stripped),
    )
    numbers, names = (
        columns.mapped("subprocess_no", _number),
        columns.mapped("activity_name", _text),
    )
    lows, highs = columns.mapped("low_hours", _hours), columns.mapped("high_hours", _hours)
    staffs, shares = columns.mapped("staff", _factor), columns.mapped("share", _factor)
    applicable = columns.mapped("applicable", _applicable)
    marks, notes = columns.mapped("time_consuming", _time_consuming), columns.mapped("note", _text)
    defined, subprocess_numbers = _places(process)
    activities: dict[str, dict[str, Any]] = {}
    local: dict[str, dict[str, Any]] = {}
    groups: dict[str, None] = {}
    for index in indexes:
        group_id, activity_id, number = group_ids[index], activity_ids[index], numbers[index]
        groups[group_id] = None
        defined_in = defined.get(activity_id)
        if defined_in is None:
            if not activity_id.startswith("local_") or number not in subprocess_numbers:
                raise _Doubt  # unknown to the process: the reader names it
            if activity_id not in local:
                name = names[index] or activity_id
                local[activity_id] = {"id": activity_id, "subprocess": number, "name": name}
        elif defined_in != number:
            raise _Doubt  # not in its own subprocess: the reader names it
        entry = activities.get(activity_id)
        if entry is None:
            entry = activities[activity_id] = {"estimates": {}}
        estimates = entry["estimates"]
        if group_id in estimates:
            raise _Doubt  # a line given twice: the merge refuses it, naming both lines
        estimates[group_id] = {
            "low": lows[index],
            "high": highs[index],
            "staff": staffs[index],
            "share": shares[index],
            "not_applicable": not applicable[index],  # this group's cell (schema 3)
        }
        if marks[index] is not None:
            entry["time_consuming"] = marks[index]
        if notes[index] and not entry.get("note"):
            entry["note"] = notes[index]
    for entry in activities.values():
        _not_applicable_for_all(entry)
    return activities, local, list(groups), _first_round(columns, indexes, group_ids, activity_ids)


def _not_applicable_for_all(entry: dict[str, Any]) -> None:
    """Every group's row says not applicable: the whole activity is, as tidy_csv reads it."""
    estimates = entry["estimates"].values()
    if estimates and all(estimate["not_applicable"] for estimate in estimates):
        entry["not_applicable"] = True
        for estimate in estimates:
            estimate["not_applicable"] = False


def _first_round(
    columns: _Columns, indexes: list[int], group_ids: list[str], activity_ids: list[str]
) -> dict[str, dict[str, Any]]:
    """The first-round figures given (first_low_hours/first_high_hours), by activity and group."""
    first: dict[str, dict[str, Any]] = {}
    lows, highs = columns.column("first_low_hours"), columns.column("first_high_hours")
    if not any(lows) and not any(highs):  # no round closed: the common case
        return first
    for index in indexes:
        if not lows[index].strip() and not highs[index].strip():
            continue
        cells = {"first_low_hours": lows[index], "first_high_hours": highs[index]}
        figure = first_figure_of(columns.path, 0, cells)
        if figure is not None:
            first.setdefault(activity_ids[index], {})[group_ids[index]] = figure
    return first


def _rounds(
    first: dict[str, dict[str, Any]], process: ProcessDefinition, local: dict[str, dict[str, Any]]
) -> Rounds:
    defined = _places(process)[0]
    subprocess_of = {**defined, **{a["id"]: a["subprocess"] for a in local.values()}}
    return closed_rounds(first, subprocess_of)


def _places(process: ProcessDefinition) -> tuple[dict[str, int], set[int]]:
    """Each defined activity's subprocess number, and the numbers: once per definition."""
    kept = _places_of.get(id(process))
    if kept is None or kept[0] is not process:
        defined = {a.id: s.number for s in process.subprocesses for a in s.activities}
        kept = (process, defined, {s.number for s in process.subprocesses})
        _places_of[id(process)] = kept  # the definition kept too, so its id stays its own
    return kept[1], kept[2]


_places_of: dict[int, tuple[ProcessDefinition, dict[str, int], set[int]]] = {}


def _in_process_order(groups: list[str], process: ProcessDefinition) -> list[str]:
    order = {g: i for i, g in enumerate(process.group_ids)}
    return sorted(groups, key=lambda g: (order.get(g, len(order)), g))


__all__ = ["sessions_at_once"]
