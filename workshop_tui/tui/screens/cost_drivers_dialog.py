"""Cost-driver notes for one subprocess, with the drivers the source names as prompts."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Static, TextArea

from workshop_tui.core.i18n import register, t
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.text import escaped
from workshop_tui.tui.screens.form_dialog import FormDialog, text_refused

register(
    {
        "costs.title": {
            "en": "Cost drivers: {number} {name}",
            "da": "Omkostningsdrivere: {number} {name}",
        },
        "costs.source": {
            "en": "What the national mapping names:",
            "da": "Det nævner kortlægningen:",
        },
        "costs.none": {
            "en": "(none named for this subprocess)",
            "da": "(ingen nævnt for denne delproces)",
        },
        "costs.room": {
            "en": "What pushes time up or down here:",
            "da": "Hvad trækker tiden op eller ned her:",
        },
    }
)


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
                t("costs.title", lang, number=self.number, name=subprocess.name.in_lang(lang)),
                classes="dialog-title",
                markup=False,
            )
            yield Label(t("costs.source", lang), classes="dialog-hint")
            with VerticalScroll(classes="dialog-source"):
                yield Static("\n".join(drivers) or t("costs.none", lang), markup=False)
            yield Label(t("costs.room", lang), classes="dialog-hint")
            notes = self.editor.session.cost_driver_notes.get(self.number, "")
            # shown escaped where a file's text holds codes, as in TextDialog
            area = TextArea(escaped(notes, keep_newlines=True), id="text", soft_wrap=True)
            # 7 lines where the terminal has room, fewer on a short one (80x24: 5)
            area.styles.height = max(3, min(7, self.app.size.height - 19))
            yield area
            yield Label(t("dialog.hint_text", lang), classes="dialog-hint")
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
