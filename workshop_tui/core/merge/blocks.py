"""The human report's building block: a titled table (or list) that the table and Markdown
renderers draw the same way, for `merge` and `cost`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from workshop_tui.core.formatting import group_label
from workshop_tui.core.i18n import t
from workshop_tui.core.process.model import ProcessDefinition

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pandas as pd


@dataclass
class Block:
    """A titled table (or list) both human renderers draw the same way."""

    title: str
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    right: set[int] = field(default_factory=set)  # right-aligned columns
    bold: set[int] = field(default_factory=set)  # rows in bold (totals)
    group_rows: set[int] = field(default_factory=set)  # a target group's name, as a heading
    section_ends: set[int] = field(default_factory=set)
    bullets: list[str] = field(default_factory=list)
    caption: str = ""
    heading: bool = False  # a process heading rather than a table

    def append_row(self, cells: list[str], bold: bool = False) -> None:
        """A row at the end; `bold` for a total."""
        if bold:
            self.bold.add(len(self.rows))
        self.rows.append(cells)


def with_group_rows(
    block: Block, frame: pd.DataFrame, process: ProcessDefinition, lang: str
) -> Iterator[Any]:
    """The frame's rows, with a heading row (the group's name) before each group."""
    previous: str | None = None
    for row in frame.itertuples(index=False):
        group_id = str(row.group_id)
        if group_id != previous:
            if previous is not None:
                block.section_ends.add(len(block.rows) - 1)
            block.group_rows.add(len(block.rows))
            heading = [""] * len(block.header)
            heading[1 if block.header[0] == t("#", lang) else 0] = group_label(
                process, group_id, lang
            )
            block.rows.append(heading)
            previous = group_id
        yield row


__all__ = ["Block", "with_group_rows"]
