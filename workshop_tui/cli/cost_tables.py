"""The human formats of `workshop-tui cost` (terminal table, Markdown) as merge's Blocks."""

from __future__ import annotations

import pandas as pd

from workshop_tui.core import i18n
from workshop_tui.core.costing import MIN_TRUSTED, Costing, CostResult
from workshop_tui.core.costing.texts import check_lines
from workshop_tui.core.formatting import (
    DASH,
    format_millions,
    format_number,
    group_label,
    hours_text,
    level_label,
    range_text,
)
from workshop_tui.core.frames import rows_of
from workshop_tui.core.i18n import t
from workshop_tui.core.merge.blocks import Block, with_group_rows
from workshop_tui.core.process.catalogue import Catalogue
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.process.reference import TOTAL

i18n.register(
    {
        "cost.title": {
            "en": "What it costs: {n} workshops, costing file {path}",
            "da": "Hvad det koster: {n} workshops, omkostningsfil {path}",
        },
        "cost.caption": {
            "en": "Per case = per citizen who receives the intervention. DKK per hour: {rates}. "
            "Overhead {overhead}. Bootstrap seed {seed}.",
            "da": "Pr. sag = pr. person der modtager indsatsen. Kr. pr. time: {rates}. "
            "Overhead {overhead}. Bootstrap-seed {seed}.",
        },
        "cost.col.hours": {"en": "Hours low–mid–high", "da": "Timer lav–midt–høj"},
        "cost.col.interval": {"en": "Mid, 90 % interval", "da": "Midt, 90 %-interval"},
        "cost.col.dkk": {"en": "DKK per case low–mid–high", "da": "Kr. pr. sag lav–midt–høj"},
        "cost.yearly": {
            "en": "A year, nationally (the totals' mid x cases a year)",
            "da": "Et år på landsplan (det samlede midtpunkt x sager om året)",
        },
        "cost.yearly_caption": {
            "en": "Volume: published, derived from published figures, or an assumption "
            "(see the costing file's sources). FTE: hours a year / productive hours of the role.",
            "da": "Volumen: offentliggjort, afledt af offentliggjorte tal eller en antagelse "
            "(se kilderne i omkostningsfilen). Årsværk: timer om året / rollens produktive timer.",
        },
        "cost.col.cases": {"en": "Cases a year", "da": "Sager om året"},
        "cost.col.dkk_case": {"en": "DKK per case", "da": "Kr. pr. sag"},
        "cost.col.fte": {"en": "FTE", "da": "Årsværk"},
        "cost.col.dkk_year": {"en": "DKK m a year", "da": "Mio. kr. om året"},
        "cost.col.basis": {"en": "Volume", "da": "Volumen"},
        "cost.process_caption": {
            "en": "Low and high: the lowest and highest workshop. Mid: the mean of the workshops' "
            "midpoints, with a bootstrap 90 % interval for that mean (* fewer than {min} "
            "workshops: too wide to trust). Per year: cases a year x the mid.",
            "da": "Lav og høj: den laveste og højeste workshop. Midt: gennemsnittet af "
            "workshoppenes midtpunkter med et bootstrap 90 %-interval for gennemsnittet (* færre "
            "end {min} workshops: for bredt til at stole på). Pr. år: sager om året x midt.",
        },
        "cost.municipalities": {
            "en": "Per municipality (volumes from {path})",
            "da": "Pr. kommune (volumener fra {path})",
        },
        "cost.col.from": {"en": "Figures from", "da": "Tal fra"},
        "cost.from.own": {"en": "own workshop(s)", "da": "egne workshops"},
        "cost.from.national": {"en": "national mean", "da": "landsgennemsnit"},
    }
)


def _hours3(low: float, mid: float, high: float, lang: str) -> str:
    return DASH.join(hours_text(v, lang) for v in (low, mid, high))


def _interval(low: float, high: float, lang: str, decimals: int, trusted: bool) -> str:
    """A bootstrap interval, marked where too few workshops make it too wide to trust."""
    text = range_text(low, high, lang, decimals, grouped=True)
    return text if trusted or text == DASH else f"{text} *"


def cost_blocks(
    costs: CostResult, costing: Costing, catalogue: Catalogue, n_workshops: int, lang: str
) -> list[Block]:
    file = costing.file
    rates = ", ".join(
        f"{role.name.in_lang(lang)} {format_number(file.hourly_cost(role_id), lang)}"
        for role_id, role in file.roles.items()
    )
    blocks = [
        Block(
            t("cost.title", lang, n=n_workshops, path=costing.path.name),
            heading=True,
            caption=t(
                "cost.caption",
                lang,
                rates=rates,
                overhead=format_number(file.overhead_share * 100, lang) + " %",
                seed=costs.seed,
            ),
        )
    ]
    blocks.append(check_block(costs, lang))
    for process in catalogue:
        lines = costs.costs[costs.costs["process_id"] == process.id]
        if not lines.empty:
            blocks.append(_process_block(process, lines, lang))
    blocks.append(yearly_block(costs, catalogue, lang))
    if not costs.municipalities.empty:
        blocks.append(_municipality_block(costs, costing, lang))
    return blocks


def check_block(costs: CostResult, lang: str) -> Block:
    return Block(t("cost.checks", lang), bullets=check_lines(costs.checks, lang))


def _process_block(process: ProcessDefinition, lines: pd.DataFrame, lang: str) -> Block:
    block = Block(
        process.name.in_lang(lang),
        header=[
            t("cost.col.level", lang),
            "n",
            t("cost.col.hours", lang),
            t("cost.col.interval", lang),
            t("cost.col.dkk", lang),
            t("cost.col.interval", lang),
        ],
        right={1, 2, 3, 4, 5},
        caption=t("cost.process_caption", lang, min=MIN_TRUSTED),
    )
    for row in with_group_rows(block, lines, process, lang):
        if row.level == TOTAL:
            block.bold.add(len(block.rows))
        block.rows.append(
            [
                level_label(process, row.level, lang),
                str(row.n_workshops),
                _hours3(row.hours_low, row.hours_mid, row.hours_high, lang),
                _interval(row.hours_ci_low, row.hours_ci_high, lang, 2, row.ci_trusted),
                DASH.join(format_number(v, lang) for v in (row.dkk_low, row.dkk_mid, row.dkk_high)),
                _interval(row.dkk_ci_low, row.dkk_ci_high, lang, 0, row.ci_trusted),
            ]
        )
    return block


def yearly_block(costs: CostResult, catalogue: Catalogue, lang: str) -> Block:
    """Totals per process and group with a yearly volume: cases, FTE and DKK a year."""
    block = Block(
        t("cost.yearly", lang),
        header=[
            t("word.process", lang),
            t("word.group", lang),
            t("cost.col.cases", lang),
            t("cost.col.fte", lang),
            t("cost.col.dkk_year", lang),
            t("cost.col.basis", lang),
        ],
        right={2, 3, 4},
        caption=t("cost.yearly_caption", lang),
    )
    totals = costs.costs[(costs.costs["level"] == TOTAL) & costs.costs["cases_per_year"].notna()]
    for row in rows_of(totals):
        process = catalogue.processes[row.process_id]
        block.rows.append(
            [
                process.name.in_lang(lang),
                group_label(process, row.group_id, lang),
                format_number(row.cases_per_year, lang),
                format_number(row.fte, lang, 1),
                format_millions(row.dkk_per_year, lang),
                t(f"basis.{row.volume_basis}", lang),
            ]
        )
    return block


def _municipality_block(costs: CostResult, costing: Costing, lang: str) -> Block:
    block = Block(
        t("cost.municipalities", lang, path=costing.file.municipality_volumes_csv),
        header=[
            t("cost.col.municipality", lang),
            t("word.process", lang),
            t("word.group", lang),
            t("cost.col.cases", lang),
            t("cost.col.from", lang),
            t("cost.col.dkk_case", lang),
            t("cost.col.fte", lang),
            t("cost.col.dkk_year", lang),
        ],
        right={3, 5, 6, 7},
    )
    for row in rows_of(costs.municipalities):
        block.rows.append(
            [
                row.municipality,
                row.process_id,
                row.group_id,
                format_number(row.cases_per_year, lang),
                t(f"cost.from.{row.figures_from}", lang),
                format_number(row.dkk_per_case, lang),
                format_number(row.fte, lang, 1),
                format_millions(row.dkk_per_year, lang),
            ]
        )
    return block
