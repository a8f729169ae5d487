"""Benchmark: the facilitator's entry speed with the participants' room open, in one run.

CPU time per committed entry (key press to the totals on screen, as bench_app.py
measures it, inside the app's process on a real 120x40 pseudo-terminal), for the
rehabilitation team's process (15 activities x 3 groups), three ways:

- no room (the baseline of this run);
- the room open and asked for the first subprocess, nobody answering: the app polls
  the room file 4 times a second;
- the room open while participants answer: a thread here saves one more estimate in
  the room file every 0.3 s, as the room's server does, and the app copies each into
  the session file on its timer.

The room's server is a stand-in (the app only reads the room file and writes the
session), so this measures the app's side alone. Target: within 1.1x of no room.

The three ways take turns, `--rounds` times, each time in another order, and each
figure is the median over all its rounds: on a shared machine one app's figures
move 10-20 % from one start to the next as other work comes and goes, and taking
turns lets that fall on all three alike rather than on whichever ran at a busy time.

    python benchmarks/bench_room_app.py [--entries 60] [--rounds 3]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_app import (  # noqa: E402
    WARMUP,
    CommitTimer,
    Output,
    ms,
    new_session,
    run_in_pty,
)

ANSWER_SECONDS = 0.3
MODES = ("none", "idle", "answering")


class StandInServer:
    """What the app uses of the room's server; nothing listens."""

    address = "http://127.0.0.1:8765/"
    code = "4821"

    def stop(self) -> None:
        pass


def answer_in_the_background(session_path: Path, session_id: str, cells: list, stop) -> None:
    """Save one more participant's estimate in the room file every ANSWER_SECONDS."""
    from workshop_tui.core.room.model import RoomEstimate, RoomFile, RoomParticipant, room_path
    from workshop_tui.core.room.storage import save_room

    participants = [
        RoomParticipant(
            id=f"p{n}",
            number=n,
            token_sha256=hashlib.sha256(str(n).encode()).hexdigest(),
            joined_at=datetime.now(UTC),
        )
        for n in range(1, 9)
    ]
    estimates: dict[tuple[str, str, str], RoomEstimate] = {}
    given = 0
    while not stop.wait(ANSWER_SECONDS):
        participant = participants[given % len(participants)]
        activity_id, group_id = cells[(given // len(participants)) % len(cells)]
        estimates[(participant.id, activity_id, group_id)] = RoomEstimate(
            participant_id=participant.id,
            activity_id=activity_id,
            group_id=group_id,
            low=1 + given % 3,
            high=4 + given % 5,
            submitted_at=datetime.now(UTC),
        )
        given += 1
        room = RoomFile(
            session_id=session_id,
            code=StandInServer.code,
            participants=participants,
            estimates=list(estimates.values()),
        )
        save_room(room, room_path(session_path))


def child(out: Path, mode: str) -> None:
    from workshop_tui.core.process.catalogue import load_catalogue
    from workshop_tui.tui.app import WorkshopApp
    from workshop_tui.tui.screens.estimate import room as room_module
    from workshop_tui.tui.screens.estimate.screen import FOLLOW_SECONDS, EstimateScreen

    catalogue = load_catalogue()
    process = catalogue.get("rehabiliteringsteam")
    editor = new_session(process, out.parent)
    room_module.start_room_server = lambda path, host, lang: StandInServer()  # type: ignore[assignment]
    original_mount = EstimateScreen.on_mount
    stop = threading.Event()

    def on_mount(screen: EstimateScreen) -> None:
        original_mount(screen)
        if mode == "none":
            return
        screen.room.open("local")  # as Ctrl+U, l does, without its dialog
        screen._room_timer = screen.set_interval(FOLLOW_SECONDS, screen._poll_room)
        screen._show_room()
        first = [line.id for line in screen.editor.lines() if line.subprocess == 1]
        screen.editor.ask_room(first)  # Ctrl+U, s: the first subprocess
        if mode == "answering":
            cells = [(c.activity_id, c.group_id) for c in screen.editor.session.room.asked]
            args = (editor.path, editor.session.session_id, cells, stop)
            threading.Thread(target=answer_in_the_background, args=args, daemon=True).start()

    EstimateScreen.on_mount = on_mount  # type: ignore[method-assign]

    def check(app) -> dict:
        from workshop_tui.core.session.storage import load_session

        saved = load_session(editor.path)
        entered = sum(
            value is not None
            for entry in saved.activities.values()
            for estimate in entry.estimates.values()
            for value in (estimate.low, estimate.high)
        )
        return {"filled": entered, "participants": len(saved.participant_estimates)}

    try:
        CommitTimer(WorkshopApp(catalogue, out.parent, "da", editor=editor), out, check).run()
    finally:
        stop.set()


def samples(mode: str, entries: int, folder: Path) -> dict:
    """Type '1' and Enter `entries` times into the app on a pty, waiting for a quiet screen."""
    out = Path(tempfile.mkdtemp(dir=folder)) / "result.json"

    def drive(master: int, output: Output) -> None:
        output.wait_quiet(0.5, first=True)
        for _ in range(WARMUP + entries + 1):
            for key in (b"1", b"\r"):
                os.write(master, key)
                time.sleep(0.05)  # keys arriving together are read as one paste
                # a poll that copies an estimate redraws too: wait for the entry's frames only
                output.wait_quiet(0.1)
        os.write(master, b"\x11")  # Ctrl+Q

    run_in_pty([__file__, "--child", mode, str(out)], drive=drive)
    return json.loads(out.read_text())


def main() -> int:
    if sys.argv[1:2] == ["--child"]:
        mode, out = sys.argv[2:4]
        child(Path(out), mode)
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=60, help="measured entries per app")
    parser.add_argument("--rounds", type=int, default=3, help="turns of the three ways")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-room-app-"))
    try:
        print(
            f"Entry speed with the participants' room open · rehabiliteringsteam, "
            f"15 activities x 3 groups · median of {args.rounds} x {args.entries} "
            f"after {WARMUP} warm-up each"
        )
        results: dict[str, list[dict]] = {mode: [] for mode in MODES}
        for turn in range(args.rounds):
            for mode in MODES[turn % len(MODES) :] + MODES[: turn % len(MODES)]:
                results[mode].append(samples(mode, args.entries, folder))

        def pooled(mode: str, key: str) -> float:
            return statistics.median(value for result in results[mode] for value in result[key])

        figures = {mode: pooled(mode, "samples") for mode in MODES}
        threads = {mode: pooled(mode, "thread_samples") for mode in MODES}
        latencies = {mode: pooled(mode, "first_frame_samples") for mode in MODES}
        for mode, label in zip(
            MODES,
            (
                "no room",
                "room open, nobody answering",
                f"room open, an estimate every {ANSWER_SECONDS} s",
            ),
            strict=True,
        ):
            ratio = figures[mode] / figures["none"]
            checks = [result["check"] for result in results[mode]]
            print(
                f"  {label:<42} {ms(figures[mode])}  ratio {ratio:4.2f}x"
                f"  (cells filled {'/'.join(str(c.get('filled')) for c in checks)}, "
                f"participants' estimates taken in "
                f"{'/'.join(str(c.get('participants')) for c in checks)})"
            )
            print(
                f"  {'':<42} each app's median "
                + " / ".join(ms(statistics.median(r["samples"])) for r in results[mode])
            )
            print(
                f"  {'':<42} the app's thread {ms(threads[mode])}"
                f"  ratio {threads[mode] / threads['none']:4.2f}x;"
                f"  key to first frame {ms(latencies[mode])}"
                f"  ratio {latencies[mode] / latencies['none']:4.2f}x"
            )
        worst = max(figures[m] / figures["none"] for m in MODES[1:])
        print(f"\nTarget 1.1x of no room: {'met' if worst <= 1.1 else 'NOT met'} ({worst:.2f}x)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
