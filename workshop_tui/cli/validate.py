"""`workshop-tui validate FILE...`: check process (.yaml), session (.json) and tidy CSV files.

A tidy CSV is read by the very function merge reads it with, so a file merge
reads (a Danish Excel one in Windows-1252 with semicolons, say) is valid here.

A session file can be a valid file and still hold figures that `merge` refuses:
a low above its high, or effective hours (hours x staff x share) above the limit.
The app saves such a cell on purpose (it marks it with '!' for the room to fix;
typing a new low before the new high passes through one), so the file is not
invalid; but it is not ready to merge either. validate names every such cell, as
merge's screening would, and exits with 1 instead of calling the file valid.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console

from workshop_tui.cli.output import safe, show_error
from workshop_tui.core.errors import WorkshopError
from workshop_tui.core.i18n import N_, t
from workshop_tui.core.merge.screening import REFUSED, Finding
from workshop_tui.core.process.catalogue import (
    Catalogue,
    check_session,
    load_catalogue,
    load_process_file,
)
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.session.model import Session
from workshop_tui.core.session.storage import load_session


def run(args: argparse.Namespace) -> int:
    """Every file checked; all problems printed.

    Exit 2 if any file is invalid; else 1 if a valid session holds figures merge
    refuses; else 0.
    """
    console, failures = Console(soft_wrap=True), []
    not_ready: list[tuple[Path, list[str]]] = []
    catalogue: Catalogue | None = None
    for path in args.files:
        left_out: list[str] = []  # what merge would leave out of this file: said, not an error
        try:
            if path.suffix.lower() in (".yaml", ".yml"):
                load_process_file(path)  # also refuses anchors, aliases and tags
                kind = "process"
            else:
                catalogue = catalogue or load_catalogue(args.processes, args.lang)
                is_csv = path.suffix.lower() == ".csv"
                check = _validate_tidy_csv if is_csv else _validate_session
                findings = check(path, catalogue, args.lang)
                refusals = [f.message(args.lang) for f in findings if f.action == REFUSED]
                left_out = [f.message(args.lang) for f in findings if f.action != REFUSED]
                if refusals:
                    not_ready.append((path, refusals))
                    continue
                kind = "tidy CSV" if is_csv else "session"
        except WorkshopError as error:
            failures.append(error)
            continue
        console.print(
            "[green]✓[/] " + safe(t("{path}: valid {kind} file", args.lang, path=path, kind=kind))
        )
        if left_out:
            console.print(
                "  [yellow]![/] "
                + safe(t("{path}: merge leaves this out of its tables:", args.lang, path=path))
            )
            for line in left_out:
                console.print(f"    [yellow]•[/] {safe(line)}")
    _show_not_ready(not_ready, args.lang)
    for failure in failures:
        show_error(failure, args.lang)
    return 2 if failures else 1 if not_ready else 0


def _validate_session(path: Path, catalogue: Catalogue, lang: str) -> list[Finding]:
    """The session's problems raised as a WorkshopError; returns what merge's screening
    would find in it (refused figures, time logged where the process has no subprocess)."""
    session = load_session(path, lang)
    process = catalogue.get(session.process_id)
    problems = check_session(session, process, path)
    if problems:
        raise WorkshopError(N_("Invalid session file"), problems)
    return merge_findings(session, process, path, lang)


def _validate_tidy_csv(path: Path, catalogue: Catalogue, lang: str) -> list[Finding]:
    """A tidy CSV read exactly as merge reads it (any encoding and dialect merge reads):
    its skipped sessions raised as a WorkshopError; returns merge's screening of the rest."""
    from workshop_tui.core.merge.reading import read_export
    from workshop_tui.core.merge.screening import screen_figures, screen_time_logs

    read = read_export(path, catalogue, lang)
    if read.problems:
        raise WorkshopError(N_("Invalid tidy CSV"), read.problems)
    return read.refused + screen_figures(read.records)[1] + screen_time_logs(read.records)[1]


def merge_findings(
    session: Session, process: ProcessDefinition, path: Path, lang: str
) -> list[Finding]:
    """merge's screening of one session: the cells it refuses (low above high, hours above
    the limit) and the time it leaves out; empty when it would merge it whole."""
    # the merge package loads numpy: only once a session file has been read
    from workshop_tui.core.merge.records import session_record
    from workshop_tui.core.merge.screening import screen_figures, screen_time_logs

    record = session_record(session, process, str(path), "json", lang)
    return screen_figures([record])[1] + screen_time_logs([record])[1]


def _show_not_ready(not_ready: list[tuple[Path, list[str]]], lang: str) -> None:
    if not not_ready:
        return
    console = Console(stderr=True, soft_wrap=True, highlight=False)
    for path, refusals in not_ready:
        console.print(
            "[yellow]![/] "
            + safe(
                t(
                    "{path}: a valid session file, but merge refuses it until these figures "
                    "are fixed (in the app: the cells marked !):",
                    lang,
                    path=path,
                )
            )
        )
        for line in refusals:
            console.print(f"  [yellow]•[/] {safe(line)}")
