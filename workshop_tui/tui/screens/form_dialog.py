"""What the app's small edit dialogs share: Save and Cancel, and a line for refusals.

Esc cancels (the dialog returns None), Ctrl+S or the Save button saves, and Enter
in a one-line field saves too. A subclass composes its fields, then
`yield from self.buttons()`, and implements `action_save`, calling `refuse` to
show why a value cannot be used (the dialog then stays open) and `submit` with
a value that can.

Given `apply`, the dialog saves the value itself before it closes: when the
save fails, the dialog stays open with everything typed and the reason shown,
so nothing typed is lost to a full disk (Ctrl+S tries again).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from workshop_tui.core.i18n import N_, t
from workshop_tui.core.text import control_characters
from workshop_tui.tui.screens.bindings import LanguageAware

Result = TypeVar("Result")


def text_refused(text: str, lang: str, multiline: bool = False) -> str | None:
    """Why a typed text cannot be saved (it holds control characters), or None.

    Every text field refuses them on entry: a terminal would obey them when the text
    is shown (core/text.py); pasted text is where they come from.
    """
    found = control_characters(text, keep_newlines=multiline)
    return (
        t(
            "Control characters cannot be saved in text ({found}): remove them and try again.",
            lang,
            found=found,
        )
        if found
        else None
    )


class FormDialog(LanguageAware, ModalScreen[Result]):
    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel")),
        Binding("ctrl+s", "save", N_("Save")),
        # Priority: Tab moves the focus the moment it arrives. Left to bubble up from the
        # field, it would move it only after the keys typed behind it had reached the
        # old field ("6 Tab 90" typed fast gave one field "690").
        Binding("tab", "app.focus_next", N_("Next field"), show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", N_("Previous field"), show=False, priority=True),
    ]

    def __init__(self, apply: Callable[[Result], str | None] | None = None) -> None:
        super().__init__()
        # saves a value; returns why it could not, or None (see the module text)
        self.apply = apply

    def submit(self, value: Result) -> None:
        """Close with `value`, once `apply` (if given) has saved it; else say why not."""
        if self.apply is not None:
            reason = self.apply(value)
            if reason:
                self.refuse(reason)
                return
        self.dismiss(value)

    def buttons(self) -> ComposeResult:
        """The refusal line and the Cancel and Save buttons, last in the dialog."""
        lang = self.app.lang
        yield Static("", id="error", classes="dialog-error")
        with Horizontal(classes="dialog-buttons"):
            yield Button(t("Cancel", lang), id="cancel")
            yield Button(t("Save", lang), id="save", variant="primary")

    def refuse(self, reason: str) -> None:
        self.query_one("#error", Static).update(reason)

    def apply_language(self, lang: str) -> None:
        self.query_one("#cancel", Button).label = t("Cancel", lang)
        self.query_one("#save", Button).label = t("Save", lang)

    def action_save(self) -> None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()
