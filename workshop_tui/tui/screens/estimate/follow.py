"""A read-only window follows the file: what the writing window saves shows here too.

The session open in another window (read-only, see lock_dialog) is polled as
`watch` polls it (core/session/watcher.py): one `stat` a poll, a read only when
the file changed, and only a whole, valid session of the same process is shown;
a file missing or half-written for a moment leaves the figures as they were.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workshop_tui.core.errors import Problem, WorkshopError
from workshop_tui.core.process.catalogue import check_session
from workshop_tui.core.session.model import Session
from workshop_tui.core.session.watcher import OK, SessionWatcher

if TYPE_CHECKING:
    from textual.screen import Screen

    from workshop_tui.core.session.editor import SessionEditor
    from workshop_tui.tui.widgets.grid.grid import EstimateGrid

    _ScreenBase = Screen[Any]
else:  # a plain mixin at run time (as bindings.LanguageAware)
    _ScreenBase = object

# As often as `watch` looks (tui/live/watch_app.py).
FOLLOW_SECONDS = 0.25


class FollowFile(_ScreenBase):
    """Mixed into EstimateScreen: a read-only editor's session follows its file."""

    _watcher: SessionWatcher | None = None

    if TYPE_CHECKING:
        editor: SessionEditor

        @property
        def grid(self) -> EstimateGrid: ...

        def _show_totals(self, groups: list[str] | None = None) -> None: ...

        def _arrange(self) -> None: ...

        def _show_status(self, error: str | None = None, note: Any = None) -> None: ...

    def follow_file(self) -> None:
        """Start following, if this window only reads the file."""
        if not self.editor.follows_file or self._watcher is not None:
            return
        self._watcher = SessionWatcher(self.editor.path, check=self._fits)
        with contextlib.suppress(WorkshopError):  # not a session now: the next good save is
            self._watcher.load_first()
        self.set_interval(FOLLOW_SECONDS, self._poll_file)

    def _fits(self, session: Session, path: Path) -> list[Problem]:
        process = self.editor.process
        if session.process_id != process.id or session.groups != self.editor.session.groups:
            return [Problem(path, "another process or other target groups")]  # not shown
        return check_session(session, process, path)

    def _poll_file(self) -> None:
        watcher = self._watcher
        if watcher is None or not self.editor.follows_file or not watcher.poll():
            return
        session = watcher.state.session
        if watcher.state.status != OK or session is None or session == self.editor.session:
            return
        self.editor.follow(session)
        self.grid.show_session(session)
        self._show_totals()
        self._arrange()
        self._show_status()
