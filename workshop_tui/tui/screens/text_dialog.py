"""A dialog for one text: a note, an activity's name, the workshop's notes.

Returns the text on save and None on cancel. A `check` function may refuse
the text (raising one of the editor's entry errors); the reason is shown in
the dialog and the dialog stays open.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, TextArea

from workshop_tui.core.i18n import N_, t
from workshop_tui.core.session.editor import ENTRY_ERRORS
from workshop_tui.core.text import escaped
from workshop_tui.tui.screens.form_dialog import FormDialog, text_refused


class TextDialog(FormDialog[str | None]):
    """Edit one text; Enter (one line) or Ctrl+S (several lines) saves, Esc cancels."""

    def __init__(
        self,
        title: str,
        text: str,
        *,
        multiline: bool = False,
        check: Callable[[str], object] | None = None,
        apply: Callable[[str | None], str | None] | None = None,
    ) -> None:
        super().__init__(apply)
        self.title_text = title
        self.text = text
        self.multiline = multiline
        self.check = check

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        # a text from a file may hold what a terminal obeys: the field shows it escaped too
        # (and saves what it shows); text typed here never holds it (text_refused)
        shown = escaped(self.text, keep_newlines=self.multiline)
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            if self.multiline:
                area = TextArea(shown, id="text", soft_wrap=True)
                area.styles.height = 8
                yield area
            else:
                yield Input(shown, id="text", select_on_focus=False)
            yield Label(
                t(
                    N_("Ctrl+S saves · Esc cancels · Enter starts a new line")
                    if self.multiline
                    else N_("Enter saves · Esc cancels"),
                    lang,
                ),
                classes="dialog-hint",
                id="hint",
            )
            yield from self.buttons()

    def on_mount(self) -> None:
        self.watch_app_language()
        self.query_one("#text").focus()

    def apply_language(self, lang: str) -> None:
        super().apply_language(lang)
        hint = (
            N_("Ctrl+S saves · Esc cancels · Enter starts a new line")
            if self.multiline
            else N_("Enter saves · Esc cancels")
        )
        self.query_one("#hint", Label).update(t(hint, lang))

    def _value(self) -> str:
        widget = self.query_one("#text")
        return widget.text if isinstance(widget, TextArea) else self.query_one("#text", Input).value

    def action_save(self) -> None:
        value = self._value()
        refused = text_refused(value, self.app.lang, self.multiline)
        if refused:
            self.refuse(refused)
            return
        if self.check is not None:
            try:
                self.check(value)
            except ENTRY_ERRORS as error:
                self.refuse(str(error))
                return
        self.submit(value)
