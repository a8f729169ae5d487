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


class EstimateDialogs(_ScreenBase):
    """Actions of the estimate screen that ask the user for text or figures first."""

    editor: SessionEditor
    lang: str

    if TYPE_CHECKING:

        @property
        def grid(self) -> EstimateGrid: ...

        def _apply(self, edit: Callable[[], Change | None]) -> Change | None: ...

        def apply_from_dialog(self, edit: Callable[[], Change | None]) -> str | None: ...

        def _show_status(self, error: str | None = None, note: Text | None = None) -> None: ...

    def action_note(self) -> None:
        line = self.grid.current_line
        if line is None:
            return
        from workshop_tui.tui.screens.text_dialog import TextDialog

        def save(text: str | None) -> str | None:
            return self.apply_from_dialog(lambda: self.editor.set_note(line.id, text or ""))

        title = t("dialog.note_title", self.lang, name=line.label(self.lang))
        note = self.editor.session.entry(line.id).note
        self.app.push_screen(TextDialog(title, note, multiline=True, apply=save))

    def action_factors(self) -> None:
        line = self.grid.current_line
        if line is None:
            return
        from workshop_tui.tui.screens.factors_dialog import FactorsDialog

        def save(values: dict[str, tuple[str, str]] | None) -> str | None:
            return self.apply_from_dialog(lambda: self.editor.set_factors(line.id, values or {}))

        self.app.push_screen(FactorsDialog(self.editor, line, save))

    def action_add_local(self) -> None:
        from workshop_tui.tui.screens.text_dialog import TextDialog

        number = self.grid.current_subprocess
        subprocess = self.editor.process.subprocesses[number - 1]

        added: list[str] = []  # the new activity's id, once saved

        def save(name: str | None) -> str | None:
            if added:  # added already, but kept unsaved: Save again only tries to save it
                return self.apply_from_dialog(
                    lambda: self.editor.rename_local_activity(added[0], name or "")
                )
            before = self._local_ids()
            reason = self.apply_from_dialog(
                lambda: self.editor.add_local_activity(number, name or "")
            )
            added.extend(self._local_ids() - before)
            return reason

        def done(name: str | None) -> None:
            if added:
                self.grid.move_to(added[0])

        title = t(
            "dialog.add_title", self.lang, number=number, name=subprocess.name.in_lang(self.lang)
        )
        self.app.push_screen(TextDialog(title, "", check=self._check_name, apply=save), done)

    def _local_ids(self) -> set[str]:
        return {local.id for local in self.editor.session.local_activities}

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

        def save(name: str | None) -> str | None:
            return self.apply_from_dialog(
                lambda: self.editor.rename_local_activity(line.id, name or "")
            )

        title = t("dialog.rename_title", self.lang, name=line.label(self.lang))
        dialog = TextDialog(title, line.label(self.lang), check=self._check_name, apply=save)
        self.app.push_screen(dialog)

    def action_remove_local(self) -> None:
        line = self._local_line()
        if line is None:
            return
        if self._apply(lambda: self.editor.remove_local_activity(line.id)) is not None:
            self.notify(escape(t("estimate.removed", self.lang, name=line.label(self.lang))))

    # ------------------------------------------------------------ actions: notes

    def action_cost_drivers(self) -> None:
        from workshop_tui.tui.screens.cost_drivers_dialog import CostDriversDialog

        number = self.grid.current_subprocess

        def save(text: str | None) -> str | None:
            return self.apply_from_dialog(
                lambda: self.editor.set_cost_driver_note(number, text or "")
            )

        def done(text: str | None) -> None:
            if text is not None:
                self.grid.refresh()

        self.app.push_screen(CostDriversDialog(self.editor, number, save), done)

    def action_session_notes(self) -> None:
        from workshop_tui.tui.screens.text_dialog import TextDialog

        def save(text: str | None) -> str | None:
            return self.apply_from_dialog(lambda: self.editor.set_notes(text or ""))

        title, notes = t("dialog.notes_title", self.lang), self.editor.session.notes
        self.app.push_screen(TextDialog(title, notes, multiline=True, apply=save))
