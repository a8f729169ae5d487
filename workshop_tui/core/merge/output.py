"""The merged result as files: CSV, JSON, XLSX and Markdown (no rich here)."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import numpy as np

from workshop_tui.core.csv_dialect import DEFAULT_DIALECT, write_csv
from workshop_tui.core.formatting import MACHINE_DECIMALS, machine, missing, round_half_up
from workshop_tui.core.merge.blocks import Block
from workshop_tui.core.merge.statistics import MERGE_CSV_COLUMNS, Summary
from workshop_tui.core.merge.tables import CSV_TABLES
from workshop_tui.core.merge.xlsx_output import merge_xlsx
from workshop_tui.core.text import escaped
from workshop_tui.core.tidy.table import csv_number, csv_text

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pandas as pd


def frame_records(frame: pd.DataFrame, decimals: int = MACHINE_DECIMALS) -> list[dict[str, Any]]:
    """Rows as plain dicts for JSON: NaN/NA as None, floats rounded to strip float noise."""
    return [
        {str(key): _plain(value, decimals) for key, value in row.items()}
        for row in frame.to_dict("records")
    ]


def _plain(value: Any, decimals: int) -> Any:
    if missing(value):
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return round_half_up(float(value), decimals)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def summary_json(summary: Summary, unit: str) -> dict[str, Any]:
    """The whole summary as one JSON-ready dict (what `merge --format json` prints)."""
    return {
        "unit": unit,
        "n_workshops": len(summary.sessions),
        "levels": frame_records(summary.levels),
        "overview": frame_records(summary.overview),
        "subprocess_drivers": frame_records(summary.subprocess_drivers),
        "activity_drivers": frame_records(summary.activity_drivers),
        "local_activities": frame_records(summary.local_activities),
        "cost_driver_notes": frame_records(summary.cost_driver_notes),
        "sessions": frame_records(summary.sessions.drop(columns=["notes"])),
        "table_2_1": frame_records(summary.table_2_1),
        "workshops": frame_records(summary.workshops),
        "screening": frame_records(summary.screening),
        "convergence": frame_records(summary.convergence),
        "actual_time": frame_records(summary.actual_time),
        "within_room": frame_records(summary.within_room),
    }


def merge_csv(summary: Summary, table: str = "levels", dialect: str = DEFAULT_DIALECT) -> str:
    """One table as CSV, figures half up to 6 decimals (encode it with csv_bytes).

    levels: exactly the MERGE_CSV_COLUMNS header; overview: table 2.1 as
    groups x processes; workshops: the per-workshop table; screening: every
    screening finding; convergence: first round against agreed; actual_time: the
    median minutes per subprocess; within_room: how far each room's participants spread.
    `dialect`: see core/csv_dialect.py.
    """
    if table == "levels":  # from the rows summarise computed: no pandas needed
        lines = ([_csv_cell(value) for value in line] for line in summary.merge_csv_rows())
        return write_csv([list(MERGE_CSV_COLUMNS), *lines], dialect)
    frames: dict[str, Callable[[], pd.DataFrame]] = {
        "overview": lambda: summary.table_2_1,
        "workshops": lambda: summary.workshops,
        "screening": lambda: summary.screening,
        "convergence": lambda: summary.convergence,
        "actual_time": lambda: summary.actual_time,
        "within_room": lambda: summary.within_room,
    }
    frame = frames[table]()
    rows = ([_csv_cell(value) for value in row] for row in frame.itertuples(index=False))
    return write_csv([[str(name) for name in frame.columns], *rows], dialect)


def _csv_cell(value: Any) -> str:
    if isinstance(value, float):
        return "" if math.isnan(value) else csv_number(machine(value))
    if isinstance(value, str):
        return csv_text(value)  # a municipality '=HYPERLINK(...)' is text, not a formula
    return "" if missing(value) else str(value)


def markdown(blocks: list[Block]) -> str:
    """The blocks as GitHub-flavoured Markdown: headings, pipe tables and lists."""
    lines: list[str] = []
    for block in blocks:
        if block.heading:
            lines += [f"## {_md(block.title)}", ""]
            if block.caption:
                lines += [f"_{_md(block.caption)}_", ""]
            continue
        lines += [f"### {_md(block.title)}", ""]
        if block.header:
            lines.append("| " + " | ".join(_md(h) for h in block.header) + " |")
            lines.append(
                "|"
                + "|".join("---:" if i in block.right else "---" for i in range(len(block.header)))
                + "|"
            )
            for index, row in enumerate(block.rows):
                cells = [_md(cell) for cell in row]
                if index in block.bold or index in block.group_rows:
                    cells = [f"**{cell}**" if cell else cell for cell in cells]
                lines.append("| " + " | ".join(cells) + " |")
            lines.append("")
        lines += [f"- {_md(bullet)}" for bullet in block.bullets]
        if block.bullets:
            lines.append("")
        if block.caption:
            lines += [f"_{_md(block.caption)}_", ""]
    return "\n".join(lines)


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell: no pipes or line breaks, no markup, and
    control characters shown escaped (Markdown is read on a terminal too)."""
    text = escaped(" ".join(str(text).split()))  # a file: whole, never cut
    for char in ("\\", "|", "*", "_", "`", "<", ">", "[", "]"):
        text = text.replace(char, "\\" + char)
    return text


__all__ = ["CSV_TABLES", "frame_records", "markdown", "merge_csv", "merge_xlsx", "summary_json"]
