"""The estimate screen's actions that open a dialog: notes, factors, local activities.

A mixin of EstimateScreen, kept apart so the screen stays readable; each dialog is
imported when first opened, and every change still goes through the screen's `_apply`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.markup import escape

from workshop_tui.core.i18n import t
from workshop_tui.core.session.editor import Change, SessionEditor, clean_name
from workshop_tui.core.text import NAME_LIMIT, printable
from workshop_tui.core.totals import ActivityLine
from workshop_tui.tui.screens.estimate import texts as estimate_texts

if TYPE_CHECKING:
    from rich.text import Text
    from textual.screen import Screen

    from workshop_tui.tui.widgets.grid.grid import EstimateGrid

    _ScreenBase = Screen[Any]
else:  # a plain mixin at run time (as bindings.LanguageAware)
    _ScreenBase = object


assert estimate_texts  # registers the titles and messages used here


def shown_name(name: str) -> str:
    """A name inside a dialog's title or a message: escaped and capped (core/text.py)."""
    return printable(name, limit=NAME_LIMIT)


class EstimateDialogs(_ScreenBase):
    """Actions of the estimate screen that ask the user for text or figures first."""

    editor: SessionEditor
    lang: str

    if TYPE_CHECKING:

        @property
        def grid(self) -> EstimateGrid: ...

        def _apply(self, edit: Callable[[], Change | None]) -> Change | None: ...

        def _show_status(self, error: str | None = None, note: Text | None = None) -> None: ...

    def action_note(self) -> None:
        line = self.grid.current_line
        if line is None:
            return
        from workshop_tui.tui.screens.text_dialog import TextDialog

        def done(text: str | None) -> None:
            if text is not None:
                self._apply(lambda: self.editor.set_note(line.id, text))

        title = t("dialog.note_title", self.lang, name=shown_name(line.label(self.lang)))
        self.app.push_screen(
            TextDialog(title, self.editor.session.entry(line.id).note, multiline=True), done
        )

    def action_factors(self) -> None:
        line = self.grid.current_line
        if line is None:
            return
        from workshop_tui.tui.screens.factors_dialog import FactorsDialog

        def done(values: dict[str, tuple[str, str]] | None) -> None:
            if values:
                self._apply(lambda: self.editor.set_factors(line.id, values))

        self.app.push_screen(FactorsDialog(self.editor, line), done)

    def action_add_local(self) -> None:
        from workshop_tui.tui.screens.text_dialog import TextDialog

        number = self.grid.current_subprocess
        subprocess = self.editor.process.subprocesses[number - 1]

        def done(name: str | None) -> None:
            if name is not None:
                change = self._apply(lambda: self.editor.add_local_activity(number, name))
                if change is not None:
                    self.grid.move_to(change.activity_id)

        name = shown_name(subprocess.name.in_lang(self.lang))
        title = t("dialog.add_title", self.lang, number=number, name=name)
        self.app.push_screen(TextDialog(title, "", check=self._check_name), done)

    def _check_name(self, name: str) -> None:
        clean_name(name, self.lang)

    def _local_line(self) -> ActivityLine | None:
        """The cursor's activity if the room added it (only those are renamed or removed)."""
        line = self.grid.current_line
        if line is not None and not line.local:
            self._show_status(error=t("estimate.only_local", self.lang))
            return None
        return line

    def action_rename_local(self) -> None:
        line = self._local_line()
        if line is None:
            return
        from workshop_tui.tui.screens.text_dialog import TextDialog

        def done(name: str | None) -> None:
            if name is not None:
                self._apply(lambda: self.editor.rename_local_activity(line.id, name))

        title = t("dialog.rename_title", self.lang, name=shown_name(line.label(self.lang)))
        self.app.push_screen(TextDialog(title, line.label(self.lang), check=self._check_name), done)

    def action_remove_local(self) -> None:
        line = self._local_line()
        if line is None:
            return
        if self._apply(lambda: self.editor.remove_local_activity(line.id)) is not None:
            name = shown_name(line.label(self.lang))
            self.notify(escape(t("estimate.removed", self.lang, name=name)))

    # ------------------------------------------------------------ actions: notes

    def action_cost_drivers(self) -> None:
        from workshop_tui.tui.screens.cost_drivers_dialog import CostDriversDialog

        number = self.grid.current_subprocess

        def done(text: str | None) -> None:
            if text is not None:
                self._apply(lambda: self.editor.set_cost_driver_note(number, text))
                self.grid.refresh()

        self.app.push_screen(CostDriversDialog(self.editor, number), done)

    def action_session_notes(self) -> None:
        from workshop_tui.tui.screens.text_dialog import TextDialog

        def done(text: str | None) -> None:
            if text is not None:
                self._apply(lambda: self.editor.set_notes(text))

        self.app.push_screen(
            TextDialog(
                t("dialog.notes_title", self.lang), self.editor.session.notes, multiline=True
            ),
            done,
        )
