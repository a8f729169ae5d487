"""Two blocks of the human report: how the rounds converged, and the time per subprocess."""

from __future__ import annotations

from workshop_tui.core.formatting import hours_text, level_label
from workshop_tui.core.frames import rows_of
from workshop_tui.core.i18n import register, t
from workshop_tui.core.merge.blocks import Block, with_group_rows
from workshop_tui.core.merge.statistics import Summary
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.process.reference import TOTAL
from workshop_tui.core.workshop.agenda import format_minutes

register(
    {
        "merge.convergence_title": {
            "en": "{name}: first round against agreed figures",
            "da": "{name}: første runde mod de aftalte tal",
        },
        "merge.convergence_caption": {
            "en": "Means over {rounds} workshops with rounds; {without} without rounds are "
            "left out. Hours as typed, before staff x share.",
            "da": "Gennemsnit over {rounds} workshops med runder; {without} uden runder er "
            "udeladt. Timer som indtastet, før medarbejdere x andel.",
        },
        "merge.col.change": {"en": "Mean change (mid)", "da": "Gns. ændring (midt)"},
        "merge.col.width_first": {"en": "Width, first", "da": "Bredde, 1. runde"},
        "merge.col.width_agreed": {"en": "Width, agreed", "da": "Bredde, aftalt"},
        "merge.col.n_rounds": {"en": "Workshops", "da": "Workshops"},
        "merge.actual_title": {
            "en": "{name}: time actually spent per subprocess",
            "da": "{name}: tid brugt pr. delproces",
        },
        "merge.actual_caption": {
            "en": "Median minutes over the workshops that kept a time log there (n).",
            "da": "Median i minutter over de workshops, der registrerede tid der (n).",
        },
        "merge.col.subprocess": {"en": "Subprocess", "da": "Delproces"},
        "merge.col.median_minutes": {"en": "Median min", "da": "Median min"},
    }
)


def convergence_block(summary: Summary, process: ProcessDefinition, lang: str) -> Block | None:
    frame = summary.convergence[summary.convergence["process_id"] == process.id]
    if frame.empty:
        return None
    frame = frame.sort_values("group_id", kind="stable", key=lambda g: g.map(_order(process)))
    totals = frame[frame["level"] == TOTAL]
    block = Block(
        t("merge.convergence_title", lang, name=process.name.in_lang(lang)),
        header=[
            t("merge.col.level", lang),
            t("merge.col.change", lang),
            t("merge.col.width_first", lang),
            t("merge.col.width_agreed", lang),
            t("merge.col.n_rounds", lang),
        ],
        right={1, 2, 3, 4},
        caption=t(
            "merge.convergence_caption",
            lang,
            rounds=int(totals["n_workshops_rounds"].max()) if len(totals) else 0,
            without=int(frame["n_workshops_without"].iloc[0]),
        ),
    )
    for row in with_group_rows(block, frame, process, lang):
        if row.level == TOTAL:
            block.bold.add(len(block.rows))
        block.rows.append(
            [
                level_label(process, row.level, lang),
                hours_text(row.mean_change, lang, half_up=True),
                hours_text(row.mean_width_first, lang, half_up=True),
                hours_text(row.mean_width_agreed, lang, half_up=True),
                str(row.n_workshops_rounds),
            ]
        )
    return block


def actual_time_block(summary: Summary, process: ProcessDefinition, lang: str) -> Block | None:
    frame = summary.actual_time[summary.actual_time["process_id"] == process.id]
    if frame.empty:
        return None
    block = Block(
        t("merge.actual_title", lang, name=process.name.in_lang(lang)),
        header=[t("merge.col.subprocess", lang), t("merge.col.median_minutes", lang), "n"],
        right={1, 2},
        caption=t("merge.actual_caption", lang),
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


def _order(process: ProcessDefinition) -> dict[str, int]:
    return {g: i for i, g in enumerate(process.group_ids)}
