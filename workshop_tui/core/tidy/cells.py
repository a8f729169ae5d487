"""A tidy CSV's body as columns, each distinct cell read once: for tidy/columns.py.

Every cell is read by the very function the line-by-line reader (tidy_parse.tidy_row)
uses for its column, so a value means here what it means there. A cell that cannot be
read raises RowProblem or Doubt: either sends the file to the line-by-line reader.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from workshop_tui.core.tidy.parse import (
    parse_bool,
    parse_decimal_hours,
    parse_factor,
    parse_int,
    text_cell,
)
from workshop_tui.core.tidy.table import REQUIRED_COLUMNS, unquote_csv_text

_TRUE_FALSE: dict[str, bool] = {"true": True, "false": False}  # as exports write them
_REQUIRED = frozenset(REQUIRED_COLUMNS)


class Doubt(Exception):
    """Something the line-by-line reader must look at: it names it, this path does not."""


def header_of(names: tuple[str, ...]) -> tuple[str, ...]:
    """The column names as the reader reads them; a doubt where one is missing or given twice.

    Remembered: thousands of exports share a header."""
    header = _headers.get(names)
    if header is None:
        header = tuple(name.strip().lower() for name in names)
        if len(set(header)) != len(header) or not _REQUIRED.issubset(header):
            raise Doubt
        if len(_headers) >= _KEPT_HEADERS:
            _headers.clear()
        _headers[names] = header
    return header


_headers: dict[tuple[str, ...], tuple[str, ...]] = {}
_KEPT_HEADERS = 64


class Columns:
    """The body's columns, each parsed once per distinct value (a CSV repeats a handful).

    Each column is read by its one parse in _PARSE, the functions the line-by-line
    reader uses; what a parse gave is kept for the next files (exports repeat the same
    figures), up to KEPT cells per column, and a cell that does not parse is never kept.
    """

    def __init__(self, path: Path, header: Sequence[str], body: list[list[str]]):
        self.path = path
        self.rows = len(body)
        # every row has the header's width (the caller checks): no need to check it again
        self.raw: dict[str, Sequence[str]] = dict(zip(header, zip(*body)))  # noqa: B905

    def column(self, name: str) -> Sequence[str]:
        """The raw cells; a column the file leaves out is empty cells, as the reader reads it."""
        return self.raw.get(name) or ("",) * self.rows

    def mapped(self, name: str) -> list[Any]:
        """The column's values."""
        cells = self.column(name)
        known = _known[name]
        try:  # the common case: every cell read before
            return list(map(known.__getitem__, cells))
        except KeyError:
            return _read_cells(self.path, name, cells, known)

    def value_of(self, name: str, raw: str) -> Any:
        """One cell of the column, read."""
        known = _known[name]
        return known[raw] if raw in known else _read_cells(self.path, name, (raw,), known)[0]

    def same(self, name: str) -> Any:
        """The column's one value, as every row of a session must give it; else a doubt."""
        cells = self.column(name)
        if cells.count(cells[0]) == self.rows:
            return self.value_of(name, cells[0])
        values = self.mapped(name)  # e.g. ' Søby' and 'Søby': the same municipality
        if values.count(values[0]) != self.rows:
            raise Doubt  # the reader names the line that differs
        return values[0]


def _read_cells(path: Path, name: str, cells: Sequence[str], known: dict[str, Any]) -> list[Any]:
    """`cells` read by the column's parse, the ones not read before kept for later."""
    unknown = set(cells).difference(known)
    if len(known) + len(unknown) > KEPT:
        known.clear()
        unknown = set(cells)
    parse = _PARSE[name]
    read = {raw: parse(path, name, raw) for raw in unknown}
    known.update((raw, value) for raw, value in read.items() if len(raw) <= KEPT_CHARS)
    return [read[raw] if raw in read else known[raw] for raw in cells]


KEPT = 50_000  # cells per column: a few MB at most
KEPT_CHARS = 80  # a longer cell (a note) is read again: it seldom comes back


def _session_id(path: Path, column: str, raw: str) -> str:
    session_id = unquote_csv_text(raw.strip())
    if not session_id:
        raise Doubt
    return session_id


def _stripped(path: Path, column: str, raw: str) -> str:
    return raw.strip()


def _text(path: Path, column: str, raw: str) -> str:
    return text_cell(raw)


def _number(path: Path, column: str, raw: str) -> int:
    return parse_int(path, 0, column, raw)


def _hours(path: Path, column: str, raw: str) -> float | None:
    return parse_decimal_hours(path, 0, column, raw)


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


# How each column is read: as tidy_parse.tidy_row reads it (staff and share read "2" apart).
_PARSE: dict[str, Callable[[Path, str, str], Any]] = {
    "session_id": _session_id,
    "municipality": _text,
    "process_id": _stripped,
    "group_id": _stripped,
    "subprocess_no": _number,
    "activity_id": _stripped,
    "activity_name": _text,
    "low_hours": _hours,
    "high_hours": _hours,
    "staff": _factor,
    "share": _factor,
    "applicable": _applicable,
    "time_consuming": _time_consuming,
    "note": _text,
}
# Cells already read, by column: parses are pure, and the same hours, shares and names
# come back in file after file.
_known: dict[str, dict[str, Any]] = {name: {} for name in _PARSE}


__all__ = ["KEPT", "KEPT_CHARS", "Columns", "Doubt", "header_of"]
