"""Spreadsheet cells written safely: the sheets of every XLSX the package writes.

Every text is written as a string cell, so text typed by users can never
become a formula, even if it starts with '='; characters a workbook cannot hold
are replaced. openpyxl is imported inside the functions: the app loads this
module's callers when the export key is pressed and must not pay for it at start.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from workshop_tui.core.tidy.table import FORMULA_STARTS

if TYPE_CHECKING:  # pragma: no cover - typing only
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

XLSX_MAX_TEXT = 32_767  # Excel's limit for one cell
MAX_SHEET_TITLE = 31  # Excel's limit for a sheet name


def xlsx_text(text: str) -> str:
    """Text an XLSX cell can hold: no XML-illegal control characters, within Excel's limit."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)
    return text if len(text) <= XLSX_MAX_TEXT else text[: XLSX_MAX_TEXT - 1] + "…"


def add_sheet(
    workbook: Workbook,
    title: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    number_format: str = "0.00",
    integer_columns: Iterable[int] = (),
    formats: dict[int, str] | None = None,
) -> Worksheet:
    """A sheet with a bold, frozen header, a filter, column widths and number formats.

    Every str becomes a string cell (never a formula, even if it starts with
    '='); floats get `number_format` (or their column's entry in `formats`),
    dates ISO format; integer_columns (0-based) are shown without decimals.
    """
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet: Worksheet = workbook.create_sheet(title=title[:MAX_SHEET_TITLE])
    widths = [len(str(name)) for name in header]
    column_formats = {index: "0" for index in integer_columns} | (formats or {})
    _put_row(sheet, 1, header, widths, column_formats, number_format)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    count = 1
    for count, row in enumerate(rows, start=2):
        _put_row(sheet, count, row, widths, column_formats, number_format)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 8), 60)
    sheet.freeze_panes = "A2"
    if header:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(count, 1)}"
    return sheet


def _put_row(
    sheet: Worksheet,
    row_no: int,
    values: Sequence[Any],
    widths: list[int],
    formats: dict[int, str],
    fmt: str,
) -> None:
    for col, value in enumerate(values):
        cell = sheet.cell(row=row_no, column=col + 1)
        if isinstance(value, str):
            cell.value = xlsx_text(value)
            cell.data_type = "s"  # openpyxl would otherwise make '=...' a formula
            if value[:1] in FORMULA_STARTS:
                cell.quotePrefix = True  # and Excel/LibreOffice keep it text when edited
            width = max((len(part) for part in value.splitlines()), default=0)
        elif isinstance(value, bool) or value is None:
            cell.value = value
            width = 5
        elif isinstance(value, (date, datetime)):
            cell.value = value.replace(tzinfo=None) if isinstance(value, datetime) else value
            cell.number_format = "yyyy-mm-dd hh:mm" if isinstance(value, datetime) else "yyyy-mm-dd"
            width = 16 if isinstance(value, datetime) else 10
        else:
            cell.value = value
            if isinstance(value, float) and formats.get(col) != "0":
                cell.number_format = formats.get(col, fmt)
            width = len(f"{value:.2f}" if isinstance(value, float) else str(value))
        if col < len(widths):
            widths[col] = max(widths[col], width)
        else:
            widths.append(width)


def new_workbook() -> Workbook:
    """An empty workbook (openpyxl's default sheet removed)."""
    from openpyxl import Workbook

    workbook = Workbook()
    if workbook.active is not None:
        workbook.remove(workbook.active)
    return workbook


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


__all__ = ["XLSX_MAX_TEXT", "add_sheet", "new_workbook", "workbook_bytes", "xlsx_text"]
