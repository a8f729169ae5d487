"""Benchmark: `workshop-tui watch` of a very large valid session against a workshop's usual one.

    .venv/bin/python benchmarks/bench_watch.py [--activities 100000] [--idle 5]

It writes two session files: a demo workshop of rehabiliteringsteam as the app saves
it, and the same workshop with `--activities` activities added in the room (every
other one estimated, written compactly: about 8 MB for 100,000). Each is watched by a
whole `workshop-tui watch FILE` process on a 120x40 pseudo-terminal with Textual's
real driver, one after the other. Printed per file: wall time from spawning the
process to its first frame (the status line's "following" written to the terminal),
and the process's CPU (user + system, from /proc) over two windows of `--idle`
seconds once the screen has been quiet for a second: what a view costs while
nobody saves.

Targets: the large file's first frame within seconds, not a minute; after settling,
the large view costs no more CPU than the small one does (both only poll the file).
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import pty
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

SIZE = (120, 40)
FIRST_FRAME_MARK = b"following"  # the status line, drawn with the first frame


def write_sessions(folder: Path, activities: int) -> tuple[Path, Path]:
    """The usual session and the large one, both valid."""
    from workshop_tui.core.demo import demo_session
    from workshop_tui.core.process.catalogue import load_catalogue
    from workshop_tui.core.session.storage import session_json

    process = load_catalogue().get("rehabiliteringsteam")
    text = session_json(demo_session(process, "Søby Kommune (fiktiv)"))
    usual = folder / "usual.json"
    usual.write_text(text, encoding="utf-8")
    data = json.loads(text)
    numbers = [sub.number for sub in process.subprocesses]
    group = data["groups"][0]
    for index in range(activities):
        activity_id = f"local_{index}"
        data["local_activities"].append(
            {"id": activity_id, "subprocess": numbers[index % len(numbers)], "name": f"A{index}"}
        )
        if index % 2 == 0:
            data["activities"][activity_id] = {"estimates": {group: {"low": 1, "high": 2}}}
    large = folder / "large.json"
    large.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")
    return usual, large


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a running process so far, from /proc/PID/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Terminal:
    """What the view wrote to its pseudo-terminal, and when it last wrote."""

    def __init__(self, fd: int) -> None:
        self.fd, self.seen, self.last = fd, b"", time.monotonic()
        self.first_frame: float | None = None
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        try:
            while chunk := os.read(self.fd, 65536):
                self.last = time.monotonic()
                if self.first_frame is None:
                    self.seen = self.seen[-200:] + chunk
                    if FIRST_FRAME_MARK in self.seen:
                        self.first_frame = self.last
        except OSError:
            pass

    def wait(self, done, what: str, limit: float = 600) -> None:
        deadline = time.monotonic() + limit
        while not done():
            if time.monotonic() > deadline:
                raise RuntimeError(f"no {what} within {limit} s")
            time.sleep(0.01)


def watch(path: Path, idle: float) -> dict[str, float]:
    """First frame (wall seconds) and CPU share while idle of one `watch` process."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "TEXTUAL_ANIMATIONS": "none"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.monotonic()
    command = [sys.executable, "-m", "workshop_tui", "--lang", "en", "watch", str(path)]
    process = subprocess.Popen(
        command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    terminal = Terminal(master)
    try:
        terminal.wait(lambda: terminal.first_frame is not None, "first frame")
        first = terminal.first_frame - started  # type: ignore[operator]
        terminal.wait(lambda: time.monotonic() - terminal.last >= 1.0, "quiet screen")
        shares = []
        for _ in range(2):  # the second window shows whether the view has settled
            before = cpu_seconds(process.pid)
            time.sleep(idle)
            shares.append((cpu_seconds(process.pid) - before) / idle)
    finally:
        process.kill()
        process.wait()
        os.close(master)
    return {"first": first, "idle_share": shares[0], "settled_share": shares[1]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=100_000, help="added in the room")
    parser.add_argument("--idle", type=float, default=5.0, help="seconds of CPU measured idle")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_watch_") as temp:
        usual, large = write_sessions(Path(temp), args.activities)
        print(f"workshop-tui watch, {SIZE[0]}x{SIZE[1]} pty, {os.cpu_count()} CPUs")
        for label, path in (("usual session", usual), ("large session", large)):
            result = watch(path, args.idle)
            size = path.stat().st_size / 1_000_000
            print(
                f"  {label:14s} {size:5.1f} MB  first frame {result['first']:6.2f} s  "
                f"CPU once quiet {result['idle_share']:6.1%}, "
                f"the next {args.idle:.0f} s {result['settled_share']:6.1%}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
