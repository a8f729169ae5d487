"""`--jobs N`: how many processes may read exports at once (merge, cost and report).

Imports nothing heavy: main.py builds the parser on every start, the app's too.
"""

from __future__ import annotations

import argparse

from workshop_tui.core.i18n import t
from workshop_tui.core.merge.parallel import available_cores


def add_jobs_argument(sub: argparse.ArgumentParser, lang: str = "en") -> None:
    sub.add_argument(
        "--jobs",
        "-j",
        type=_at_least_one,
        default=None,
        metavar="N",
        help=t(
            "processes that read the exports at once (default: one per core; "
            "1 reads them all in this process)",
            lang,
        ),
    )


def jobs_wanted(args: argparse.Namespace) -> int:
    """--jobs as given, else one process per core this program may use."""
    jobs: int | None = getattr(args, "jobs", None)
    if jobs is not None:
        return jobs
    return available_cores()


def _at_least_one(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, not {text!r}")
    return number
