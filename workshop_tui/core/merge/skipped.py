"""What the merge left out whole (a file, or a session inside a tidy CSV), as a table
in every output: merge's and cost's JSON, CSV (`--table skipped`), XLSX, Markdown and
the terminal table, and the report's page; not only on standard error.

Under --anonymise a file's name may name its municipality, so the source is then
given as its number among the skipped files.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from workshop_tui.core.errors import Problem
from workshop_tui.core.i18n import nt, t
from workshop_tui.core.merge.blocks import Block

if TYPE_CHECKING:  # pragma: no cover - typing only
    from openpyxl import Workbook

SKIPPED_COLUMNS = ("source", "line", "field", "reason")
SKIPPED_SHEET = {"en": "skipped", "da": "Sprunget over"}


def skipped_rows(problems: Sequence[Problem], anonymised: bool = False) -> list[list[Any]]:
    """One row per skipped file or session: SKIPPED_COLUMNS."""
    return [
        [
            f"#{number}" if anonymised else str(problem.path),
            problem.line,
            problem.field,
            problem.message,
        ]
        for number, problem in enumerate(problems, 1)
    ]


def skipped_records(problems: Sequence[Problem], anonymised: bool = False) -> list[dict[str, Any]]:
    return [
        dict(zip(SKIPPED_COLUMNS, row, strict=True)) for row in skipped_rows(problems, anonymised)
    ]


def skipped_block(problems: Sequence[Problem], lang: str, anonymised: bool = False) -> Block:
    """The human formats' table of what was left out."""
    n = len(problems)
    block = Block(
        nt("Skipped: {n} file or session", "Skipped: {n} files or sessions", n, lang, n=n),
        header=[t("File", lang), t("Line", lang), t("Field", lang), t("Reason", lang)],
        right={1},
        caption=t("Left out of every table: fix the file and merge again.", lang),
    )
    for source, line, field, reason in skipped_rows(problems, anonymised):
        block.rows.append([source, "" if line is None else str(line), field, reason])
    return block


def add_skipped_sheet(workbook: Workbook, rows: Sequence[Sequence[Any]], lang: str) -> None:
    """The skipped sheet of a workbook (headers in Danish under 'da'); there even when
    nothing was skipped, so a script finds it and a reader sees that nothing was."""
    from workshop_tui.core.xlsx import add_sheet

    header = (
        [t("File", lang), t("Line", lang), t("Field", lang), t("Reason", lang)]
        if lang == "da"
        else list(SKIPPED_COLUMNS)
    )
    add_sheet(
        workbook, SKIPPED_SHEET["da" if lang == "da" else "en"], header, rows, integer_columns=[1]
    )


def skipped_csv(rows: Sequence[Sequence[Any]], dialect: str) -> str:
    """`merge --format csv --table skipped`: SKIPPED_COLUMNS, text never read as a formula."""
    from workshop_tui.core.csv_dialect import write_csv
    from workshop_tui.core.tidy.table import csv_text

    cells = ([csv_text(str(cell)) if cell is not None else "" for cell in row] for row in rows)
    return write_csv([list(SKIPPED_COLUMNS), *cells], dialect)


__all__ = [
    "add_skipped_sheet",
    "skipped_csv",
    "SKIPPED_COLUMNS",
    "SKIPPED_SHEET",
    "skipped_block",
    "skipped_records",
    "skipped_rows",
]
