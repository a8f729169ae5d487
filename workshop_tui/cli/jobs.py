"""`--jobs N` of merge, cost and report: accepted, so scripts that pass it keep working.

The exports are read in one process whatever N is: reading them in parallel did not
win on a busy two-core machine (benchmarks/bench_merge.py).
"""

from __future__ import annotations

import argparse

from workshop_tui.core.i18n import t


def add_jobs_argument(sub: argparse.ArgumentParser, lang: str = "en") -> None:
    sub.add_argument(
        "--jobs",
        "-j",
        type=_at_least_one,
        default=None,
        metavar="N",
        help=t("accepted for older scripts and ignored: the exports are read in one process", lang),
    )


def _at_least_one(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, not {text!r}")
    return number
