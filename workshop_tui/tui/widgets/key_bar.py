"""The line of keys at the bottom: what matters now, in the current language, clickable.

It shows what Textual's Footer shows (the active bindings marked `show`), but as
one Static instead of a widget per key: the Footer recomposes a dozen widgets
whenever the bindings change, which measurably slowed the app's start and every
frame that touched the bottom of the screen (see benchmarks/bench_app.py).
"""

from __future__ import annotations

from textual.content import Content
from textual.dom import DOMNode
from textual.screen import Screen
from textual.style import Style
from textual.widgets import Static

ALWAYS_SHOWN = {"help", "command_palette"}  # the ways to every key that does not fit


class KeyBar(Static):
    """Key and description for each binding the screen shows; click one to use it."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        background: $panel;
        color: $text;
        padding: 0 1 0 0;
        link-style: none;
        link-style-hover: reverse;
        link-background-hover: $accent 30%;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.show_keys()

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen:
            self.show_keys()

    def show_keys(self) -> None:
        """Redraw from the screen's active bindings (after a language switch, say).

        In the bindings' order (most used first) as many as fit the width; the help
        key and the command palette's always, last, as the ways to every other key.
        """
        parts: list[Content] = []
        always: list[Content] = []
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            key = self.app.get_key_display(binding)
            key = key.upper() if key[:1] == "f" and key[1:].isdigit() else key
            part = Content.assemble((key, "bold $accent"), " ", binding.description, " ")
            click = Style.from_meta({"@click": self._action_target(active.node, binding.action)})
            part = part.stylize(click, 0, len(part) - 1)
            part = part if active.enabled else part.stylize("dim")
            (always if binding.action in ALWAYS_SHOWN else parts).append(part)
        width = self.size.width or self.app.size.width
        room = width - 1 - sum(part.cell_length for part in always)
        content = Content("")
        for part in parts:
            if content.cell_length + part.cell_length > room:
                break
            content += part
        for part in always:
            content += part
        self.update(content, layout=False)

    def on_resize(self) -> None:
        self.show_keys()

    def _action_target(self, node: DOMNode, action: str) -> str:
        """The action as a click can run it: app., screen. or focused. in front."""
        if node is self.app:
            return f"app.{action}"
        if node is self.screen:
            return f"screen.{action}"
        return f"focused.{action}"
