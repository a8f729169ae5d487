"""Benchmark: huge user text draws as fast as ordinary text, measured in one run.

(a) The lock dialog (`open FILE` on a session another computer holds) with a holder
    whose user name is 10 MB, against the same dialog with a user name of 4
    characters: the time from building the app to its first frame with the dialog.
(b) The estimate screen with the cursor on an activity the room named with 10,000
    characters, its note dialog open (Ctrl+N), against a name of 14 characters.

Headless (Textual's Pilot, 80x24), so painting to a terminal is left out: what is
measured is the work of laying out and rendering the text, which core/text.py caps.
Target: each within 2x of its ordinary counterpart. Figures are medians of --runs.

    python benchmarks/bench_text.py [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from workshop_tui.core.process.catalogue import load_catalogue
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.session.lock import LockHolder, SessionLockedError
from workshop_tui.core.session.model import LocalActivity
from workshop_tui.core.session.storage import save_session
from workshop_tui.tui.app import WorkshopApp

CATALOGUE = load_catalogue()
TARGET = 2.0


def new_workshop(folder: Path) -> SessionEditor:
    return SessionEditor.create(
        CATALOGUE.get("jobsamtaler"),
        folder,
        municipality="Testby",
        workshop_date=date(2024, 3, 1),
        groups=["taet_paa"],
    )


async def until(pilot, done) -> None:
    while not done():
        await pilot.pause(0.01)
    await pilot.pause()


async def lock_dialog(user: str) -> float:
    with tempfile.TemporaryDirectory() as folder:
        editor = new_workshop(Path(folder))
        editor.close()
        holder = LockHolder(
            host="laptop", pid=1, user=user, since="2024-03-01T09:00:00+00:00", token="x"
        )
        start = time.perf_counter()
        locked = SessionLockedError(editor.path, holder, "en")
        app = WorkshopApp(CATALOGUE, Path(folder), "en", locked=locked)
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: type(app.screen).__name__ == "LockDialog")
            app.screen._compositor.render_strips()
            return time.perf_counter() - start


async def note_dialog(name: str) -> float:
    with tempfile.TemporaryDirectory() as folder:
        editor = new_workshop(Path(folder))
        local = LocalActivity(id="local_x", subprocess=1, name=name)
        session = editor.session.model_copy(update={"local_activities": [local]})
        path = editor.path
        editor.close()
        save_session(session, path, touch=False)
        start = time.perf_counter()
        editor = SessionEditor.open(path, CATALOGUE, "en")
        try:
            app = WorkshopApp(CATALOGUE, Path(folder), "en", editor=editor)
            async with app.run_test(size=(80, 24)) as pilot:
                await until(pilot, lambda: type(app.screen).__name__ == "EstimateScreen")
                app.screen.grid.move_to("local_x")
                await pilot.press("ctrl+n")
                await until(pilot, lambda: type(app.screen).__name__ == "TextDialog")
                app.screen._compositor.render_strips()
                return time.perf_counter() - start
        finally:
            editor.close()


def median_of(runs: int, measure, text: str) -> float:
    return statistics.median(asyncio.run(measure(text)) for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    cases = [
        ("lock dialog, 10 MB holder", lock_dialog, "x" * 10_000_000, "anne"),
        ("note dialog, 10,000-character name", note_dialog, "Tolk " * 2000, "Bestilling tolk"),
    ]
    for label, measure, huge, ordinary in cases:
        baseline = median_of(runs, measure, ordinary)
        figure = median_of(runs, measure, huge)
        ratio = figure / baseline
        verdict = "within" if ratio <= TARGET else "OVER"
        print(
            f"{label}: {figure:.3f} s against {baseline:.3f} s ordinary: "
            f"{ratio:.2f}x ({verdict} the {TARGET}x target)"
        )


if __name__ == "__main__":
    main()
