"""Native Excel range charts for the merge's workbook, as figure 5.6 draws them.

One sheet ("charts", "Diagrammer" in Danish) holds, per process and target
group, a small table of each level's spread of workshop midpoints (lowest to
highest) and the national reference, and beside it a horizontal bar chart drawn
by Excel itself (so an analyst can restyle or copy it): each level is two
floating bars, like with like: the workshops' midpoints and the published
spread between municipalities (one estimate each). The rooms' own low-high is
their uncertainty, not this kind of range: it stays in the levels sheet. A
floating bar is a stacked bar whose first segment (the low) has no fill, the
usual way to draw a range in Excel; the chart's data stays in the cells beside it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from workshop_tui.core.formatting import group_label, level_label, missing
from workshop_tui.core.i18n import t
from workshop_tui.core.process.catalogue import Catalogue
from workshop_tui.core.process.model import ProcessDefinition

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pandas as pd

if TYPE_CHECKING:  # pragma: no cover - typing only
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet


ROWS_PER_BLOCK_GAP = 3  # empty rows between one group's table and the next
CHART_HEIGHT_CM_PER_BAR = 0.55
WORKSHOP_COLOUR = "2F6DB5"  # the workshops' midpoints: blue
NATIONAL_COLOUR = "A6A6A6"  # the published national range: grey


def add_range_charts(
    workbook: Workbook, levels: pd.DataFrame, catalogue: Catalogue | None, lang: str
) -> Worksheet | None:
    """A sheet of range charts, one per process and group in `levels`; None if empty."""
    from openpyxl.styles import Font

    if levels.empty:
        return None
    sheet: Worksheet = workbook.create_sheet(title=t("charts", lang))
    row = 1
    for (process_id, group_id), frame in levels.groupby(["process_id", "group_id"], sort=False):
        title = _title(str(process_id), str(group_id), catalogue, lang)
        sheet.cell(row=row, column=1, value=title).font = Font(bold=True)
        first = row + 1
        for offset, cells in enumerate(_block_rows(frame, str(process_id), catalogue, lang)):
            for column, value in enumerate(cells, start=1):
                sheet.cell(row=first + offset, column=column, value=value)
        last = first + 2 * len(frame)  # header row plus two bars per level
        _chart(sheet, title, first, last, lang)
        row = last + max(ROWS_PER_BLOCK_GAP, _chart_rows(len(frame)) - (last - first))
    sheet.column_dimensions["A"].width = 34
    return sheet


CHART_COLUMNS = ("chart_bar", "chart_low", "chart_range", "chart_kind")
"""The columns of each chart's table, by id (the codebook's)."""


def _block_rows(
    frame: pd.DataFrame, process_id: str, catalogue: Catalogue | None, lang: str
) -> Iterator[list[Any]]:
    yield t("level;low (h);range (h);kind", lang).split(";")
    for record in frame.to_dict("records"):
        label = level_label(_process(process_id, catalogue), str(record["level"]), lang)
        yield _bar(label, record["min_mid"], record["max_mid"], t("workshop midpoints", lang))
        yield _bar(
            label,
            record["ref_low"],
            record["ref_high"],
            t("published: between municipalities", lang),
        )


def _bar(label: str, low: Any, high: Any, kind: str) -> list[Any]:
    if missing(low) or missing(high):
        return [f"{label} · {kind}", None, None, kind]
    # rounded, so the cell shows 0.75 and not 0.7500000000000001
    return [f"{label} · {kind}", float(low), round(float(high) - float(low), 6), kind]


def _chart(sheet: Worksheet, title: str, header_row: int, last_row: int, lang: str) -> None:
    from openpyxl.chart import BarChart, Reference
    from openpyxl.chart.data_source import AxDataSource, StrRef
    from openpyxl.chart.marker import DataPoint

    chart = BarChart()
    chart.type = "bar"  # horizontal, as figure 5.6
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.title = title
    chart.y_axis.title = t("staff hours per citizen", lang)
    chart.legend = None
    data = Reference(sheet, min_col=2, max_col=3, min_row=header_row, max_row=last_row)
    chart.add_data(data, titles_from_data=True)
    # the labels are text: a string reference, or Excel shows 1, 2, 3 in their place
    labels = f"'{sheet.title}'!$A${header_row + 1}:$A${last_row}"
    for series in chart.series:
        series.cat = AxDataSource(strRef=StrRef(f=labels))
    low, spread = chart.series
    low.graphicalProperties.noFill = True  # the low only lifts the bar: a floating range
    low.graphicalProperties.line.noFill = True
    spread.graphicalProperties.solidFill = WORKSHOP_COLOUR
    for index in range(1, last_row - header_row, 2):  # every second bar is the national one
        point = DataPoint(idx=index)
        point.graphicalProperties.solidFill = NATIONAL_COLOUR
        spread.dPt.append(point)
    chart.x_axis.scaling.orientation = "maxMin"  # level 1 at the top, as in the report
    chart.width = 16
    chart.height = max(6.0, CHART_HEIGHT_CM_PER_BAR * (last_row - header_row) + 3)
    sheet.add_chart(chart, f"F{header_row}")


def _chart_rows(levels: int) -> int:
    """Rows (of 0.5 cm) the chart covers, so the next block starts below it."""
    height_cm = max(6.0, CHART_HEIGHT_CM_PER_BAR * 2 * levels + 3)
    return math.ceil(height_cm / 0.5) + 1


def _title(process_id: str, group_id: str, catalogue: Catalogue | None, lang: str) -> str:
    if catalogue is None or process_id not in catalogue.processes:
        return f"{process_id} · {group_id}"
    process = catalogue.processes[process_id]
    return f"{process.name.in_lang(lang)} · {group_label(process, group_id, lang)}"


def _process(process_id: str, catalogue: Catalogue | None) -> ProcessDefinition | None:
    return catalogue.processes.get(process_id) if catalogue is not None else None
