"""The options of `cost` and `report`, kept beside their code; imports nothing heavy,
because main.py builds the parser on every start."""

from __future__ import annotations

import argparse
from pathlib import Path

from workshop_tui.cli.csv_option import add_csv_dialect_argument
from workshop_tui.cli.jobs import add_jobs_argument
from workshop_tui.core.i18n import t

DEFAULT_SEED = 2024  # the same as workshop_tui.core.uncertainty.DEFAULT_SEED


def _shared(sub: argparse.ArgumentParser, lang: str) -> None:
    sub.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    sub.add_argument(
        "--costing",
        type=Path,
        metavar="FILE",
        help=t("costing YAML (default: the bundled one)", lang),
    )
    sub.add_argument(
        "--seed",
        type=int,
        default=DEFAULT_SEED,
        help=t("seed for the bootstrap and the sampling (default {seed})", lang, seed=DEFAULT_SEED),
    )
    sub.add_argument("--anonymise", action="store_true", help=t("replace municipality names", lang))
    add_jobs_argument(sub, lang)


def add_cost_parser(sub: argparse.ArgumentParser, lang: str = "en") -> None:
    _shared(sub, lang)
    sub.add_argument("--out", type=Path, metavar="FILE")
    sub.add_argument("--format", choices=("table", "csv", "md", "json", "xlsx"), default="table")
    sub.add_argument(
        "--table",
        choices=("costs", "skipped"),
        default="costs",
        help=t("the table --format csv prints: the costs, or the files and sessions skipped", lang),
    )
    add_csv_dialect_argument(sub, lang)


def add_report_parser(sub: argparse.ArgumentParser, lang: str = "en") -> None:
    _shared(sub, lang)
    sub.add_argument(
        "--municipality", metavar="NAME", help=t("whose report (default: national)", lang)
    )
    sub.add_argument(
        "--all-municipalities",
        action="store_true",
        help=t("every municipality's report and the national one, into the folder --out", lang),
    )
    sub.add_argument(
        "--out",
        type=Path,
        metavar="PATH",
        required=True,
        help=t("the HTML to write (with --all-municipalities: the folder)", lang),
    )
    sub.add_argument(
        "--png", type=Path, metavar="DIR", help=t("also write each chart as PNG", lang)
    )
    sub.add_argument(
        "--distribution",
        choices=("uniform", "triangular"),
        default="uniform",
        help=t("how an activity varies within its range, for P10/P50/P90 (default uniform)", lang),
    )
