"""Reading a pandas frame row by row, for the tables, texts and reports built from the merge."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pandas as pd


def rows_of(frame: pd.DataFrame) -> Iterator[Any]:
    """The frame's rows as named tuples (typed loosely: pandas types each cell as any scalar)."""
    return frame.itertuples(index=False)


__all__ = ["rows_of"]
