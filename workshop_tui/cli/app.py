"""Starting the facilitator's app: `workshop-tui`, `workshop-tui open FILE`, `workshop-tui demo`.

Everything that can go wrong before the screen takes over (a broken process
file, a session that does not open) is raised as a WorkshopError, which the
CLI prints as a red panel with exit code 2; nothing is printed before the app.

The plain `workshop-tui` paints its start screen before the core is imported
(pydantic alone costs more than a third of a minimal Textual app's start), and
the start screen loads the bundled catalogue right after. Folders given with
--processes are still read here, first: a mistake in the user's own files is
reported before the app takes the terminal.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from workshop_tui.core.i18n import t
from workshop_tui.tui.preferences import load_preferences

if TYPE_CHECKING:  # the core loads pydantic: imported in the functions that use it
    from workshop_tui.core.process.catalogue import Catalogue
    from workshop_tui.core.session.editor import SessionEditor
    from workshop_tui.tui.app import WorkshopApp

DEMO_PROCESS = "jobsamtaler"
# storage.DEFAULT_EXPORT_DIR, not imported from there: storage loads pydantic
# (tests/functional/test_app_start.py checks that the two agree)
DEFAULT_FOLDER = Path("exports")


def run_app(args: argparse.Namespace) -> int:
    """Open the app for the command in `args`; returns the exit code."""
    with start_objects_frozen():
        app = build_app(args)
    app.run()
    if app.startup_error is not None:
        raise app.startup_error
    if app.demo:
        print(t("The demo's files are in {folder}", app.lang, folder=app.folder))
    return 0


@contextmanager
def start_objects_frozen() -> Iterator[None]:
    """Speed, at the start only: the collector paused while the app is built, then what
    was built frozen out of its reach.

    The imports (pydantic, the models, Textual) and the session's load make some 50,000
    objects the collector tracks, nearly all living as long as the app. Made with the
    collector on, they set off full collections that walk all of them (about 20 ms of
    CPU; see docs/benchmarks.md for `open FILE`); frozen, the collections while the room
    types no longer walk them either. What little garbage is made here stays.
    """
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def build_app(args: argparse.Namespace) -> WorkshopApp:
    """The app, ready to run, for no command, `open FILE` or `demo` (used by the benchmark)."""
    from workshop_tui.tui.app import WorkshopApp

    # the language chosen last time, unless --lang says otherwise
    remembered = load_preferences().get("lang")
    lang = remembered if remembered and not getattr(args, "lang_given", True) else args.lang
    if args.command is None:  # the start screen; without --processes it loads the catalogue
        catalogue = _load_catalogue(args.processes, lang) if args.processes else None
        return WorkshopApp(catalogue, args.dir or DEFAULT_FOLDER, lang)
    from workshop_tui.core.session.editor import SessionEditor

    if args.command == "demo":
        import tempfile

        catalogue = _load_catalogue(args.processes, lang)
        folder = Path(tempfile.mkdtemp(prefix="workshop-tui-demo-"))
        editor = write_demo(catalogue, folder, lang)
        return WorkshopApp(catalogue, folder, lang, editor=editor, demo=True)
    if args.command == "open":
        # None: the editor reads only the session's own process before the first frame,
        # and the app the whole bundled catalogue when a screen asks for it
        catalogue = _load_catalogue(args.processes, lang) if args.processes else None
        from workshop_tui.core.session.lock import SessionLockedError

        folder = Path(args.file).parent
        try:
            editor = SessionEditor.open(args.file, catalogue, lang)
        except SessionLockedError as locked:
            if not on_a_terminal():
                raise  # no one to ask: the message and exit code 2, before any screen
            # the app says who has it and offers read-only or take over (Cancel: exit 2)
            return WorkshopApp(catalogue, folder, lang, locked=locked)
        # Speed: the first screen's modules imported here, with the collector paused, and
        # then frozen with the rest (start_objects_frozen), not while the app builds its
        # first frame: some 3 ms fewer collections before that frame.
        import workshop_tui.tui.screens.estimate.screen  # noqa: F401

        return WorkshopApp(catalogue, folder, lang, editor=editor)
    raise AssertionError(args.command)


def on_a_terminal() -> bool:
    """True where someone can be asked (the app can show a dialog)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _load_catalogue(extra_dirs: list[Path], lang: str) -> Catalogue:
    from workshop_tui.core.process.catalogue import load_catalogue

    return load_catalogue(extra_dirs, lang)


def write_demo(catalogue: Catalogue, folder: Path, lang: str) -> SessionEditor:
    """A fictitious, filled-in workshop for each process in `folder`; returns one to open."""
    from workshop_tui.core.demo import FICTITIOUS_MUNICIPALITIES, demo_session
    from workshop_tui.core.session.editor import SessionEditor
    from workshop_tui.core.session.storage import save_session, session_filename

    for process, municipality in zip(catalogue, FICTITIOUS_MUNICIPALITIES, strict=False):
        session = demo_session(process, municipality)
        save_session(session, folder / session_filename(session), touch=False)
    process = (
        catalogue.get(DEMO_PROCESS)
        if DEMO_PROCESS in catalogue.processes
        else next(iter(catalogue))
    )
    path = next(folder.glob(f"*_{process.id}_*.json"))
    return SessionEditor.open(path, catalogue, lang)
