"""The participants' page in a real browser (Debian's headless Chromium): a phone 360 px
wide in Danish and a laptop 1280 px wide in English join, estimate, change their figure
and see the room's spread after the reveal. Screenshots are kept as artefacts."""

from __future__ import annotations

import asyncio
import base64
import json
import time
import urllib.request

import pytest

from tests.functional.room_helpers import CODE, ask_room, call
from tests.functional.test_serve import (
    CHROMIUM,
    DevTools,
    keep_artefact,
    start_chromium,
    stop_group,
)
from tests.waiting import LIMIT
from workshop_tui.core.room.storage import read_room
from workshop_tui.web.room_server import RoomServer

# (width, height, language, the words the page and the API show in it)
SCREENS = [
    (360, 740, "da", {"in": "Dit estimat er modtaget, venter på 1 af 2", "you": "Deltager 1"}),
    (1280, 800, "en", {"in": "Your estimate is in, waiting for 1 of 2", "you": "Participant 1"}),
]


class Page(DevTools):
    async def run(self, script: str):
        result = await self.call("Runtime.evaluate", expression=script, returnByValue=True)
        assert "exceptionDetails" not in result, result
        return result["result"].get("value")

    async def text(self) -> str:
        return await self.run("document.body.innerText")

    async def wait_for_page_text(self, *texts: str) -> None:
        deadline = time.monotonic() + LIMIT
        while True:
            shown = await self.text()
            if all(text in shown for text in texts):
                return
            assert time.monotonic() < deadline, f"the page never showed {texts}: {shown}"
            await asyncio.sleep(0.1)

    async def wait_until_true(self, script: str) -> None:
        deadline = time.monotonic() + LIMIT
        while not await self.run(script):
            assert time.monotonic() < deadline, f"never true: {script}"
            await asyncio.sleep(0.1)

    async def type_into(self, selector: str, text: str) -> None:
        """Focus a field, clear it, and type as a person does (key by key)."""
        await self.run(f"document.querySelector({json.dumps(selector)}).value = ''")
        await self.run(f"document.querySelector({json.dumps(selector)}).focus()")
        await self.call("Input.insertText", text=text)

    async def click(self, selector: str) -> None:
        await self.run(f"document.querySelector({json.dumps(selector)}).click()")


@pytest.mark.skipif(
    CHROMIUM is None,
    reason="Debian's chromium is not installed (apt-get install chromium)",
)
@pytest.mark.parametrize(("width", "height", "lang", "words"), SCREENS)
def test_a_participant_joins_estimates_changes_and_sees_the_spread(
    tmp_path, interviews, width, height, lang, words
):
    path = tmp_path / "session.json"
    ask_room(path, interviews)
    first = interviews.activity_ids[0]
    server = RoomServer(path, code=CODE)
    server.start()
    browser = None
    try:
        browser, devtools_port = start_chromium(tmp_path / "profile", tmp_path / "chromium.log")
        targets = json.load(
            urllib.request.urlopen(f"http://127.0.0.1:{devtools_port}/json/list", timeout=LIMIT)
        )
        target = next(t for t in targets if t["type"] == "page")

        async def drive() -> tuple[bytes, bytes, int]:
            import aiohttp

            async with (
                aiohttp.ClientSession() as http,
                http.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0) as websocket,
            ):
                page = Page(websocket)
                await page.call(
                    "Emulation.setDeviceMetricsOverride",
                    width=width,
                    height=height,
                    deviceScaleFactor=1,
                    mobile=width < 600,
                )
                await page.call("Page.enable")
                await page.call("Page.navigate", url=f"{server.address}?lang={lang}")
                await page.wait_until_true("document.getElementById('join')?.hidden === false")
                await page.type_into("#code", CODE)
                await page.click("#join-form button")
                await page.wait_for_page_text(words["you"])
                call(server.address, "/api/join", {"code": CODE})  # a second, silent participant

                groups = await page.run(
                    "[...document.querySelectorAll('form.group')].map(f => f.dataset.group)"
                )
                assert groups == ["taet_paa", "langt_fra", "sygemeldte"]
                for number, group in enumerate(groups, start=1):
                    form = f'form.group[data-group="{group}"]'
                    await page.type_into(f"{form} .low", "et kvarter" if lang == "da" else "0.25")
                    await page.type_into(f"{form} .high", str(number))
                    await page.click(f"{form} button")
                await page.wait_for_page_text(words["in"])

                # a change: a range typed in the low box
                form = 'form.group[data-group="taet_paa"]'
                await page.type_into(f"{form} .low", "1-2")
                await page.type_into(f"{form} .high", "")
                await page.click(f"{form} button")
                changed = "1,00–2,00" if lang == "da" else "1.00–2.00"
                await page.wait_for_page_text(changed)
                phone_width = await page.run("document.documentElement.scrollWidth")
                before = await page.call("Page.captureScreenshot", format="png")

                ask_room(path, interviews, revealed=True)
                spread = "Rummets estimater (anonyme)" if lang == "da" else "anonymous"
                await page.wait_for_page_text(spread)
                assert await page.run(f"document.querySelector('{form} .low').disabled")
                await page.run("window.scrollTo(0, document.body.scrollHeight)")
                after = await page.call("Page.captureScreenshot", format="png")
                return (
                    base64.b64decode(before["data"]),
                    base64.b64decode(after["data"]),
                    (phone_width),
                )

        before, after, page_width = asyncio.run(asyncio.wait_for(drive(), 240))
    finally:
        if browser is not None:
            stop_group(browser)
        server.stop()
    keep_artefact(tmp_path / f"room-{width}x{height}-estimate.png", before)
    keep_artefact(tmp_path / f"room-{width}x{height}-revealed.png", after)
    assert page_width <= width  # nothing wider than the screen: no sideways scrolling
    saved = read_room(server.room_file)
    assert saved is not None
    mine = {(e.activity_id, e.group_id): (e.low, e.high) for e in saved.estimates}
    assert mine == {
        (first, "taet_paa"): (1.0, 2.0),
        (first, "langt_fra"): (0.25, 2.0),
        (first, "sygemeldte"): (0.25, 3.0),
    }
