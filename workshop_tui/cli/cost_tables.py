"""The human formats of `workshop-tui cost` (terminal table, Markdown) as merge's Blocks."""

from __future__ import annotations

from typing import Any

import pandas as pd

from workshop_tui.core.costing import MIN_TRUSTED, Costing, CostResult
from workshop_tui.core.costing.texts import BASIS_WORDS, FIGURES_FROM, check_lines
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
from workshop_tui.core.i18n import nt, t
from workshop_tui.core.merge.blocks import Block, with_group_rows
from workshop_tui.core.process.catalogue import Catalogue
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.process.reference import TOTAL


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
        f"{cost_name(costing, cost_id, lang)} {format_number(file.hourly_cost(cost_id), lang)}"
        for cost_id in file.cost_ids()
    )
    blocks = [
        Block(
            nt(
                "What it costs: {n} workshop, costing file {path}",
                "What it costs: {n} workshops, costing file {path}",
                n_workshops,
                lang,
                n=n_workshops,
                path=costing.path.name,
            ),
            heading=True,
            caption=t(
                "Per case = per citizen who receives the intervention. DKK per "
                "hour: {rates} ({prices} prices). Overhead {overhead}. Bootstrap seed {seed}.",
                lang,
                rates=rates,
                prices=str(file.price_year) if file.price_year else t("unstated", lang),
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
    if not costs.functions.empty:
        blocks.append(function_block(costs, costing, catalogue, lang))
    blocks.append(yearly_block(costs, catalogue, lang))
    if not costs.municipalities.empty:
        blocks.append(_municipality_block(costs, costing, lang))
    return blocks


def check_block(costs: CostResult, lang: str) -> Block:
    return Block(t("Published check figures", lang), bullets=check_lines(costs.checks, lang))


def _process_block(process: ProcessDefinition, lines: pd.DataFrame, lang: str) -> Block:
    block = Block(
        process.name.in_lang(lang),
        header=[
            t("Level", lang),
            "n",
            t("Hours low–mid–high", lang),
            t("Mid, 90 % interval", lang),
            t("DKK per case low–mid–high", lang),
            t("Mid, 90 % interval", lang),
        ],
        right={1, 2, 3, 4, 5},
        caption=t(
            "Low and high: the lowest and highest workshop. Mid: the mean of "
            "the workshops' midpoints, with a bootstrap 90 % interval for "
            "that mean (* fewer than {min} workshops: too wide to trust). "
            "Per year: cases a year x the mid.",
            lang,
            min=MIN_TRUSTED,
        ),
    )
    for row in with_group_rows(block, lines, process, lang):
        block.append_row(
            [
                level_label(process, row.level, lang),
                str(row.n_workshops),
                _hours3(row.hours_low, row.hours_mid, row.hours_high, lang),
                _interval(row.hours_ci_low, row.hours_ci_high, lang, 2, row.ci_trusted),
                DASH.join(format_number(v, lang) for v in (row.dkk_low, row.dkk_mid, row.dkk_high)),
                _interval(row.dkk_ci_low, row.dkk_ci_high, lang, 0, row.ci_trusted),
            ],
            bold=row.level == TOTAL,
        )
    return block


def cost_name(costing: Costing, cost_id: str, lang: str) -> str:
    """A function's or role's name as the costing file gives it, else its id."""
    file = costing.file
    named = file.functions.get(cost_id) or file.roles.get(cost_id)
    return named.name.in_lang(lang) if named is not None else cost_id


def function_block(costs: CostResult, costing: Costing, catalogue: Catalogue, lang: str) -> Block:
    """Each total's mid split over the functions that do the work: hours and DKK."""
    functions = costs.functions[costs.functions["level"] == TOTAL]
    order = list(dict.fromkeys(functions["function"]))
    block = Block(
        t("Hours and DKK per case by function (the totals' mid)", lang),
        header=[
            t("Process", lang),
            t("Target group", lang),
            *(cost_name(costing, f, lang) for f in order),
        ],
        right=set(range(2, 2 + len(order))),
        caption=t(
            "Each function's hours cost its average monthly salary plus overhead, "
            "as the source costs staff-years (sections 3.2 and 8.4). An activity "
            "names its function in the process file; the citizen-facing function "
            "where it names none.",
            lang,
        ),
    )
    by_pair = dict(list(functions.groupby(["process_id", "group_id"], sort=False)))
    for process in catalogue:  # in the source's order of processes and groups
        for group_id in process.group_ids:
            lines = by_pair.get((process.id, group_id))
            if lines is not None:
                by_function = {row.function: row for row in rows_of(lines)}
                cells = [_function_cell(by_function.get(f), lang) for f in order]
                block.rows.append(
                    [process.name.in_lang(lang), group_label(process, group_id, lang), *cells]
                )
    return block


def _function_cell(row: Any, lang: str) -> str:
    if row is None:
        return DASH
    return t(
        "{hours} h, DKK {dkk}",
        lang,
        hours=hours_text(row.hours_mid, lang),
        dkk=format_number(row.dkk_mid, lang),
    )


def yearly_block(costs: CostResult, catalogue: Catalogue, lang: str) -> Block:
    """Totals per process and group with a yearly volume: cases, FTE and DKK a year."""
    block = Block(
        t("A year, nationally (the totals' mid x cases a year)", lang),
        header=[
            t("Process", lang),
            t("Target group", lang),
            t("Cases a year", lang),
            t("FTE", lang),
            t("DKK m a year", lang),
            t("Volume", lang),
        ],
        right={2, 3, 4},
        caption=t(
            "Volume: published, derived from published figures, or an "
            "assumption (see the costing file's sources). FTE: hours a year "
            "/ productive hours of the role.",
            lang,
        ),
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
                t(BASIS_WORDS[row.volume_basis], lang),
            ]
        )
    return block


def _municipality_block(costs: CostResult, costing: Costing, lang: str) -> Block:
    block = Block(
        t(
            "Per municipality (volumes from {path})",
            lang,
            path=costing.file.municipality_volumes_csv,
        ),
        header=[
            t("Municipality", lang),
            t("Process", lang),
            t("Target group", lang),
            t("Cases a year", lang),
            t("Figures from", lang),
            t("DKK per case", lang),
            t("FTE", lang),
            t("DKK m a year", lang),
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
                t(FIGURES_FROM[row.figures_from], lang),
                format_number(row.dkk_per_case, lang),
                format_number(row.fte, lang, 1),
                format_millions(row.dkk_per_year, lang),
            ]
        )
    return block
