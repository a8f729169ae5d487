"""`workshop-tui validate FILE...`: check process (.yaml) and session (.json) files."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from workshop_tui.cli.output import show_error
from workshop_tui.core.catalogue import Catalogue, check_session, load_catalogue, load_process_file
from workshop_tui.core.errors import WorkshopError
from workshop_tui.core.i18n import t
from workshop_tui.core.models import Session
from workshop_tui.core.storage import load_session


def run(args: argparse.Namespace) -> int:
    """Every file checked; all problems printed; exit 2 if any file is invalid."""
    console, failures = Console(soft_wrap=True), []
    catalogue: Catalogue | None = None
    for path in args.files:
        try:
            if path.suffix.lower() in (".yaml", ".yml"):
                load_process_file(path)  # also refuses anchors, aliases and tags
                kind = "process"
            else:
                catalogue = catalogue or load_catalogue(args.processes)
                _validate_session(path, catalogue, args.lang)
                kind = "session"
        except WorkshopError as error:
            failures.append(error)
            continue
        console.print(f"[green]✓[/] {escape(t('cli.valid', args.lang, path=path, kind=kind))}")
    if failures:
        for failure in failures:
            show_error(failure)
        return 2
    return 0


def _validate_session(path: Path, catalogue: Catalogue, lang: str) -> Session:
    session = load_session(path, lang)
    process = catalogue.get(session.process_id)
    problems = check_session(session, process, path)
    if problems:
        raise WorkshopError("Invalid session file", problems)
    return session
