"""The facilitator's app: bindings, screen wiring, language and theme. Nothing else.

The screens do the work (workshop_tui/screens/); the session editor
(workshop_tui/editor.py) owns every change and every save. Screens other than
the first are imported when they are opened, so start-up loads only what the
first screen needs. The start screen paints before the core (pydantic, the
catalogue) is imported, then loads it: see StartScreen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, SystemCommand
from textual.command import CommandPalette
from textual.reactive import reactive
from textual.screen import Screen
from textual.theme import Theme

from workshop_tui.core.errors import WorkshopError
from workshop_tui.core.i18n import t
from workshop_tui.tui.preferences import load_preferences, remember
from workshop_tui.tui.screens.bindings import APP_BINDINGS, localise_bindings

if TYPE_CHECKING:  # the core loads pydantic: imported where it is used, after the first frame
    from workshop_tui.core.process.catalogue import Catalogue
    from workshop_tui.core.session.editor import SessionEditor
    from workshop_tui.core.session.lock import SessionLockedError
    from workshop_tui.tui.screens.estimate.screen import EstimateScreen


# High contrast for a projector: pure black or white behind, saturated accents.
DARK = Theme(
    name="workshop-dark",
    dark=True,
    primary="#5fd7ff",
    secondary="#87afff",
    accent="#ffd75f",
    warning="#ffaf00",
    error="#ff5f5f",
    success="#5fff87",
    foreground="#ffffff",
    background="#000000",
    surface="#0a0a0a",
    panel="#1c1c1c",
    boost="#262626",
)
LIGHT = Theme(
    name="workshop-light",
    dark=False,
    primary="#0040a0",
    secondary="#4a2a8a",
    accent="#9a5a00",
    warning="#b35900",
    error="#b00020",
    success="#006b2e",
    foreground="#000000",
    background="#ffffff",
    surface="#ffffff",
    panel="#e4e4e4",
    boost="#ececec",
)


def _utc_now() -> datetime:
    """core.agenda.utc_now without importing the core (pydantic) before the first frame."""
    return datetime.now(UTC).replace(microsecond=0)


class WorkshopApp(App[None]):
    """Start a workshop or resume one, type the room's estimates, show the totals."""

    # The first screen's styles are read with the app's (see __init__): a screen's own
    # style sheet, read when the screen is first shown, makes Textual parse every style
    # sheet again.
    CSS_PATH: ClassVar[list[str | PurePath]] = ["app.tcss", "screens/start.tcss"]
    SESSION_CSS_PATH: ClassVar[list[str | PurePath]] = [
        "app.tcss",
        "screens/estimate/estimate.tcss",
    ]
    TITLE = "workshop-tui"
    BINDINGS = APP_BINDINGS

    lang: reactive[str] = reactive("en", init=False)

    def __init__(
        self,
        catalogue: Catalogue | None,
        folder: Path,
        lang: str,
        *,
        editor: SessionEditor | None = None,
        locked: SessionLockedError | None = None,
        today: date | None = None,
        demo: bool = False,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        # a session opened at once (`open FILE`) shows the estimate screen first, not the start
        opens_session = editor is not None or locked is not None
        super().__init__(css_path=self.SESSION_CSS_PATH if opens_session else None)
        # None: the bundled catalogue, loaded by load_catalogue() once the first screen shows
        self.catalogue = catalogue
        self.folder = Path(folder)
        self.first_editor = editor
        self.locked = locked  # `open FILE` on a session another window has open
        self.today = today  # fixed in tests; None means the real date
        self.demo = demo
        # The moment now (UTC); fixed in tests. New workshops' editors and the agenda use it.
        self.clock: Callable[[], datetime] = clock or _utc_now
        self.startup_error: WorkshopError | None = None  # reported by run_app after the app
        self._quit_warned = False  # Ctrl+Q was refused once because changes are not saved
        self.set_reactive(WorkshopApp.lang, lang)
        self.register_theme(DARK)
        self.register_theme(LIGHT)
        remembered = load_preferences().get("theme")
        self._start_in_theme(LIGHT if remembered == LIGHT.name else DARK)

    def _start_in_theme(self, theme: Theme) -> None:
        """Speed: the theme chosen before anything is styled, as its watcher would set it,
        but without the watcher's restyle: that one, for a theme changed while the app
        runs, has Textual parse every style sheet a second time before the first frame
        (about 4 ms of `open FILE`'s start)."""
        self.set_reactive(App.theme, theme.name)
        self.set_class(theme.dark, "-dark-mode", update=False)
        self.set_class(not theme.dark, "-light-mode", update=False)
        self.add_class(f"-theme-{theme.name}", update=False)
        self._refresh_truecolor_filter(self.ansi_theme)  # ANSI colours in the theme's light
        self.stylesheet.set_variables(self.get_css_variables())

    def on_mount(self) -> None:
        localise_bindings(self, self.lang)
        self.title = t("Time estimates for job-centre key processes", self.lang)
        if self.first_editor is not None:
            self.open_session(self.first_editor)
        elif self.locked is not None:
            locked = self.locked
            self.open_locked(locked, on_cancel=lambda: self.fail(locked))
        else:
            # Textual writes no frame while the app itself is starting (one batch update):
            # a screen pushed now is painted there, unseen, and then only where it changes.
            # The app's queue runs after that, so from there the first frame is whole.
            self.call_later(self.open_start)

    def load_catalogue(self) -> Catalogue:
        """The processes; the bundled ones are read on first use (raises WorkshopError)."""
        if self.catalogue is None:
            from workshop_tui.core.process.catalogue import load_catalogue

            self.catalogue = load_catalogue(lang=self.lang)
        return self.catalogue

    def fail(self, error: WorkshopError) -> None:
        """End the app on an error found while starting; run_app reports it (exit code 2)."""
        self.startup_error = error
        self.exit(return_code=2)

    # ------------------------------------------------------------ navigation

    def open_start(self) -> None:
        """The list of workshops in the folder and the way to a new one."""
        from workshop_tui.tui.screens.start import StartScreen

        self._show(StartScreen(self.folder))

    def open_session(self, editor: SessionEditor) -> None:
        from workshop_tui.tui.screens.estimate.screen import EstimateScreen

        self._show(EstimateScreen(editor))

    def open_locked(
        self, error: SessionLockedError, on_cancel: Callable[[], None] | None = None
    ) -> None:
        """Another window has the session open: say who, and open it as the user chooses
        (read-only, or taken over where the holder is gone); Cancel calls `on_cancel`."""
        from rich.markup import escape

        from workshop_tui.core.session.editor import SessionEditor
        from workshop_tui.core.session.lock import SessionLockedError
        from workshop_tui.tui.screens.lock_dialog import LockDialog

        def chosen(choice: str | None) -> None:
            if choice is None:
                if on_cancel is not None:
                    on_cancel()
                return
            try:
                editor = SessionEditor.open(
                    error.path,
                    self.load_catalogue(),
                    self.lang,
                    read_only=choice == "read_only",
                    take_over=choice == "take_over",
                )
            except SessionLockedError as again:  # taken meanwhile by a live window
                self.open_locked(again, on_cancel)
                return
            except WorkshopError as failed:
                self.notify(escape(failed.text()), severity="error", timeout=10)
                if on_cancel is not None:
                    on_cancel()
                return
            self.open_session(editor)

        self.push_screen(LockDialog(error), chosen)

    def _show(self, screen: Screen[None]) -> None:
        # One working screen at a time above the default one; dialogs go on top of it.
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    # ------------------------------------------------------------ app-wide keys

    def action_help(self) -> None:
        from workshop_tui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    async def action_quit(self) -> None:
        """Ctrl+Q: after every key typed before it, and never dropping an entry being typed.

        Ctrl+Q is a priority key, so it is seen before keys typed just before it have
        reached the grid: the grid ends the app from its own queue, behind them.
        """
        from workshop_tui.tui.screens.estimate.screen import EstimateScreen

        for screen in self.screen_stack:
            if isinstance(screen, EstimateScreen):
                screen.grid.call_later(self._quit_after_entry, screen)
                return
        self.exit()

    def _quit_after_entry(self, screen: EstimateScreen) -> None:
        if not screen.grid.commit_before_quit():
            self.notify(
                t(
                    "Not quit: the figure being typed was not saved. Correct it or "
                    "press Esc, then Ctrl+Q again.",
                    self.lang,
                ),
                severity="warning",
                timeout=8,
            )
            return
        screen.action_save_now()
        if screen.editor.unsaved and not self._quit_warned:
            self._quit_warned = True  # asked once; a second Ctrl+Q is the user's answer
            self.notify(
                t(
                    "Not quit: changes are NOT SAVED (the file cannot be written). "
                    'Free the disk and wait for "all saved", or press Ctrl+Q again '
                    "to quit without them.",
                    self.lang,
                ),
                severity="error",
                timeout=15,
            )
            return
        self.exit()

    def action_toggle_language(self) -> None:
        self.lang = "en" if self.lang == "da" else "da"

    def watch_lang(self, lang: str) -> None:
        remember(lang=lang)
        localise_bindings(self, lang)
        self.title = t("Time estimates for job-centre key processes", lang)
        self.notify(t("Language: English", lang), timeout=2)

    def action_command_palette(self) -> None:
        """Textual's command palette, its search field speaking the app's language."""
        # is_open wants an App[object]; this App[None] is one (the hint is invariant)
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            placeholder = t("Search for commands…", self.lang)
            self.push_screen(CommandPalette(placeholder=placeholder, id="--command-palette"))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's own commands, then every command of the screen with its key."""
        from workshop_tui.tui.palette import binding_commands

        yield from super().get_system_commands(screen)
        yield from binding_commands(screen, self.lang)

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT.name if self.theme == DARK.name else DARK.name
        remember(theme=self.theme)
