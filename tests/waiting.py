"""Waiting for a condition, never for a time: how the tests wait on other processes and the app.

A test that slept for a fixed time, or failed when something took longer than a
threshold, would fail on a machine busy with other work. These poll a condition
instead, and give up only after LIMIT seconds: far longer than anything here takes
even on a loaded machine, so reaching it means a hang, not a slow run.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

T = TypeVar("T")

LIMIT = 120.0
POLL = 0.05


def until(condition: Callable[[], object], limit: float = LIMIT) -> bool:
    """Poll `condition` until it holds (True) or `limit` seconds have passed (False)."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(POLL)
    return True


def wait_for(condition: Callable[[], object], what: str, limit: float = LIMIT) -> None:
    """Poll `condition` until it holds; an AssertionError naming `what` after `limit` s."""
    assert until(condition, limit), f"gave up after {limit:.0f} s waiting for {what}"


async def wait_for_async(
    condition: Callable[[], object],
    what: str,
    limit: float = LIMIT,
    pause: Callable[[], Awaitable[object]] | None = None,
) -> None:
    """As wait_for, in a coroutine: `pause` (an app's `lambda: pilot.pause(0.05)`, say)
    runs between two looks, so the app or the event loop gets on with its work."""
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() <= deadline, f"gave up after {limit:.0f} s waiting for {what}"
        await (pause() if pause is not None else asyncio.sleep(POLL))


def finishes(function: Callable[[], T], what: str, limit: float = LIMIT) -> T:
    """`function()`'s result, run in a thread; an AssertionError naming `what` when it is
    still running after `limit` seconds (a hang: the test does not wait for it forever)."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = function()
        except BaseException as error:  # handed to the test's thread as it is
            outcome["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(limit)
    assert not thread.is_alive(), f"{what} was still running after {limit:.0f} s"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
