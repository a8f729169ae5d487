"""`workshop-tui report PATH... [--municipality NAME] --out report.html [--png DIR]`,
`workshop-tui report PATH... --all-municipalities --out DIR`.

Loads and costs the exports as `cost` does, then writes one self-contained HTML
page: the municipality's benchlearning report, or without --municipality the
national one (--anonymise labels the municipalities as merge does). --municipality
finds its name whatever its case or spelling, and suggests near names when none matches.
With --all-municipalities every municipality's page and the national page go into one
folder from one load of the exports.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console

from workshop_tui.cli.cost import Loaded, load_and_cost
from workshop_tui.cli.output import safe
from workshop_tui.core.costing.from_merge import is_merge_json
from workshop_tui.core.errors import Problem, WorkshopError
from workshop_tui.core.i18n import N_, nt, t
from workshop_tui.core.merge.records import SessionRecord
from workshop_tui.core.municipalities import find_municipality, near_names, sorted_names
from workshop_tui.core.report import build_report, render_html
from workshop_tui.core.report.batch import all_reports
from workshop_tui.core.report.charts import chart_png
from workshop_tui.core.session.storage import write_file
from workshop_tui.core.uncertainty import Distribution


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    if args.all_municipalities and (args.municipality or args.png or args.anonymise):
        raise WorkshopError(
            t(
                "--all-municipalities writes every municipality's page and the national one; "
                "it takes no --municipality, --png or --anonymise",
                lang,
            )
        )
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
    if args.all_municipalities:
        _write_all(loaded, args.out, lang, args.distribution)
        return 1 if loaded.result.problems else 0
    if args.municipality:
        args.municipality = own_municipality(args.municipality, loaded.result.records, lang)
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


def own_municipality(typed: str, records: list[SessionRecord], lang: str) -> str:
    """The municipality `typed` names, as the exports spell it (case and the spelling of
    a letter aside); an error naming the nearest names when none matches (exit 2)."""
    names = [r.municipality for r in records]
    found = find_municipality(typed, names)
    if found is not None:
        return found
    near = near_names(typed, names)
    detail = t(
        "No workshop from '{name}' in these exports. Municipalities: {known}",
        lang,
        name=typed,
        known="; ".join(sorted_names(names)),
    )
    if near:
        detail += ". " + t("Did you mean: {names}?", lang, names="; ".join(near))
    raise WorkshopError(t("Unknown municipality", lang), detail=detail)


def _write_all(loaded: Loaded, folder: Path, lang: str, distribution: Distribution) -> None:
    """Every page into `folder` (made if missing), each written atomically as it is ready."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WorkshopError(
            "Cannot write the file", [Problem(folder, error.strerror or str(error))]
        ) from None
    pages = all_reports(
        loaded.catalogue,
        loaded.result,
        loaded.summary,
        loaded.costs,
        loaded.costing,
        lang,
        distribution,
    )
    count = 0
    for page in pages:
        write_file(folder / page.filename, page.html.encode("utf-8"))
        count += 1
    console = Console(stderr=True, soft_wrap=True)
    message = nt(
        "Wrote {n} page to {path}", "Wrote {n} pages to {path}", count, lang, n=count, path=folder
    )
    console.print("[green]✓[/] " + safe(message))
