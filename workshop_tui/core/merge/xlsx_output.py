"""The merged result as an XLSX workbook: every table on its own sheet.

In English the sheets and columns are named as in the JSON (snake_case), so
a script can read either. Under --lang da the workbook is for people: Danish
sheet names and headers, the process, group and level names beside their ids,
and shares formatted as per cent. Figures are rounded half up (core/formatting.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from workshop_tui.core.codebook import add_codebook
from workshop_tui.core.formatting import group_label, level_name, machine, missing
from workshop_tui.core.i18n import t
from workshop_tui.core.merge.counting import STATUS_WORDS
from workshop_tui.core.merge.screening import action_text
from workshop_tui.core.merge.skipped import SKIPPED_COLUMNS, SKIPPED_SHEET, add_skipped_sheet
from workshop_tui.core.merge.statistics import MEASURE_WORDS, Summary
from workshop_tui.core.merge.xlsx_charts import CHART_COLUMNS, add_range_charts
from workshop_tui.core.process.catalogue import Catalogue
from workshop_tui.core.process.reference import POSITION_WORDS
from workshop_tui.core.xlsx import add_sheet, new_workbook, workbook_bytes

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pandas as pd

SHEETS_DA = {
    "levels": "Niveauer",
    "overview": "Oversigt",
    "subprocess_drivers": "Delprocesser",
    "activity_drivers": "Aktiviteter",
    "local_activities": "Lokale aktiviteter",
    "cost_driver_notes": "Noter om drivere",
    "sessions": "Workshops",
    "table_2_1": "Tabel 2.1",
    "workshops": "Pr. workshop",
    "screening": "Screening",
    "convergence": "Runder",
    "actual_time": "Tidsforbrug",
    "within_room": "Deltagernes spredning",
}
HEADERS_DA = {
    "process_id": "Proces-id",
    "process_name": "Proces",
    "group_id": "Målgruppe-id",
    "group_name": "Målgruppe",
    "level": "Niveau-id",
    "level_name": "Niveau",
    "n_workshops": "Antal workshops",
    "low": "Lavt (t)",
    "high": "Højt (t)",
    "mid": "Midtpunkt (t)",
    "mean": "Gns. (t)",
    "median": "Median (t)",
    "min_mid": "Laveste midtpunkt (t)",
    "max_mid": "Højeste midtpunkt (t)",
    "ref_low": "Reference lavt (t)",
    "ref_high": "Reference højt (t)",
    "ref_avg": "Reference gns. (t)",
    "n_below": "Under reference",
    "n_within": "Inden for reference",
    "n_above": "Over reference",
    "subprocess_no": "Delproces-nr.",
    "subprocess_name": "Delproces",
    "mean_mid": "Gns. midtpunkt (t)",
    "share_of_mean": "Andel af gns. samlet",
    "spread_share": "Andel af spredning",
    "rank": "Rang",
    "activity_id": "Aktivitets-id",
    "activity_name": "Aktivitet",
    "local": "Tilføjet i lokalet",
    "n_with": "Workshops med aktiviteten",
    "n_time_consuming": "Markeret tidskrævende",
    "n_not_applicable": "Markeret ikke relevant",
    "municipalities": "Kommuner",
    "municipality": "Kommune",
    "session_id": "Session-id",
    "text": "Tekst",
    "workshop_date": "Workshopdato",
    "process_version": "Procesversion",
    "groups": "Målgrupper",
    "participants": "Deltagere",
    "roles": "Roller",
    "completeness": "Udfyldt",
    "format": "Format",
    "source": "Fil",
    "notes": "Noter",
    "measure": "Mål",
    "counted": "Talt med",
    "status": "Skønnet",
    "ref_municipalities": "Reference: antal kommuner",
    "vs_reference": "Ift. reference",
    "peer_median": "Median blandt workshops (t)",
    "vs_peers": "Ift. median",
    "rule": "Regel",
    "action": "Handling",
    "line": "Linje",
    "detail": "Detaljer",
    "mean_change": "Gns. ændring i midtpunkt (t)",
    "mean_width_first": "Gns. bredde 1. runde (t)",
    "mean_width_agreed": "Gns. bredde aftalt (t)",
    "n_figures": "Antal tal",
    "n_workshops_rounds": "Workshops med runder",
    "n_workshops_without": "Workshops uden runder",
    "median_minutes": "Median minutter",
    "median_relative_iqr": "Deltagernes spredning (kvartilbredde / median)",
    "n_cells": "Antal celler",
    "n_rooms": "Rum med deltagere",
    "n_workshops_no_room": "Workshops uden deltagere",
}
SHARE_COLUMNS = ("share_of_mean", "spread_share", "completeness", "median_relative_iqr")


def merge_xlsx(
    summary: Summary,
    catalogue: Catalogue | None = None,
    lang: str = "en",
    skipped: Sequence[Sequence[Any]] = (),
) -> bytes:
    """Every summary table on its own sheet (names and headers in Danish under 'da'),
    what was skipped (core/merge/skipped.py: skipped_rows), the charts and the codebook."""
    workbook = new_workbook()
    danish = lang == "da" and catalogue is not None
    sheets: list[tuple[str, list[str]]] = []
    for name, frame in _tables(summary):
        if danish and catalogue is not None:
            frame = _with_names(frame, catalogue, lang)
        columns = [str(c) for c in frame.columns]
        integer_columns = [
            i
            for i, column in enumerate(columns)
            if column.startswith("n_") or column in ("rank", "subprocess_no", "line")
        ]
        formats = {i: "0%" for i, column in enumerate(columns) if column in SHARE_COLUMNS}
        header = [_header(column, catalogue, lang) for column in columns] if danish else columns
        title = SHEETS_DA[name] if danish else name
        sheets.append((title, columns))
        add_sheet(
            workbook,
            title,
            header,
            _sheet_rows(frame),
            integer_columns=integer_columns,
            formats=formats if danish else None,
        )
    add_skipped_sheet(workbook, skipped, lang)
    sheets.append((SKIPPED_SHEET["da" if lang == "da" else "en"], list(SKIPPED_COLUMNS)))
    charts = add_range_charts(workbook, summary.levels, catalogue, lang)
    header_rows = {}
    if charts is not None:  # each chart's small table: its header under the chart's title
        sheets.append((charts.title, list(CHART_COLUMNS)))
        header_rows[charts.title] = 2
    processes = catalogue.processes if catalogue else ()
    add_codebook(workbook, sheets, lang, processes, header_rows)
    return workbook_bytes(workbook)


def _tables(summary: Summary) -> list[tuple[str, pd.DataFrame]]:
    return [
        ("levels", summary.levels),
        ("overview", summary.overview),
        ("subprocess_drivers", summary.subprocess_drivers),
        ("activity_drivers", summary.activity_drivers),
        ("local_activities", summary.local_activities),
        ("cost_driver_notes", summary.cost_driver_notes),
        ("sessions", summary.sessions),
        ("table_2_1", summary.table_2_1),
        ("workshops", summary.workshops),
        ("screening", summary.screening),
        ("convergence", summary.convergence),
        ("actual_time", summary.actual_time),
        ("within_room", summary.within_room),
    ]


def _header(column: str, catalogue: Catalogue | None, lang: str) -> str:
    if column in HEADERS_DA:
        return HEADERS_DA[column]
    if catalogue is not None and column in catalogue.processes:  # table 2.1's process columns
        return catalogue.processes[column].name.in_lang(lang)
    return column


def _with_names(frame: pd.DataFrame, catalogue: Catalogue, lang: str) -> pd.DataFrame:
    """The frame with process, group and level names inserted beside their ids."""
    frame = frame.copy()
    processes = catalogue.processes

    def process_of(process_id: Any) -> Any:
        return processes.get(str(process_id))

    if "process_id" in frame.columns:
        names = [p.name.in_lang(lang) if (p := process_of(v)) else v for v in frame["process_id"]]
        frame.insert(_after(frame, "process_id"), "process_name", names)
    if "group_id" in frame.columns:
        if "process_id" in frame.columns:
            pairs: Iterable[tuple[Any, Any]] = zip(
                frame["process_id"], frame["group_id"], strict=True
            )
        else:  # table 2.1: a group's name is the same in every process that has it
            pairs = ((_first_process_with(catalogue, g), g) for g in frame["group_id"])
        names = [group_label(p, str(g), lang) if (p := process_of(pid)) else g for pid, g in pairs]
        frame.insert(_after(frame, "group_id"), "group_name", names)
    for column in ("vs_reference", "vs_peers"):
        if column in frame.columns:
            frame[column] = [
                t(POSITION_WORDS[v], lang) if isinstance(v, str) else v for v in frame[column]
            ]
    if "status" in frame.columns:
        frame["status"] = [t(STATUS_WORDS[str(v)], lang) for v in frame["status"]]
    if "action" in frame.columns:
        frame["action"] = [action_text(str(v), lang) for v in frame["action"]]
    if "measure" in frame.columns:  # table 2.1
        frame["measure"] = [t(MEASURE_WORDS[str(m)], lang) for m in frame["measure"]]
    if "level" in frame.columns and "process_id" in frame.columns:
        names = [
            level_name(process_of(pid), str(level), lang)
            for pid, level in zip(frame["process_id"], frame["level"], strict=True)
        ]
        frame.insert(_after(frame, "level"), "level_name", names)
    return frame


def _after(frame: pd.DataFrame, column: str) -> int:
    return list(frame.columns).index(column) + 1


def _first_process_with(catalogue: Catalogue, group_id: Any) -> str:
    return next((p.id for p in catalogue if group_id in p.group_ids), "")


def _sheet_rows(frame: pd.DataFrame) -> Iterator[list[Any]]:
    for row in frame.itertuples(index=False):
        yield [_cell(value) for value in row]


def _cell(value: Any) -> Any:
    if missing(value):
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float):
        return machine(value)
    return value


__all__ = ["HEADERS_DA", "SHEETS_DA", "merge_xlsx"]
