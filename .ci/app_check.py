"""The installed app, driven headless as its tests drive it: the start screen lists,
`n` opens the new-workshop form over the five bundled processes, and the demo opens
its workshop. Run by .ci/run with the installed wheel's Python, from another folder.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
from pathlib import Path

from workshop_tui.cli.app import build_app
from workshop_tui.tui.screens.estimate.screen import EstimateScreen
from workshop_tui.tui.screens.new_workshop import NewWorkshopScreen
from workshop_tui.tui.screens.start import StartScreen

PROCESSES = 5


async def until(pilot, condition, what: str) -> None:
    """Wait for `condition`, generously: a loaded CI machine may be slow."""
    for _ in range(3000):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"never: {what}")


async def start_screen_and_new_workshop(folder: Path) -> None:
    args = argparse.Namespace(command=None, lang="en", processes=[], dir=folder)
    app = build_app(args)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(
            pilot,
            lambda: isinstance(app.screen, StartScreen) and app.screen.loaded,
            "the start screen listed the workshops",
        )
        await pilot.press("n")
        await until(
            pilot,
            lambda: isinstance(app.screen, NewWorkshopScreen),
            "n opened the new-workshop form",
        )
        assert len(app.screen.catalogue) == PROCESSES, len(app.screen.catalogue)


async def demo() -> None:
    args = argparse.Namespace(command="demo", lang="da", processes=[], dir=None)
    app = build_app(args)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await until(
                pilot,
                lambda: isinstance(app.screen, EstimateScreen),
                "the demo opened its workshop",
            )
    finally:
        shutil.rmtree(app.folder)  # the demo's temporary folder


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(start_screen_and_new_workshop(Path(folder)))
    asyncio.run(demo())
    print(f"app: start screen, new-workshop form with {PROCESSES} processes, demo: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
