"""`workshop-tui export SESSION --format csv|xlsx|json [--out PATH] [--table NAME]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console

from workshop_tui.cli.output import safe
from workshop_tui.core.errors import WorkshopError
from workshop_tui.core.exports import (
    check_exportable,
    default_export_path,
    export_bytes,
)
from workshop_tui.core.i18n import nt, t
from workshop_tui.core.process.catalogue import load_catalogue
from workshop_tui.core.session.storage import load_session, write_file
from workshop_tui.core.totals import activity_lines


def run(args: argparse.Namespace) -> int:
    """`workshop-tui export SESSION --format csv|xlsx|json [--out PATH]`.

    Without --out the file goes beside the session file with the same stem;
    --out may name a file, a folder, or '-' for standard output.
    """
    session_path = Path(args.session)
    session = load_session(session_path)
    process = load_catalogue(args.processes, args.lang).get(session.process_id)
    fmt, lang = args.format, args.lang
    if fmt != "json":  # the JSON is lossless; the tables need every activity placed
        check_exportable(session, process, session_path)
    table = getattr(args, "table", "estimates")
    target = _target(session_path, fmt, getattr(args, "out", None), table)
    data = export_bytes(session, process, fmt, lang, table, args.csv_dialect)
    console = Console(stderr=True, soft_wrap=True)
    if target is None:
        if fmt == "xlsx" and sys.stdout.isatty():
            raise WorkshopError(t("XLSX cannot be written to a terminal; give --out FILE", lang))
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    if fmt == "json" and target.resolve() == session_path.resolve():
        console.print(
            safe(
                t(
                    "{path} is the session file itself, the canonical JSON export: "
                    "nothing to write",
                    lang,
                    path=session_path,
                )
            )
        )
        return 0
    write_file(target, data)
    detail = ""
    if fmt == "csv" and table == "participants":
        rows = len(session.participant_estimates)
        detail = " (" + nt("{count} row", "{count} rows", rows, lang, count=rows) + ")"
    elif fmt in ("csv", "xlsx"):
        rows = len(session.groups) * len(activity_lines(process, session))
        detail = " (" + nt("{count} row", "{count} rows", rows, lang, count=rows) + ")"
    console.print("[green]✓[/] " + safe(t("Wrote {path}", lang, path=target)) + detail)
    return 0


def _target(session_path: Path, fmt: str, out: Path | None, table: str) -> Path | None:
    """Where to write: None means standard output."""
    default = default_export_path(session_path, fmt)
    if fmt == "csv" and table == "participants":  # never over the estimates' CSV
        default = default.with_name(f"{default.stem}.participants.csv")
    if out is None:
        return default
    if str(out) == "-":
        return None
    if out.is_dir() or str(out).endswith(("/", "\\")):
        return Path(out) / default.name
    return Path(out)
