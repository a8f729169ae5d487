"""The start screen: resume a workshop from the folder, or start a new one.

Lists the session files in exports/ (or --dir) with municipality, process, date,
last change and how complete each is (the share of activity x group cells
filled, from the totals engine).

This is the first screen of `workshop-tui`, so it starts in two steps: its
frame (title, folder, column headings, "loading", keys) is painted before the
core is imported, since pydantic alone costs more than a third of a minimal
Textual app's start; right after that first frame it loads the catalogue and
the sessions and fills the list. Keys that need them load them first.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Static

from workshop_tui.core.errors import WorkshopError
from workshop_tui.core.i18n import N_, t
from workshop_tui.core.text import NAME_LIMIT, printable
from workshop_tui.tui.screens.bindings import LanguageAware
from workshop_tui.tui.widgets.key_bar import KeyBar
from workshop_tui.tui.wrap import cut

if TYPE_CHECKING:  # the core loads pydantic: imported after the first frame
    from workshop_tui.core.process.catalogue import Catalogue
    from workshop_tui.core.session.editor import SessionEditor
    from workshop_tui.core.session.model import Session

WIDE_LIST_FROM = 110  # columns from which the list also shows the workshop's date


def session_row(session: Session, catalogue: Catalogue, lang: str) -> tuple[str, ...]:
    """Municipality, process, share filled, last change (local time) and date.

    The share filled and the last change come before the date, so they stay in view
    on an 80-column terminal.
    """
    from workshop_tui.core.numbers import format_percent
    from workshop_tui.core.totals import completeness, session_totals

    process = catalogue.processes.get(session.process_id)
    if process is None:
        name, done = t("{id} (unknown)", lang, id=session.process_id), "?"
    else:
        name = process.name.in_lang(lang)
        done = format_percent(completeness(session_totals(process, session)), lang)
    changed = session.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")
    return (printable(session.municipality), name, done, changed, session.workshop_date.isoformat())


class StartScreen(LanguageAware, Screen[None]):
    """Pick a workshop to resume, or start a new one."""

    CSS_PATH = "start.tcss"
    BINDINGS = [
        Binding("n", "new", N_("New workshop")),
        Binding("enter", "open", N_("Open"), show=False),
        Binding("ctrl+r", "reload", N_("Reload list"), show=False),
    ]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = Path(folder)
        self.catalogue: Catalogue | None = None  # set by load(), with the sessions
        self.sessions: list[tuple[Path, Session]] | None = None  # None: not loaded yet
        self._wide: bool | None = None

    @property
    def loaded(self) -> bool:
        """Whether the catalogue and the sessions are read (the list shows them)."""
        return self.sessions is not None

    def compose(self) -> ComposeResult:
        with Vertical(id="start-body"):
            yield Static(id="start-title")
            yield Static(id="start-folder")
            yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
            yield Static(id="start-loading")
            yield Static(id="start-empty")
            yield Static(id="start-hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self.watch_app_language()  # the texts, and the list's headings
        self.query_one(DataTable).focus()
        if self.app.catalogue is not None:  # the core is in memory already: no need to wait
            self.load()
        else:
            self.add_class("-loading")
            self._load_after_first_frame()

    def _load_after_first_frame(self) -> None:
        # Right after the first whole frame is written (see WorkshopApp.on_mount for why
        # it is whole), not once the screen is quiet (call_after_refresh): that comes a
        # few frames later, as the table and the key bar settle.
        loading = self.query_one("#start-loading")

        def painted(screen: Screen[object]) -> None:
            self.screen_layout_refresh_signal.unsubscribe(loading)
            self.load()

        self.screen_layout_refresh_signal.subscribe(loading, painted)

    def load(self) -> None:
        """Import the core, read the catalogue and the sessions, fill the list (once)."""
        if self.loaded:
            return
        try:
            self.catalogue = self.app.load_catalogue()
        except WorkshopError as error:  # the bundled processes are broken: nothing to show
            self.app.fail(error)
            return
        self.sessions = self._read_sessions()
        self.remove_class("-loading")
        self._fill_table(self.app.lang)

    def _read_sessions(self) -> list[tuple[Path, Session]]:
        from workshop_tui.core.session.storage import list_sessions

        return list_sessions(self.folder) if self.folder.is_dir() else []

    def apply_language(self, lang: str) -> None:
        self.query_one("#start-title", Static).update(
            Text(t("Time estimates for job-centre key processes", lang), style="bold")
        )
        self.query_one("#start-folder", Static).update(
            Text(t("Workshops in {folder}", lang, folder=self.folder))
        )
        self.query_one("#start-hint", Static).update(
            t("↑ ↓ choose · Enter resumes the workshop · n starts a new one", lang)
        )
        self.query_one("#start-empty", Static).update(
            t(
                "No workshops here yet. Press n to start one (or run "
                "`workshop-tui demo` to look around with made-up figures).",
                lang,
            )
        )
        self.query_one("#start-loading", Static).update(t("Loading workshops…", lang))
        self._fill_table(lang)

    def _fill_table(self, lang: str) -> None:
        # the screen fills the terminal: before its first layout, the terminal's width
        width = self.size.width or self.app.size.width
        if not width:
            return  # no terminal yet: on_resize fills it
        # on a narrow terminal the workshop's date goes (it is in the file name, and
        # usually the day of the last change), so the share filled stays in view
        wide = self._wide = width >= WIDE_LIST_FROM
        keys = [
            N_("Municipality"),
            N_("Process"),
            N_("Filled"),
            N_("Last change"),
            N_("Date"),
        ][: 5 if wide else 4]
        # narrow: the two names share what the figures leave (cells have 2 of padding)
        names = max(12, (width - 4 - 4 * 2 - 8 - 16) // 2)
        rows = self._rows(lang, len(keys), None if wide else names)
        labels = [t(key, lang) for key in keys]
        # Every column's width is set here, from its widest cell: the table would measure
        # new rows later, and a header drawn before that keeps its old width.
        widths = [
            max(cell_len(text) for text in [label, *(cells[i] for _, cells in rows)])
            for i, label in enumerate(labels)
        ]
        if not wide:
            widths[:2] = [names, names]
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        for key, label, column_width in zip(keys, labels, widths, strict=True):
            table.add_column(label, key=key, width=column_width)
        for key, cells in rows:
            table.add_row(*cells, key=key)
        if self.sessions:
            table.move_cursor(row=min(row, len(self.sessions) - 1))
        self.set_class(self.sessions == [], "-empty")

    def _rows(self, lang: str, columns: int, names: int | None) -> list[tuple[str, list[str]]]:
        """(key, cells) for each session; the two names cut to `names` characters if given."""
        rows: list[tuple[str, list[str]]] = []
        if self.catalogue is None:
            return rows
        for path, session in self.sessions or []:
            cells = list(session_row(session, self.catalogue, lang)[:columns])
            if names is not None:
                cells[:2] = [cut(c, names) for c in cells[:2]]
            rows.append((str(path), cells))
        return rows

    def on_resize(self) -> None:
        wide = self.size.width >= WIDE_LIST_FROM
        if wide != self._wide:
            self._wide = wide
            self._fill_table(self.app.lang)

    def action_reload(self) -> None:
        if not self.loaded:
            self.load()
            return
        self.sessions = self._read_sessions()
        self._fill_table(self.app.lang)

    def action_new(self) -> None:
        from workshop_tui.tui.screens.new_workshop import NewWorkshopScreen

        self.load()  # a key typed ahead of the list waits for it
        if self.catalogue is None:
            return  # the catalogue failed: the app is closing with the error

        def started(editor: SessionEditor | None) -> None:
            if editor is not None:
                self.app.open_session(editor)

        self.app.push_screen(NewWorkshopScreen(self.catalogue, self.folder), started)

    def action_open(self) -> None:
        self.load()
        table = self.query_one(DataTable)
        if self.sessions:
            self._open(Path(self.sessions[table.cursor_row][0]))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self._open(Path(event.row_key.value))

    def _open(self, path: Path) -> None:
        from workshop_tui.core.session.editor import SessionEditor

        lang = self.app.lang
        if self.catalogue is None:
            return  # not loaded: open() loads first, so only a failed catalogue gets here
        from workshop_tui.core.session.lock import SessionLockedError

        try:
            editor = SessionEditor.open(path, self.catalogue, lang)
        except SessionLockedError as locked:
            self.app.open_locked(locked)  # who has it; read-only or take over
            return
        except WorkshopError as error:
            from rich.markup import escape

            self.notify(
                escape(error.text()),
                title=t("Cannot open {path}", lang, path=printable(path.name, limit=NAME_LIMIT)),
                severity="error",
                timeout=10,
            )
            return
        self.app.open_session(editor)
