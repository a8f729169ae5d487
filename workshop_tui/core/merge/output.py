"""The merged result as files: CSV, JSON, XLSX and Markdown (no rich here)."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

from workshop_tui.core.merge.report import Block, missing
from workshop_tui.core.merge.statistics import Summary
from workshop_tui.core.tidy_table import csv_number
from workshop_tui.core.xlsx import add_sheet, new_workbook, workbook_bytes


def frame_records(frame: pd.DataFrame, decimals: int = 6) -> list[dict[str, Any]]:
    """Rows as plain dicts for JSON: NaN/NA as None, floats rounded to strip float noise."""
    return [
        {str(key): _plain(value, decimals) for key, value in row.items()}
        for row in frame.to_dict("records")
    ]


def _plain(value: Any, decimals: int) -> Any:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return round(float(value), decimals)
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
    }


def merge_csv(summary: Summary) -> str:
    """The levels table as CSV with exactly the MERGE_CSV_COLUMNS header, decimal points."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    frame = summary.merge_csv_frame()
    writer.writerow(frame.columns)
    for row in frame.itertuples(index=False):
        writer.writerow([_csv_cell(value) for value in row])
    return buffer.getvalue()


def _csv_cell(value: Any) -> str:
    if isinstance(value, float):
        return "" if math.isnan(value) else csv_number(round(value, 6))
    return str(value)


def merge_xlsx(summary: Summary) -> bytes:
    """Every summary table on its own sheet, columns named as in the JSON."""
    workbook = new_workbook()
    for title, frame in (
        ("levels", summary.levels),
        ("overview", summary.overview),
        ("subprocess_drivers", summary.subprocess_drivers),
        ("activity_drivers", summary.activity_drivers),
        ("local_activities", summary.local_activities),
        ("cost_driver_notes", summary.cost_driver_notes),
        ("sessions", summary.sessions),
    ):
        integer_columns = [
            i
            for i, name in enumerate(frame.columns)
            if name.startswith("n_") or name in ("rank", "subprocess_no")
        ]
        add_sheet(
            workbook,
            title,
            list(frame.columns),
            _sheet_rows(frame),
            integer_columns=integer_columns,
        )
    return workbook_bytes(workbook)


def _sheet_rows(frame: pd.DataFrame) -> Iterator[list[Any]]:
    for row in frame.itertuples(index=False):
        yield [
            None if missing(value) else (value.item() if hasattr(value, "item") else value)
            for value in row
        ]


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
    """Text safe inside a Markdown table cell: no pipes or line breaks, no markup."""
    text = " ".join(str(text).split())
    for char in ("\\", "|", "*", "_", "`", "<", ">", "[", "]"):
        text = text.replace(char, "\\" + char)
    return text


__all__ = ["frame_records", "markdown", "merge_csv", "merge_xlsx", "summary_json"]
