"""A dialog for one text: a note, an activity's name, the workshop's notes.

Returns the text on save and None on cancel. A `check` function may refuse
the text (raising one of the editor's entry errors); the reason is shown in
the dialog and the dialog stays open.
"""

from __future__ import annotations

from typing import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

from workshop_tui.editor import ENTRY_ERRORS
from workshop_tui.i18n import t
from workshop_tui.screens.bindings import LanguageAware



class TextDialog(LanguageAware, ModalScreen[str | None]):
    """Edit one text; Enter (one line) or Ctrl+S (several lines) saves, Esc cancels."""

    BINDINGS = [
        Binding("escape", "cancel", "dialog.cancel"),
        Binding("ctrl+s", "save", "dialog.save"),
    ]

    def __init__(self, title: str, text: str, *, multiline: bool = False,
                 check: Callable[[str], None] | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.text = text
        self.multiline = multiline
        self.check = check

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            if self.multiline:
                area = TextArea(self.text, id="text", soft_wrap=True)
                area.styles.height = 8
                yield area
            else:
                yield Input(self.text, id="text", select_on_focus=False)
            yield Static("", id="error", classes="dialog-error")
            yield Label(t("dialog.hint_text" if self.multiline else "dialog.hint_line", lang),
                        classes="dialog-hint", id="hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("dialog.cancel", lang), id="cancel")
                yield Button(t("dialog.save", lang), id="save", variant="primary")

    def on_mount(self) -> None:
        self.watch_app_language()
        self.query_one("#text").focus()

    def apply_language(self, lang: str) -> None:
        self.query_one("#cancel", Button).label = t("dialog.cancel", lang)
        self.query_one("#save", Button).label = t("dialog.save", lang)
        hint = "dialog.hint_text" if self.multiline else "dialog.hint_line"
        self.query_one("#hint", Label).update(t(hint, lang))

    def _value(self) -> str:
        widget = self.query_one("#text")
        return widget.text if isinstance(widget, TextArea) else widget.value

    def action_save(self) -> None:
        value = self._value()
        if self.check is not None:
            try:
                self.check(value)
            except ENTRY_ERRORS as error:
                self.query_one("#error", Static).update(str(error))
                return
        self.dismiss(value)

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
