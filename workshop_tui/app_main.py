"""Starting the facilitator's app: `workshop-tui`, `workshop-tui open FILE`, `workshop-tui demo`.

Everything that can go wrong before the screen takes over (a broken process
file, a session that does not open) is raised as a WorkshopError, which the
CLI prints as a red panel with exit code 2; nothing is printed before the app.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from workshop_tui.catalogue import Catalogue, load_catalogue
from workshop_tui.editor import SessionEditor
from workshop_tui.i18n import register, t
from workshop_tui.storage import DEFAULT_EXPORT_DIR, save_session, session_filename

DEMO_PROCESS = "jobsamtaler"

register({
    "app.demo_folder": {"en": "The demo's files are in {folder}",
                        "da": "Demoens filer ligger i {folder}"},
})


def run_app(args: argparse.Namespace) -> int:
    """Open the app for the command in `args`; returns the exit code."""
    app = build_app(args)
    app.run()
    if app.demo:
        print(t("app.demo_folder", app.lang, folder=app.folder))
    return 0


def build_app(args: argparse.Namespace):
    """The app, ready to run, for no command, `open FILE` or `demo` (used by the benchmark)."""
    from workshop_tui.app import WorkshopApp

    catalogue = load_catalogue(args.processes)
    lang = args.lang
    if args.command == "demo":
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="workshop-tui-demo-"))
        editor = write_demo(catalogue, folder, lang)
        return WorkshopApp(catalogue, folder, lang, editor=editor, demo=True)
    if args.command == "open":
        editor = SessionEditor.open(args.file, catalogue, lang)
        return WorkshopApp(catalogue, Path(args.file).parent, lang, editor=editor)
    return WorkshopApp(catalogue, args.dir or DEFAULT_EXPORT_DIR, lang)


def write_demo(catalogue: Catalogue, folder: Path, lang: str) -> SessionEditor:
    """A fictitious, filled-in workshop for each process in `folder`; returns one to open."""
    from workshop_tui.demo import FICTITIOUS_MUNICIPALITIES, demo_session

    for process, municipality in zip(catalogue, FICTITIOUS_MUNICIPALITIES):
        session = demo_session(process, municipality)
        save_session(session, folder / session_filename(session), touch=False)
    process = catalogue.get(DEMO_PROCESS) if DEMO_PROCESS in catalogue.processes else next(
        iter(catalogue))
    path = next(folder.glob(f"*_{process.id}_*.json"))
    return SessionEditor.open(path, catalogue, lang)
