"""The catalogue commands: processes, reference, validate, schema."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from workshop_tui.core.catalogue import Catalogue, check_session, load_catalogue, load_process_file
from workshop_tui.core.errors import WorkshopError
from workshop_tui.core.hours import format_hours, format_range
from workshop_tui.core.i18n import t
from workshop_tui.core.models import ProcessDefinition, Session
from workshop_tui.core.reference import TOTAL, reference_rows
from workshop_tui.core.storage import load_session


def _catalogue(args: argparse.Namespace) -> Catalogue:
    return load_catalogue(args.processes)


def processes(args: argparse.Namespace) -> int:
    catalogue = _catalogue(args)
    if args.format == "json":
        print(json.dumps([process_json(p) for p in catalogue], ensure_ascii=False, indent=2))
        return 0
    lang = args.lang
    table = Table(title=t("cli.catalogue_title", lang), caption=t("unit.hours_per_citizen", lang))
    table.add_column("id", no_wrap=True, style="bold")
    table.add_column(t("word.process", lang), ratio=2)
    table.add_column(t("word.version", lang), no_wrap=True)
    table.add_column(t("word.groups", lang), ratio=3, min_width=26)
    table.add_column(t("word.subprocess", lang) + "/" + t("word.activities", lang), justify="right")
    for process in catalogue:
        table.add_row(
            process.id,
            escape(process.name.in_lang(lang)),
            process.version,
            "\n".join(escape(g.name.in_lang(lang)) for g in process.groups),
            f"{len(process.subprocesses)}/{len(process.activity_ids)}",
        )
    Console().print(table)
    return 0


def process_json(process: ProcessDefinition) -> dict:
    """A process as JSON for machines: groups as a list of ids, details beside them."""
    data = process.model_dump(mode="json")
    data["group_details"] = data.pop("groups")
    data["groups"] = process.group_ids
    return data


def reference(args: argparse.Namespace) -> int:
    process = _catalogue(args).get(args.process_id)
    rows = reference_rows(process)
    if args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["process_id", "group_id", "level", "low", "high", "avg"])
        for row in rows:
            writer.writerow([row.process_id, row.group_id, row.level, row.low, row.high,
                             "" if row.avg is None else row.avg])
        return 0
    Console().print(reference_table(process, args.lang))
    return 0


def reference_table(process: ProcessDefinition, lang: str) -> Table:
    """The source's figures with a row per subprocess and a column per group.

    The source prints groups as rows; turned this way the table fits an 80-column
    terminal even for the rehabilitation team's five subprocesses.
    """
    rows = reference_rows(process)
    numbers = sorted({r.level for r in rows if r.level != TOTAL})
    table = Table(
        title=t("cli.reference_title", lang, name=escape(process.name.in_lang(lang)),
                unit=t("unit.hours_per_citizen", lang)),
        caption=f"{t('word.source', lang)}: {escape(process.reference.source)}, "
        f"{escape(process.reference.table)}",
    )
    table.add_column(t("word.subprocess", lang), ratio=1)
    groups = process.reference.groups
    for ref in groups:
        table.add_column(escape(process.group(ref.group).name.in_lang(lang)), justify="right",
                         min_width=10)
    for number in numbers:
        cells = [f"{number} {escape(process.subprocesses[number - 1].name.in_lang(lang))}"]
        for ref in groups:
            span = ref.subprocesses.get(number)
            cells.append(format_range(span.low, span.high, lang) if span else "–")
        table.add_row(*cells)
    table.add_row(t("word.total", lang), *(format_range(r.total.low, r.total.high, lang) for r in groups),
                  style="bold")
    table.add_row(t("word.avg", lang),
                  *(format_hours(r.avg, lang, 1, trim=False) if r.avg is not None else "–"
                    for r in groups))
    return table


def validate(args: argparse.Namespace) -> int:
    """Every file checked; all problems printed; exit 2 if any file is invalid."""
    console, failures = Console(soft_wrap=True), []
    catalogue: Catalogue | None = None
    for path in args.files:
        try:
            if path.suffix.lower() in (".yaml", ".yml"):
                load_process_file(path)
                kind = "process"
            else:
                catalogue = catalogue or _catalogue(args)
                _validate_session(path, catalogue)
                kind = "session"
        except WorkshopError as error:
            failures.append(error)
            continue
        console.print(f"[green]✓[/] {escape(t('cli.valid', args.lang, path=path, kind=kind))}")
    if failures:
        from workshop_tui.cli.main import show_error

        for error in failures:
            show_error(error)
        return 2
    return 0


def _validate_session(path: Path, catalogue: Catalogue) -> Session:
    session = load_session(path)
    process = catalogue.get(session.process_id)
    problems = check_session(session, process, path)
    if problems:
        raise WorkshopError("Invalid session file", problems)
    return session


def schema(args: argparse.Namespace) -> int:
    model = ProcessDefinition if args.kind == "process" else Session
    print(json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2))
    return 0
