"""`workshop-tui validate FILE...`: check process (.yaml) and session (.json) files.

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
from workshop_tui.core import i18n
from workshop_tui.core.catalogue import Catalogue, check_session, load_catalogue, load_process_file
from workshop_tui.core.errors import WorkshopError
from workshop_tui.core.i18n import t
from workshop_tui.core.models import ProcessDefinition, Session
from workshop_tui.core.storage import load_session

i18n.register(
    {
        "validate.not_ready": {
            "en": "{path}: a valid session file, but merge refuses it until these figures "
            "are fixed (in the app: the cells marked !):",
            "da": "{path}: en gyldig sessionsfil, men merge afviser den, indtil disse tal er "
            "rettet (i appen: cellerne markeret med !):",
        },
    }
)


def run(args: argparse.Namespace) -> int:
    """Every file checked; all problems printed.

    Exit 2 if any file is invalid; else 1 if a valid session holds figures merge
    refuses; else 0.
    """
    console, failures = Console(soft_wrap=True), []
    not_ready: list[tuple[Path, list[str]]] = []
    catalogue: Catalogue | None = None
    for path in args.files:
        try:
            if path.suffix.lower() in (".yaml", ".yml"):
                load_process_file(path)  # also refuses anchors, aliases and tags
                kind = "process"
            else:
                catalogue = catalogue or load_catalogue(args.processes)
                refusals = _validate_session(path, catalogue, args.lang)
                if refusals:
                    not_ready.append((path, refusals))
                    continue
                kind = "session"
        except WorkshopError as error:
            failures.append(error)
            continue
        console.print(f"[green]✓[/] {safe(t('cli.valid', args.lang, path=path, kind=kind))}")
    _show_not_ready(not_ready, args.lang)
    for failure in failures:
        show_error(failure)
    return 2 if failures else 1 if not_ready else 0


def _validate_session(path: Path, catalogue: Catalogue, lang: str) -> list[str]:
    """The session's problems raised as a WorkshopError; returns what merge would refuse."""
    session = load_session(path, lang)
    process = catalogue.get(session.process_id)
    problems = check_session(session, process, path)
    if problems:
        raise WorkshopError("Invalid session file", problems)
    return merge_refusals(session, process, path, lang)


def merge_refusals(
    session: Session, process: ProcessDefinition, path: Path, lang: str
) -> list[str]:
    """merge's screening of the session's figures (low above high, hours above the limit),
    one line per cell naming the group, level and activity; empty when it would merge."""
    # the merge package loads numpy: only once a session file has been read
    from workshop_tui.core.merge.records import session_record
    from workshop_tui.core.merge.screening import screen_figures

    _, findings = screen_figures([session_record(session, process, str(path), "json", lang)])
    return [finding.message(lang) for finding in findings]


def _show_not_ready(not_ready: list[tuple[Path, list[str]]], lang: str) -> None:
    if not not_ready:
        return
    console = Console(stderr=True, soft_wrap=True, highlight=False)
    for path, refusals in not_ready:
        console.print(f"[yellow]![/] {safe(t('validate.not_ready', lang, path=path))}")
        for line in refusals:
            console.print(f"  [yellow]•[/] {safe(line)}")
