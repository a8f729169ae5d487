"""`workshop-tui merge PATH... [--out FILE] [--format table|csv|xlsx|json|md] [--anonymise]
[--strict] [--include-incomplete] [--table NAME]`: find the exports, load, summarise, print.

A thin layer over workshop_tui.core.merge, which reads every file in this process.
The report's layout (core.merge.report) is drawn here as rich tables on the terminal;
the file formats come from core.merge.output. Skipped files and notices go to standard
error; standard output carries only the result, so `merge ... --format csv > merged.csv`
is clean. The exit code is 1 when anything was skipped or refused, 0 otherwise (2 for
a usage mistake).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from workshop_tui.cli.output import StderrReport, is_terminal, write_output
from workshop_tui.core.csv_dialect import DEFAULT_DIALECT, csv_bytes
from workshop_tui.core.errors import WorkshopError
from workshop_tui.core.i18n import nt, t
from workshop_tui.core.merge import (
    LoadResult,
    Summary,
    anonymise,
    find_export_files,
    load_files,
    summarise,
    summary_json,
)
from workshop_tui.core.merge.blocks import Block
from workshop_tui.core.merge.output import markdown, merge_csv, merge_xlsx
from workshop_tui.core.merge.report import report_blocks
from workshop_tui.core.merge.screening import REFUSED, Finding
from workshop_tui.core.merge.skipped import skipped_csv, skipped_records, skipped_rows
from workshop_tui.core.process.catalogue import Catalogue, load_catalogue
from workshop_tui.core.text import printable

if TYPE_CHECKING:  # pragma: no cover - typing only
    from rich.console import RenderableType
    from rich.text import Text


# Written to a file or a pipe, a table is drawn at its natural width (a console this wide
# never squeezes one); on a terminal, rich wraps cells (overflow="fold") and cuts nothing.
FULL_WIDTH = 1000


def run(args: argparse.Namespace) -> int:
    """Load the exports, print the tables, report findings."""
    lang = args.lang
    if args.format == "xlsx" and getattr(args, "out", None) is None and sys.stdout.isatty():
        raise WorkshopError(t("XLSX cannot be written to a terminal; give --out FILE", lang))
    files, problems = find_export_files(args.paths)
    catalogue = load_catalogue(args.processes, lang)
    result = _load(files, catalogue, lang)
    result.problems[:0] = problems
    loaded = result  # its findings keep the file names, for standard error
    if args.anonymise:
        result = anonymise(result, lang)
    summary = summarise(
        result,
        catalogue,
        lang,
        strict=getattr(args, "strict", False),
        include_incomplete=getattr(args, "include_incomplete", False),
    )
    _report(result, lang)
    # on standard error the load findings name their files, anonymised or not
    _report_screening([*loaded.screening, *summary.findings[len(result.screening) :]], lang)
    if args.anonymise:
        _report_review_words(result, lang)
    _print(args, summary, result, catalogue, lang)
    refused = any(f.action == REFUSED for f in summary.findings)
    return 1 if result.problems or refused else 0


def _print(
    args: argparse.Namespace,
    summary: Summary,
    result: LoadResult,
    catalogue: Catalogue,
    lang: str,
) -> None:
    """The merged result, in the format asked for, to --out or standard output."""
    out = getattr(args, "out", None)
    if args.format == "table" and out is None:
        print_blocks(report_blocks(summary, result, catalogue, lang))
    else:
        table = getattr(args, "table", "levels")
        dialect = getattr(args, "csv_dialect", DEFAULT_DIALECT)
        data = render(args.format, summary, result, catalogue, lang, table, dialect)
        write_output(data, out, lang)


def _load(files: list[Path], catalogue: Catalogue, lang: str) -> LoadResult:
    """load_files with a progress bar, on a terminal only (nothing extra when piped)."""
    if not files or not is_terminal(sys.stdout):
        return load_files(files, catalogue, lang)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console()
    if not console.is_terminal:
        return load_files(files, catalogue, lang)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task(t("Reading exports", lang), total=len(files))
        return load_files(files, catalogue, lang, on_file=lambda _path: progress.advance(task))


def _report(result: LoadResult, lang: str) -> None:
    """Skipped files in red, notices in yellow, on standard error."""
    report = StderrReport()
    if result.problems:
        report.heading(t("Skipped ({n}):", lang, n=len(result.problems)), "bold red")
        report.lines([("✗", "red", str(problem)) for problem in result.problems])
    if result.notices:
        report.heading(t("Notes ({n}):", lang, n=len(result.notices)), "yellow")
        # Identical copies (a session file and the CSV the app wrote beside it) are
        # the common case in a folder of exports: one line for all of them.
        copies = [n for n in result.notices if n.kind == "duplicate"]
        if copies:
            names = ", ".join(n.path.name for n in copies[:3]) + (", …" if len(copies) > 3 else "")
            line = nt(
                "{n} file held a session already read, with the same figures, "
                "and was counted once: {names}",
                "{n} files held a session already read, with the same figures, "
                "and were counted once: {names}",
                len(copies),
                lang,
                n=len(copies),
                names=names,
            )
            report.lines([("•", "yellow", line)])
        report.lines([("•", "yellow", str(n)) for n in result.notices if n.kind != "duplicate"])


def _report_screening(findings: list[Finding], lang: str) -> None:
    """Every screening finding on standard error: refused in red, the others in yellow."""
    if not findings:
        return
    report = StderrReport()
    heading = nt(
        "Screening ({n} finding; the rules are in the docs, the analyst's guide):",
        "Screening ({n} findings; the rules are in the docs, the analyst's guide):",
        len(findings),
        lang,
        n=len(findings),
    )
    report.heading(heading, "bold")
    report.lines(
        [
            ("✗", "red", item.message(lang))
            if item.action == REFUSED
            else ("•", "yellow", item.message(lang))
            for item in findings
        ]
    )


def _report_review_words(result: LoadResult, lang: str) -> None:
    """The capitalised words left in free texts, for the analyst to check before publishing."""
    if not result.review_words:
        return
    words = ", ".join(f"{word} ({count})" for word, count in result.review_words)
    line = t(
        "Before publishing, check these capitalised words left in the "
        "notes and activity names (a place or a person is not caught by "
        "--anonymise): {words}",
        lang,
        words=words,
    )
    StderrReport().heading(line, "yellow", whole=True)


def render(
    fmt: str,
    summary: Summary,
    result: LoadResult,
    catalogue: Catalogue,
    lang: str,
    table: str = "levels",
    dialect: str = DEFAULT_DIALECT,
) -> bytes:
    """The merged result in `fmt` as bytes ready to print or write (`table` and
    `dialect`: csv only)."""
    skipped = skipped_rows(result.problems, result.anonymised)
    if fmt == "csv" and table == "skipped":
        return csv_bytes(skipped_csv(skipped, dialect), dialect)
    if fmt == "csv":
        return csv_bytes(merge_csv(summary, table, dialect), dialect)
    if fmt == "json":
        data = summary_json(
            summary, t("staff hours per citizen who receives the intervention", "en")
        )
        data["skipped"] = skipped_records(result.problems, result.anonymised)
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if fmt == "xlsx":
        return merge_xlsx(summary, catalogue, lang, skipped)
    blocks = report_blocks(summary, result, catalogue, lang, every_level=fmt == "md")
    if fmt == "md":
        return markdown(blocks).encode("utf-8")
    return plain_text(blocks).encode("utf-8")


def print_blocks(blocks: list[Block]) -> None:
    """The blocks as tables on standard output: wrapped to a terminal's width, at their
    full width when redirected to a file or a pipe (never cut mid-number)."""
    from rich.console import Console

    console = Console()
    if not console.is_terminal:
        console = Console(width=FULL_WIDTH)
    for renderable in rich_renderables(blocks):
        console.print(renderable)


def plain_text(blocks: list[Block], width: int = FULL_WIDTH) -> str:
    """The table format without colours, for --out FILE."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False)
    for renderable in rich_renderables(blocks):
        console.print(renderable)
    return buffer.getvalue()


def rich_renderables(blocks: list[Block]) -> list[RenderableType]:
    """The blocks as rich renderables; user text is never read as markup, and its control
    characters (a municipality's or a note's escape codes) are shown, not obeyed."""
    from rich.table import Table  # the table format only: csv, json and md never draw one
    from rich.text import Text

    out: list[RenderableType] = []
    for block in blocks:
        if block.heading:
            out.append(Text(""))
            out.append(_text(block.title, style="bold underline"))
            if block.caption:
                out.append(_text(block.caption, style="dim italic"))
            continue
        out.append(Text(""))
        if block.bullets or not block.header:
            out.append(_text(block.title, style="bold"))
            out += [_text(f"  • {bullet}") for bullet in block.bullets]
            continue
        table = Table(
            title=_text(block.title, style="bold"),
            title_justify="left",
            caption=_text(block.caption, style="dim") if block.caption else None,
            caption_justify="left",
        )
        for index, name in enumerate(block.header):
            low, high = _widths(block, index)
            table.add_column(
                _text(name),
                justify="right" if index in block.right else "left",
                overflow="fold",
                min_width=low,
                max_width=high,
            )
        for index, row in enumerate(block.rows):
            style = (
                "bold"
                if index in block.bold
                else "bold cyan"
                if index in block.group_rows
                else None
            )
            table.add_row(
                *[_text(cell) for cell in row], style=style, end_section=index in block.section_ends
            )
        out.append(table)
    return out


def _text(text: str, style: str = "") -> Text:
    from rich.text import Text

    # a note in a cell may keep its lines; nothing else of it reaches the terminal raw
    return Text(printable(text, keep_newlines=True), style=style)


def _widths(block: Block, index: int) -> tuple[int, int | None]:
    """Column bounds: figures never wrap and take no more room than they need, so
    the names get the rest; a name column is at least as wide as its longest word."""
    cells = [row[index] for i, row in enumerate(block.rows) if i not in block.group_rows]
    header_words = [len(word) for word in block.header[index].split()]
    words = [len(word) for cell in cells for word in cell.split()] + header_words
    longest_word = max(words, default=1)
    if index not in block.right:
        return min(longest_word, 22), None
    return longest_word, max([len(cell) for cell in cells] + header_words)


__all__ = ["plain_text", "print_blocks", "render", "rich_renderables", "run"]
