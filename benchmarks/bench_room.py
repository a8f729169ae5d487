"""30 participants answering one item within a second of each other: is every answer saved,
and how long does each wait for "your estimate is in"?

Starts the room's server (the same RoomServer the app and `workshop-tui room` use) on
127.0.0.1 for a demo session that asks one activity in one group; N participants
join, then all send their estimate at once (one connection each). Reports the time
from sending to the 200 (median, slowest), the whole burst, and how many estimates
the room file holds afterwards. The baseline in the same run: saving the same room
file N times in a row with save_room, the fsync each answer waits for.

    python benchmarks/bench_room.py [--participants 30] [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.functional.room_helpers import CODE, ask_room  # noqa: E402
from workshop_tui.core.process.catalogue import load_catalogue  # noqa: E402
from workshop_tui.core.room.storage import read_room, save_room  # noqa: E402
from workshop_tui.web.room_server import RoomServer  # noqa: E402


async def burst(address: str, count: int, activity: str, group: str) -> tuple[list[float], float]:
    """Join `count` participants, then send all their estimates at once -> (each wait, total)."""
    sessions = [aiohttp.ClientSession() for _ in range(count)]
    try:
        tokens = []
        for http in sessions:
            async with http.post(f"{address}api/join", json={"code": CODE}) as response:
                tokens.append((await response.json())["token"])

        async def answer(http: aiohttp.ClientSession, token: str, number: int) -> float:
            body = {"activity_id": activity, "group_id": group, "low": number, "high": number + 1}
            started = time.perf_counter()
            async with http.post(
                f"{address}api/estimate",
                json=body,
                headers={"Authorization": f"Bearer {token}"},
            ) as response:
                assert response.status == 200, await response.text()
            return time.perf_counter() - started

        started = time.perf_counter()
        waits = await asyncio.gather(
            *(
                answer(http, token, n)
                for n, (http, token) in enumerate(zip(sessions, tokens, strict=True))
            )
        )
        return list(waits), time.perf_counter() - started
    finally:
        for http in sessions:
            await http.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=30)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    process = load_catalogue().get("jobsamtaler")
    activity = process.activity_ids[0]
    medians, slowest, totals, baselines = [], [], [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "session.json"
            ask_room(path, process)
            server = RoomServer(path, code=CODE, max_participants=args.participants)
            server.start()
            try:
                waits, total = asyncio.run(
                    burst(server.address, args.participants, activity, "taet_paa")
                )
            finally:
                server.stop()
            room = read_room(server.room_file)
            assert room is not None and len(room.estimates) == args.participants, "lost answers"
            started = time.perf_counter()
            for _ in range(args.participants):
                save_room(room, Path(folder) / ".baseline.room")
            baselines.append(time.perf_counter() - started)
            medians.append(statistics.median(waits))
            slowest.append(max(waits))
            totals.append(total)
    n = args.participants
    print(f"{n} participants answering at once, {args.runs} runs; every answer saved: yes")
    print(
        f"  wait for the 200, median of runs' medians: {statistics.median(medians) * 1000:.1f} ms"
    )
    print(f"  slowest wait of all runs:                  {max(slowest) * 1000:.1f} ms")
    print(f"  whole burst, median:                       {statistics.median(totals) * 1000:.1f} ms")
    base = statistics.median(baselines)
    print(f"  baseline, {n} save_room in a row, median:   {base * 1000:.1f} ms")
    print(f"  burst / baseline:                          {statistics.median(totals) / base:.2f}")


if __name__ == "__main__":
    main()
