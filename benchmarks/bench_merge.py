"""Benchmark: `workshop-tui merge` of many exports against a bare process that only parses them.

    .venv/bin/python benchmarks/bench_merge.py                  # 10,000 JSON, 4,000 CSV
    .venv/bin/python benchmarks/bench_merge.py --json 500 --csv 200   # a quick run
    .venv/bin/python benchmarks/bench_merge.py --repeat 1                # each process once

It writes fictitious exports (workshop_tui.core.demo, all five processes, every seed
different) into a temporary folder: JSON session files, and tidy CSVs as the app
writes them. Then it runs each of these once, as a whole process from its start
(interpreter, imports, reading, screening, every table, the CSV printed to /dev/null):

  bare json.load   a process that json.loads every session file;
  merge JSON       `workshop-tui merge FOLDER --format csv` of those files;
  bare csv.reader  a process that reads every tidy CSV with the csv module;
  merge CSV        `workshop-tui merge FOLDER --format csv` of those CSVs.

Targets: the JSON merge within 2.5x its bare read, the CSV merge within 4x its bare
read (wall time, both in the same run), and each merge's peak memory (ru_maxrss of
the process, from wait4) under 300 MB. The CPU time (user + system) is printed beside
the wall time: on a shared machine it says more about the work than the clock does.
One merge is run first and not counted, so both merges find the bytecode cached and
every file in the page cache, as the bare reads do.

On a shared 2-core machine one pair of processes varies by 10-40 % from run to run,
so the four are run `--repeat` times (5 by default), taking turns, and the target is
judged on the median of each pair's ratios; every pair's ratio is printed too.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

JSON_TARGET = 2.5
CSV_TARGET = 4.0
PEAK_TARGET_MB = 300.0
BARE_JSON = (
    "import json, os, sys\n"
    "folder = sys.argv[1]\n"
    "for name in sorted(os.listdir(folder)):\n"
    "    with open(os.path.join(folder, name), encoding='utf-8') as handle:\n"
    "        json.load(handle)\n"
)
BARE_CSV = (
    "import csv, os, sys\n"
    "folder = sys.argv[1]\n"
    "for name in sorted(os.listdir(folder)):\n"
    "    with open(os.path.join(folder, name), encoding='utf-8', newline='') as handle:\n"
    "        list(csv.reader(handle))\n"
)
# Children run as an installed program runs: with its modules' bytecode cached. Under
# PYTHONDONTWRITEBYTECODE (set in some shells) every start would compile the package's
# own modules again, while the bare read's standard library is compiled.
CHILD_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def generate_json(folder: Path, count: int) -> None:
    """`count` fictitious session files, cycling through the processes and municipalities."""
    from workshop_tui.core.demo import FICTITIOUS_MUNICIPALITIES, demo_session
    from workshop_tui.core.process.catalogue import load_catalogue
    from workshop_tui.core.session.storage import session_filename, session_json

    processes = list(load_catalogue())
    for index in range(count):
        process = processes[index % len(processes)]
        municipality = FICTITIOUS_MUNICIPALITIES[index % len(FICTITIOUS_MUNICIPALITIES)]
        session = demo_session(process, municipality, seed=index)
        # Plain writes: this is throw-away input, not a user's data.
        (folder / session_filename(session)).write_text(session_json(session), encoding="utf-8")


def generate_csv(folder: Path, count: int) -> None:
    """`count` tidy CSV exports, one workshop each, as the app writes them."""
    from workshop_tui.core.demo import FICTITIOUS_MUNICIPALITIES, demo_session
    from workshop_tui.core.exports import to_csv
    from workshop_tui.core.process.catalogue import load_catalogue

    processes = list(load_catalogue())
    for index in range(count):
        process = processes[index % len(processes)]
        municipality = FICTITIOUS_MUNICIPALITIES[index % len(FICTITIOUS_MUNICIPALITIES)]
        session = demo_session(process, municipality, seed=100_000 + index)
        (folder / f"{index:05d}.csv").write_text(to_csv(session, process), encoding="utf-8")


def filled(folder: Path, suffix: str, count: int, generate) -> Path:
    """`folder` holding `count` exports: made now where it is empty."""
    folder.mkdir(parents=True, exist_ok=True)
    existing = len(list(folder.glob(f"*{suffix}")))
    if existing != count:
        if existing:
            sys.exit(f"{folder} holds {existing} {suffix} files, not {count}; use an empty folder")
        start = time.perf_counter()
        generate(folder, count)
        print(f"generated {count} {suffix} exports in {time.perf_counter() - start:.1f} s")
    return folder


def whole_process(command: list[str]) -> dict[str, float]:
    """Wall time, CPU time and peak memory (its ru_maxrss, from wait4) of one child process."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        child = subprocess.Popen(command, stdout=sink, stderr=subprocess.DEVNULL, env=CHILD_ENV)
        _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # 1: something was skipped, which a benchmark may meet
        sys.exit(f"{command} failed with exit code {code}")
    return {
        "seconds": seconds,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_mb": usage.ru_maxrss / 1024,  # KiB on Linux
    }


def merge_command(folder: Path) -> list[str]:
    return [sys.executable, "-m", "workshop_tui", "merge", str(folder), "--format", "csv"]


def compare(kind: str, count: int, bares: list[dict], merges: list[dict], target: float) -> bool:
    """Print each pair of runs, their ratios and the medians; whether the merge met its targets."""
    walls = [merge["seconds"] / bare["seconds"] for bare, merge in zip(bares, merges, strict=True)]
    cpus = [merge["cpu"] / bare["cpu"] for bare, merge in zip(bares, merges, strict=True)]
    ratio = statistics.median(walls)
    peak = max(merge["peak_mb"] for merge in merges)
    fast, small = ratio <= target, peak < PEAK_TARGET_MB
    print(f"{count} {kind}:")
    for name, runs in (("bare read", bares), ("merge", merges)):
        seconds = statistics.median(run["seconds"] for run in runs)
        cpu = statistics.median(run["cpu"] for run in runs)
        print(
            f"  {name:9s} {seconds:7.3f} s wall  {cpu:7.3f} s cpu  (medians)  "
            f"peak {max(run['peak_mb'] for run in runs):5.0f} MB"
        )
    print(
        f"  each pair: {', '.join(f'{w:.2f}x' for w in walls)} wall; "
        f"{', '.join(f'{c:.2f}x' for c in cpus)} cpu"
    )
    print(
        f"  ratio {ratio:.2f}x wall, median (target <= {target}x) "
        f"{'OK' if fast else 'ABOVE TARGET'}; {statistics.median(cpus):.2f}x cpu; "
        f"peak {peak:.0f} MB (target < {PEAK_TARGET_MB:.0f} MB) "
        f"{'OK' if small else 'ABOVE TARGET'}"
    )
    return fast and small


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=int, default=10_000, help="session files (default 10000)")
    parser.add_argument("--csv", type=int, default=4_000, help="tidy CSVs (default 4000)")
    parser.add_argument("--folder", type=Path, help="reuse (or fill) this folder of exports")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each process (default 5)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench_merge_") as temp:
        root = args.folder or Path(temp)
        json_folder = filled(root / "json", ".json", args.json, generate_json)
        csv_folder = filled(root / "csv", ".csv", args.csv, generate_csv)
        whole_process(merge_command(json_folder))  # not counted: writes the bytecode caches
        commands = {
            "bare_json": [sys.executable, "-c", BARE_JSON, str(json_folder)],
            "merge_json": merge_command(json_folder),
            "bare_csv": [sys.executable, "-c", BARE_CSV, str(csv_folder)],
            "merge_csv": merge_command(csv_folder),
        }
        runs: dict[str, list[dict]] = {name: [] for name in commands}
        for _ in range(max(1, args.repeat)):  # taking turns: a busy spell hits every kind
            for name, command in commands.items():
                runs[name].append(whole_process(command))
    print(
        f"whole processes, {max(1, args.repeat)} runs each, taking turns, on {os.cpu_count()} cores"
    )
    ok = compare(
        "JSON session files", args.json, runs["bare_json"], runs["merge_json"], JSON_TARGET
    )
    ok = compare("tidy CSVs", args.csv, runs["bare_csv"], runs["merge_csv"], CSV_TARGET) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
