"""The read-only live view: participants follow the totals while the facilitator types.

It polls the session file (see session_watcher) and redraws only when a new good
session was read. Nothing here opens the file for writing, and the keys only
scroll, switch language and quit: the view cannot change the session, which is
what makes it safe to serve to a room's browsers.
"""

from __future__ import annotations

from dataclasses import replace

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Footer

from workshop_tui.core.process.catalogue import Catalogue
from workshop_tui.core.session.model import Session
from workshop_tui.core.session.watcher import SessionWatcher, WatchState
from workshop_tui.core.totals import session_totals
from workshop_tui.tui.live.layout import LiveBody, LiveSummary
from workshop_tui.tui.live.totals import (
    LiveEstimates,
    LiveHeader,
    LiveSnapshot,
    LiveStatus,
    LiveTotals,
)
from workshop_tui.tui.widgets.silent_round import SilentRound

# A poll is one stat of the file (about 3 µs): often enough that a save shows at once.
POLL_SECONDS = 0.1


class WatchApp(App[None]):
    """Follows one session file and shows its totals; changes nothing."""

    CSS_PATH = "totals.tcss"
    TITLE = "workshop-tui watch"
    # The palette offers "save screenshot", which writes a file: not in a read-only view.
    ENABLE_COMMAND_PALETTE = False
    # One binding per language for each key; check_action shows the current language's.
    BINDINGS = [
        Binding("q", "quit_view('en')", "Quit"),
        Binding("q", "quit_view('da')", "Afslut"),
        Binding("l", "set_language('da')", "Dansk"),
        Binding("l", "set_language('en')", "English"),
    ]

    snapshot: reactive[LiveSnapshot | None] = reactive(None)
    file_state: reactive[WatchState | None] = reactive(None)

    def __init__(self, watcher: SessionWatcher, catalogue: Catalogue, lang: str) -> None:
        super().__init__()
        self.watcher = watcher
        self.catalogue = catalogue
        self.lang = lang

    def compose(self) -> ComposeResult:
        yield LiveHeader(id="live-header").data_bind(WatchApp.snapshot)
        yield SilentRound(id="live-silent", classes="-none")
        with LiveBody(id="live-body"):  # arranges its panes by its width (see live_layout)
            with Vertical(classes="pane", id="summary-pane"):
                yield LiveSummary(id="live-summary").data_bind(WatchApp.snapshot)
            with Vertical(classes="pane", id="totals-pane"):
                yield LiveTotals(id="live-totals").data_bind(WatchApp.snapshot)
            with Vertical(classes="pane", id="estimates-pane"):
                yield LiveEstimates(id="live-estimates").data_bind(WatchApp.snapshot)
        yield LiveStatus(self.watcher.path, id="live-status").data_bind(
            WatchApp.snapshot, WatchApp.file_state
        )
        yield Footer()

    def on_mount(self) -> None:
        self._show_state(self.watcher.state)
        self.set_interval(POLL_SECONDS, self.poll_file)

    def poll_file(self) -> None:
        if self.watcher.poll():
            self._show_state(self.watcher.state)

    def _show_state(self, state: WatchState) -> None:
        if state.session is not None and (
            self.snapshot is None or self.snapshot.session is not state.session
        ):
            self.snapshot = self._snapshot(state.session, self.lang)
        self.file_state = state

    def _snapshot(self, session: Session, lang: str) -> LiveSnapshot:
        process = self.catalogue.get(session.process_id)
        previous = self.snapshot.session if self.snapshot else None
        changed, cells = set(), set()
        if previous is not None:  # what the last save changed, to point it out to the room
            for activity_id in {*session.activities, *previous.activities}:
                if previous.entry(activity_id) != session.entry(activity_id):
                    changed.add(activity_id)
                    cells |= {
                        (activity_id, group)
                        for group in session.groups
                        if previous.estimate(activity_id, group)
                        != session.estimate(activity_id, group)
                    }
        return LiveSnapshot(
            session,
            process,
            session_totals(process, session),
            lang,
            frozenset(changed),
            frozenset(cells),
        )

    def watch_snapshot(self, snapshot: LiveSnapshot | None) -> None:
        """A silent round open: only how many cells are filled, no totals and no figures."""
        if snapshot is not None:
            silent = self.query_one(SilentRound).show(
                snapshot.process, snapshot.session, snapshot.lang
            )
            self.query_one("#live-body").display = not silent

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "quit_view":
            return parameters[0] == self.lang
        if action == "set_language":
            return parameters[0] != self.lang
        return True

    async def action_quit_view(self, lang: str) -> None:
        await self.action_quit()

    def action_set_language(self, lang: str) -> None:
        self.lang = lang
        if self.snapshot is not None:
            old = self.snapshot
            self.snapshot = replace(old, lang=lang)
        self.refresh_bindings()
