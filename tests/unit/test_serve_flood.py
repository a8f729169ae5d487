"""A browser flooding `serve` with messages: each view takes what a person could type."""

from __future__ import annotations

import asyncio
import json
from types import SimpleNamespace

from aiohttp import WSMsgType

from workshop_tui.tui.live import serve
from workshop_tui.tui.live.gate import MessageBudget
from workshop_tui.web.gate import Gate


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Flood:
    """A browser's websocket sending `count` key messages over `seconds` (as the clock says)."""

    def __init__(self, clock: Clock, count: int, seconds: float, then: list[str]) -> None:
        self.clock, self.count, self.step, self.then = clock, count, seconds / count, then

    def __aiter__(self):
        return self._messages()

    async def _messages(self):
        for _ in range(self.count):
            self.clock.now += self.step
            yield SimpleNamespace(type=WSMsgType.TEXT, data=json.dumps(["stdin", "j"]))
        self.clock.now += 10.0  # the browser goes quiet; then a person presses a key
        for key in self.then:
            yield SimpleNamespace(type=WSMsgType.TEXT, data=json.dumps(["stdin", key]))


class View:
    def __init__(self) -> None:
        self.keys: list[bytes] = []

    async def send_bytes(self, data: bytes) -> None:
        self.keys.append(data)


def test_ten_thousand_keys_in_a_tenth_of_a_second_reach_the_view_as_a_burst(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(
        serve, "MessageBudget", lambda rate, burst: MessageBudget(rate, burst, clock=clock)
    )
    server = serve.build_server(
        "true", "127.0.0.1", 8000, "t", "http://127.0.0.1:8000", lambda: None, Gate(frozenset())
    )
    view = View()
    flood = Flood(clock, 10_000, 0.1, then=["l"])
    asyncio.run(server.relay_browser_messages(flood, view))
    flooded = view.keys[:-1]
    allowed = serve.BROWSER_MESSAGE_BURST + serve.BROWSER_MESSAGES_PER_SECOND * 0.1
    assert len(flooded) <= allowed + 1
    assert view.keys[-1] == b"l"  # a key after the flood still gets through


def test_a_person_typing_is_never_held_back():
    clock = Clock()
    budget = MessageBudget(50, 200, clock=clock)
    for _ in range(2_000):  # ten keys a second for 200 seconds
        clock.now += 0.1
        assert budget.allow()
