"""The human report's layout: a list of `Block`s that the table and Markdown renderers draw.

Built once here, drawn by cli/merge.py (a rich table) or output.markdown, so
both show the same tables in the chosen language, with Danish decimal commas.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from workshop_tui.core import i18n
from workshop_tui.core.catalogue import Catalogue
from workshop_tui.core.exports import group_name
from workshop_tui.core.hours import format_hours, format_range
from workshop_tui.core.i18n import t
from workshop_tui.core.merge.result import LoadResult
from workshop_tui.core.merge.statistics import Summary
from workshop_tui.core.models import ProcessDefinition
from workshop_tui.core.numbers import format_percent
from workshop_tui.core.reference import TOTAL

TOP_ACTIVITIES = 5  # per process and group in the human formats; xlsx/json hold all


i18n.register(
    {
        "merge.title": {
            "en": "{n} workshops merged from {files} files",
            "da": "{n} workshops samlet fra {files} filer",
        },
        "merge.overview": {
            "en": "Hours per process and target group (as the source's table 2.1)",
            "da": "Timeforbrug pr. nøgleproces og målgruppe (som kildens tabel 2.1)",
        },
        "merge.process_title": {"en": "{name}: {n} workshops", "da": "{name}: {n} workshops"},
        "merge.col.n": {"en": "n", "da": "n"},
        "merge.col.range": {"en": "Low–high", "da": "Lavt–højt"},
        "merge.col.mean": {"en": "Mean", "da": "Gns."},
        "merge.col.median": {"en": "Median", "da": "Median"},
        "merge.col.mids": {"en": "Midpoints min–max", "da": "Midtpunkter min–maks"},
        "merge.col.position": {"en": "Below/ within/ above", "da": "Under/ inden for/ over"},
        "merge.col.share_mean": {"en": "Share of mean total", "da": "Andel af gns. samlet"},
        "merge.col.share_spread": {"en": "Share of spread", "da": "Andel af spredning"},
        "merge.col.rank": {"en": "#", "da": "#"},
        "merge.col.time_consuming": {"en": "Time-consuming", "da": "Tidskrævende"},
        "merge.col.not_applicable": {"en": "Not applicable", "da": "Ikke relevant"},
        "merge.col.level": {"en": "Level", "da": "Niveau"},
        "merge.col.sub": {"en": "Subpr.", "da": "Delpr."},
        "merge.drivers_sub": {
            "en": "{name}: what carries the hours and the spread, per subprocess",
            "da": "{name}: hvad bærer timerne og spredningen, pr. delproces",
        },
        "merge.drivers_act": {
            "en": "{name}: the {top} activities that explain most of the spread between workshops",
            "da": "{name}: de {top} aktiviteter der forklarer mest af spredningen mellem workshops",
        },
        "merge.local": {
            "en": "{name}: activities the rooms added",
            "da": "{name}: aktiviteter tilføjet i lokalerne",
        },
        "merge.local_item": {
            "en": "{sub} {subname}: {activity} ({n} of {total} workshops: {where})",
            "da": "{sub} {subname}: {activity} ({n} af {total} workshops: {where})",
        },
        "merge.notes": {
            "en": "{name}: cost-driver notes from the rooms",
            "da": "{name}: noter om omkostningsdrivere fra lokalerne",
        },
        "merge.spread_caption": {
            "en": "Share of spread = the part's covariance with the total over the workshops / the "
            "variance of the total; the parts add up to 100 %.",
            "da": "Andel af spredning = delens kovarians med det samlede tal hen over workshops / "
            "variansen af det samlede tal; delene summerer til 100 %.",
        },
        "merge.ref_caption": {
            "en": "Below / within / above: workshops whose midpoint lies below, within or "
            "above the national reference range. {unit}.",
            "da": "Under / inden for / over: workshops hvis midtpunkt ligger under, inden for "
            "eller over landsreferencens interval. {unit}.",
        },
        "merge.none": {"en": "No workshops to merge.", "da": "Ingen workshops at samle."},
        "merge.activity_caption": {
            "en": "* added in the room. Time-consuming and not applicable: workshops that marked "
            "it / workshops. Every activity: --format xlsx or json.",
            "da": "* tilføjet i lokalet. Tidskrævende og ikke relevant: workshops der markerede "
            "den / workshops. Alle aktiviteter: --format xlsx eller json.",
        },
    }
)


def missing(value: object) -> bool:
    """None, NA or NaN: shown as a dash, written as an empty cell."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def rows_of(frame: pd.DataFrame) -> Iterator[Any]:
    """The frame's rows as named tuples (typed loosely: pandas types each cell as any scalar)."""
    return frame.itertuples(index=False)


@dataclass
class Block:
    """A titled table (or list) both human renderers draw the same way."""

    title: str
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    right: set[int] = field(default_factory=set)  # right-aligned columns
    bold: set[int] = field(default_factory=set)  # rows in bold (totals)
    group_rows: set[int] = field(default_factory=set)  # a target group's name, as a heading
    section_ends: set[int] = field(default_factory=set)
    bullets: list[str] = field(default_factory=list)
    caption: str = ""
    heading: bool = False  # a process heading rather than a table


def report_blocks(
    summary: Summary, result: LoadResult, catalogue: Catalogue, lang: str
) -> list[Block]:
    """The whole human report: title, the table-2.1 overview, then each process."""
    unit = t("unit.hours_per_citizen", lang)
    blocks = [
        Block(
            t("merge.title", lang, n=len(result.records), files=result.files),
            heading=True,
            caption=unit,
        )
    ]
    if not result.records:
        blocks.append(Block(t("merge.none", lang)))
        return blocks
    blocks.append(_overview_block(summary, catalogue, lang))
    counts = summary.sessions.groupby("process_id").size()
    for process in catalogue:
        if process.id not in counts:
            continue
        name = process.name.in_lang(lang)
        blocks.append(
            Block(
                t("merge.process_title", lang, name=name, n=int(counts[process.id])), heading=True
            )
        )
        blocks.append(_levels_block(summary, process, lang))
        blocks.append(_subprocess_block(summary, process, lang))
        blocks.append(_activity_block(summary, process, lang))
        blocks += _local_and_notes(summary, process, lang, int(counts[process.id]))
    return blocks


def _hours(value: Any, lang: str) -> str:
    return "–" if missing(value) else format_hours(float(value), lang, 2, trim=False)


def _percent(value: Any, lang: str) -> str:
    if missing(value):
        return "–"
    return format_percent(float(value), lang)


def _level_label(process: ProcessDefinition, level: str, lang: str) -> str:
    if level == TOTAL:
        return t("word.total", lang)
    number = int(level)
    return f"{number} {process.subprocesses[number - 1].name.in_lang(lang)}"


def _overview_block(summary: Summary, catalogue: Catalogue, lang: str) -> Block:
    overview = summary.overview
    processes = [p for p in catalogue if p.id in set(overview["process_id"])]
    groups: list[tuple[str, str]] = []
    for process in processes:
        for group in process.groups:
            if (
                group.id not in [g for g, _ in groups]
                and (
                    (overview["process_id"] == process.id) & (overview["group_id"] == group.id)
                ).any()
            ):
                groups.append((group.id, group.name.in_lang(lang)))
    cells = {(r.group_id, r.process_id): r for r in overview.itertuples(index=False)}
    block = Block(
        t("merge.overview", lang),
        header=[t("word.group", lang), ""] + [p.name.in_lang(lang) for p in processes],
        right=set(range(2, 2 + len(processes))),
    )
    for group_id, name_of_group in groups:
        for index, (label, column) in enumerate(
            (("word.low", "low"), ("word.high", "high"), ("word.avg", "mean"))
        ):
            row = [name_of_group if index == 0 else "", t(label, lang)]
            for process in processes:
                cell = cells.get((group_id, process.id))
                row.append(
                    "–"
                    if cell is None
                    else format_hours(float(getattr(cell, column)), lang, 1, trim=False)
                )
            block.rows.append(row)
        block.section_ends.add(len(block.rows) - 1)
    block.caption = t("unit.hours_per_citizen", lang)
    return block


def _levels_block(summary: Summary, process: ProcessDefinition, lang: str) -> Block:
    levels = summary.levels[summary.levels["process_id"] == process.id]
    block = Block(
        process.name.in_lang(lang),
        header=[
            t("merge.col.level", lang),
            t("merge.col.n", lang),
            t("merge.col.range", lang),
            t("merge.col.mean", lang),
            t("merge.col.median", lang),
            t("merge.col.mids", lang),
            t("word.reference", lang),
            t("merge.col.position", lang),
        ],
        right={1, 2, 3, 4, 5, 6, 7},
        caption=t("merge.ref_caption", lang, unit=t("unit.hours_per_citizen", lang)),
    )
    for row in _with_group_rows(block, levels, process, lang):
        reference = "–"
        if not missing(row.ref_low):
            reference = format_range(row.ref_low, row.ref_high, lang)
            if not missing(row.ref_avg):
                average = format_hours(row.ref_avg, lang, 1, trim=False)
                reference += f" ({t('word.avg', lang).lower()} {average})"
        position = "–" if missing(row.n_below) else f"{row.n_below}/{row.n_within}/{row.n_above}"
        if row.level == TOTAL:
            block.bold.add(len(block.rows))
        block.rows.append(
            [
                _level_label(process, row.level, lang),
                str(row.n_workshops),
                format_range(row.low, row.high, lang, 2),
                _hours(row.mean, lang),
                _hours(row.median, lang),
                format_range(row.min_mid, row.max_mid, lang, 2),
                reference,
                position,
            ]
        )
    return block


def _subprocess_block(summary: Summary, process: ProcessDefinition, lang: str) -> Block:
    drivers = summary.subprocess_drivers[summary.subprocess_drivers["process_id"] == process.id]
    name = process.name.in_lang(lang)
    block = Block(
        t("merge.drivers_sub", lang, name=name),
        header=[
            t("merge.col.rank", lang),
            t("word.subprocess", lang),
            t("merge.col.mean", lang),
            t("merge.col.share_mean", lang),
            t("merge.col.share_spread", lang),
        ],
        right={3, 4, 2},
        caption=t("merge.spread_caption", lang),
    )
    for row in _with_group_rows(block, drivers, process, lang):
        block.rows.append(
            [
                str(row.rank),
                _level_label(process, str(row.subprocess_no), lang),
                _hours(row.mean_mid, lang),
                _percent(row.share_of_mean, lang),
                _percent(row.spread_share, lang),
            ]
        )
    return block


def _activity_block(summary: Summary, process: ProcessDefinition, lang: str) -> Block:
    drivers = summary.activity_drivers[
        (summary.activity_drivers["process_id"] == process.id)
        & (summary.activity_drivers["rank"] <= TOP_ACTIVITIES)
    ]
    block = Block(
        t("merge.drivers_act", lang, name=process.name.in_lang(lang), top=TOP_ACTIVITIES),
        header=[
            t("merge.col.rank", lang),
            t("word.activity", lang),
            t("merge.col.sub", lang),
            t("merge.col.mean", lang),
            t("merge.col.share_mean", lang),
            t("merge.col.share_spread", lang),
            t("merge.col.time_consuming", lang),
            t("merge.col.not_applicable", lang),
        ],
        right={2, 3, 4, 5, 6, 7},
        caption=t("merge.activity_caption", lang),
    )
    for row in _with_group_rows(block, drivers, process, lang):
        block.rows.append(
            [
                str(row.rank),
                row.activity_name + (" *" if row.local else ""),
                str(row.subprocess_no),
                _hours(row.mean_mid, lang),
                _percent(row.share_of_mean, lang),
                _percent(row.spread_share, lang),
                f"{row.n_time_consuming}/{row.n_workshops}",
                f"{row.n_not_applicable}/{row.n_workshops}",
            ]
        )
    return block


def _with_group_rows(
    block: Block, frame: pd.DataFrame, process: ProcessDefinition, lang: str
) -> Iterator[Any]:
    """The frame's rows, with a heading row (the group's name) before each group."""
    previous: str | None = None
    for row in frame.itertuples(index=False):
        group_id = str(row.group_id)
        if group_id != previous:
            if previous is not None:
                block.section_ends.add(len(block.rows) - 1)
            block.group_rows.add(len(block.rows))
            heading = [""] * len(block.header)
            heading[1 if block.header[0] == t("merge.col.rank", lang) else 0] = group_name(
                process, group_id, lang
            )
            block.rows.append(heading)
            previous = group_id
        yield row


def _local_and_notes(
    summary: Summary, process: ProcessDefinition, lang: str, total: int
) -> list[Block]:
    name = process.name.in_lang(lang)
    blocks = []
    local = summary.local_activities[summary.local_activities["process_id"] == process.id]
    if not local.empty:
        blocks.append(
            Block(
                t("merge.local", lang, name=name),
                bullets=[
                    t(
                        "merge.local_item",
                        lang,
                        sub=row.subprocess_no,
                        subname=process.subprocesses[row.subprocess_no - 1].name.in_lang(lang),
                        activity=row.activity_name,
                        n=row.n_workshops,
                        total=total,
                        where=row.municipalities,
                    )
                    for row in rows_of(local)
                ],
            )
        )
    notes = summary.cost_driver_notes[summary.cost_driver_notes["process_id"] == process.id]
    if not notes.empty:
        blocks.append(
            Block(
                t("merge.notes", lang, name=name),
                bullets=[
                    f"{row.subprocess_no} {row.subprocess_name} · {row.municipality}: "
                    f"{' '.join(row.text.split())}"
                    for row in rows_of(notes)
                ],
            )
        )
    return blocks


__all__ = ["TOP_ACTIVITIES", "Block", "missing", "report_blocks", "rows_of"]
