"""`Export` on the estimate screen: CSV and XLSX beside the session file, off the UI thread.

openpyxl is slow to load and the files take a moment to write, so the export runs
in a worker thread; its result, or its failure, comes back as a notification.
"""

from __future__ import annotations

from functools import partial

from rich.markup import escape
from textual.screen import Screen

from workshop_tui.core.i18n import t
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.session.model import Session


def export_in_background(screen: Screen[object], editor: SessionEditor, lang: str) -> None:
    """Write the session as it is now; one export at a time (a second replaces the first)."""
    screen.run_worker(
        partial(_export, screen, editor, editor.session, lang),
        thread=True,
        exclusive=True,
        group="export",
        exit_on_error=False,
    )


def _export(screen: Screen[object], editor: SessionEditor, session: Session, lang: str) -> None:
    try:
        from workshop_tui.core.exports import export_beside

        written = export_beside(session, editor.process, editor.path, lang=lang)
    except Exception as error:  # noqa: BLE001 - any failure is reported, none is fatal
        reason = getattr(error, "title", "") or type(error).__name__
        message = t("Export failed: {reason}", lang, reason=f"{reason}: {error}")
        screen.app.call_from_thread(screen.notify, escape(message), severity="error", timeout=10)
        return
    files = "\n".join(str(path) for path in written)
    screen.app.call_from_thread(
        screen.notify,
        escape(t("Exported beside the session file:\n{files}", lang, files=files)),
        timeout=8,
    )
