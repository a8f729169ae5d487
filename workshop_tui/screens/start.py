"""The start screen: resume a workshop from the folder, or start a new one.

Lists the session files in exports/ (or --dir) with municipality, process, date,
last change and how complete each is (the share of activity x group cells
filled, from the totals engine).
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Static

from workshop_tui.catalogue import Catalogue
from workshop_tui.editor import SessionEditor
from workshop_tui.errors import WorkshopError
from workshop_tui.i18n import register, t
from workshop_tui.models import Session
from workshop_tui.widgets.key_bar import KeyBar
from workshop_tui.screens.bindings import LanguageAware
from workshop_tui.storage import list_sessions
from workshop_tui.totals import completeness, session_totals

WIDE_LIST_FROM = 110  # columns from which the list also shows the workshop's date

register({
    "key.new": {"en": "New workshop", "da": "Ny workshop"},
    "key.open": {"en": "Open", "da": "Åbn"},
    "key.reload": {"en": "Reload list", "da": "Genindlæs listen"},
    "start.folder": {"en": "Workshops in {folder}", "da": "Workshops i {folder}"},
    "start.hint": {
        "en": "↑ ↓ choose · Enter resumes the workshop · n starts a new one",
        "da": "↑ ↓ vælg · Enter genoptager workshoppen · n starter en ny",
    },
    "start.empty": {
        "en": "No workshops here yet. Press n to start one (or run `workshop-tui demo` to look "
              "around with made-up figures).",
        "da": "Her er endnu ingen workshops. Tryk n for at starte en (eller kør `workshop-tui "
              "demo` for at se rundt med opdigtede tal).",
    },
    "start.municipality": {"en": "Municipality", "da": "Kommune"},
    "start.date": {"en": "Date", "da": "Dato"},
    "start.changed": {"en": "Last change", "da": "Sidst ændret"},
    "start.filled": {"en": "Filled", "da": "Udfyldt"},
    "start.unknown_process": {"en": "{id} (unknown)", "da": "{id} (ukendt)"},
    "start.open_failed": {"en": "Cannot open {path}", "da": "Kan ikke åbne {path}"},
})


def session_row(session: Session, catalogue: Catalogue, lang: str) -> tuple[str, ...]:
    """Municipality, process, share filled, last change (local time) and date.

    The share filled and the last change come before the date, so they stay in view
    on an 80-column terminal.
    """
    process = catalogue.processes.get(session.process_id)
    if process is None:
        name, done = t("start.unknown_process", lang, id=session.process_id), "?"
    else:
        name = process.name.in_lang(lang)
        done = f"{completeness(session_totals(process, session)):.0%}".replace("%", " %")
    changed = session.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")
    return (session.municipality, name, done, changed, session.workshop_date.isoformat())


class StartScreen(LanguageAware, Screen[None]):
    """Pick a workshop to resume, or start a new one."""

    CSS_PATH = "start.tcss"
    BINDINGS = [
        Binding("n", "new", "key.new"),
        Binding("enter", "open", "key.open", show=False),
        Binding("ctrl+r", "reload", "key.reload", show=False),
    ]

    def __init__(self, catalogue: Catalogue, folder: Path) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.folder = Path(folder)
        self.sessions: list[tuple[Path, Session]] = []
        self._wide: bool | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="start-body"):
            yield Static(id="start-title")
            yield Static(id="start-folder")
            yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
            yield Static(id="start-empty")
            yield Static(id="start-hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sessions = list_sessions(self.folder) if self.folder.is_dir() else []
        self.watch_app_language()
        self.query_one(DataTable).focus()

    def apply_language(self, lang: str) -> None:
        self.query_one("#start-title", Static).update(Text(t("app.title", lang), style="bold"))
        self.query_one("#start-folder", Static).update(
            Text(t("start.folder", lang, folder=self.folder)))
        self.query_one("#start-hint", Static).update(t("start.hint", lang))
        self.query_one("#start-empty", Static).update(t("start.empty", lang))
        self._fill_table(lang)

    def _fill_table(self, lang: str) -> None:
        if not self.size.width:
            return  # not laid out yet: on_resize fills it
        self._wide = self.size.width >= WIDE_LIST_FROM
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        # on a narrow terminal the workshop's date goes (it is in the file name, and
        # usually the day of the last change), so the share filled stays in view
        wide = self.size.width >= WIDE_LIST_FROM
        keys = ["start.municipality", "word.process", "start.filled", "start.changed",
                "start.date"][: 5 if wide else 4]
        # narrow: the two names share what the figures leave (cells have 2 of padding)
        names = max(12, (self.size.width - 4 - 4 * 2 - 8 - 16) // 2)
        for key in keys:
            width = names if not wide and key in ("start.municipality", "word.process") else None
            table.add_column(t(key, lang), key=key, width=width)
        for path, session in self.sessions:
            cells = list(session_row(session, self.catalogue, lang)[: len(keys)])
            if not wide:
                cells[:2] = [c if len(c) <= names else c[: names - 1] + "…" for c in cells[:2]]
            table.add_row(*cells, key=str(path))
        if self.sessions:
            table.move_cursor(row=min(row, len(self.sessions) - 1))
        self.set_class(not self.sessions, "-empty")

    def on_resize(self) -> None:
        wide = self.size.width >= WIDE_LIST_FROM
        if wide != self._wide:
            self._wide = wide
            self._fill_table(self.app.lang)

    def action_reload(self) -> None:
        self.sessions = list_sessions(self.folder) if self.folder.is_dir() else []
        self._fill_table(self.app.lang)

    def action_new(self) -> None:
        from workshop_tui.screens.new_workshop import NewWorkshopScreen

        def started(editor: SessionEditor | None) -> None:
            if editor is not None:
                self.app.open_session(editor)

        self.app.push_screen(NewWorkshopScreen(self.catalogue, self.folder), started)

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if self.sessions:
            self._open(Path(self.sessions[table.cursor_row][0]))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self._open(Path(event.row_key.value))

    def _open(self, path: Path) -> None:
        lang = self.app.lang
        try:
            editor = SessionEditor.open(path, self.catalogue, lang)
        except WorkshopError as error:
            from rich.markup import escape

            self.notify(escape(error.text()), title=t("start.open_failed", lang, path=path.name),
                        severity="error", timeout=10)
            return
        self.app.open_session(editor)
