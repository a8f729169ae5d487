"""The tidy table: one row per workshop x target group x activity.

This module is the one definition of its row. `TidyRow` names the columns in
order (`TIDY_COLUMNS`, part of the file-format contract) and marks the ones a
tidy CSV must have (`REQUIRED_COLUMNS`). The table is built in one place,
`tidy_columns`, from each workshop's figures as the totals engine gives them;
the CSV writer and the XLSX writer (exports.py) and the merge's tidy frame
(merge/result.py) all take it from there, and the CSV reader (tidy/reader.py)
reads each line back into a `TidyRow`.

No pandas, numpy or openpyxl here: the app exports through this module.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, Protocol

from workshop_tui.core.csv_dialect import CsvNumber
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.session.model import Session
from workshop_tui.core.totals import CELL_FIELDS, ActivityLine, session_totals

# Cells starting with these are read as formulas by spreadsheets (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_QUOTE = "'"


def _required() -> Any:
    return field(metadata={"required": True})


# Not frozen: a frozen dataclass's __init__ costs several times as much, and the merge
# reads one TidyRow per line of every tidy CSV. Nothing changes a row once built.
@dataclass(slots=True, kw_only=True)
class TidyRow:
    """One workshop x target group x activity, as in the tidy CSV.

    low_hours/high_hours are what the room typed (before staff and share); None
    where nothing was entered. workshop_date is None where a CSV has none.
    time_consuming is the room's mark, else the definition's flag; None only in
    a row read from a CSV that leaves it empty (the definition's flag applies).
    """

    session_id: str = _required()
    municipality: str = _required()
    workshop_date: date | None = None
    process_id: str = _required()
    group_id: str = _required()
    subprocess_no: int = _required()
    activity_id: str = _required()
    activity_name: str = ""
    low_hours: float | None = _required()
    high_hours: float | None = _required()
    staff: float = 1.0
    share: float = 1.0
    applicable: bool = True
    time_consuming: bool | None = None
    note: str = ""

    def csv_cells(self) -> list[str]:
        """The row as the tidy CSV writes it: user text made safe, plain numbers."""
        return [
            csv_text(self.session_id),
            csv_text(self.municipality),
            self.workshop_date.isoformat() if self.workshop_date else "",
            self.process_id,
            self.group_id,
            str(self.subprocess_no),
            self.activity_id,
            csv_text(self.activity_name),
            csv_number(self.low_hours),
            csv_number(self.high_hours),
            csv_number(self.staff),
            csv_number(self.share),
            csv_bool(self.applicable),
            csv_bool(bool(self.time_consuming)),
            csv_text(self.note),
        ]

    def cells(self) -> list[Any]:
        """The row's values in column order (for a spreadsheet)."""
        return [getattr(self, name) for name in TIDY_COLUMNS]


TIDY_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(TidyRow))
"""The tidy CSV header, in order. Part of the file-format contract."""

REQUIRED_COLUMNS: tuple[str, ...] = tuple(
    f.name for f in fields(TidyRow) if f.metadata.get("required")
)
"""A tidy CSV needs only these columns; the others take TidyRow's defaults."""

# The engine's per-cell figures (totals.CELL_FIELDS, in that order) as the table names them.
VALUE_FIELDS = (
    "low_hours",
    "high_hours",
    "staff",
    "share",
    "counted_low",
    "counted_high",
    "applies",  # 1.0 or 0.0: the `applicable` column, per group (the engine's `applies`)
)
assert len(VALUE_FIELDS) == len(CELL_FIELDS)
_APPLIES = VALUE_FIELDS.index("applies")
_SESSION_FIELDS = ("session_id", "municipality", "workshop_date", "process_id")
_LINE_FIELDS = ("subprocess_no", "activity_id", "activity_name", "time_consuming")


class TidySource(Protocol):
    """One workshop's figures, as the tidy table needs them (merge's SessionRecord is one).

    `lines` are the activity lines in process order (the same for every group);
    `values` holds VALUE_FIELDS for each group x line, group by group in
    `groups` order (NaN where nothing was entered).
    """

    @property
    def session_id(self) -> str: ...
    @property
    def municipality(self) -> str: ...
    @property
    def workshop_date(self) -> date | str | None: ...
    @property
    def process_id(self) -> str: ...
    @property
    def groups(self) -> tuple[str, ...]: ...
    @property
    def lines(self) -> list[ActivityLine]: ...
    @property
    def activity_notes(self) -> dict[str, str]: ...
    @property
    def values(self) -> array[float]: ...


@dataclass(frozen=True, slots=True)
class SessionFigures:
    """A TidySource for one Session, straight from the totals engine."""

    session_id: str
    municipality: str
    workshop_date: date | str | None
    process_id: str
    groups: tuple[str, ...]
    lines: list[ActivityLine]
    activity_notes: dict[str, str]
    values: array[float]


def session_figures(session: Session, process: ProcessDefinition) -> SessionFigures:
    """What the tidy table needs of one session."""
    totals = session_totals(process, session)
    values: array[float] = array("d")
    for group_total in totals.values():
        values.extend(group_total.cells)
    first = next(iter(totals.values()))
    return SessionFigures(
        session_id=session.session_id,
        municipality=session.municipality,
        workshop_date=session.workshop_date,
        process_id=session.process_id,
        groups=tuple(session.groups),
        lines=first.lines,
        activity_notes={id_: entry.note for id_, entry in session.activities.items() if entry.note},
        values=values,
    )


@dataclass(frozen=True, slots=True)
class TidyColumns:
    """The tidy table column by column: what `tidy_columns` builds.

    `columns` holds the session and line columns as lists, each with one value
    per row: TIDY_COLUMNS except the figures, plus `local` (added in the room).
    `figures` holds VALUE_FIELDS for each row, one row after the other (NaN
    where nothing was entered): one flat array that numpy can view without a
    copy. counted_low/counted_high are the hours the cell adds to the
    workshop's totals after staff x share.
    """

    columns: dict[str, list[Any]]
    figures: array[float]

    def figure(self, name: str) -> array[float]:
        """One of VALUE_FIELDS as its own column (a copy)."""
        return self.figures[VALUE_FIELDS.index(name) :: len(VALUE_FIELDS)]


def tidy_columns(sources: Iterable[TidySource], lang: str = "en") -> TidyColumns:
    """The tidy table of the workshops given, in their order: every group x every activity.

    Python gathers each workshop's lines once (not once per group) and lists
    repeat them per group; the figures are each workshop's flat `values` joined
    in one copy.
    """
    line_columns = (*_LINE_FIELDS, "note", "local")
    columns: dict[str, list[Any]] = {name: [] for name in (*_SESSION_FIELDS, "group_id")}
    columns.update({name: [] for name in line_columns})
    values: list[array[float]] = []
    for source in sources:
        lines, n_groups = source.lines, len(source.groups)
        rows = n_groups * len(lines)
        for name in _SESSION_FIELDS:
            columns[name] += [getattr(source, name)] * rows
        columns["group_id"] += [group for group in source.groups for _ in lines]
        notes = source.activity_notes
        line_cells = [
            (
                line.subprocess,
                line.id,
                line.label(lang),
                line.time_consuming,
                notes.get(line.id, ""),
                line.local,
            )
            for line in lines
        ]
        for name, cells in zip(line_columns, zip(*line_cells, strict=True), strict=True):
            columns[name] += cells * n_groups
        values.append(source.values)
    figures: array[float] = array("d")
    figures.frombytes(b"".join(values))
    # per row, not per line: one group's cell may be not applicable while another's is
    columns["applicable"] = list(map(bool, figures[_APPLIES :: len(VALUE_FIELDS)]))
    return TidyColumns(columns, figures)


def tidy_rows(session: Session, process: ProcessDefinition, lang: str = "en") -> list[TidyRow]:
    """The session as tidy rows: every covered group x every activity, in process order.

    Activity names are in `lang`; local activities keep the name the room gave them.
    """
    table = tidy_columns([session_figures(session, process)], lang)
    cells = [
        table.columns[name] if name in table.columns else table.figure(name)
        for name in TIDY_COLUMNS
    ]
    return [_row(values) for values in zip(*cells, strict=True)]


def _row(values: Sequence[Any]) -> TidyRow:
    cells = dict(zip(TIDY_COLUMNS, values, strict=True))
    for name in ("low_hours", "high_hours"):
        if math.isnan(cells[name]):
            cells[name] = None
    return TidyRow(**cells)


def csv_rows(rows: Iterable[TidyRow]) -> Iterator[list[str]]:
    """The header, then each row's CSV cells."""
    yield list(TIDY_COLUMNS)
    for row in rows:
        yield row.csv_cells()


# ---------------------------------------------------------------- safe cells


def csv_text(text: str) -> str:
    """User text made safe for a CSV cell: never read as a formula.

    A text starting with = + - @ tab or carriage return gets a leading
    apostrophe, as OWASP advises; so does one that already starts with an
    apostrophe, so `unquote_csv_text` gives back exactly what was typed.
    """
    if text and (text[0] in FORMULA_STARTS or text[0] == _QUOTE):
        return _QUOTE + text
    return text


def unquote_csv_text(text: str) -> str:
    """The inverse of `csv_text`, used when a tidy CSV is read back."""
    if (
        text.startswith(_QUOTE)
        and len(text) > 1
        and (text[1] in FORMULA_STARTS or text[1] == _QUOTE)
    ):
        return text[1:]
    return text


def csv_number(value: float | None) -> str:
    """A number as the tidy CSV writes it: decimal point, no separators, no exponent
    (marked a figure, so a CSV dialect with a decimal comma turns its point)."""
    if value is None or math.isnan(value):
        return ""
    text = repr(float(value))
    if "e" in text or "E" in text:
        text = f"{value:.12f}".rstrip("0").rstrip(".")
    return CsvNumber(text[:-2] if text.endswith(".0") else text)


def csv_bool(value: bool) -> str:
    return "true" if value else "false"


__all__ = [
    "FORMULA_STARTS",
    "REQUIRED_COLUMNS",
    "TIDY_COLUMNS",
    "VALUE_FIELDS",
    "SessionFigures",
    "TidyColumns",
    "TidyRow",
    "TidySource",
    "csv_bool",
    "csv_number",
    "csv_rows",
    "csv_text",
    "session_figures",
    "tidy_columns",
    "tidy_rows",
    "unquote_csv_text",
]
