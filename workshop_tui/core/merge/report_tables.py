"""Two blocks of the human report: the screening table and the per-workshop table."""

from __future__ import annotations

from typing import Any

from workshop_tui.core.formatting import (
    DASH,
    group_label,
    hours_text,
    level_label,
    missing,
    range_text,
)
from workshop_tui.core.frames import rows_of
from workshop_tui.core.i18n import N_, nt, t
from workshop_tui.core.merge.blocks import Block
from workshop_tui.core.merge.counting import INCOMPLETE, NOT_ESTIMATED, STATUS_WORDS
from workshop_tui.core.merge.screening import action_text
from workshop_tui.core.merge.statistics import Summary
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.process.reference import POSITION_WORDS, TOTAL


def screening_block(summary: Summary, lang: str) -> Block:
    """Every screening finding, one row each."""
    block = Block(
        nt(
            "Screening: {n} finding (the rules are in the docs, the analyst's guide)",
            "Screening: {n} findings (the rules are in the docs, the analyst's guide)",
            len(summary.findings),
            lang,
            n=len(summary.findings),
        ),
        header=[
            t("Rule", lang),
            t("Action", lang),
            t("Where", lang),
            t("Detail", lang),
        ],
        caption=t(
            "refused: left out, exit 1; excluded: not counted at that level; "
            "flagged: counted, worth a look.",
            lang,
        ),
    )
    for item in summary.findings:
        where = [item.source, item.session_id[:8], item.municipality, item.process_id]
        where += [item.group_id, item.level, item.activity_id]
        block.rows.append(
            [
                item.rule,
                action_text(item.action, lang),
                " · ".join(w for w in where if w),
                item.detail_text(lang),
            ]
        )
    return block


def workshops_block(
    summary: Summary, process: ProcessDefinition, lang: str, every_level: bool = False
) -> Block:
    """Each workshop's total (or every level) per group, beside the reference and peers."""
    frame = summary.workshops
    frame = frame[frame["process_id"] == process.id]
    if not every_level:
        frame = frame[frame["level"] == TOTAL]
    block = Block(
        t(
            "{name}: each workshop beside the reference and its peers",
            lang,
            name=process.name.in_lang(lang),
        ),
        header=[
            t("Workshop", lang),
            t("Target group", lang),
            t("Level", lang),
            t("Low–high (mid)", lang),
            t("National reference", lang),
            t("vs reference", lang),
            t("Peer median", lang),
            t("vs median", lang),
        ],
        right={3, 4, 6},
        caption=t(
            N_(
                "Totals per workshop and group; every level: --format md, xlsx, "
                "json, or csv --table workshops."
            )
            if not every_level
            else N_("Every workshop, group and level; 'not counted': see the screening."),
            lang,
        ),
    )
    for row in rows_of(frame):
        status = str(row.status)
        block.rows.append(
            [
                row.municipality,
                group_label(process, str(row.group_id), lang),
                level_label(process, str(row.level), lang),
                _own_figures(row, lang),
                range_text(row.ref_low, row.ref_high, lang, 1, half_up=True),
                _position(row.vs_reference, status, lang),
                hours_text(row.peer_median, lang, half_up=True),
                _position(row.vs_peers, status, lang),
            ]
        )
    return block


def _own_figures(row: Any, lang: str) -> str:
    """The workshop's low-high (mid), or why it has none: the rule of counting.py."""
    if row.status == NOT_ESTIMATED:
        return t(STATUS_WORDS[NOT_ESTIMATED], lang)
    own_range = range_text(row.low, row.high, lang, 2, half_up=True)
    own = f"{own_range} ({hours_text(row.mid, lang, half_up=True)})"
    if row.status == INCOMPLETE:
        return own + " " + t("incomplete: a level not estimated", lang)
    return own if bool(row.counted) else own + " " + t("not counted", lang)


def _position(value: object, status: str, lang: str) -> str:
    if status in (NOT_ESTIMATED, INCOMPLETE):
        return t(STATUS_WORDS[status], lang)
    return DASH if missing(value) else t(POSITION_WORDS[str(value)], lang)


__all__ = ["screening_block", "workshops_block"]
