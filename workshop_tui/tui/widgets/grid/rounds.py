"""How the estimate grid shows estimate rounds: first figures, moved cells, a silent round.

The grid draws a row as usual, then hands it here (`RoundsLook.decorate`):
- in the first-round view (Ctrl+B) each cell shows its first-round figure, in
  italics, and the grid's unit line says so;
- in the normal view a figure (low or high) that moved from its first-round one
  is underlined and carries MOVED_MARK in its mark column (in front of the figure
  where × has the mark column);
- in a silent round that is still open, every figure but the one under the
  cursor shows HIDDEN_TEXT, so the room cannot anchor on the others; an empty
  cell stays empty, so the room sees what is left.
Nothing here costs anything in a workshop without rounds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style

from workshop_tui.core.i18n import t
from workshop_tui.core.session.editor import SIDES
from workshop_tui.core.workshop.rounds import first_figure, hidden_subprocesses, side_moved
from workshop_tui.tui.widgets.grid.cells import CELL_WIDTH, fit_hours

if TYPE_CHECKING:
    from workshop_tui.core.session.model import Session
    from workshop_tui.tui.widgets.grid.view import GridView

MOVED_MARK = "Δ"  # the agreed figure differs from the first-round one
HIDDEN_TEXT = "•••"  # a figure hidden during a silent round
FIRST_STYLE = Style(italic=True)
MOVED_STYLE = Style(underline=True)


class RoundsLook:
    """The grid's view of the rounds: which figures it shows, and which it hides."""

    def __init__(self) -> None:
        self.show_first = False  # first-round figures instead of the agreed ones
        self._hidden: tuple[int, set[int]] = (0, set())  # (id of the session, subprocesses)

    def hidden(self, grid: GridView) -> set[int]:
        """Subprocesses whose figures a silent round hides now (cached per session)."""
        session = grid.session
        if not session.rounds.silent:
            return set()
        if self._hidden[0] != id(session):
            self._hidden = (id(session), hidden_subprocesses(grid.process, session))
        return self._hidden[1]

    def unit(self, grid: GridView, unit: str) -> str:
        """The grid's unit line: it says when the figures are not the agreed ones."""
        if self.show_first:
            return t("FIRST-ROUND figures (italics)", grid.lang)
        if self.hidden(grid):
            return t("SILENT round: others hidden", grid.lang)
        return unit

    def decorate(
        self, grid: GridView, segments: list[Segment], row: int, part: int
    ) -> list[Segment]:
        """One drawn row with the rounds applied (its figures are on its first line)."""
        line = grid.rows[row].line
        session = grid.session
        if line is None or part or not (session.rounds.first or session.rounds.silent):
            return segments
        hide = line.subprocess in self.hidden(grid)
        if not hide and not self.show_first and not session.rounds.first:
            return segments
        cursor_group = grid.columns[grid.cursor_column][0] if row == grid.cursor_row else None
        for index, group in enumerate(session.groups):
            if hide and group == cursor_group:
                continue  # the cell being estimated: the room sees what it says now
            for offset, side in enumerate(SIDES):
                at = 2 + 3 * index + offset  # name, then per group: rule, low, high
                if at >= len(segments) or (grid.editing and group == cursor_group):
                    continue
                segments[at] = self._cell(grid, session, segments[at], line.id, group, side, hide)
        return segments

    def _cell(
        self,
        grid: GridView,
        session: Session,
        segment: Segment,
        activity_id: str,
        group: str,
        side: str,
        hide: bool,
    ) -> Segment:
        width = CELL_WIDTH - 1
        style = segment.style or Style()
        if hide:
            if getattr(session.estimate(activity_id, group), side) is None:
                return segment  # nothing said yet: the room sees what is left to estimate
            return Segment(HIDDEN_TEXT.rjust(width) + " ", grid._style("muted"))
        if self.show_first:
            first = first_figure(session, activity_id, group)
            value = getattr(first, side) if first is not None else None
            text = "·" if value is None else fit_hours(value, grid.lang, width)
            return Segment(text.rjust(width) + " ", style + FIRST_STYLE)
        if not side_moved(session, activity_id, group, side):  # mark only the side that moved
            return segment
        text = segment.text
        if text.endswith(" "):
            text = text[:-1] + MOVED_MARK
        elif text.startswith(" "):  # the mark column holds another mark (×): Δ goes in front
            text = MOVED_MARK + text[1:]
        return Segment(text, style + MOVED_STYLE)
