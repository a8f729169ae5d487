"""`--csv-dialect standard|excel-da` of export, merge and cost: one option, one writer
(workshop_tui/core/csv_dialect.py); light, because main.py builds the parser on every start."""

from __future__ import annotations

import argparse

from workshop_tui.core.csv_dialect import DEFAULT_DIALECT, DIALECTS
from workshop_tui.core.i18n import t


def add_csv_dialect_argument(sub: argparse.ArgumentParser, lang: str = "en") -> None:
    kinds = "; ".join(f"{name}: {t(style.help, lang)}" for name, style in DIALECTS.items())
    sub.add_argument(
        "--csv-dialect",
        choices=tuple(DIALECTS),
        default=DEFAULT_DIALECT,
        help=t("how --format csv writes: {kinds}", lang, kinds=kinds),
    )
