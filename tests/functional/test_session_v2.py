"""A session file of schema version 2 (before not applicable per group) works in every command.

tests/data/session_v2.json was written by the program before schema 3 (an agenda,
a closed round, time logged, an activity marked not applicable, a local
activity). `open` (the app), `watch`, `serve`, `export`, `validate` and `merge`
read it; the app saves it in today's format (version 4) on its first save and loses nothing.
A version newer than this program knows is refused with the same clear message.
"""

import asyncio
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.functional.helpers import CATALOGUE, app_for, run_async, screen_text, settle
from tests.functional.test_serve import ANSI, free_port, port_open, stop_group, wait_until
from tests.functional.test_watch import start_app, widget_text
from tests.waiting import LIMIT
from workshop_tui.cli.main import main
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.session.model import SESSION_SCHEMA_VERSION
from workshop_tui.core.session.storage import load_session
from workshop_tui.core.totals import completeness, session_totals

V2 = Path(__file__).parent.parent / "data" / "session_v2.json"
INTERVIEWS = CATALOGUE.get("jobsamtaler")
FIRST = INTERVIEWS.activity_ids[0]


@pytest.fixture
def old_file(tmp_path):
    path = tmp_path / "old.json"
    shutil.copy(V2, path)
    return path


def filled_in(path: Path) -> str:
    """'Filled in: 20 of 24 estimates' as the watch view words the file's completeness."""
    session = load_session(path)
    totals = session_totals(INTERVIEWS, session)
    filled = sum(g.filled for g in totals.values())
    expected = sum(g.expected for g in totals.values())
    return f"Filled in: {filled} of {expected} estimates"


def test_the_fixture_is_of_version_2_without_the_per_group_mark():
    text = V2.read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["schema_version"] == 2
    assert {"agenda", "time_log", "rounds"} <= set(data)  # what 2 added is there
    estimates = [e for entry in data["activities"].values() for e in entry["estimates"].values()]
    assert estimates and all(set(e) == {"low", "high", "staff", "share"} for e in estimates)
    assert any(entry["not_applicable"] for entry in data["activities"].values())


@run_async
async def test_open_shows_it_and_migrates_it_to_3_on_the_first_save(old_file):
    before = load_session(old_file)
    editor = SessionEditor.open(old_file, CATALOGUE, "en")
    app = app_for(editor)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            text = screen_text(app)
            assert before.municipality in text
            assert f"{completeness(session_totals(INTERVIEWS, before)):.0%} filled" in text
            app.screen.grid.move_to(FIRST, "taet_paa", "low")
            await pilot.press("ctrl+d")  # today's feature, on yesterday's file
            await settle(pilot)
    finally:
        editor.close()
    data = json.loads(old_file.read_text(encoding="utf-8"))
    assert data["schema_version"] == SESSION_SCHEMA_VERSION
    after = load_session(old_file)
    assert after.estimate(FIRST, "taet_paa").not_applicable
    # nothing else changed: the figures, marks, plan, rounds and local activities
    assert after.model_dump(exclude={"activities", "schema_version", "updated_at", "time_log"}) == (
        before.model_dump(exclude={"activities", "schema_version", "updated_at", "time_log"})
    )
    marked = after.activities[FIRST].estimates["taet_paa"]
    assert marked.model_copy(update={"not_applicable": False}) == before.estimate(FIRST, "taet_paa")
    assert {k: v for k, v in after.activities.items() if k != FIRST} == {
        k: v for k, v in before.activities.items() if k != FIRST
    }
    assert after.time_log.seconds.keys() >= before.time_log.seconds.keys()


@run_async
async def test_watch_shows_it(old_file):
    watch = start_app(old_file, CATALOGUE)
    async with watch.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        header = widget_text(watch.query_one("LiveHeader"))
        assert load_session(old_file).municipality in header
        assert filled_in(old_file) in header
    assert json.loads(old_file.read_text(encoding="utf-8"))["schema_version"] == 2  # read only


def test_serve_serves_it_through_its_gate(old_file, tmp_path):
    """The real server, started as a user does; one view loaded over its websocket."""
    import aiohttp

    port = free_port()
    log = tmp_path / "serve.log"
    server = subprocess.Popen(
        [sys.executable, "-m", "workshop_tui", "serve", str(old_file), "--port", str(port)]
        + ["--lang", "en"],
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    expected = [load_session(old_file).municipality, filled_in(old_file)]

    async def load_view() -> str:
        frames: list[bytes] = []
        url = f"http://127.0.0.1:{port}/ws?width=120&height=40"
        async with aiohttp.ClientSession() as http, http.ws_connect(url) as websocket:
            deadline = time.monotonic() + LIMIT
            while time.monotonic() < deadline:
                text = ANSI.sub(b"", b"".join(frames)).decode("utf-8", "replace")
                if all(part in text for part in expected):
                    return text
                try:
                    message = await asyncio.wait_for(websocket.receive(), 1)
                except TimeoutError:
                    continue
                if message.type == aiohttp.WSMsgType.BINARY:
                    frames.append(message.data)
                elif message.type != aiohttp.WSMsgType.TEXT:
                    break
            return ANSI.sub(b"", b"".join(frames)).decode("utf-8", "replace")

    try:
        wait_until(lambda: port_open(port) or server.poll() is not None, "the server")
        assert server.poll() is None, log.read_text()
        import urllib.request

        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=LIMIT).read().decode()
        assert f'data-session-websocket-url="ws://127.0.0.1:{port}/ws"' in page
        shown = asyncio.run(asyncio.wait_for(load_view(), 2 * LIMIT))
        for part in expected:
            assert part in shown, (part, log.read_text())
    finally:
        stop_group(server)
    assert "Traceback" not in log.read_text()
    assert json.loads(old_file.read_text(encoding="utf-8"))["schema_version"] == 2  # read only


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_export_writes_it(old_file, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    assert main(["--lang", "en", "export", str(old_file), "--format", fmt, "--out", str(out)]) == 0
    if fmt == "csv":
        rows = out.read_text(encoding="utf-8").splitlines()
        marked = [row for row in rows if ",kontakt_aktoerer," in row]
        assert marked and all(",false," in row for row in marked)  # the activity-wide mark
    if fmt == "json":  # the JSON export is written in today's format
        assert (
            json.loads(out.read_text(encoding="utf-8"))["schema_version"] == SESSION_SCHEMA_VERSION
        )
        assert load_session(out).activities == load_session(old_file).activities


def test_validate_and_merge_read_it(old_file, tmp_path, capsys):
    assert main(["--lang", "en", "validate", str(old_file)]) == 0
    assert "valid session file" in capsys.readouterr().out
    out = tmp_path / "merged.json"
    args = ["--lang", "en", "merge", str(old_file), "--format", "json", "--out", str(out)]
    assert main(args) == 0
    merged = json.loads(out.read_text(encoding="utf-8"))
    session = load_session(old_file)
    assert merged["sessions"][0]["completeness"] == pytest.approx(
        completeness(session_totals(INTERVIEWS, session)), abs=1e-6
    )
    drivers = {(r["group_id"], r["activity_id"]): r for r in merged["activity_drivers"]}
    assert drivers[("taet_paa", "kontakt_aktoerer")]["n_not_applicable"] == 1


def test_a_newer_version_than_known_is_refused_clearly(old_file, capsys):
    data = json.loads(old_file.read_text(encoding="utf-8"))
    data["schema_version"] = 6
    old_file.write_text(json.dumps(data), encoding="utf-8")
    assert main(["--lang", "en", "validate", str(old_file)]) == 2
    err = capsys.readouterr().err
    assert "schema_version 6 is not supported (this version reads 1, 2, 3, 4 and 5)" in " ".join(
        err.split()
    )
    assert "Traceback" not in err and re.search(r"old\.json", err)
