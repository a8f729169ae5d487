"""`workshop-tui report`: the page in a real browser (Debian's headless Chromium) with
every network request blocked. Nothing may be requested but the file itself, the
console stays free of errors, and every figure on the page equals `merge`'s and
`cost`'s for the same exports. The screenshot is kept as an artefact."""

import asyncio
import base64
import json
import re
from pathlib import Path

import pytest

from tests.functional.test_serve import CHROMIUM, keep_artefact, start_chromium, stop_group
from workshop_tui.cli.main import main
from workshop_tui.core.hours import format_hours
from workshop_tui.core.process.catalogue import load_catalogue
from workshop_tui.core.session.storage import load_session
from workshop_tui.core.totals import session_totals

EXAMPLES = Path(__file__).resolve().parents[2] / "exports" / "examples"
MUNICIPALITY = "Vesterlund Kommune (fiktiv)"

SCROLL_JS = "window.scrollTo(0, document.querySelector('section.group').offsetTop)"
FIGURES_JS = """JSON.stringify([...document.querySelectorAll('[data-figure]')].map(
  e => [e.dataset.figure, e.dataset.value, e.textContent.trim()]))"""
CHECKS_JS = """JSON.stringify([...document.querySelectorAll('[data-check]')].map(
  e => [e.dataset.check, e.dataset.ratio, e.textContent]))"""


def command_json(capsys, *argv) -> dict:
    assert main([*argv, "--format", "json", "--lang", "en"]) == 0
    return json.loads(capsys.readouterr().out)


async def load_in_browser(devtools_port: int, page: Path, scroll: bool = False) -> dict:
    """Open the page with every request but the file itself failed; what happened."""
    import aiohttp

    async with aiohttp.ClientSession() as http:
        async with http.get(f"http://127.0.0.1:{devtools_port}/json/list") as response:
            targets = await response.json(content_type=None)
        target = next(t for t in targets if t["type"] == "page")
        async with http.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0) as socket:
            return await _drive(socket, page.as_uri(), scroll)


async def _drive(socket, url: str, scroll: bool = False) -> dict:
    state = {"requests": [], "blocked": [], "errors": [], "next": 0}

    async def call(method: str, **params) -> dict:
        state["next"] += 1
        await socket.send_json({"id": state["next"], "method": method, "params": params})
        while True:
            message = await asyncio.wait_for(socket.receive_json(), 30)
            if message.get("id") == state["next"]:
                assert "error" not in message, message
                return message.get("result", {})
            await handle(message)

    async def handle(message: dict) -> None:
        method, params = message.get("method"), message.get("params", {})
        if method == "Network.requestWillBeSent":
            state["requests"].append(params["request"]["url"])
        elif method == "Fetch.requestPaused":
            request_url = params["request"]["url"]
            if request_url == url:
                await socket.send_json(
                    {
                        "id": 10_000 + len(state["requests"]),
                        "method": "Fetch.continueRequest",
                        "params": {"requestId": params["requestId"]},
                    }
                )
            else:
                state["blocked"].append(request_url)
                await socket.send_json(
                    {
                        "id": 20_000 + len(state["blocked"]),
                        "method": "Fetch.failRequest",
                        "params": {
                            "requestId": params["requestId"],
                            "errorReason": "BlockedByClient",
                        },
                    }
                )
        elif method == "Runtime.exceptionThrown":
            state["errors"].append(params["exceptionDetails"].get("text", "exception"))
        elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
            state["errors"].append(str(params["args"]))
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            state["errors"].append(params["entry"]["text"])

    for domain in ("Network", "Page", "Runtime", "Log"):
        await call(f"{domain}.enable")
    await call("Fetch.enable", patterns=[{"urlPattern": "*"}])
    await call(
        "Emulation.setDeviceMetricsOverride",
        width=1000,
        height=1400,
        deviceScaleFactor=1,
        mobile=False,
    )
    await call("Page.navigate", url=url)
    for _ in range(100):  # until the page has loaded and painted
        ready = await call("Runtime.evaluate", expression="document.readyState", returnByValue=True)
        if ready["result"]["value"] == "complete":
            break
        await asyncio.sleep(0.1)
    await asyncio.sleep(0.5)
    figures = await call("Runtime.evaluate", expression=FIGURES_JS, returnByValue=True)
    checks = await call("Runtime.evaluate", expression=CHECKS_JS, returnByValue=True)
    if scroll:  # to the first chart
        await call("Runtime.evaluate", expression=SCROLL_JS)
        await asyncio.sleep(0.3)
    shot = await call("Page.captureScreenshot", format="png", captureBeyondViewport=False)
    # printed as the page asks: A4 (its @page rule), one process and group a page
    pdf = await call("Page.printToPDF", preferCSSPageSize=True, printBackground=True)
    # messages still queued (late console errors) are read before leaving
    while True:
        try:
            await handle(await asyncio.wait_for(socket.receive_json(), 0.5))
        except TimeoutError:
            break
    state["figures"] = json.loads(figures["result"]["value"])
    state["checks"] = json.loads(checks["result"]["value"])
    state["screenshot"] = base64.b64decode(shot["data"])
    state["pdf"] = base64.b64decode(pdf["data"])
    return state


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
def test_report_page_loads_offline_and_shows_merges_and_costs_figures(tmp_path, capsys):
    page = tmp_path / "report.html"
    assert (
        main(
            [
                "report",
                str(EXAMPLES),
                "--municipality",
                MUNICIPALITY,
                "--out",
                str(page),
                "--lang",
                "en",
            ]
        )
        == 0
    )
    capsys.readouterr()
    merged = command_json(capsys, "merge", str(EXAMPLES))
    costed = command_json(capsys, "cost", str(EXAMPLES))

    browser, port = start_chromium(tmp_path / "profile", tmp_path / "chromium.log")
    try:
        state = asyncio.run(asyncio.wait_for(load_in_browser(port, page), 120))
    finally:
        stop_group(browser)
    keep_artefact(tmp_path / "report-browser.png", state["screenshot"])

    assert state["requests"] == [page.as_uri()], "the page asked the network for something"
    assert state["blocked"] == []
    assert state["errors"] == []
    assert state["screenshot"].startswith(b"\x89PNG") and len(state["screenshot"]) > 20_000
    keep_artefact(tmp_path / "report-print.pdf", state["pdf"])
    assert state["pdf"].startswith(b"%PDF")
    # every page A4 (595 x 842 points); at least a page per process and group beside the
    # summary and method (sections run on: test_report_print.py checks how they break)
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", state["pdf"])
    assert boxes and all(abs(float(w) - 595) < 2 and abs(float(h) - 842) < 2 for w, h in boxes)
    assert len(boxes) >= 2 + len({tuple(f.split("/")[:2]) for f, _, _ in state["figures"]})

    levels = {(r["process_id"], r["group_id"], r["level"]): r for r in merged["levels"]}
    costs = {(r["process_id"], r["group_id"], r["level"]): r for r in costed["costs"]}
    own, own_dkk = own_levels(MUNICIPALITY), own_kroner(MUNICIPALITY, costed["dkk_per_hour"])
    seen = set()
    for figure, value, text in state["figures"]:
        process_id, group_id, level, name = figure.split("/")
        key = (process_id, group_id, level)
        if name in ("low", "high", "mean", "n_workshops"):
            expected = levels[key][name]  # merge's JSON, rounded to 6 decimals
        elif name == "dkk_mid":
            expected = costs[key]["dkk_mid"]
        elif name == "own_mid":
            expected = own[key]
        else:
            assert name == "own_dkk", figure
            expected = own_dkk[key]
        assert float(value) == pytest.approx(expected, abs=1e-6), figure
        # and the cell shows that figure, formatted as the app formats it
        if name == "n_workshops":
            assert text == value, figure
        elif name in ("dkk_mid", "own_dkk"):
            assert text == f"{float(value):,.0f}", figure
        else:
            assert text == format_hours(float(value), "en", 2, trim=False), figure
        seen.add(key)
    # every level of every process and group Vesterlund held a workshop for
    assert seen == {key for key in levels if key[:2] in {k[:2] for k in own}}
    assert len(seen) >= 10

    ratios = {c["id"]: c["ratio"] for c in costed["checks"]}
    assert {check: float(ratio) for check, ratio, _ in state["checks"]} == pytest.approx(
        {check: ratios[check] for check, _, _ in state["checks"]}
    )


def own_levels(municipality: str) -> dict:
    """The municipality's own midpoints per level, straight from the totals engine."""
    catalogue = load_catalogue()
    figures = {}
    for path in EXAMPLES.glob("*.json"):
        session = load_session(path)
        if session.municipality != municipality:
            continue
        process = catalogue.get(session.process_id)
        for group_id, totals in session_totals(process, session).items():
            for sub in totals.subprocesses:
                figures[(process.id, group_id, str(sub.number))] = sub.span.mid
            figures[(process.id, group_id, "total")] = totals.total.mid
    return figures


def own_kroner(municipality: str, rates: dict[str, float]) -> dict:
    """The municipality's own kroner per level: each activity's midpoint at the rate
    of the function its process file names (the citizen-facing one by default)."""
    catalogue = load_catalogue()
    figures: dict = {}
    for path in EXAMPLES.glob("*.json"):
        session = load_session(path)
        if session.municipality != municipality:
            continue
        process = catalogue.get(session.process_id)
        role = {a.id: a.role for s in process.subprocesses for a in s.activities}
        mine: dict = {}  # this workshop's, as own_levels takes them
        for group_id, totals in session_totals(process, session).items():
            for activity in totals.activities:
                if activity.span is None or not activity.applicable:
                    continue  # nothing entered, or marked not applicable: not counted
                dkk = activity.span.mid * rates[role.get(activity.line.id, "borgernaere")]
                for level in (str(activity.line.subprocess), "total"):
                    key = (process.id, group_id, level)
                    mine[key] = mine.get(key, 0.0) + dkk
        figures.update(mine)
    return figures
