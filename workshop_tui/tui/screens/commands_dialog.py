"""The commands that start the read-only views of the current session.

Participants follow the totals in a second terminal (`watch`) or in a browser
(`serve`); both only read the session file the app keeps saving.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from workshop_tui.core.i18n import N_, t
from workshop_tui.tui.screens.bindings import LanguageAware


def program() -> str:
    """How to call this very workshop-tui from a shell, as it is installed.

    After the README's install the command lives in .venv/bin, which is not on PATH:
    a bare `workshop-tui` would not be found (or would find another installation).
    """
    script = Path(sys.executable).parent / (
        "workshop-tui.exe" if os.name == "nt" else "workshop-tui"
    )
    on_path = shutil.which("workshop-tui")
    if on_path and script.exists() and Path(on_path).resolve() == script.resolve():
        return "workshop-tui"
    if script.exists():
        return shlex.quote(str(script))
    return shlex.join([sys.executable, "-m", "workshop_tui"])


def view_commands(path: Path) -> tuple[str, str]:
    """The shell commands for the watch and the serve view of the session at `path`."""
    quoted = shlex.quote(str(Path(path).resolve()))
    command = program()
    return f"{command} watch {quoted}", f"{command} serve {quoted}"


class CommandsDialog(LanguageAware, ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "close", N_("Close")),
        Binding("v", "close", N_("Close"), show=False),
        Binding("c", "copy", N_("Copy watch command")),
    ]

    # CSS, not DEFAULT_CSS: it must win over the app's narrower .dialog width
    CSS = """
    CommandsDialog .command { background: $panel; color: $text; padding: 0 1; margin-bottom: 1;
                              text-style: bold; }
    CommandsDialog .dialog { width: 110; }
    CommandsDialog Label { width: 1fr; }  /* wrapped, never cut, at 80 columns */
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.watch_command, self.serve_command = view_commands(path)

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        with Vertical(classes="dialog"):
            yield Label(t("Let the room follow the totals", lang), classes="dialog-title")
            yield Label(t("In a second terminal (read-only):", lang))
            yield Static(self.watch_command, classes="command", markup=False, id="watch")
            yield Label(
                t(
                    "In web browsers on this computer (read-only); it prints the address to open:",
                    lang,
                )
            )
            yield Static(self.serve_command, classes="command", markup=False, id="serve")
            yield Label(
                t(
                    "For laptops on the meeting-room network add --host 0.0.0.0: "
                    "anyone on that network can then see the totals (not change "
                    "them).",
                    lang,
                ),
                classes="dialog-hint",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("Copy watch command", lang), id="copy")
                yield Button(t("Close", lang), id="close", variant="primary")

    def on_mount(self) -> None:
        self.watch_app_language()
        self.query_one("#close").focus()

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.watch_command)
        self.notify(t("Copied to the clipboard", self.app.lang), timeout=2)

    def action_close(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_copy() if event.button.id == "copy" else self.action_close()
