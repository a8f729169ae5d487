"""`workshop-tui merge PATH... [--out FILE] [--format table|csv|xlsx|json|md] [--anonymise]
[--strict] [--include-incomplete] [--table NAME] [--jobs N]`.

This module starts the work and imports almost nothing: it finds the exports and forks
their readers (core/merge/parallel.py) before anything heavy is imported, so each reader
imports what reading takes on a core of its own while this process does the same.
Then cli/merge_print.py loads, summarises and prints. The exit code is 1 when
anything was skipped or refused, 0 otherwise (2 for a usage mistake).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from workshop_tui.cli.jobs import jobs_wanted
from workshop_tui.core.merge.collector import collector_paused
from workshop_tui.core.merge.files import find_export_files
from workshop_tui.core.merge.parallel import Readers

if TYPE_CHECKING:  # pragma: no cover - typing only
    from workshop_tui.core.merge.reading import ReadFile


def run(args: argparse.Namespace) -> int:
    """Find the exports, start their readers, then load, summarise and print."""
    files, problems = find_export_files(args.paths)
    # No cyclic collection from the first file to the last byte out: a collection
    # would walk every record read, for garbage that holds no cycles.
    setup = partial(exports_reader, args.processes, args.lang)
    with collector_paused(), Readers(files, setup, jobs_wanted(args)) as readers:
        from workshop_tui.cli.merge_print import merge

        return merge(args, files, problems, readers)


def exports_reader(processes: list[Path], lang: str) -> Callable[[Path], ReadFile]:
    """What a reader runs first: the imports and the process definitions that reading takes."""
    from workshop_tui.core.merge.reading import exports_reader as reader
    from workshop_tui.core.process.catalogue import load_catalogue

    return reader(load_catalogue(processes, lang), lang)
