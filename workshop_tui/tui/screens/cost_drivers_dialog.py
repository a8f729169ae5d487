"""Cost-driver notes for one subprocess, with the drivers the source names as prompts."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Static, TextArea

from workshop_tui.core.i18n import t
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.text import escaped
from workshop_tui.tui.screens.form_dialog import FormDialog, text_refused


class CostDriversDialog(FormDialog[str | None]):
    """Returns the subprocess's new cost-driver notes, or None on cancel."""

    # The source's list scrolls where it is long, so the dialog fits 80x24 whole.
    DEFAULT_CSS = """
    CostDriversDialog .dialog-source { height: auto; max-height: 5; }
    """

    def __init__(
        self,
        editor: SessionEditor,
        number: int,
        apply: Callable[[str | None], str | None] | None = None,
    ) -> None:
        super().__init__(apply)
        self.editor = editor
        self.number = number

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        subprocess = self.editor.process.subprocesses[self.number - 1]
        drivers = [f"• {d.in_lang(lang)}" for d in subprocess.cost_drivers]
        with Vertical(classes="dialog"):
            yield Label(
                t(
                    "Cost drivers: {number} {name}",
                    lang,
                    number=self.number,
                    name=subprocess.name.in_lang(lang),
                ),
                classes="dialog-title",
                markup=False,
            )
            yield Label(t("What the national mapping names:", lang), classes="dialog-hint")
            with VerticalScroll(classes="dialog-source"):
                yield Static(
                    "\n".join(drivers) or t("(none named for this subprocess)", lang), markup=False
                )
            yield Label(t("What pushes time up or down here:", lang), classes="dialog-hint")
            notes = self.editor.session.cost_driver_notes.get(self.number, "")
            # shown escaped where a file's text holds codes, as in TextDialog
            area = TextArea(escaped(notes, keep_newlines=True), id="text", soft_wrap=True)
            # 7 lines where the terminal has room, fewer on a short one (80x24: 5)
            area.styles.height = max(3, min(7, self.app.size.height - 19))
            yield area
            yield Label(
                t("Ctrl+S saves · Esc cancels · Enter starts a new line", lang),
                classes="dialog-hint",
            )
            yield from self.buttons()

    def on_mount(self) -> None:
        self.watch_app_language()
        self.query_one(TextArea).focus()

    def action_save(self) -> None:
        text = self.query_one(TextArea).text
        refused = text_refused(text, self.app.lang, multiline=True)
        if refused:
            self.refuse(refused)
            return
        self.submit(text)
