"""The options of `cost` and `report`, kept beside their code; imports nothing heavy,
because main.py builds the parser on every start."""

from __future__ import annotations

import argparse
from pathlib import Path

from workshop_tui.cli.jobs import add_jobs_argument

DEFAULT_SEED = 2024  # the same as workshop_tui.core.uncertainty.DEFAULT_SEED


def _shared(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    sub.add_argument(
        "--costing", type=Path, metavar="FILE", help="costing YAML (default: the bundled one)"
    )
    sub.add_argument(
        "--seed",
        type=int,
        default=DEFAULT_SEED,
        help=f"seed for the bootstrap and the sampling (default {DEFAULT_SEED})",
    )
    sub.add_argument("--anonymise", action="store_true", help="replace municipality names")
    add_jobs_argument(sub)


def add_cost_parser(sub: argparse.ArgumentParser) -> None:
    _shared(sub)
    sub.add_argument("--out", type=Path, metavar="FILE")
    sub.add_argument("--format", choices=("table", "csv", "md", "json", "xlsx"), default="table")


def add_report_parser(sub: argparse.ArgumentParser) -> None:
    _shared(sub)
    sub.add_argument("--municipality", metavar="NAME", help="whose report (default: national)")
    sub.add_argument("--out", type=Path, metavar="FILE", required=True, help="the HTML to write")
    sub.add_argument("--png", type=Path, metavar="DIR", help="also write each chart as PNG")
    sub.add_argument(
        "--distribution",
        choices=("uniform", "triangular"),
        default="uniform",
        help="how an activity varies within its range, for P10/P50/P90 (default uniform)",
    )
