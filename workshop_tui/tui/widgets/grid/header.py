"""The estimate grid's header: the target groups' names over their Low and High columns.

A mixin of GridView (which has the rows and the styles); kept apart so the drawing of
the header, with its wrapping of long group names, reads on its own.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style

from workshop_tui.core.i18n import register, t
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.session.editor import SIDES
from workshop_tui.core.session.model import Session
from workshop_tui.tui.widgets.grid.cells import fit
from workshop_tui.tui.wrap import wrap_words

if TYPE_CHECKING:
    from workshop_tui.tui.widgets.grid.rounds import RoundsLook

CELL_WIDTH = 6  # one hours value: up to 5 characters and a space
GROUP_GAP = 1  # the rule before each group's pair of columns
# Lines a group's name may take: as many as a long name needs where the screen is tall
# (120x40: "Job clarification to new job clarification course" takes five), two where
# the grid needs every line for activities (80x24).
GROUP_NAME_LINES_TALL = 5
GROUP_NAME_LINES_SHORT = 2

register(
    {
        "grid.unit": {"en": "hours per citizen, as typed", "da": "timer pr. borger, indtastet"},
        "grid.unit_effective": {
            "en": "EFFECTIVE hours (× staff × share)",
            "da": "EFFEKTIVE timer (× antal × andel)",
        },
    }
)


class GridHeader:
    """Draws the header lines of the grid (GridView supplies the attributes below)."""

    process: ProcessDefinition
    session: Session
    lang: str
    effective: bool
    wrap_names: bool
    _name_lines: tuple[tuple[str, tuple[str, ...], bool], list[list[str]]] | None
    rounds_look: RoundsLook

    if TYPE_CHECKING:

        @property
        def name_width(self) -> int: ...

        def _style(self, *names: str) -> Style: ...

    @property
    def header_height(self) -> int:
        """Group names (one line, or more where a name is long) and the Low/High line."""
        return len(self._group_name_lines()) + 1

    def _group_name_lines(self) -> list[list[str]]:
        key = (self.lang, tuple(self.session.groups), self.wrap_names)
        if self._name_lines is None or self._name_lines[0] != key:
            self._name_lines = (key, self._wrap_group_names())
        return self._name_lines[1]

    def _wrap_group_names(self) -> list[list[str]]:
        span = 2 * CELL_WIDTH
        names = [self.process.group(g).name.in_lang(self.lang) for g in self.session.groups]
        if all(len(name) <= span for name in names):
            return [names]
        if self.wrap_names:  # whole, a long word hyphenated
            most = GROUP_NAME_LINES_TALL
            wrapped = [wrap_words(name, span) for name in names]
        else:  # two lines, cut where need be ("arbejdsmark…" reads better than "arbejdsmar-…")
            most = GROUP_NAME_LINES_SHORT
            wrapped = [textwrap.wrap(name, span, break_long_words=False) for name in names]
        # where even `most` lines are not enough, the last one is cut (fit adds the "…")
        wrapped = [
            parts if len(parts) <= most else [*parts[: most - 1], " ".join(parts[most - 1 :])]
            for parts in wrapped
        ]
        height = min(most, max(len(parts) for parts in wrapped))
        return [
            [parts[line] if line < len(parts) else "" for parts in wrapped]
            for line in range(height)
        ]

    def _header_segments(self, y: int) -> list[Segment]:
        header = self._style("header")
        rule = self._style("header", "rule")
        name_lines = self._group_name_lines()
        span = 2 * CELL_WIDTH
        if y < len(name_lines):
            first = t("word.activity", self.lang) if y == 0 else ""
            segments = [Segment(fit(first, self.name_width), header)]
            for name in name_lines[y]:
                segments += [
                    Segment("│", rule),
                    Segment(fit(name, span).center(span)[:span], header),
                ]
            return segments
        unit = t("grid.unit_effective" if self.effective else "grid.unit", self.lang)
        unit = self.rounds_look.unit(self, unit)  # type: ignore[arg-type]  # a GridView
        segments = [Segment(fit(unit, self.name_width), rule)]
        for _ in self.session.groups:
            segments.append(Segment("│", rule))
            for side in SIDES:
                label = t(f"word.{side}", self.lang)
                segments.append(
                    Segment(label[: CELL_WIDTH - 1].rjust(CELL_WIDTH - 1) + " ", header)
                )
        return segments
