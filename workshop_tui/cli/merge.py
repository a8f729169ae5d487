"""`workshop-tui merge PATH... [--out FILE] [--format table|csv|xlsx|json|md] [--anonymise]`.

A thin layer over workshop_tui.core.merge: it loads, summarises and prints. The
layout of the human formats (a rich table on the terminal, Markdown) is built
once as a list of `Block`s and drawn by either renderer, so both show the same
tables in the chosen language, with Danish decimal commas in Danish.

Skipped files and notices go to standard error; standard output carries only
the result, so `merge ... --format csv > merged.csv` is clean. The exit code
is 1 when anything was skipped, 0 otherwise (2 for a usage mistake).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from workshop_tui.core import i18n
from workshop_tui.core.catalogue import Catalogue, load_catalogue
from workshop_tui.core.errors import WorkshopError
from workshop_tui.core.exports import (
    add_sheet,
    csv_number,
    new_workbook,
    workbook_bytes,
    write_file,
)
from workshop_tui.core.hours import format_hours, format_range
from workshop_tui.core.i18n import t
from workshop_tui.core.merge import (
    LoadResult,
    Summary,
    anonymise,
    collector_paused,
    find_export_files,
    load_exports,
    summarise,
    summary_json,
)
from workshop_tui.core.numbers import format_percent
from workshop_tui.core.reference import TOTAL

TOP_ACTIVITIES = 5  # per process and group in the human formats; xlsx/json hold all

i18n.register(
    {
        "merge.title": {
            "en": "{n} workshops merged from {files} files",
            "da": "{n} workshops samlet fra {files} filer",
        },
        "merge.overview": {
            "en": "Hours per process and target group (as the source's table 2.1)",
            "da": "Timeforbrug pr. nøgleproces og målgruppe (som kildens tabel 2.1)",
        },
        "merge.process_title": {"en": "{name}: {n} workshops", "da": "{name}: {n} workshops"},
        "merge.col.n": {"en": "n", "da": "n"},
        "merge.col.range": {"en": "Low–high", "da": "Lavt–højt"},
        "merge.col.mean": {"en": "Mean", "da": "Gns."},
        "merge.col.median": {"en": "Median", "da": "Median"},
        "merge.col.mids": {"en": "Midpoints min–max", "da": "Midtpunkter min–maks"},
        "merge.col.position": {"en": "Below/ within/ above", "da": "Under/ inden for/ over"},
        "merge.col.share_mean": {"en": "Share of mean total", "da": "Andel af gns. samlet"},
        "merge.col.share_spread": {"en": "Share of spread", "da": "Andel af spredning"},
        "merge.col.rank": {"en": "#", "da": "#"},
        "merge.col.time_consuming": {"en": "Time-consuming", "da": "Tidskrævende"},
        "merge.col.not_applicable": {"en": "Not applicable", "da": "Ikke relevant"},
        "merge.col.level": {"en": "Level", "da": "Niveau"},
        "merge.col.sub": {"en": "Subpr.", "da": "Delpr."},
        "merge.drivers_sub": {
            "en": "{name}: what carries the hours and the spread, per subprocess",
            "da": "{name}: hvad bærer timerne og spredningen, pr. delproces",
        },
        "merge.drivers_act": {
            "en": "{name}: the {top} activities that explain most of the spread between workshops",
            "da": "{name}: de {top} aktiviteter der forklarer mest af spredningen mellem workshops",
        },
        "merge.local": {
            "en": "{name}: activities the rooms added",
            "da": "{name}: aktiviteter tilføjet i lokalerne",
        },
        "merge.local_item": {
            "en": "{sub} {subname}: {activity} ({n} of {total} workshops: {where})",
            "da": "{sub} {subname}: {activity} ({n} af {total} workshops: {where})",
        },
        "merge.notes": {
            "en": "{name}: cost-driver notes from the rooms",
            "da": "{name}: noter om omkostningsdrivere fra lokalerne",
        },
        "merge.spread_caption": {
            "en": "Share of spread = the part's covariance with the total over the workshops / the "
            "variance of the total; the parts add up to 100 %.",
            "da": "Andel af spredning = delens kovarians med det samlede tal hen over workshops / "
            "variansen af det samlede tal; delene summerer til 100 %.",
        },
        "merge.ref_caption": {
            "en": "Below / within / above: workshops whose midpoint lies below, within or above the "
            "national reference range. {unit}.",
            "da": "Under / inden for / over: workshops hvis midtpunkt ligger under, inden for eller "
            "over landsreferencens interval. {unit}.",
        },
        "merge.none": {"en": "No workshops to merge.", "da": "Ingen workshops at samle."},
        "merge.skipped": {"en": "Skipped ({n}):", "da": "Sprunget over ({n}):"},
        "merge.notices": {"en": "Notes ({n}):", "da": "Bemærkninger ({n}):"},
        "merge.copies": {
            "en": "{n} file(s) held a session already read, with the same figures, and were counted "
            "once: {names}",
            "da": "{n} fil(er) indeholdt en workshop, der allerede var læst, med samme tal, og blev "
            "talt med én gang: {names}",
        },
        "merge.wrote": {"en": "Wrote {path}", "da": "Skrev {path}"},
        "merge.progress": {"en": "Reading exports", "da": "Læser eksporter"},
        "merge.xlsx_terminal": {
            "en": "XLSX cannot be written to a terminal; give --out FILE",
            "da": "XLSX kan ikke skrives til en terminal; angiv --out FIL",
        },
        "merge.activity_caption": {
            "en": "* added in the room. Time-consuming and not applicable: workshops that marked it / "
            "workshops. Every activity: --format xlsx or json.",
            "da": "* tilføjet i lokalet. Tidskrævende og ikke relevant: workshops der markerede den / "
            "workshops. Alle aktiviteter: --format xlsx eller json.",
        },
    }
)


def run(args: argparse.Namespace) -> int:
    """Load the exports named, print the merged tables, report what was skipped."""
    lang = args.lang
    out = getattr(args, "out", None)
    if args.format == "xlsx" and out is None and sys.stdout.isatty():
        raise WorkshopError(t("merge.xlsx_terminal", lang))
    catalogue = load_catalogue(args.processes)
    files, problems = find_export_files(args.paths)
    with collector_paused():
        result = _load(files, catalogue, lang)
        result.problems[:0] = problems
        if args.anonymise:
            result = anonymise(result, lang)
        summary = summarise(result, catalogue, lang)
    _report(result, lang)
    if args.format == "table" and out is None:
        console = Console()
        for renderable in rich_renderables(report_blocks(summary, result, catalogue, lang)):
            console.print(renderable)
    else:
        _write(render(args.format, summary, result, catalogue, lang), args.format, out, lang)
    return 1 if result.problems else 0


def _load(files: list[Path], catalogue: Catalogue, lang: str) -> LoadResult:
    """load_exports with a progress bar, on a terminal only (nothing extra when piped)."""
    console = Console()
    if not console.is_terminal or not files:
        return load_exports(files, catalogue, lang)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task(t("merge.progress", lang), total=len(files))
        return load_exports(files, catalogue, lang, on_file=lambda _path: progress.advance(task))


def _report(result: LoadResult, lang: str) -> None:
    """Skipped files in red, notices in yellow, on standard error."""
    console = Console(stderr=True)
    if result.problems:
        console.print(f"[bold red]{escape(t('merge.skipped', lang, n=len(result.problems)))}[/]")
        for problem in result.problems:
            console.print(f"  [red]✗[/] {escape(str(problem))}", soft_wrap=True)
    if result.notices:
        console.print(f"[yellow]{escape(t('merge.notices', lang, n=len(result.notices)))}[/]")
        # Identical copies (a session file and the CSV the app wrote beside it) are
        # the common case in a folder of exports: one line for all of them.
        copies = [n for n in result.notices if n.kind == "duplicate"]
        if copies:
            names = ", ".join(n.path.name for n in copies[:3]) + (", …" if len(copies) > 3 else "")
            line = t("merge.copies", lang, n=len(copies), names=names)
            console.print(f"  [yellow]•[/] {escape(line)}", soft_wrap=True)
        for notice in result.notices:
            if notice.kind != "duplicate":
                console.print(f"  [yellow]•[/] {escape(str(notice))}", soft_wrap=True)


def render(
    fmt: str, summary: Summary, result: LoadResult, catalogue: Catalogue, lang: str
) -> bytes:
    """The merged result in `fmt` as bytes ready to print or write."""
    if fmt == "csv":
        return merge_csv(summary).encode("utf-8")
    if fmt == "json":
        data = summary_json(summary, t("unit.hours_per_citizen", "en"))
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if fmt == "xlsx":
        return merge_xlsx(summary)
    blocks = report_blocks(summary, result, catalogue, lang)
    if fmt == "md":
        return markdown(blocks).encode("utf-8")
    return plain_text(blocks).encode("utf-8")


def plain_text(blocks: list[Block], width: int = 140) -> str:
    """The table format without colours, for --out FILE."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False)
    for renderable in rich_renderables(blocks):
        console.print(renderable)
    return buffer.getvalue()


def _write(data: bytes, fmt: str, out: Path | None, lang: str) -> None:
    """To --out atomically, else to standard output (never XLSX bytes to a terminal)."""
    if out is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    write_file(out, data)
    message = escape(t("merge.wrote", lang, path=out))
    Console(stderr=True, soft_wrap=True).print(f"[green]✓[/] {message}")


# ---------------------------------------------------------------- machine formats


def merge_csv(summary: Summary) -> str:
    """The levels table as CSV with exactly the MERGE_CSV_COLUMNS header, decimal points."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    frame = summary.merge_csv_frame()
    writer.writerow(frame.columns)
    for row in frame.itertuples(index=False):
        writer.writerow([_csv_cell(value) for value in row])
    return buffer.getvalue()


def _csv_cell(value) -> str:
    if isinstance(value, float):
        return "" if math.isnan(value) else csv_number(round(value, 6))
    return str(value)


def merge_xlsx(summary: Summary) -> bytes:
    """Every summary table on its own sheet, columns named as in the JSON."""
    workbook = new_workbook()
    for title, frame in (
        ("levels", summary.levels),
        ("overview", summary.overview),
        ("subprocess_drivers", summary.subprocess_drivers),
        ("activity_drivers", summary.activity_drivers),
        ("local_activities", summary.local_activities),
        ("cost_driver_notes", summary.cost_driver_notes),
        ("sessions", summary.sessions),
    ):
        integer_columns = [
            i
            for i, name in enumerate(frame.columns)
            if name.startswith("n_") or name in ("rank", "subprocess_no")
        ]
        add_sheet(
            workbook,
            title,
            list(frame.columns),
            _sheet_rows(frame),
            integer_columns=integer_columns,
        )
    return workbook_bytes(workbook)


def _sheet_rows(frame: pd.DataFrame):
    for row in frame.itertuples(index=False):
        yield [
            None if _missing(value) else (value.item() if hasattr(value, "item") else value)
            for value in row
        ]


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


# ---------------------------------------------------------------- human formats


@dataclass
class Block:
    """A titled table (or list) both human renderers draw the same way."""

    title: str
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    right: set[int] = field(default_factory=set)  # right-aligned columns
    bold: set[int] = field(default_factory=set)  # rows in bold (totals)
    group_rows: set[int] = field(default_factory=set)  # a target group's name, as a heading
    section_ends: set[int] = field(default_factory=set)
    bullets: list[str] = field(default_factory=list)
    caption: str = ""
    heading: bool = False  # a process heading rather than a table


def report_blocks(
    summary: Summary, result: LoadResult, catalogue: Catalogue, lang: str
) -> list[Block]:
    """The whole human report: title, the table-2.1 overview, then each process."""
    unit = t("unit.hours_per_citizen", lang)
    blocks = [
        Block(
            t("merge.title", lang, n=len(result.records), files=result.files),
            heading=True,
            caption=unit,
        )
    ]
    if not result.records:
        blocks.append(Block(t("merge.none", lang)))
        return blocks
    blocks.append(_overview_block(summary, catalogue, lang))
    counts = summary.sessions.groupby("process_id").size()
    for process in catalogue:
        if process.id not in counts:
            continue
        name = process.name.in_lang(lang)
        blocks.append(
            Block(
                t("merge.process_title", lang, name=name, n=int(counts[process.id])), heading=True
            )
        )
        blocks.append(_levels_block(summary, process, lang))
        blocks.append(_subprocess_block(summary, process, lang))
        blocks.append(_activity_block(summary, process, lang))
        blocks += _local_and_notes(summary, process, lang, int(counts[process.id]))
    return blocks


def _hours(value, lang: str) -> str:
    return "–" if _missing(value) else format_hours(float(value), lang, 2, trim=False)


def _percent(value, lang: str) -> str:
    if _missing(value):
        return "–"
    return format_percent(float(value), lang)


def _group_name(process, group_id: str, lang: str) -> str:
    known = {g.id: g for g in process.groups}
    return known[group_id].name.in_lang(lang) if group_id in known else group_id


def _level_label(process, level: str, lang: str) -> str:
    if level == TOTAL:
        return t("word.total", lang)
    number = int(level)
    return f"{number} {process.subprocesses[number - 1].name.in_lang(lang)}"


def _overview_block(summary: Summary, catalogue: Catalogue, lang: str) -> Block:
    overview = summary.overview
    processes = [p for p in catalogue if p.id in set(overview["process_id"])]
    groups: list[tuple[str, str]] = []
    for process in processes:
        for group in process.groups:
            if (
                group.id not in [g for g, _ in groups]
                and (
                    (overview["process_id"] == process.id) & (overview["group_id"] == group.id)
                ).any()
            ):
                groups.append((group.id, group.name.in_lang(lang)))
    cells = {(r.group_id, r.process_id): r for r in overview.itertuples(index=False)}
    block = Block(
        t("merge.overview", lang),
        header=[t("word.group", lang), ""] + [p.name.in_lang(lang) for p in processes],
        right=set(range(2, 2 + len(processes))),
    )
    for group_id, group_name in groups:
        for index, (label, column) in enumerate(
            (("word.low", "low"), ("word.high", "high"), ("word.avg", "mean"))
        ):
            row = [group_name if index == 0 else "", t(label, lang)]
            for process in processes:
                cell = cells.get((group_id, process.id))
                row.append(
                    "–"
                    if cell is None
                    else format_hours(float(getattr(cell, column)), lang, 1, trim=False)
                )
            block.rows.append(row)
        block.section_ends.add(len(block.rows) - 1)
    block.caption = t("unit.hours_per_citizen", lang)
    return block


def _levels_block(summary: Summary, process, lang: str) -> Block:
    levels = summary.levels[summary.levels["process_id"] == process.id]
    block = Block(
        process.name.in_lang(lang),
        header=[
            t("merge.col.level", lang),
            t("merge.col.n", lang),
            t("merge.col.range", lang),
            t("merge.col.mean", lang),
            t("merge.col.median", lang),
            t("merge.col.mids", lang),
            t("word.reference", lang),
            t("merge.col.position", lang),
        ],
        right={1, 2, 3, 4, 5, 6, 7},
        caption=t("merge.ref_caption", lang, unit=t("unit.hours_per_citizen", lang)),
    )
    for row in _with_group_rows(block, levels, process, lang):
        reference = "–"
        if not _missing(row.ref_low):
            reference = format_range(row.ref_low, row.ref_high, lang)
            if not _missing(row.ref_avg):
                average = format_hours(row.ref_avg, lang, 1, trim=False)
                reference += f" ({t('word.avg', lang).lower()} {average})"
        position = "–" if _missing(row.n_below) else f"{row.n_below}/{row.n_within}/{row.n_above}"
        if row.level == TOTAL:
            block.bold.add(len(block.rows))
        block.rows.append(
            [
                _level_label(process, row.level, lang),
                str(row.n_workshops),
                format_range(row.low, row.high, lang, 2),
                _hours(row.mean, lang),
                _hours(row.median, lang),
                format_range(row.min_mid, row.max_mid, lang, 2),
                reference,
                position,
            ]
        )
    return block


def _subprocess_block(summary: Summary, process, lang: str) -> Block:
    drivers = summary.subprocess_drivers[summary.subprocess_drivers["process_id"] == process.id]
    name = process.name.in_lang(lang)
    block = Block(
        t("merge.drivers_sub", lang, name=name),
        header=[
            t("merge.col.rank", lang),
            t("word.subprocess", lang),
            t("merge.col.mean", lang),
            t("merge.col.share_mean", lang),
            t("merge.col.share_spread", lang),
        ],
        right={3, 4, 2},
        caption=t("merge.spread_caption", lang),
    )
    for row in _with_group_rows(block, drivers, process, lang):
        block.rows.append(
            [
                str(row.rank),
                _level_label(process, str(row.subprocess_no), lang),
                _hours(row.mean_mid, lang),
                _percent(row.share_of_mean, lang),
                _percent(row.spread_share, lang),
            ]
        )
    return block


def _activity_block(summary: Summary, process, lang: str) -> Block:
    drivers = summary.activity_drivers[
        (summary.activity_drivers["process_id"] == process.id)
        & (summary.activity_drivers["rank"] <= TOP_ACTIVITIES)
    ]
    block = Block(
        t("merge.drivers_act", lang, name=process.name.in_lang(lang), top=TOP_ACTIVITIES),
        header=[
            t("merge.col.rank", lang),
            t("word.activity", lang),
            t("merge.col.sub", lang),
            t("merge.col.mean", lang),
            t("merge.col.share_mean", lang),
            t("merge.col.share_spread", lang),
            t("merge.col.time_consuming", lang),
            t("merge.col.not_applicable", lang),
        ],
        right={2, 3, 4, 5, 6, 7},
        caption=t("merge.activity_caption", lang),
    )
    for row in _with_group_rows(block, drivers, process, lang):
        block.rows.append(
            [
                str(row.rank),
                row.activity_name + (" *" if row.local else ""),
                str(row.subprocess_no),
                _hours(row.mean_mid, lang),
                _percent(row.share_of_mean, lang),
                _percent(row.spread_share, lang),
                f"{row.n_time_consuming}/{row.n_workshops}",
                f"{row.n_not_applicable}/{row.n_workshops}",
            ]
        )
    return block


def _with_group_rows(block: Block, frame: pd.DataFrame, process, lang: str):
    """The frame's rows, with a heading row (the group's name) before each group."""
    previous = None
    for row in frame.itertuples(index=False):
        if row.group_id != previous:
            if previous is not None:
                block.section_ends.add(len(block.rows) - 1)
            block.group_rows.add(len(block.rows))
            heading = [""] * len(block.header)
            heading[1 if block.header[0] == t("merge.col.rank", lang) else 0] = _group_name(
                process, row.group_id, lang
            )
            block.rows.append(heading)
            previous = row.group_id
        yield row


def _local_and_notes(summary: Summary, process, lang: str, total: int) -> list[Block]:
    name = process.name.in_lang(lang)
    blocks = []
    local = summary.local_activities[summary.local_activities["process_id"] == process.id]
    if not local.empty:
        blocks.append(
            Block(
                t("merge.local", lang, name=name),
                bullets=[
                    t(
                        "merge.local_item",
                        lang,
                        sub=row.subprocess_no,
                        subname=process.subprocesses[row.subprocess_no - 1].name.in_lang(lang),
                        activity=row.activity_name,
                        n=row.n_workshops,
                        total=total,
                        where=row.municipalities,
                    )
                    for row in local.itertuples(index=False)
                ],
            )
        )
    notes = summary.cost_driver_notes[summary.cost_driver_notes["process_id"] == process.id]
    if not notes.empty:
        blocks.append(
            Block(
                t("merge.notes", lang, name=name),
                bullets=[
                    f"{row.subprocess_no} {row.subprocess_name} · {row.municipality}: "
                    f"{' '.join(row.text.split())}"
                    for row in notes.itertuples(index=False)
                ],
            )
        )
    return blocks


def rich_renderables(blocks: list[Block]) -> list:
    """The blocks as rich renderables; user text is escaped, never read as markup."""
    out: list = []
    for block in blocks:
        if block.heading:
            out.append(Text(""))
            out.append(Text(block.title, style="bold underline"))
            if block.caption:
                out.append(Text(block.caption, style="dim italic"))
            continue
        out.append(Text(""))
        if block.bullets or not block.header:
            out.append(Text(block.title, style="bold"))
            out += [Text(f"  • {bullet}") for bullet in block.bullets]
            continue
        table = Table(
            title=Text(block.title, style="bold"),
            title_justify="left",
            caption=Text(block.caption, style="dim") if block.caption else None,
            caption_justify="left",
        )
        for index, name in enumerate(block.header):
            low, high = _widths(block, index)
            table.add_column(
                Text(name),
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
                *[Text(cell) for cell in row], style=style, end_section=index in block.section_ends
            )
        out.append(table)
    return out


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


def markdown(blocks: list[Block]) -> str:
    """The blocks as GitHub-flavoured Markdown: headings, pipe tables and lists."""
    lines: list[str] = []
    for block in blocks:
        if block.heading:
            lines += [f"## {_md(block.title)}", ""]
            if block.caption:
                lines += [f"_{_md(block.caption)}_", ""]
            continue
        lines += [f"### {_md(block.title)}", ""]
        if block.header:
            lines.append("| " + " | ".join(_md(h) for h in block.header) + " |")
            lines.append(
                "|"
                + "|".join("---:" if i in block.right else "---" for i in range(len(block.header)))
                + "|"
            )
            for index, row in enumerate(block.rows):
                cells = [_md(cell) for cell in row]
                if index in block.bold or index in block.group_rows:
                    cells = [f"**{cell}**" if cell else cell for cell in cells]
                lines.append("| " + " | ".join(cells) + " |")
            lines.append("")
        lines += [f"- {_md(bullet)}" for bullet in block.bullets]
        if block.bullets:
            lines.append("")
        if block.caption:
            lines += [f"_{_md(block.caption)}_", ""]
    return "\n".join(lines)


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell: no pipes or line breaks, no markup."""
    text = " ".join(str(text).split())
    for char in ("\\", "|", "*", "_", "`", "<", ">", "[", "]"):
        text = text.replace(char, "\\" + char)
    return text


__all__ = [
    "Block",
    "markdown",
    "merge_csv",
    "merge_xlsx",
    "plain_text",
    "render",
    "report_blocks",
    "rich_renderables",
]
