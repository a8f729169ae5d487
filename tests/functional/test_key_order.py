"""Keys are handled in the order they came, however slow the save and however fast the keys.

The scenario: `1⏎2⏎3⏎4⏎5⏎6⏎` typed onto an empty row across three
groups must leave exactly (1,2), (3,4), (5,6) in the file. Here keys come from
a thread at 120 ms apiece, as the terminal driver's thread delivers them, while
every fsync takes 150 ms; the pseudo-terminal test with bursts is in
test_key_order_pty.py.
"""

import asyncio
import threading
import time
from datetime import date

import pytest
from textual import events

from tests.functional.helpers import CATALOGUE, app_for, run_async, saved
from tests.waiting import wait_for_async
from workshop_tui.core.session import storage
from workshop_tui.core.session.editor import SessionEditor

INTERVIEWS = CATALOGUE.get("jobsamtaler")
FIRST = INTERVIEWS.activity_ids[0]
GROUPS = ["taet_paa", "langt_fra", "sygemeldte"]
KEYS = [key for digit in "123456" for key in (digit, "enter")]


@pytest.fixture
def editor(tmp_path):
    return SessionEditor.create(
        INTERVIEWS,
        tmp_path,
        municipality="Testby",
        workshop_date=date(2024, 3, 1),
        groups=GROUPS,
        lang="en",
    )


def slow_fsync(monkeypatch, seconds: float) -> None:
    real_fsync = storage.os.fsync

    def fsync(fd: int) -> None:
        time.sleep(seconds)
        real_fsync(fd)

    monkeypatch.setattr(storage.os, "fsync", fsync)


def send_from_thread(app, keys: list[str], gap: float) -> threading.Thread:
    """Deliver keys as the driver's input thread does: whatever the app is busy with."""
    loop = asyncio.get_running_loop()

    def deliver() -> None:
        for key in keys:
            event = events.Key(key, key if len(key) == 1 else ("\r" if key == "enter" else None))
            loop.call_soon_threadsafe(app._driver.send_message, event)
            time.sleep(gap)

    thread = threading.Thread(target=deliver, daemon=True)
    thread.start()
    return thread


def figures(session) -> list[tuple[float | None, float | None]]:
    return [(session.estimate(FIRST, g).low, session.estimate(FIRST, g).high) for g in GROUPS]


@run_async
async def test_keys_at_120_ms_with_a_150_ms_fsync_land_in_the_cells_typed(editor, monkeypatch):
    app = app_for(editor)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        slow_fsync(monkeypatch, 0.15)
        thread = send_from_thread(app, KEYS, 0.12)
        await wait_for_async(lambda: not thread.is_alive(), "the keys to be sent")
        # the last saves may still be running
        await wait_for_async(lambda: figures(saved(editor))[-1][1] is not None, "the last save")
        await pilot.pause()
        assert figures(saved(editor)) == [(1, 2), (3, 4), (5, 6)]
        assert not app.screen.grid.editing
