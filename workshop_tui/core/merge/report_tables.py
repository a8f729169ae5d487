"""Two blocks of the human report: the screening table and the per-workshop table."""

from __future__ import annotations

from workshop_tui.core.formatting import (
    DASH,
    group_label,
    hours_text,
    level_label,
    missing,
    range_text,
)
from workshop_tui.core.frames import rows_of
from workshop_tui.core.i18n import register, t
from workshop_tui.core.merge.blocks import Block
from workshop_tui.core.merge.screening import action_text
from workshop_tui.core.merge.statistics import Summary
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.process.reference import TOTAL

register(
    {
        "merge.screening_title": {
            "en": "Screening: {n} findings (the rules are in the docs, the analyst's guide)",
            "da": "Screening: {n} fund (reglerne står i dokumentationen, analytikerens guide)",
        },
        "merge.screening_caption": {
            "en": "refused: left out, exit 1; excluded: not counted at that level; "
            "flagged: counted, worth a look.",
            "da": "afvist: udeladt, exit 1; udeladt: ikke talt med på det niveau; "
            "markeret: talt med, værd at se på.",
        },
        "merge.col.rule": {"en": "Rule", "da": "Regel"},
        "merge.col.action": {"en": "Action", "da": "Handling"},
        "merge.col.where": {"en": "Where", "da": "Hvor"},
        "merge.col.detail": {"en": "Detail", "da": "Detaljer"},
        "merge.workshops_title": {
            "en": "{name}: each workshop beside the reference and its peers",
            "da": "{name}: hver workshop ift. referencen og de andre workshops",
        },
        "merge.col.workshop": {"en": "Workshop", "da": "Workshop"},
        "merge.workshops_all": {
            "en": "Every workshop, group and level; 'not counted': see the screening.",
            "da": "Hver workshop, målgruppe og niveau; 'ikke talt med': se screeningen.",
        },
        "merge.col.own": {"en": "Low–high (mid)", "da": "Lavt–højt (midt)"},
        "merge.col.vs_reference": {"en": "vs reference", "da": "ift. reference"},
        "merge.col.peer_median": {"en": "Peer median", "da": "Median af workshops"},
        "merge.col.vs_peers": {"en": "vs median", "da": "ift. median"},
        "merge.not_counted": {"en": "not counted", "da": "ikke talt med"},
        "merge.workshops_caption": {
            "en": "Totals per workshop and group; every level: --format md, xlsx, json, or csv "
            "--table workshops.",
            "da": "Samlet pr. workshop og målgruppe; alle niveauer: --format md, xlsx, json eller "
            "csv --table workshops.",
        },
    }
)


def screening_block(summary: Summary, lang: str) -> Block:
    """Every screening finding, one row each."""
    block = Block(
        t("merge.screening_title", lang, n=len(summary.findings)),
        header=[
            t("merge.col.rule", lang),
            t("merge.col.action", lang),
            t("merge.col.where", lang),
            t("merge.col.detail", lang),
        ],
        caption=t("merge.screening_caption", lang),
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
        t("merge.workshops_title", lang, name=process.name.in_lang(lang)),
        header=[
            t("merge.col.workshop", lang),
            t("word.group", lang),
            t("merge.col.level", lang),
            t("merge.col.own", lang),
            t("word.reference", lang),
            t("merge.col.vs_reference", lang),
            t("merge.col.peer_median", lang),
            t("merge.col.vs_peers", lang),
        ],
        right={3, 4, 6},
        caption=t("merge.workshops_caption" if not every_level else "merge.workshops_all", lang),
    )
    for row in rows_of(frame):
        own_range = range_text(row.low, row.high, lang, 2, half_up=True)
        own = f"{own_range} ({hours_text(row.mid, lang, half_up=True)})"
        counted = bool(row.counted)
        block.rows.append(
            [
                row.municipality,
                group_label(process, str(row.group_id), lang),
                level_label(process, str(row.level), lang),
                own if counted else f"{own} {t('merge.not_counted', lang)}",
                range_text(row.ref_low, row.ref_high, lang, 1, half_up=True),
                _position(row.vs_reference, lang),
                hours_text(row.peer_median, lang, half_up=True),
                _position(row.vs_peers, lang),
            ]
        )
    return block


def _position(value: object, lang: str) -> str:
    return DASH if missing(value) else t(f"export.position.{value}", lang)


__all__ = ["screening_block", "workshops_block"]
