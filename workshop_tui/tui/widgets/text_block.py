"""A widget that shows a rich Text as lines rendered once (the Line API).

The totals panel redraws one group's block on every entry. A Static turns its Text
into Textual's content and lays it out again each time it is painted; this widget
renders the Text to strips once when it changes and hands out those strips, which
costs a fraction of that (see benchmarks/bench_app.py).
"""

from __future__ import annotations

from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget


class TextBlock(Widget):
    """Fixed lines of text; `show` replaces them (a layout pass only if the height changes)."""

    DEFAULT_CSS = "TextBlock { height: auto; }"

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.text = Text()
        self._strips: list[Strip] = []
        self._width = 0

    def show(self, text: Text) -> None:
        self.text = text
        self._strips = []  # rendered on the next paint, at the width then
        lines = text.plain.count("\n") + 1
        height = self.styles.height
        if height is None or height.value != lines:
            self.styles.height = lines
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips = []  # drawn again in the new colours (a theme switched)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if not self._strips or self._width != width:
            self._width = width
            console = self.app.console
            options = console.options.update(width=width, height=None, no_wrap=True)
            lines = console.render_lines(self.text, options, pad=True)
            style = self.rich_style
            self._strips = [Strip(line, width).apply_style(style) for line in lines]
        if y < len(self._strips):
            return self._strips[y]
        return Strip.blank(width, self.rich_style)
