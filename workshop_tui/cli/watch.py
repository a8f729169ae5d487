"""`workshop-tui watch SESSION_FILE`: the read-only live view in this terminal."""

from __future__ import annotations

import argparse
from pathlib import Path

from workshop_tui.core.process.catalogue import load_catalogue
from workshop_tui.core.session.watcher import SessionWatcher, catalogue_check


def run(args: argparse.Namespace) -> int:
    """Check the session file and its process first, then follow it."""
    path = Path(args.file).expanduser().resolve()
    catalogue = load_catalogue(args.processes, args.lang)
    watcher = SessionWatcher(path, catalogue_check(catalogue))
    watcher.load_first()
    from workshop_tui.tui.live.watch_app import WatchApp

    WatchApp(watcher, catalogue, args.lang).run()
    return 0
