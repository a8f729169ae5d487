"""The human report's layout: a list of `Block`s that the table and Markdown renderers draw.

Built once here, drawn by cli/merge.py (a rich table) or output.markdown, so
both show the same tables in the chosen language, with Danish decimal commas.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from workshop_tui.core.formatting import (
    DASH,
    group_label,
    hours_text,
    level_label,
    missing,
    percent_text,
    published_text,
    range_text,
)
from workshop_tui.core.frames import rows_of
from workshop_tui.core.i18n import N_, nt, t
from workshop_tui.core.merge.blocks import Block, with_group_rows
from workshop_tui.core.merge.report_rounds import (
    actual_time_block,
    convergence_block,
    within_room_block,
)
from workshop_tui.core.merge.report_tables import screening_block, workshops_block
from workshop_tui.core.merge.result import LoadResult
from workshop_tui.core.merge.skipped import skipped_block
from workshop_tui.core.merge.statistics import MEASURE_WORDS, Summary
from workshop_tui.core.process.catalogue import Catalogue
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.process.reference import TOTAL

if TYPE_CHECKING:  # pragma: no cover - typing only
    pass

TOP_ACTIVITIES = 5  # per process and group in the human formats; xlsx/json hold all


def report_blocks(
    summary: Summary,
    result: LoadResult,
    catalogue: Catalogue,
    lang: str,
    every_level: bool = False,
) -> list[Block]:
    """The whole human report: title, the table-2.1 overview, then each process.

    The per-workshop table shows each workshop's totals, or every level with
    `every_level` (the Markdown document has room for it; a terminal less so).
    """
    unit = t("staff hours per citizen who receives the intervention", lang)
    blocks = [
        Block(
            t(
                "{workshops} merged from {files}",
                lang,
                workshops=nt(
                    "{n} workshop",
                    "{n} workshops",
                    len(result.records),
                    lang,
                    n=len(result.records),
                ),
                files=nt("{n} file", "{n} files", result.files, lang, n=result.files),
            ),
            heading=True,
            caption=unit,
        )
    ]
    if result.problems:
        blocks.append(skipped_block(result.problems, lang, result.anonymised))
    if summary.findings:
        blocks.append(screening_block(summary, lang))
    if not result.records:
        blocks.append(Block(t("No workshops to merge.", lang)))
        return blocks
    blocks.append(_overview_block(summary, catalogue, lang))
    counts = summary.sessions.groupby("process_id").size()
    for process in catalogue:
        if process.id not in counts:
            continue
        name, n = process.name.in_lang(lang), int(counts[process.id])
        blocks.append(
            Block(
                nt("{name}: {n} workshop", "{name}: {n} workshops", n, lang, name=name, n=n),
                heading=True,
            )
        )
        blocks.append(_levels_block(summary, process, lang))
        blocks.append(workshops_block(summary, process, lang, every_level))
        blocks.append(_subprocess_block(summary, process, lang))
        blocks.append(_activity_block(summary, process, lang))
        blocks += _local_and_notes(summary, process, lang, int(counts[process.id]))
        blocks += _rounds_and_time(summary, process, lang)
    return blocks


def _rounds_and_time(summary: Summary, process: ProcessDefinition, lang: str) -> list[Block]:
    found = (
        convergence_block(summary, process, lang),
        actual_time_block(summary, process, lang),
        within_room_block(summary, process, lang),
    )
    return [block for block in found if block is not None]


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
        t("Hours per process and target group (as the source's table 2.1)", lang),
        header=[t("Target group", lang), ""] + [p.name.in_lang(lang) for p in processes],
        right=set(range(2, 2 + len(processes))),
    )
    for group_id, name_of_group in groups:
        for index, (label, show) in enumerate(_OVERVIEW_ROWS):
            row = [name_of_group if index == 0 else "", t(label, lang)]
            for process in processes:
                cell = cells.get((group_id, process.id))
                row.append(DASH if cell is None else show(cell, lang))
            block.rows.append(row)
        block.section_ends.add(len(block.rows) - 1)
    block.caption = t(
        "Like with like: the source's low and high are the spread between "
        "municipalities, one estimate each; beside them the lowest and highest "
        "workshop midpoint of the total and their mean. The rooms' own low–high "
        "is in each process's table. {unit}.",
        lang,
        unit=t("staff hours per citizen who receives the intervention", lang),
    )
    return block


def _published_cell(cell: Any, lang: str) -> str:
    return published_text(cell.ref_low, cell.ref_high, cell.ref_avg, cell.ref_municipalities, lang)


_OVERVIEW_ROWS: tuple[tuple[str, Callable[[Any, str], str]], ...] = (
    (MEASURE_WORDS["n_workshops"], lambda cell, lang: str(int(cell.n_workshops))),
    (
        MEASURE_WORDS["min_mid"],
        lambda cell, lang: hours_text(cell.min_mid, lang, 1, half_up=True),
    ),
    (
        MEASURE_WORDS["max_mid"],
        lambda cell, lang: hours_text(cell.max_mid, lang, 1, half_up=True),
    ),
    (MEASURE_WORDS["mean"], lambda cell, lang: hours_text(cell.mean, lang, 1, half_up=True)),
    (N_("Published range"), _published_cell),
)
"""Table 2.1's rows per target group: a label and how a cell shows it."""


def _levels_block(summary: Summary, process: ProcessDefinition, lang: str) -> Block:
    levels = summary.levels[summary.levels["process_id"] == process.id]
    block = Block(
        process.name.in_lang(lang),
        header=[
            t("Level", lang),
            t("n", lang),
            t("Rooms' range", lang),
            t("Mean", lang),
            t("Median", lang),
            t("Workshop midpoints min–max", lang),
            t("National reference", lang),
            t("Below/ within/ above", lang),
        ],
        right={1, 2, 3, 4, 5, 6, 7},
        caption=t(
            "Rooms' range: the lowest low and the highest high the rooms gave, "
            "their own uncertainty. The national reference is the spread between "
            "municipalities, one estimate each: it compares with the workshop "
            "midpoints. Below / within / above: workshops whose midpoint lies "
            "below, within or above it. {unit}.",
            lang,
            unit=t("staff hours per citizen who receives the intervention", lang),
        ),
    )
    caveats = _caveats(process, lang)
    if caveats:
        block.caption += " " + caveats
    for row in with_group_rows(block, levels, process, lang):
        reference = published_text(
            row.ref_low, row.ref_high, row.ref_avg, process.reference.municipalities, lang
        )
        position = DASH if missing(row.n_below) else f"{row.n_below}/{row.n_within}/{row.n_above}"
        block.append_row(
            [
                level_label(process, row.level, lang),
                str(row.n_workshops),
                range_text(row.low, row.high, lang, 2, half_up=True),
                hours_text(row.mean, lang, half_up=True),
                hours_text(row.median, lang, half_up=True),
                range_text(row.min_mid, row.max_mid, lang, 2, half_up=True),
                reference,
                position,
            ],
            bold=row.level == TOTAL,
        )
    return block


def _caveats(process: ProcessDefinition, lang: str) -> str:
    """The source's caveats on the process's figures, each once, naming its groups."""
    texts = [caveat.in_lang(lang) for caveat in process.reference.caveats]
    by_text: dict[str, list[str]] = {}
    for ref in process.reference.groups:
        for caveat in ref.caveats:
            groups = by_text.setdefault(caveat.in_lang(lang), [])
            groups.append(group_label(process, ref.group, lang))
    texts += [f"{text} ({', '.join(groups)})" for text, groups in by_text.items()]
    return " ".join(text.rstrip(".") + "." for text in texts)


def _subprocess_block(summary: Summary, process: ProcessDefinition, lang: str) -> Block:
    drivers = summary.subprocess_drivers[summary.subprocess_drivers["process_id"] == process.id]
    name = process.name.in_lang(lang)
    block = Block(
        t("{name}: what carries the hours and the spread, per subprocess", lang, name=name),
        header=[
            t("#", lang),
            t("Subprocess", lang),
            t("Mean", lang),
            t("Share of mean total", lang),
            t("Share of spread", lang),
        ],
        right={3, 4, 2},
        caption=t(
            "Share of spread = the part's covariance with the total over the "
            "workshops / the variance of the total; the parts add up to 100 "
            "%.",
            lang,
        ),
    )
    for row in with_group_rows(block, drivers, process, lang):
        block.rows.append(
            [
                str(row.rank),
                level_label(process, str(row.subprocess_no), lang),
                hours_text(row.mean_mid, lang, half_up=True),
                percent_text(row.share_of_mean, lang),
                percent_text(row.spread_share, lang),
            ]
        )
    return block


def _activity_block(summary: Summary, process: ProcessDefinition, lang: str) -> Block:
    drivers = summary.activity_drivers[
        (summary.activity_drivers["process_id"] == process.id)
        & (summary.activity_drivers["rank"] <= TOP_ACTIVITIES)
    ]
    block = Block(
        t(
            "{name}: the {top} activities that explain most of the spread between workshops",
            lang,
            name=process.name.in_lang(lang),
            top=TOP_ACTIVITIES,
        ),
        header=[
            t("#", lang),
            t("Activity", lang),
            t("Subpr.", lang),
            t("Mean", lang),
            t("Share of mean total", lang),
            t("Share of spread", lang),
            t("Time-consuming", lang),
            t("Not applicable", lang),
        ],
        right={2, 3, 4, 5, 6, 7},
        caption=t(
            "* added in the room. Time-consuming and not applicable: "
            "workshops that marked it / workshops. Every activity: --format "
            "xlsx or json.",
            lang,
        ),
    )
    for row in with_group_rows(block, drivers, process, lang):
        block.rows.append(
            [
                str(row.rank),
                row.activity_name + (" *" if row.local else ""),
                str(row.subprocess_no),
                hours_text(row.mean_mid, lang, half_up=True),
                percent_text(row.share_of_mean, lang),
                percent_text(row.spread_share, lang),
                f"{row.n_time_consuming}/{row.n_workshops}",
                f"{row.n_not_applicable}/{row.n_workshops}",
            ]
        )
    return block


def _local_and_notes(
    summary: Summary, process: ProcessDefinition, lang: str, total: int
) -> list[Block]:
    name = process.name.in_lang(lang)
    blocks = []
    local = summary.local_activities[summary.local_activities["process_id"] == process.id]
    if not local.empty:
        blocks.append(
            Block(
                t("{name}: activities the rooms added", lang, name=name),
                bullets=[
                    t(
                        "{sub} {subname}: {activity} ({n} of {total} workshops: {where})",
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
                t("{name}: cost-driver notes from the rooms", lang, name=name),
                bullets=[
                    f"{row.subprocess_no} {row.subprocess_name} · {row.municipality}: "
                    f"{' '.join(row.text.split())}"
                    for row in rows_of(notes)
                ],
            )
        )
    return blocks


__all__ = ["TOP_ACTIVITIES", "report_blocks"]
