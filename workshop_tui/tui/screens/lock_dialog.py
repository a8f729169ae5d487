"""The session is open in another window: say who has it, and offer what can be done.

Opening read-only is always offered (the file can be read, not changed); taking
over only where the lock's holder is gone, or on another computer, where only
the user can know whether it is still in use (SessionLockedError.can_take_over).
The dialog returns "read_only", "take_over", or None for Cancel.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from workshop_tui.core.i18n import N_, t
from workshop_tui.core.session.lock import SessionLockedError
from workshop_tui.core.text import printable
from workshop_tui.tui.screens.bindings import LanguageAware


class LockDialog(LanguageAware, ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, error: SessionLockedError) -> None:
        super().__init__()
        self.error = error

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        with Vertical(classes="dialog"):
            yield Label(
                t("The session is open elsewhere", lang), classes="dialog-title", id="title"
            )
            # host and user names come from a file: shown as text, never as codes
            yield Static(printable(self.error.message), markup=False, id="message")
            yield Label(
                t("Read-only: you can look at the figures but not change them.", lang),
                classes="dialog-hint",
                id="ro-hint",
            )
            if self.error.can_take_over:
                yield Label(
                    t("Take over only if nobody is working in the other window any more.", lang),
                    classes="dialog-hint",
                    id="to-hint",
                )
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("Cancel", lang), id="cancel")
                if self.error.can_take_over:
                    yield Button(t("Take over", lang), id="take_over", variant="warning")
                yield Button(t("Open read-only", lang), id="read_only", variant="primary")

    def on_mount(self) -> None:
        self.watch_app_language()
        self.query_one("#read_only").focus()

    def apply_language(self, lang: str) -> None:
        self.query_one("#title", Label).update(t("The session is open elsewhere", lang))
        self.query_one("#ro-hint", Label).update(
            t("Read-only: you can look at the figures but not change them.", lang)
        )
        self.query_one("#cancel", Button).label = t("Cancel", lang)
        self.query_one("#read_only", Button).label = t("Open read-only", lang)
        if self.error.can_take_over:
            self.query_one("#to-hint", Label).update(
                t("Take over only if nobody is working in the other window any more.", lang)
            )
            self.query_one("#take_over", Button).label = t("Take over", lang)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None if event.button.id == "cancel" else event.button.id)
