"""The costing's frames as rows, and its ratios as people read them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pandas as pd

from workshop_tui.core.formatting import format_number


def rows(frame: pd.DataFrame) -> Iterator[Any]:
    """A frame's rows as namedtuples whose fields the type checker takes as they come."""
    return iter(frame.itertuples(index=False))


def format_ratio(value: float, lang: str = "en") -> str:
    return format_number(value, lang, 2)
