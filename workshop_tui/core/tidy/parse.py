"""One line of a tidy CSV read into a TidyRow, and the file's text decoded.

Every value that cannot be read raises RowProblem naming the file, the line
and the column; tidy/reader.py decides what that costs (the session, or nothing).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from workshop_tui.core.dates import parse_date as parse_typed_date
from workshop_tui.core.errors import Problem
from workshop_tui.core.limits import MAX_NUMBER_CHARS
from workshop_tui.core.numbers import EntryError, parse_decimal, parse_share, parse_staff
from workshop_tui.core.tidy.table import TidyRow, unquote_csv_text
from workshop_tui.core.workshop.model import FirstFigure

T = TypeVar("T")


class RowProblem(Exception):
    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


def tidy_row(
    path: Path,
    line: int,
    cells: dict[str, str],
    notices: list[Problem] | None = None,
    with_date: bool = True,
) -> TidyRow:
    """One CSV line as a TidyRow; a missing optional column takes TidyRow's default.

    Raises RowProblem naming the line and column of the first value that
    cannot be read, except in workshop_date and time_consuming: those carry no
    figure, so an unreadable one is left at its default and added to `notices`.
    `with_date=False` skips the date (a session's is read from its first line).
    """
    notes = notices if notices is not None else []
    get = cells.get
    raw_date = get("workshop_date", "").strip() if with_date else ""
    workshop_date = (
        _optional(notes, parse_workshop_date, path, line, raw_date) if raw_date else None
    )
    marked = get("time_consuming", "")
    time_consuming = _BOOLS.get(marked)
    if time_consuming is None and marked.strip():
        time_consuming = _optional(notes, parse_bool, path, line, "time_consuming", marked)
    applicable = _BOOLS.get(get("applicable", ""))
    if applicable is None:
        applicable = parse_bool(path, line, "applicable", get("applicable", ""))
    return TidyRow(
        session_id=text_cell(cells["session_id"]),
        municipality=text_cell(cells["municipality"]),
        workshop_date=workshop_date,
        process_id=cells["process_id"].strip(),
        group_id=cells["group_id"].strip(),
        subprocess_no=parse_int(path, line, "subprocess_no", cells["subprocess_no"]),
        activity_id=cells["activity_id"].strip(),
        activity_name=text_cell(get("activity_name", "")),
        low_hours=parse_decimal_hours(path, line, "low_hours", cells["low_hours"]),
        high_hours=parse_decimal_hours(path, line, "high_hours", cells["high_hours"]),
        applicable=applicable is not False,
        time_consuming=time_consuming,
        note=text_cell(get("note", "")),
        staff=parse_factor(path, line, "staff", get("staff", "")),
        share=parse_factor(path, line, "share", get("share", "")),
    )


def first_figure_of(path: Path, line: int, cells: dict[str, str]) -> FirstFigure | None:
    """The line's first-round figure (first_low_hours/first_high_hours), None where its round
    never closed: both empty, or a file written before the columns existed."""
    low_raw, high_raw = cells.get("first_low_hours", ""), cells.get("first_high_hours", "")
    if not (low_raw or "").strip() and not (high_raw or "").strip():
        return None
    low = parse_decimal_hours(path, line, "first_low_hours", low_raw or "")
    high = parse_decimal_hours(path, line, "first_high_hours", high_raw or "")
    try:
        return FirstFigure(low=low, high=high)
    except ValidationError as error:  # e.g. a negative figure: named, never a traceback
        item = error.errors(include_url=False)[0]
        column = f"first_{item['loc'][0]}_hours"
        raise RowProblem(Problem(path, item["msg"], line, column)) from None


def text_cell(raw: str) -> str:
    """A text cell: stripped, and the apostrophe `csv_text` may have added removed."""
    text = raw.strip()
    return unquote_csv_text(text) if text.startswith("'") else text


def _optional(notices: list[Problem], parse: Callable[..., T], *args: Any) -> T | None:
    """An optional cell read with `parse`; None and a notice where it cannot be read."""
    try:
        return parse(*args)
    except RowProblem as error:
        problem = error.problem
        notices.append(
            replace(problem, message=f"{problem.message}; left empty, the session still counts")
        )
        return None


def parse_factor(path: Path, line: int, column: str, raw: str) -> float:
    """Staff or share, read as the app reads them: '50', '50 %' and '0,5' are all half.

    An empty cell (or no such column) is 1: one staff member, every case.
    """
    try:
        return _factor(column, raw)
    except EntryError as error:
        raise RowProblem(Problem(path, str(error), line, column)) from None


@lru_cache(maxsize=4096)
def _factor(column: str, raw: str) -> float:
    """parse_share or parse_staff, remembered: a CSV repeats a handful of values."""
    if not raw.strip():
        return 1.0
    return parse_share(raw) if column == "share" else parse_staff(raw)


def _parse_number(path: Path, line: int, column: str, raw: str) -> float:
    """An hours cell: ASCII digits with '.' or ',' (numbers.parse_decimal), and finite.

    float() alone would also take '1_000', Arabic-Indic digits, 'inf' and 'nan'.
    """
    try:
        return _decimal(raw)
    except ValueError:
        raise RowProblem(Problem(path, f"'{raw}' is not a number", line, column)) from None


@lru_cache(maxsize=4096)
def _decimal(raw: str) -> float:
    """parse_decimal, finite, remembered: a CSV repeats a handful of figures."""
    value = parse_decimal(raw)
    if not math.isfinite(value):  # '1e999'
        raise ValueError(raw)
    return value


def parse_decimal_hours(path: Path, line: int, column: str, raw: str) -> float | None:
    """An hours cell of a tidy CSV: a plain decimal ('1.5', '1,5'), None where empty.

    Stricter than hours.parse_hours, which reads what people type in the app ('1t 30m').
    """
    return _parse_number(path, line, column, raw) if raw.strip() else None


def parse_int(path: Path, line: int, column: str, raw: str) -> int:
    text = raw.strip()
    # isascii: int() alone would also take '1_0' and Arabic-Indic digits
    if not (text.isascii() and text.isdigit()) or len(text) > MAX_NUMBER_CHARS:
        raise RowProblem(Problem(path, f"'{raw}' is not a whole number", line, column))
    return int(text)


_TRUE = {"true", "1", "yes", "ja", "sand"}


_FALSE = {"false", "0", "no", "nej", "falsk"}
_BOOLS: dict[str, bool | None] = {"": None, "true": True, "false": False}  # as exports write them


def parse_bool(path: Path, line: int, column: str, raw: str) -> bool | None:
    text = raw.strip().lower()
    if not text:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise RowProblem(Problem(path, f"'{raw}' is not true or false", line, column))


def parse_workshop_date(path: Path, line: int, raw: str) -> date:
    """YYYY-MM-DD, or day first as Danish spreadsheets write it: DD-MM-YYYY or DD.MM.YYYY."""
    try:
        return _date(raw)
    except EntryError:
        raise RowProblem(
            Problem(
                path,
                f"'{raw}' is not a date (YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY)",
                line,
                "workshop_date",
            )
        ) from None


@lru_cache(maxsize=1024)
def _date(raw: str) -> date:
    """dates.parse_date, remembered: every line of a session repeats its date."""
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return parse_typed_date(raw)


def delimiter_of(text: str) -> str:
    """';' where the header has more semicolons than commas (a Danish spreadsheet), else ','."""
    end = text.find("\n")
    first_line = text if end < 0 else text[:end]
    return ";" if first_line.count(";") > first_line.count(",") else ","


# Encodings a spreadsheet may save a CSV in, where the file is not UTF-8: Excel's
# default for a Danish "CSV (semikolonsepareret)" is Windows-1252. Guessing among
# every known code page picks Baltic ones for Danish letters, so the guess is kept
# to these.
_SPREADSHEET_ENCODINGS = ["utf_16", "cp1252", "iso8859_15", "mac_roman", "cp850"]


def guess_decoding(data: bytes) -> str | None:
    """The file's text: UTF-8 (BOM or not), UTF-16 (BOM or not) or Windows-1252; None if none."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only for files that are not UTF-8

    best = from_bytes(data, cp_isolation=_SPREADSHEET_ENCODINGS).best()
    return str(best) if best is not None else None


__all__ = [
    "RowProblem",
    "guess_decoding",
    "delimiter_of",
    "first_figure_of",
    "parse_bool",
    "parse_workshop_date",
    "parse_factor",
    "parse_decimal_hours",
    "parse_int",
    "text_cell",
    "tidy_row",
]
