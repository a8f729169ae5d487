"""`serve`'s page in a real browser stays on the laptop: every request goes to this server
(the font too: textual-serve's own Roboto Mono, not Google Fonts), and the page's
Content-Security-Policy of default-src 'self' blocks nothing the page needs."""

from __future__ import annotations

import asyncio
import json
import urllib.request

import pytest

from tests.functional.test_serve import (
    CHROMIUM,
    DevTools,
    start_chromium,
    stop_group,
)
from tests.functional.test_serve_security import get, served
from tests.waiting import LIMIT


def test_the_page_has_a_strict_policy_and_no_address_elsewhere(tmp_path, interviews):
    with served(tmp_path, interviews) as (_server, port, _log):
        status, page = get(port)
        assert status == 200 and "googleapis" not in page and "https://" not in page
        assert "<style>" not in page and "<script>" not in page and "onClick" not in page
        request = urllib.request.Request(f"http://127.0.0.1:{port}/")
        with urllib.request.urlopen(request, timeout=LIMIT) as response:
            policy = response.headers["Content-Security-Policy"]
        assert policy.startswith("default-src 'self';") and "script-src" not in policy
        status, css = get(port, "/static/live/live.css")
        assert status == 200 and "RobotoMono-VariableFont_wght.ttf" in css
        font = f"http://127.0.0.1:{port}/static/fonts/RobotoMono-VariableFont_wght.ttf"
        with urllib.request.urlopen(font, timeout=LIMIT) as response:
            assert response.status == 200 and len(response.read()) > 10_000
        assert get(port, "/static/live/../../session.json")[0] == 404


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
def test_the_browser_asks_only_this_server_and_gets_its_font(tmp_path, interviews):
    with served(tmp_path, interviews) as (_server, port, _log):
        browser, devtools_port = start_chromium(tmp_path / "profile", tmp_path / "chromium.log")
        try:
            targets = json.load(
                urllib.request.urlopen(f"http://127.0.0.1:{devtools_port}/json/list", timeout=LIMIT)
            )
            target = next(t for t in targets if t["type"] == "page")
            requested, problems = asyncio.run(
                asyncio.wait_for(load_page(target, port, "Filled in"), 180)
            )
        finally:
            stop_group(browser)
    here = f"http://127.0.0.1:{port}/"
    assert requested and all(url.startswith((here, f"ws://127.0.0.1:{port}/")) for url in requested)
    assert any(url.endswith("RobotoMono-VariableFont_wght.ttf") for url in requested), requested
    assert not [p for p in problems if "Content Security Policy" in p], problems


async def load_page(target: dict, port: int, shown: str) -> tuple[list[str], list[str]]:
    """Opens the page and waits for the view's first screen -> (every URL the browser
    asked for, every console or log message it gave)."""
    import aiohttp

    requested: list[str] = []
    problems: list[str] = []

    class Recorder(DevTools):
        def handle(self, message: dict) -> None:
            super().handle(message)
            method, params = message.get("method"), message.get("params", {})
            if method == "Network.requestWillBeSent":
                requested.append(params["request"]["url"])
            elif method == "Network.webSocketCreated":
                requested.append(params["url"])
            elif method == "Log.entryAdded":
                problems.append(params["entry"]["text"])
            elif method == "Runtime.consoleAPICalled":
                problems.append(" ".join(str(a.get("value")) for a in params["args"]))

    async with (
        aiohttp.ClientSession() as http,
        http.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0) as websocket,
    ):
        devtools = Recorder(websocket)
        for domain in ("Network", "Page", "Log", "Runtime"):
            await devtools.call(f"{domain}.enable")
        await devtools.call("Page.navigate", url=f"http://127.0.0.1:{port}/")
        await devtools.wait_for_text([shown])
        # the font is fetched once text is drawn in it
        deadline = asyncio.get_running_loop().time() + LIMIT
        while not any(url.endswith(".ttf") for url in requested):
            assert asyncio.get_running_loop().time() < deadline, requested
            await devtools.call("Runtime.evaluate", expression="document.fonts.status")
    return requested, problems
