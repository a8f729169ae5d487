"""The estimate screen's side of saving: a refused save is told, a failed one kept.

Every change is saved before the screen shows it (SessionEditor). A save that
another program or a read-only window refuses is told and the change is not
made. A save that fails because the file cannot be written (a full disk, a
folder that cannot be written to) loses nothing: the editor keeps the change,
the screen draws it, the header says "not saved", and the screen tries again
every few seconds (and on Ctrl+S) until the file has everything. The screen
lets go of the session's lock when it goes (another screen, or Ctrl+Q).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.markup import escape

from workshop_tui.core.i18n import register, t
from workshop_tui.core.session.editor import NotSavedError, SaveError
from workshop_tui.core.session.file import SessionReadOnlyError

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.timer import Timer

    from workshop_tui.core.session.editor import SessionEditor
    from workshop_tui.tui.widgets.grid.grid import EstimateGrid

    _ScreenBase = Screen[Any]
else:  # a plain mixin at run time (as bindings.LanguageAware)
    _ScreenBase = object

register(
    {
        "estimate.not_left_unsaved": {
            "en": "Not left: changes are NOT SAVED (the file cannot be written). Free the "
            'disk and wait for "all saved" first.',
            "da": "Ikke forladt: ændringer er IKKE GEMT (filen kan ikke skrives). Frigør "
            'disken og vent på "alt gemt" først.',
        },
        "estimate.saved_again": {
            "en": "Saved: the file has every change again.",
            "da": "Gemt: filen har alle ændringer igen.",
        },
    }
)


class SaveState(_ScreenBase):
    """Mixed into EstimateScreen, which draws the header (`_show_bar`)."""

    save_failed = False  # the header says "not saved" until a save succeeds
    # How often changes kept unsaved are tried again, in seconds.
    RETRY_SECONDS = 3.0
    _retrying: Timer | None = None

    if TYPE_CHECKING:
        editor: SessionEditor
        lang: str

        @property
        def grid(self) -> EstimateGrid: ...

        def _show_bar(self, done: float | None = None) -> None: ...

        def _show_totals(self, groups: list[str] | None = None) -> None: ...

        def _arrange(self) -> None: ...

    def on_unmount(self) -> None:
        self.editor.close()  # the session's lock, for the next window that opens it

    def _save_refused(self, error: SaveError, redraw: bool = False) -> None:
        """Tell the user why; `redraw` the grid from the session as it stands."""
        if isinstance(error, NotSavedError):
            return self._kept_unsaved(error)
        if redraw:
            self.grid.show_session(self.editor.session)
        self.notify(escape(str(error)), severity="error", timeout=10)
        if not isinstance(error, SessionReadOnlyError):
            self.save_failed = True
        self._show_bar()

    def _kept_unsaved(self, error: NotSavedError) -> None:
        """The change was made but not written: draw it, say so, and keep trying."""
        self.grid.show_session(self.editor.session)
        self._show_totals()
        self._arrange()
        if not self.save_failed:  # told once; the header keeps saying it
            self.notify(escape(str(error)), severity="error", timeout=10)
        self.save_failed = True
        self._show_bar()
        self.keep_trying_to_save()

    def keep_trying_to_save(self) -> None:
        """While changes are kept unsaved, try to save them every few seconds."""
        if self.editor.unsaved and self._retrying is None:
            self.save_failed = True
            self._retrying = self.set_interval(self.RETRY_SECONDS, self.action_save_now)

    def _saved(self) -> None:
        if self.save_failed and not self.editor.unsaved:
            self.save_failed = False
            self._show_bar()
            if self._retrying is not None:
                self._retrying.stop()
                self._retrying = None
                self.notify(t("estimate.saved_again", self.lang), timeout=4)

    def saved_before_leaving(self) -> bool:
        """Save what is kept unsaved before the screen goes; False (and said) if it cannot."""
        self.action_save_now()
        if self.editor.unsaved:
            self.notify(t("estimate.not_left_unsaved", self.lang), severity="error", timeout=10)
        return not self.editor.unsaved

    def action_save_now(self) -> None:
        """Ctrl+S, and every few seconds while changes are kept unsaved: write them."""
        if not self.editor.unsaved:
            return self._saved()
        try:
            self.editor.save_kept()
        except NotSavedError:
            return  # still failing; the header says so
        except SaveError as error:  # another program wrote the file meanwhile
            if self._retrying is not None:
                self._retrying.stop()
                self._retrying = None
            return self._save_refused(error)
        self._saved()
