"""A CSV's text cut into rows as csv.reader cuts it, in a fraction of its time.

The merge reads thousands of tidy CSVs; csv.reader builds each cell a character at
a time, which was a third of the time spent on each file. str.split gives the very
same cells for most lines, and this module says which: csv.reader reads the rest.
"""

from __future__ import annotations

import csv
import io
import re
from itertools import repeat


def csv_rows_of(text: str, delimiter: str) -> list[list[str]]:
    """The rows csv.reader reads in `text` (Excel's dialect with `delimiter`), read sooner.

    The text is cut into lines where csv.reader cuts it (str.splitlines cuts at \\r,
    \\n and \\r\\n, and at other line breaks only where the text has none). A line
    without a quote is split with str.split, which gives the very cells csv.reader
    gives; so is a line with one quoted cell that opens at the start of a cell and
    closes at its end. Other lines with quotes go to csv.reader together, once each is
    known to be one whole record (every quoted cell opens at the start of a cell and
    closes at the end of one, its quotes doubled). Anything else is csv.reader's own
    to read, on the whole text: a NUL, a text longer than csv's field size limit (so
    no cell can pass it), a quote inside an unquoted cell or a quoted cell running
    onto the next line. tests/unit/test_tidy/split.py holds the two equal on random text.
    """
    if "\0" in text or _other_line_break(text) or len(text) > csv.field_size_limit():
        return _csv_reader_rows(text, delimiter)
    lines = text.splitlines()
    if '"' not in text:
        rows: list[list[str] | None] = list(map(str.split, lines, repeat(delimiter)))
    else:
        rows = [
            line.split(delimiter) if '"' not in line else _one_quoted_cell(line, delimiter)
            for line in lines
        ]
    if None in rows:
        quoted = [index for index, row in enumerate(rows) if row is None]
        whole = _WHOLE_RECORD[delimiter].fullmatch
        if not all(whole(lines[index]) for index in quoted):
            return _csv_reader_rows(text, delimiter)
        read = csv.reader([lines[index] for index in quoted], delimiter=delimiter)
        for index, row in zip(quoted, read, strict=True):
            rows[index] = row
    if "" in lines:  # csv.reader reads an empty line as no cells, not one empty cell
        rows = [row if line else [] for line, row in zip(lines, rows, strict=True)]
    return rows  # type: ignore[return-value]  # no None left


def _one_quoted_cell(line: str, delimiter: str) -> list[str] | None:
    """The cells of a line with one quoted cell, quotes neither inside nor doubled.

    As an export writes an activity name with a comma in it. None for any other line.
    """
    parts = line.split('"')
    if len(parts) != 3:
        return None
    before, inside, after = parts
    if (before and before[-1] != delimiter) or (after and after[0] != delimiter):
        return None  # a quote inside a cell, or text after the closing quote
    cells = before[:-1].split(delimiter) if before else []
    cells.append(inside)
    if after:
        cells += after[1:].split(delimiter)
    return cells


def _other_line_break(text: str) -> bool:
    """Whether `text` holds a line break str.splitlines cuts at but csv.reader does not."""
    return (
        "\x0b" in text
        or "\x0c" in text
        or "\x1c" in text
        or "\x1d" in text
        or "\x1e" in text
        or "\x85" in text
        or "\u2028" in text
        or "\u2029" in text
    )


def _csv_reader_rows(text: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _whole_record(delimiter: str) -> re.Pattern[str]:
    """A line of cells, each unquoted without a quote, or quoted with its quotes doubled."""
    cell = f'(?:"[^"]*(?:""[^"]*)*"|[^"{re.escape(delimiter)}]*)'
    return re.compile(f"{cell}(?:{re.escape(delimiter)}{cell})*")


_WHOLE_RECORD = {delimiter: _whole_record(delimiter) for delimiter in (",", ";")}


__all__ = ["csv_rows_of"]
