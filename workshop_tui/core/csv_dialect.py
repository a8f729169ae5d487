"""Every CSV the program writes (export, merge, cost), in one of two dialects.

`standard`: comma-separated, decimal point, UTF-8 without a byte order mark:
what scripts, pandas and R read. `excel-da`: what Danish Excel opens by a double
click: semicolon-separated, decimal comma, UTF-8 with a byte order mark (without
it Excel reads UTF-8 as Windows-1252 and shows 'Ã¸' for 'ø'). Only the figures
change their decimal point: a cell is a figure when `csv_number` wrote it
(a CsvNumber), never because user text happens to look like one.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from workshop_tui.core.i18n import N_


class CsvNumber(str):
    """A figure as `csv_number` writes it (decimal point): a dialect may turn the point."""

    __slots__ = ()


# Speed: a NamedTuple, not a frozen dataclass, and `csv` imported where a CSV is written:
# every start builds the parser from DIALECTS (a dataclass and csv cost about 1 ms more)
class CsvDialect(NamedTuple):
    delimiter: str
    decimal: str
    byte_order_mark: bool
    help: str


DIALECTS = {
    "standard": CsvDialect(",", ".", False, N_("comma, decimal point, UTF-8 (the default)")),
    "excel-da": CsvDialect(
        ";", ",", True, N_("as Danish Excel opens it: semicolon, decimal comma, UTF-8 with BOM")
    ),
}
DEFAULT_DIALECT = "standard"


def write_csv(
    rows: Iterable[Sequence[str]], dialect: str = DEFAULT_DIALECT, lineterminator: str = "\n"
) -> str:
    """The rows (header first) as CSV text in `dialect`; encode it with `csv_bytes`."""
    import csv

    style = DIALECTS[dialect]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=style.delimiter, lineterminator=lineterminator)
    turn = style.decimal != "."
    for row in rows:
        writer.writerow(
            [
                cell.replace(".", style.decimal) if turn and isinstance(cell, CsvNumber) else cell
                for cell in row
            ]
        )
    return buffer.getvalue()


def csv_bytes(text: str, dialect: str = DEFAULT_DIALECT) -> bytes:
    """CSV text as the bytes to write: UTF-8, with a byte order mark where the dialect has one."""
    return text.encode("utf-8-sig" if DIALECTS[dialect].byte_order_mark else "utf-8")


__all__ = ["DEFAULT_DIALECT", "DIALECTS", "CsvNumber", "csv_bytes", "write_csv"]
