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

from workshop_tui.core.i18n import register, t
from workshop_tui.core.session.lock import SessionLockedError
from workshop_tui.core.text import printable
from workshop_tui.tui.screens.bindings import LanguageAware

register(
    {
        "lock.read_only": {"en": "Open read-only", "da": "Åbn skrivebeskyttet"},
        "lock.take_over": {"en": "Take over", "da": "Overtag"},
        "lock.read_only_hint": {
            "en": "Read-only: you can look at the figures but not change them.",
            "da": "Skrivebeskyttet: du kan se tallene, men ikke ændre dem.",
        },
        "lock.take_over_hint": {
            "en": "Take over only if nobody is working in the other window any more.",
            "da": "Overtag kun, hvis ingen arbejder i det andet vindue længere.",
        },
    }
)


class LockDialog(LanguageAware, ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "dialog.cancel")]

    def __init__(self, error: SessionLockedError) -> None:
        super().__init__()
        self.error = error

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        with Vertical(classes="dialog"):
            yield Label(t("lock.title", lang), classes="dialog-title", id="title")
            # host and user names come from a file: shown as text, never as codes
            yield Static(printable(self.error.message), markup=False, id="message")
            yield Label(t("lock.read_only_hint", lang), classes="dialog-hint", id="ro-hint")
            if self.error.can_take_over:
                yield Label(t("lock.take_over_hint", lang), classes="dialog-hint", id="to-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("dialog.cancel", lang), id="cancel")
                if self.error.can_take_over:
                    yield Button(t("lock.take_over", lang), id="take_over", variant="warning")
                yield Button(t("lock.read_only", lang), id="read_only", variant="primary")

    def on_mount(self) -> None:
        self.watch_app_language()
        self.query_one("#read_only").focus()

    def apply_language(self, lang: str) -> None:
        self.query_one("#title", Label).update(t("lock.title", lang))
        self.query_one("#ro-hint", Label).update(t("lock.read_only_hint", lang))
        self.query_one("#cancel", Button).label = t("dialog.cancel", lang)
        self.query_one("#read_only", Button).label = t("lock.read_only", lang)
        if self.error.can_take_over:
            self.query_one("#to-hint", Label).update(t("lock.take_over_hint", lang))
            self.query_one("#take_over", Button).label = t("lock.take_over", lang)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None if event.button.id == "cancel" else event.button.id)
