"""`workshop-tui report PATH... [--municipality NAME] --out report.html [--png DIR]`.

Loads and costs the exports as `cost` does, then writes one self-contained HTML
page: the municipality's benchlearning report, or without --municipality the
national one (--anonymise labels the municipalities as merge does).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console

from workshop_tui.cli.cost import load_and_cost
from workshop_tui.cli.output import safe
from workshop_tui.core.costing.from_merge import is_merge_json
from workshop_tui.core.errors import Problem, WorkshopError
from workshop_tui.core.i18n import N_, t
from workshop_tui.core.report import build_report, render_html
from workshop_tui.core.report.charts import chart_png
from workshop_tui.core.session.storage import write_file


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    if args.anonymise and args.municipality:
        raise WorkshopError(
            t(
                "--anonymise is for the national report; a municipality's report "
                "never names its peers",
                lang,
            )
        )
    if any(is_merge_json(Path(path)) for path in args.paths):
        raise WorkshopError(
            t(
                "The report needs the exports themselves, not a merge's JSON: it "
                "places each workshop among its peers",
                lang,
            )
        )
    loaded = load_and_cost(args)
    if not loaded.result.records:
        Console(stderr=True).print(safe(t("No workshops to cost.", lang)))
        return 1
    names = sorted({r.municipality for r in loaded.result.records})
    if args.municipality and args.municipality not in names:
        raise WorkshopError(
            t("Unknown municipality", lang),
            detail=t(
                "No workshop from '{name}' in these exports. Municipalities: {known}",
                lang,
                name=args.municipality,
                known="; ".join(names),
            ),
        )
    data = build_report(
        loaded.catalogue,
        loaded.result,
        loaded.summary,
        loaded.costs,
        loaded.costing,
        args.municipality,
        lang,
        args.distribution,
    )
    write_file(args.out, render_html(data).encode("utf-8"))
    written = [args.out]
    if args.png:
        try:
            args.png.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise WorkshopError(
                N_("Cannot write the file"), [Problem(args.png, error.strerror or str(error))]
            ) from None
        for group in data.groups:
            path = args.png / f"{group.process_id}-{group.group_id}.png"
            write_file(path, chart_png(group, args.municipality, lang))
            written.append(path)
    console = Console(stderr=True, soft_wrap=True)
    for path in written:
        console.print("[green]✓[/] " + safe(t("Wrote {path}", lang, path=path)))
    return 1 if loaded.result.problems else 0
