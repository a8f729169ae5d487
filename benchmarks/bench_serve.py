"""How fast `workshop-tui serve` stops, and what it leaves behind.

Starts a real `workshop-tui serve` on 127.0.0.1 and a free port, opens N views
over websockets (as the page does, 500 x 200 cells asked for 5000 x 5000),
waits until every view process runs, then sends SIGINT (Ctrl+C) and times how
long until the server and every view process have ended. Processes are counted
in /proc by the server's process session. Also opens views that are reset in
the middle of a screen and counts what is left of them.

    python benchmarks/bench_serve.py [--views 10] [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.functional.test_serve import free_port, port_open, session_members  # noqa: E402
from tests.functional.test_serve_security import abort_mid_frame  # noqa: E402
from workshop_tui.core.demo import demo_session  # noqa: E402
from workshop_tui.core.process.catalogue import load_catalogue  # noqa: E402
from workshop_tui.core.session.storage import save_session  # noqa: E402


def start_server(path: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "workshop_tui", "serve", str(path), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while not port_open(port):
        if time.monotonic() > deadline or server.poll() is not None:
            raise SystemExit("the server did not start")
        time.sleep(0.1)
    return server, port


async def ctrl_c_with_views(path: Path, views: int) -> tuple[int, float, int]:
    """-> (processes before, seconds from SIGINT until all ended, processes after)."""
    server, port = start_server(path)
    async with aiohttp.ClientSession() as http:
        sockets = [
            await http.ws_connect(
                f"http://127.0.0.1:{port}/ws?width=5000&height=5000",
                origin=f"http://127.0.0.1:{port}",
            )
            for _ in range(views)
        ]
        readers = [asyncio.create_task(drain(websocket)) for websocket in sockets]
        while len(session_members(server.pid)) < views + 1:
            await asyncio.sleep(0.1)
        await asyncio.sleep(2)  # every view past its first screen
        before = len(session_members(server.pid))
        start = time.monotonic()
        server.send_signal(signal.SIGINT)
        while server.poll() is None or session_members(server.pid):
            await asyncio.sleep(0.01)
        took = time.monotonic() - start
        for reader in readers:
            reader.cancel()
    return before, took, len(session_members(server.pid))


async def drain(websocket: aiohttp.ClientWebSocketResponse) -> None:
    async for _ in websocket:
        pass


def aborted_views(path: Path, count: int) -> tuple[int, float]:
    """-> (view processes left 10 s after `count` resets mid-screen, seconds until none)."""
    server, port = start_server(path)
    try:
        for _ in range(count):
            abort_mid_frame(port)
        start = time.monotonic()
        while len(session_members(server.pid)) > 1 and time.monotonic() - start < 10:
            time.sleep(0.05)
        return len(session_members(server.pid)) - 1, time.monotonic() - start
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--views", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "session.json"
        save_session(demo_session(load_catalogue().get("jobsamtaler")), path)
        times = []
        for run in range(args.runs):
            before, took, after = asyncio.run(ctrl_c_with_views(path, args.views))
            times.append(took)
            print(
                f"run {run + 1}: {before} processes (server + {before - 1} views); "
                f"Ctrl+C ended all in {took:.2f} s; {after} left"
            )
        print(
            f"Ctrl+C with {args.views} views: median {statistics.median(times):.2f} s, "
            f"slowest {max(times):.2f} s"
        )
        left, took = aborted_views(path, 5)
        print(f"5 views reset mid-screen: {left} view processes left after {took:.2f} s")


if __name__ == "__main__":
    main()
