"""`workshop-tui processes`: the process catalogue as a table or JSON."""

from __future__ import annotations

import argparse
import json
from typing import Any

from rich.console import Console
from rich.table import Table

from workshop_tui.cli.output import safe
from workshop_tui.core.i18n import t
from workshop_tui.core.process.catalogue import load_catalogue
from workshop_tui.core.process.model import ProcessDefinition


def run(args: argparse.Namespace) -> int:
    catalogue = load_catalogue(args.processes, args.lang)
    if args.format == "json":
        print(json.dumps([process_json(p) for p in catalogue], ensure_ascii=False, indent=2))
        return 0
    lang = args.lang
    table = Table(
        title=t("Key processes in the catalogue", lang),
        caption=t("staff hours per citizen who receives the intervention", lang),
    )
    table.add_column("id", no_wrap=True, style="bold")
    table.add_column(t("Process", lang), ratio=2)
    table.add_column(t("Version", lang), no_wrap=True)
    table.add_column(t("Target groups", lang), ratio=3, min_width=26)
    table.add_column(t("Subprocess", lang) + "/" + t("Activities", lang), justify="right")
    for process in catalogue:
        table.add_row(
            safe(process.id),
            safe(process.name.in_lang(lang)),
            safe(process.version),
            "\n".join(safe(g.name.in_lang(lang)) for g in process.groups),
            f"{len(process.subprocesses)}/{len(process.activity_ids)}",
        )
    Console().print(table)
    return 0


def process_json(process: ProcessDefinition) -> dict[str, Any]:
    """A process as JSON for machines: groups as a list of ids, details beside them."""
    data = process.model_dump(mode="json")
    data["group_details"] = data.pop("groups")
    data["groups"] = process.group_ids
    return data
