"""`workshop-tui cost PATH... [--costing FILE] [--format table|csv|md|json|xlsx] [--out FILE]`.

Loads exports as `merge` does, turns the hours into kroner, FTE and yearly
totals with the costing file (the bundled default unless --costing), and prints
a line per published check figure. Skipped files go to standard error as in
merge; the exit code is 1 when anything was skipped, 2 for a broken costing file.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from rich.console import Console

from workshop_tui.cli.cost_tables import cost_blocks
from workshop_tui.cli.merge import plain_text, print_blocks
from workshop_tui.cli.output import safe, write_output
from workshop_tui.core.codebook import add_codebook
from workshop_tui.core.costing import (
    COST_COLUMNS,
    Costing,
    CostResult,
    compute_costs,
    load_costing,
)
from workshop_tui.core.costing.from_merge import costs_from_merge, is_merge_json, read_merge_json
from workshop_tui.core.costing.texts import check_lines
from workshop_tui.core.csv_dialect import DEFAULT_DIALECT, csv_bytes, write_csv
from workshop_tui.core.errors import WorkshopError
from workshop_tui.core.exports import csv_number
from workshop_tui.core.formatting import missing
from workshop_tui.core.i18n import t
from workshop_tui.core.merge import LoadResult, Summary, anonymise, load_exports, summarise
from workshop_tui.core.merge.blocks import Block
from workshop_tui.core.merge.output import markdown
from workshop_tui.core.merge.skipped import (
    SKIPPED_COLUMNS,
    SKIPPED_SHEET,
    add_skipped_sheet,
    skipped_block,
    skipped_csv,
    skipped_records,
    skipped_rows,
)
from workshop_tui.core.process.catalogue import Catalogue, load_catalogue
from workshop_tui.core.xlsx import add_sheet, new_workbook, workbook_bytes

FORMATS = ("table", "csv", "md", "json", "xlsx")


@dataclass
class Loaded:
    """Everything cost and report compute from: the exports, merged and costed."""

    catalogue: Catalogue
    costing: Costing
    result: LoadResult
    summary: Summary
    costs: CostResult


def load_and_cost(args: argparse.Namespace) -> Loaded:
    """The catalogue, the costing file (checked first: a broken one stops with exit 2),
    the exports (skipped files reported on standard error) and the costs."""
    catalogue = load_catalogue(args.processes, args.lang)
    costing = load_costing(args.costing, catalogue)
    result = load_exports(args.paths, catalogue, args.lang)
    if args.anonymise:
        result = anonymise(result, args.lang)
    _report_skipped(result, args.lang)
    summary = summarise(result, catalogue, args.lang)
    costs = compute_costs(result, summary, costing, args.seed)
    return Loaded(catalogue, costing, result, summary, costs)


def _report_skipped(result: LoadResult, lang: str) -> None:
    if result.problems:
        console = Console(stderr=True, soft_wrap=True)
        skipped = t("Skipped ({n}):", lang, n=len(result.problems))
        console.print(f"[bold red]{safe(skipped)}[/]")
        for problem in result.problems:
            console.print(f"  [red]✗[/] {safe(str(problem))}")


def merge_input(paths: list[Path], lang: str) -> Path | None:
    """The one merge JSON named instead of exports, or None; a mix is refused."""
    merges = [Path(p) for p in paths if is_merge_json(Path(p))]
    if merges and len(paths) > 1:
        raise WorkshopError(
            t("One merge at a time", lang),
            detail=t(
                "Give either exports (files and folders) or one merge's JSON, "
                "not both: merges cannot be combined without their workshops",
                lang,
            ),
        )
    return merges[0] if merges else None


def run(args: argparse.Namespace) -> int:
    lang, out = args.lang, args.out
    if args.format == "xlsx" and out is None and sys.stdout.isatty():
        raise WorkshopError(t("XLSX cannot be written to a terminal; give --out FILE", lang))
    merge_file = merge_input(args.paths, lang)
    if merge_file is not None:
        catalogue = load_catalogue(args.processes, args.lang)
        costing = load_costing(args.costing, catalogue)
        data = read_merge_json(merge_file)
        costs = costs_from_merge(data, costing, args.seed)
        note = Block(
            t("From a merge", lang),
            bullets=[
                t(
                    "Costed from a merge's JSON, not the exports: no bootstrap "
                    "intervals (they need the single workshops); DKK low and high at "
                    "each level's average hourly rate; municipalities at the "
                    "national mean.",
                    lang,
                )
            ],
        )
        _output(args, costs, costing, catalogue, int(data.get("n_workshops", 0)), [note])
        return 0
    loaded = load_and_cost(args)
    if not loaded.result.records:
        Console(stderr=True).print(safe(t("No workshops to cost.", lang)))
        return 1
    _output(
        args,
        loaded.costs,
        loaded.costing,
        loaded.catalogue,
        len(loaded.result.records),
        skipped=loaded.result,
    )
    return 1 if loaded.result.problems else 0


def _output(
    args: argparse.Namespace,
    costs: CostResult,
    costing: Costing,
    catalogue: Catalogue,
    n_workshops: int,
    notes: list[Block] | None = None,
    skipped: LoadResult | None = None,
) -> None:
    """`skipped`: the load whose skipped files and sessions every format lists."""
    lang, out = args.lang, args.out
    problems = skipped.problems if skipped else []
    anonymised = bool(skipped and skipped.anonymised)
    rows = skipped_rows(problems, anonymised)
    if args.format not in ("table", "md"):
        # the check figures reach a person even when standard output goes to a file
        for line in check_lines(costs.checks, lang):
            Console(stderr=True, soft_wrap=True).print(f"• {safe(line)}")
    blocks = cost_blocks(costs, costing, catalogue, n_workshops, lang)
    blocks[1:1] = [*(notes or []), *([skipped_block(problems, lang, anonymised)] if rows else [])]
    if args.format == "table" and out is None:
        print_blocks(blocks)
        return
    data = {
        "table": lambda: plain_text(blocks).encode("utf-8"),
        "md": lambda: markdown(blocks).encode("utf-8"),
        "csv": lambda: csv_bytes(
            skipped_csv(rows, args.csv_dialect)
            if getattr(args, "table", "costs") == "skipped"
            else cost_csv(
                costs.costs, costs.functions, list(costing.file.functions), args.csv_dialect
            ),
            args.csv_dialect,
        ),
        "json": lambda: cost_json_bytes(costing, costs, skipped_records(problems, anonymised)),
        "xlsx": lambda: cost_xlsx(costs, lang, rows),
    }[args.format]()
    write_output(data, out, lang)


def cost_csv(
    costs: pd.DataFrame,
    functions: pd.DataFrame | None = None,
    known: list[str] | None = None,
    dialect: str = DEFAULT_DIALECT,
) -> str:
    """COST_COLUMNS, then each function's hours and DKK per case at the mid
    (hours_mid_<function>, dkk_mid_<function>): every function the costing file
    knows, in its order, then any other the activities name; empty cells for missing
    figures (`dialect`: core/csv_dialect.py)."""
    wide = _functions_wide(costs, functions, known or [])
    rows = ([_cell(value) for value in row] for row in wide.itertuples(index=False))
    return write_csv([[str(name) for name in wide.columns], *rows], dialect)


def _functions_wide(
    costs: pd.DataFrame, functions: pd.DataFrame | None, known: list[str]
) -> pd.DataFrame:
    """The costs table with a pair of columns per function (0 where it does nothing)."""
    table = costs.loc[:, list(COST_COLUMNS)]
    if functions is None or functions.empty:
        return table
    keys = ["process_id", "group_id", "level"]
    order = list(dict.fromkeys([*known, *functions["function"]]))
    wide = functions.pivot_table(
        index=keys, columns="function", values=["hours_mid", "dkk_mid"], aggfunc="sum"
    )
    pairs: list[Any] = list(wide.columns)  # (measure, function) pairs
    wide.columns = [f"{measure}_{function}" for measure, function in pairs]
    names = [f"{m}_{f}" for f in order for m in ("hours_mid", "dkk_mid")]
    merged = table.merge(wide.reset_index(), on=keys, how="left")
    merged = merged.reindex(columns=[*merged.columns, *(n for n in names if n not in merged)])
    return merged.loc[:, [*COST_COLUMNS, *names]].fillna({name: 0.0 for name in names})


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "" if math.isnan(value) else csv_number(round(value, 6))
    return str(value)


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as plain JSON values: NaN becomes null, numpy numbers Python ones."""
    rows: list[dict[str, Any]] = []
    for row in frame.to_dict(orient="records"):
        rows.append(
            {
                str(key): None
                if missing(value)
                else (value.item() if hasattr(value, "item") else value)
                for key, value in row.items()
            }
        )
    return rows


def cost_json(
    costing: Costing, costs: CostResult, skipped: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    file = costing.file
    return {
        "unit": "DKK; hours are staff hours per citizen who receives the intervention",
        "costing_file": str(costing.path),
        "seed": costs.seed,
        "overhead_share": file.overhead_share,
        "price_year": file.price_year,
        "dkk_per_hour": {
            cost_id: file.hourly_cost(cost_id) for cost_id in [*file.functions, *file.roles]
        },
        "costs": records(costs.costs),
        "functions": records(costs.functions),
        "municipalities": records(costs.municipalities),
        "checks": records(costs.checks),
        "skipped": skipped or [],
    }


def cost_json_bytes(
    costing: Costing, costs: CostResult, skipped: list[dict[str, Any]] | None = None
) -> bytes:
    text = json.dumps(cost_json(costing, costs, skipped), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


COST_SHEETS_DA = {
    "costs": "Omkostninger",
    "functions": "Funktioner",
    "municipalities": "Kommuner",
    "checks": "Kontroltal",
}
COST_HEADERS_DA = {
    "function": "Funktion",
    "dkk_per_hour": "Kr. pr. time",
    "average_hours_per_case": "Kildens gns. timer pr. sag",
    "average_dkk": "Kr. ved kildens gns. timer",
    "average_ratio": "Forhold ved kildens gns. timer",
    "process_id": "Proces-id",
    "group_id": "Målgruppe-id",
    "level": "Niveau-id",
    "n_workshops": "Antal workshops",
    "hours_low": "Timer lavt (t)",
    "hours_mid": "Timer midt (t)",
    "hours_high": "Timer højt (t)",
    "hours_ci_low": "Timer 90 %-interval lavt (t)",
    "hours_ci_high": "Timer 90 %-interval højt (t)",
    "ci_trusted": "Intervallet til at stole på",
    "dkk_low": "Kr. pr. sag lavt",
    "dkk_mid": "Kr. pr. sag midt",
    "dkk_high": "Kr. pr. sag højt",
    "dkk_ci_low": "Kr. 90 %-interval lavt",
    "dkk_ci_high": "Kr. 90 %-interval højt",
    "fte_per_case": "Årsværk pr. sag",
    "cases_per_year": "Sager om året",
    "volume_basis": "Volumens grundlag",
    "hours_per_year": "Timer om året",
    "fte": "Årsværk",
    "dkk_per_year": "Kr. om året",
    "municipality": "Kommune",
    "figures_from": "Tal fra",
    "hours_per_case": "Timer pr. sag (t)",
    "dkk_per_case": "Kr. pr. sag",
    "id": "Kontroltal-id",
    "text": "Tekst",
    "published_dkk": "Offentliggjort kr.",
    "cases": "Sager",
    "published_dkk_per_case": "Offentliggjort kr. pr. sag",
    "computed_dkk_per_case": "Beregnet kr. pr. sag",
    "computed_hours_per_case": "Beregnede timer pr. sag (t)",
    "computed_dkk": "Beregnet kr.",
    "ratio": "Forhold",
    "implied_dkk_per_hour": "Implicit kr. pr. time",
    "costing_dkk_per_hour": "Omkostningsfilens kr. pr. time",
    "weighting": "Vægtning",
}
"""The cost workbook's sheet names and headers under --lang da (English: the column ids)."""


def cost_xlsx(costs: CostResult, lang: str = "en", skipped: Sequence[Sequence[Any]] = ()) -> bytes:
    """The costs, municipalities and checks sheets, what was skipped (skipped_rows), and
    the codebook; in Danish under 'da'."""
    workbook = new_workbook()
    danish = lang == "da"
    sheets: list[tuple[str, list[str]]] = []
    for name, frame in (
        ("costs", costs.costs),
        ("functions", costs.functions),
        ("municipalities", costs.municipalities),
        ("checks", costs.checks),
    ):
        columns = [str(column) for column in frame.columns]
        integer_columns = [i for i, column in enumerate(columns) if column.startswith("n_")]
        title = COST_SHEETS_DA[name] if danish else name
        header = [COST_HEADERS_DA.get(c, c) for c in columns] if danish else columns
        add_sheet(
            workbook,
            title,
            header,
            [list(row.values()) for row in records(frame)],
            integer_columns=integer_columns,
        )
        sheets.append((title, columns))
    add_skipped_sheet(workbook, skipped, lang)
    sheets.append((SKIPPED_SHEET["da" if lang == "da" else "en"], list(SKIPPED_COLUMNS)))
    add_codebook(workbook, sheets, lang)
    return workbook_bytes(workbook)
