"""`workshop-tui reference PROCESS_ID`: a process's published national figures."""

from __future__ import annotations

import argparse
import csv
import sys

from rich.console import Console
from rich.table import Table

from workshop_tui.cli.output import safe
from workshop_tui.core.formatting import range_text
from workshop_tui.core.hours import format_hours
from workshop_tui.core.i18n import nt, t
from workshop_tui.core.process.catalogue import load_catalogue
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.process.reference import reference_rows


def run(args: argparse.Namespace) -> int:
    process = load_catalogue(args.processes, args.lang).get(args.process_id)
    rows = reference_rows(process)
    if args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["process_id", "group_id", "level", "low", "high", "avg"])
        for row in rows:
            writer.writerow(
                [
                    row.process_id,
                    row.group_id,
                    row.level,
                    row.low,
                    row.high,
                    "" if row.avg is None else row.avg,
                ]
            )
        return 0
    Console().print(reference_table(process, args.lang))
    return 0


def reference_table(process: ProcessDefinition, lang: str) -> Table:
    """The source's figures with a row per subprocess and a column per group.

    The source prints groups as rows; turned this way the table fits an 80-column
    terminal even for the rehabilitation team's five subprocesses.
    """
    rows = reference_rows(process)
    numbers = sorted({r.level for r in rows if isinstance(r.level, int)})
    table = Table(
        title=t(
            "{name}: national reference ({unit})",
            lang,
            name=safe(process.name.in_lang(lang)),
            unit=t("staff hours per citizen who receives the intervention", lang),
        ),
        caption=t("Source", lang) + f": {safe(process.reference.source)}, "
        f"{safe(process.reference.table)}. " + safe(basis_text(process, lang)),
    )
    table.add_column(t("Subprocess", lang), ratio=1)
    groups = process.reference.groups
    for ref in groups:
        table.add_column(
            safe(process.group(ref.group).name.in_lang(lang)), justify="right", min_width=10
        )
    for number in numbers:
        cells = [f"{number} {safe(process.subprocesses[number - 1].name.in_lang(lang))}"]
        for ref in groups:
            span = ref.subprocesses.get(number)
            cells.append(range_text(span.low, span.high, lang) if span else "–")
        table.add_row(*cells)
    table.add_row(
        t("Total", lang),
        *(range_text(r.total.low, r.total.high, lang) for r in groups),
        style="bold",
    )
    table.add_row(
        t("Avg.", lang),
        *(format_hours(r.avg, lang, 1, trim=False) if r.avg is not None else "–" for r in groups),
    )
    return table


def basis_text(process: ProcessDefinition, lang: str) -> str:
    """What a published range is, how many municipalities it spans, and the source's caveats."""
    reference = process.reference
    if reference.municipalities is None:
        what = t("Low–high: the spread between municipalities, one estimate each.", lang)
    else:
        what = nt(
            "Low–high: the spread between {n} municipality, one estimate each.",
            "Low–high: the spread between {n} municipalities, one estimate each.",
            reference.municipalities,
            lang,
            n=reference.municipalities,
        )
    caveats = [c.in_lang(lang) for c in reference.caveats]
    for ref in reference.groups:
        group = process.group(ref.group).name.in_lang(lang)
        caveats += [f"{group}: {c.in_lang(lang)}" for c in ref.caveats]
    return " ".join([what, *(c.rstrip(".") + "." for c in caveats)])
