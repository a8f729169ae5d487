"""Blocks of the human report: how the rounds converged, the time per subprocess, and
how far the participants of one room spread."""

from __future__ import annotations

from workshop_tui.core.formatting import hours_text, level_label, percent_text
from workshop_tui.core.frames import rows_of
from workshop_tui.core.i18n import t
from workshop_tui.core.merge.blocks import Block, with_group_rows
from workshop_tui.core.merge.statistics import Summary
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.process.reference import TOTAL
from workshop_tui.core.workshop.agenda import format_minutes


def convergence_block(summary: Summary, process: ProcessDefinition, lang: str) -> Block | None:
    frame = summary.convergence[summary.convergence["process_id"] == process.id]
    if frame.empty:
        return None
    frame = frame.sort_values("group_id", kind="stable", key=lambda g: g.map(_order(process)))
    totals = frame[frame["level"] == TOTAL]
    block = Block(
        t("{name}: first round against agreed figures", lang, name=process.name.in_lang(lang)),
        header=[
            t("Level", lang),
            t("Mean change (mid)", lang),
            t("Width, first", lang),
            t("Width, agreed", lang),
            t("Workshops", lang),
        ],
        right={1, 2, 3, 4},
        caption=t(
            "Means over {rounds} workshops with rounds; {without} without "
            "rounds are left out. Hours as typed, before staff x share.",
            lang,
            rounds=int(totals["n_workshops_rounds"].max()) if len(totals) else 0,
            without=int(frame["n_workshops_without"].iloc[0]),
        ),
    )
    for row in with_group_rows(block, frame, process, lang):
        block.append_row(
            [
                level_label(process, row.level, lang),
                hours_text(row.mean_change, lang, half_up=True),
                hours_text(row.mean_width_first, lang, half_up=True),
                hours_text(row.mean_width_agreed, lang, half_up=True),
                str(row.n_workshops_rounds),
            ],
            bold=row.level == TOTAL,
        )
    return block


def actual_time_block(summary: Summary, process: ProcessDefinition, lang: str) -> Block | None:
    frame = summary.actual_time[summary.actual_time["process_id"] == process.id]
    if frame.empty:
        return None
    block = Block(
        t("{name}: time actually spent per subprocess", lang, name=process.name.in_lang(lang)),
        header=[t("Subprocess", lang), t("Median min", lang), "n"],
        right={1, 2},
        caption=t("Median minutes over the workshops that kept a time log there (n).", lang),
    )
    for row in rows_of(frame):
        block.rows.append(
            [
                level_label(process, str(row.subprocess_no), lang),
                format_minutes(row.median_minutes, lang),
                str(row.n_workshops),
            ]
        )
    return block


def within_room_block(summary: Summary, process: ProcessDefinition, lang: str) -> Block | None:
    frame = summary.within_room[summary.within_room["process_id"] == process.id]
    if frame.empty:
        return None
    frame = frame.sort_values("group_id", kind="stable", key=lambda g: g.map(_order(process)))
    block = Block(
        t("{name}: how far each room's participants spread", lang, name=process.name.in_lang(lang)),
        header=[
            t("Level", lang),
            t("Spread (IQR / median)", lang),
            t("Cells", lang),
            t("Rooms", lang),
        ],
        right={1, 2, 3},
        caption=t(
            "Per cell: the interquartile range of the participants' midpoints over their "
            "median; the median over cells, then over rooms. {without} workshops without "
            "participants' estimates are left out.",
            lang,
            without=int(frame["n_workshops_no_room"].iloc[0]),
        ),
    )
    for row in with_group_rows(block, frame, process, lang):
        block.append_row(
            [
                level_label(process, row.level, lang),
                percent_text(row.median_relative_iqr, lang),
                str(row.n_cells),
                str(row.n_rooms),
            ],
            bold=row.level == TOTAL,
        )
    return block


def _order(process: ProcessDefinition) -> dict[str, int]:
    return {g: i for i, g in enumerate(process.group_ids)}
