"""The estimate screen's side of saving: a refused save is told, a failed one shown.

Every change is saved before the screen shows it (SessionEditor). When a save
fails (a full disk, or another program wrote the file or took its lock) the user
is told and the header says "not saved" until a save succeeds; a read-only
session's refusal is told, and the header says "read-only" throughout. The
screen lets go of the session's lock when it goes (another screen, or Ctrl+Q).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.markup import escape

from workshop_tui.core.session.editor import SaveError
from workshop_tui.core.session.file import SessionReadOnlyError

if TYPE_CHECKING:
    from textual.screen import Screen

    from workshop_tui.core.session.editor import SessionEditor
    from workshop_tui.tui.widgets.grid.grid import EstimateGrid

    _ScreenBase = Screen[Any]
else:  # a plain mixin at run time (as bindings.LanguageAware)
    _ScreenBase = object


class SaveState(_ScreenBase):
    """Mixed into EstimateScreen, which draws the header (`_show_bar`)."""

    save_failed = False  # the header says "not saved" until a save succeeds

    if TYPE_CHECKING:
        editor: SessionEditor

        @property
        def grid(self) -> EstimateGrid: ...

        def _show_bar(self, done: float | None = None) -> None: ...

    def on_unmount(self) -> None:
        self.editor.close()  # the session's lock, for the next window that opens it

    def _save_refused(self, error: SaveError, redraw: bool = False) -> None:
        """Tell the user why; `redraw` the grid from the session as it stands (unchanged)."""
        if redraw:
            self.grid.show_session(self.editor.session)
        self.notify(escape(str(error)), severity="error", timeout=10)
        if not isinstance(error, SessionReadOnlyError):
            self.save_failed = True
        self._show_bar()

    def _saved(self) -> None:
        if self.save_failed:
            self.save_failed = False
            self._show_bar()
