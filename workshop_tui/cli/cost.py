"""`workshop-tui cost PATH... [--costing FILE] [--format table|csv|md|json|xlsx] [--out FILE]`.

Loads exports as `merge` does, turns the hours into kroner, FTE and yearly
totals with the costing file (the bundled default unless --costing), and prints
a line per published check figure. Skipped files go to standard error as in
merge; the exit code is 1 when anything was skipped, 2 for a broken costing file.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from rich.console import Console
from rich.markup import escape

from workshop_tui.cli.cost_tables import cost_blocks
from workshop_tui.cli.merge import markdown, plain_text, rich_renderables
from workshop_tui.core import i18n
from workshop_tui.core.catalogue import Catalogue, load_catalogue
from workshop_tui.core.costing import (
    COST_COLUMNS,
    Costing,
    CostResult,
    compute_costs,
    load_costing,
)
from workshop_tui.core.costing.texts import check_lines
from workshop_tui.core.errors import WorkshopError
from workshop_tui.core.exports import (
    add_sheet,
    csv_number,
    new_workbook,
    workbook_bytes,
    write_file,
)
from workshop_tui.core.i18n import t
from workshop_tui.core.merge import LoadResult, Summary, anonymise, load_exports, summarise

FORMATS = ("table", "csv", "md", "json", "xlsx")

i18n.register(
    {
        "cost.skipped": {"en": "Skipped ({n}):", "da": "Sprunget over ({n}):"},
        "cost.none": {"en": "No workshops to cost.", "da": "Ingen workshops at beregne."},
        "cost.wrote": {"en": "Wrote {path}", "da": "Skrev {path}"},
        "cost.xlsx_terminal": {
            "en": "XLSX cannot be written to a terminal; give --out FILE",
            "da": "XLSX kan ikke skrives til en terminal; angiv --out FIL",
        },
    }
)


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
    catalogue = load_catalogue(args.processes)
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
        console.print(f"[bold red]{escape(t('cost.skipped', lang, n=len(result.problems)))}[/]")
        for problem in result.problems:
            console.print(f"  [red]✗[/] {escape(str(problem))}")


def run(args: argparse.Namespace) -> int:
    lang, out = args.lang, args.out
    if args.format == "xlsx" and out is None and sys.stdout.isatty():
        raise WorkshopError(t("cost.xlsx_terminal", lang))
    loaded = load_and_cost(args)
    if not loaded.result.records:
        Console(stderr=True).print(escape(t("cost.none", lang)))
        return 1
    if args.format not in ("table", "md"):
        # the check figures reach a person even when standard output goes to a file
        for line in check_lines(loaded.costs.checks, lang):
            Console(stderr=True, soft_wrap=True).print(f"• {escape(line)}")
    blocks = cost_blocks(
        loaded.costs, loaded.costing, loaded.catalogue, len(loaded.result.records), lang
    )
    if args.format == "table" and out is None:
        console = Console()
        for renderable in rich_renderables(blocks):
            console.print(renderable)
    else:
        data = {
            "table": lambda: plain_text(blocks).encode("utf-8"),
            "md": lambda: markdown(blocks).encode("utf-8"),
            "csv": lambda: cost_csv(loaded.costs.costs).encode("utf-8"),
            "json": lambda: cost_json_bytes(loaded),
            "xlsx": lambda: cost_xlsx(loaded.costs),
        }[args.format]()
        _write(data, out, lang)
    return 1 if loaded.result.problems else 0


def _write(data: bytes, out: Path | None, lang: str) -> None:
    if out is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    write_file(out, data)
    Console(stderr=True, soft_wrap=True).print(
        f"[green]✓[/] {escape(t('cost.wrote', lang, path=out))}"
    )


def cost_csv(costs: pd.DataFrame) -> str:
    """COST_COLUMNS, decimal points, empty cells for missing figures."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COST_COLUMNS)
    for row in costs.loc[:, list(COST_COLUMNS)].itertuples(index=False):
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue()


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
                if value is None or (isinstance(value, float) and math.isnan(value))
                else (value.item() if hasattr(value, "item") else value)
                for key, value in row.items()
            }
        )
    return rows


def cost_json(loaded: Loaded) -> dict[str, Any]:
    file = loaded.costing.file
    return {
        "unit": "DKK; hours are staff hours per citizen who receives the intervention",
        "costing_file": str(loaded.costing.path),
        "seed": loaded.costs.seed,
        "overhead_share": file.overhead_share,
        "dkk_per_hour": {role: file.hourly_cost(role) for role in file.roles},
        "costs": records(loaded.costs.costs),
        "municipalities": records(loaded.costs.municipalities),
        "checks": records(loaded.costs.checks),
    }


def cost_json_bytes(loaded: Loaded) -> bytes:
    return (json.dumps(cost_json(loaded), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def cost_xlsx(costs: CostResult) -> bytes:
    workbook = new_workbook()
    for title, frame in (
        ("costs", costs.costs),
        ("municipalities", costs.municipalities),
        ("checks", costs.checks),
    ):
        integer_columns = [i for i, name in enumerate(frame.columns) if name.startswith("n_")]
        add_sheet(
            workbook,
            title,
            list(frame.columns),
            [list(row.values()) for row in records(frame)],
            integer_columns=integer_columns,
        )
    return workbook_bytes(workbook)
