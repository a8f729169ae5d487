"""Benchmark: `workshop-tui merge` of many exports against merely json.load-ing them.

    .venv/bin/python benchmarks/bench_merge.py            # 10,000 exports
    .venv/bin/python benchmarks/bench_merge.py --n 500    # a quick run

It writes N synthetic session files (workshop_tui.core.demo.demo_session, all five
processes, every seed different) into a temporary folder, then times, each in a
fresh child process so neither warms the other:

  baseline  open + json.load of every file;
  merge     the full merge: find files, read, validate (pydantic), check against
            the process definitions, totals per workshop from the totals engine,
            and every summary table (levels, overview, reference counts, cost
            drivers) - what `workshop-tui merge` computes before it prints;
            then, separately, the tidy per-activity frame a Python user can ask for;
  phases    where the merge's time goes: reading + pydantic validation alone,
            and the same plus the totals engine (session_totals) per workshop.

Each is run --repeat times, alternating, and the best time counts (the machine
is shared; the best run is the one least disturbed). Peak memory is the child
process's peak resident set size (resource.getrusage ru_maxrss, in the child
itself), so it includes the Python interpreter and pandas. Targets (issue 4):
merge within 3x of the baseline, under 500 MB.

Issue 11 adds, each as one run of the whole process from start (interpreter,
imports, reading, screening, every table, the CSV printed to /dev/null):

  tidy CSVs   --csv N tidy CSV exports (default 4,000) merged by
              `workshop-tui merge DIR --format csv`, against a bare process
              that reads the same files with the csv module (target 3x);
  JSON        the N session files merged the same way, against a bare process
              that json.loads them (target 2x); peak memory under 500 MB.

The merge runs as it does for a user: its readers on every core this process may
use (`--jobs` by default, core/merge/parallel.py), so the bare read, one process on one
core, is held against the whole machine. Each line also gives the merge with
`--jobs 1` (one process, like the bare read), and what the interpreter and the merge
command's imports take alone (numpy, pydantic and the models) in a process that reads
nothing. Peak memory is that of the largest of the merge's processes (Linux's wait4
gives the larger of the child's own peak and that of the readers it reaped).
A tidy CSV with nothing to name is read column by column (core/tidy/columns.py),
one with a problem line by line (core/tidy/reader.py), as the merge reads them.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from workshop_tui.core.merge.parallel import available_cores

TARGET_RATIO = 3.0
TARGET_MB = 500.0
TARGET_CSV_PROCESS = 3.0
TARGET_JSON_PROCESS = 2.0
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


def generate(folder: Path, count: int) -> None:
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


# Children run as an installed program runs: with its modules' bytecode cached. Under
# PYTHONDONTWRITEBYTECODE (set in some shells) every start would compile the package's
# own modules again (about 40 ms), while the bare read's standard library is compiled.
CHILD_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def whole_process(command: list[str]) -> dict:
    """Wall time and peak memory (its own ru_maxrss, from wait4) of one child process."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        child = subprocess.Popen(command, stdout=sink, stderr=subprocess.DEVNULL, env=CHILD_ENV)
        _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):
        sys.exit(f"{command} failed with exit code {child.returncode}")
    return {"seconds": seconds, "peak_mb": usage.ru_maxrss / 1024}


# What the merge command imports before it reads a file: the interpreter and imports alone.
IMPORTS_ONLY = "import workshop_tui.cli.main, workshop_tui.cli.merge_print"


def process_ratio(folder: Path, bare: str, repeat: int) -> dict[str, dict]:
    """The best of `repeat` runs each, taken in turn: the bare read, `workshop-tui merge
    --format csv` as it runs (its readers on every core), the same with `--jobs 1` (one
    process), and a process that only imports what the merge command imports."""
    merge = [sys.executable, "-m", "workshop_tui", "merge", str(folder), "--format", "csv"]
    commands = {
        "bare": [sys.executable, "-c", bare, str(folder)],
        "merge": merge,
        "one_process": [*merge, "--jobs", "1"],
        "imports": [sys.executable, "-c", IMPORTS_ONLY],
    }
    whole_process(merge)  # a first run, not counted: it writes the bytecode caches
    runs: dict[str, list[dict]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            runs[name].append(whole_process(command))
    return {name: min(done, key=lambda r: r["seconds"]) for name, done in runs.items()}


def report_process(kind: str, count: int, best: dict[str, dict], target: float) -> None:
    bare, merge, alone = best["bare"], best["merge"], best["one_process"]
    ratio = merge["seconds"] / bare["seconds"]
    verdict = "OK" if ratio <= target else "ABOVE TARGET"
    print(
        f"whole process, {count} {kind}: bare read {bare['seconds']:.3f} s, merge "
        f"{merge['seconds']:.3f} s = {ratio:.2f}x (target <= {target:.0f}x) {verdict}; "
        f"merge peak {merge['peak_mb']:.0f} MB (target < {TARGET_MB:.0f} MB)"
    )
    print(
        f"  on {available_cores()} cores (--jobs by default); with --jobs 1, one process: "
        f"{alone['seconds']:.3f} s = {alone['seconds'] / bare['seconds']:.2f}x, peak "
        f"{alone['peak_mb']:.0f} MB; interpreter + imports alone {best['imports']['seconds']:.3f} s"
    )


def child_baseline(folder: Path) -> dict:
    files = sorted(folder.glob("*.json"))
    start, cpu = time.perf_counter(), time.process_time()
    for path in files:
        with open(path, encoding="utf-8") as handle:
            json.load(handle)
    return _measured(start, cpu, files=len(files))


# The tables summarise once built at once, and now builds on first use (the per-workshop
# table was built on first use already): the in-process figure builds them all.
EVERY_TABLE = (
    "levels",
    "overview",
    "subprocess_drivers",
    "activity_drivers",
    "local_activities",
    "cost_driver_notes",
    "sessions",
    "convergence",
    "actual_time",
)


def child_merge(folder: Path) -> dict:
    import pandas  # noqa: F401  # imported before the clock starts, like every import here

    from workshop_tui.core.merge import collector_paused, load_exports, summarise
    from workshop_tui.core.process.catalogue import load_catalogue

    catalogue = load_catalogue()
    start, cpu = time.perf_counter(), time.process_time()
    with collector_paused():  # as merge_command does
        result = load_exports([folder], catalogue)
        summary = summarise(result, catalogue)
        for name in EVERY_TABLE:
            getattr(summary, name)
    merged = _measured(
        start,
        cpu,
        files=result.files,
        workshops=len(result.records),
        levels=len(summary.levels),
        problems=len(result.problems),
    )
    # What a Python user gets on top: the tidy frame (not needed by `merge` itself).
    start, cpu = time.perf_counter(), time.process_time()
    rows = len(result.frame)
    tidy = _measured(start, cpu)
    return {
        **merged,
        "rows": rows,
        "frame_seconds": tidy["seconds"],
        "frame_peak_mb": tidy["peak_mb"],
    }


def child_phases(folder: Path) -> dict:
    import gc

    from workshop_tui.core.process.catalogue import load_catalogue
    from workshop_tui.core.session.model import Session
    from workshop_tui.core.totals import session_totals

    catalogue = load_catalogue()
    files = sorted(folder.glob("*.json"))
    gc.disable()  # as the merge does while loading
    start = time.perf_counter()
    for path in files:
        Session.model_validate_json(path.read_bytes())
    validate = time.perf_counter() - start
    start = time.perf_counter()
    for path in files:
        session = Session.model_validate_json(path.read_bytes())
        session_totals(catalogue.processes[session.process_id], session)
    engine = time.perf_counter() - start
    return {"validate_seconds": validate, "engine_seconds": engine}


def _measured(start: float, cpu: float, **extra) -> dict:
    wall = time.perf_counter() - start
    cpu_used = time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {"seconds": wall, "cpu_seconds": cpu_used, "peak_mb": peak, **extra}


def run_child(kind: str, folder: Path) -> dict:
    command = [sys.executable, __file__, "--child", kind, str(folder)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=1800, check=False)
    if done.returncode != 0:
        sys.exit(f"{kind} run failed:\n{done.stderr}")
    return json.loads(done.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="number of exports (default 10000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, best counts")
    parser.add_argument("--folder", type=Path, help="reuse (or fill) this folder of exports")
    parser.add_argument("--csv", type=int, default=4_000, help="tidy CSV exports (default 4000)")
    parser.add_argument("--csv-folder", type=Path, help="reuse (or fill) this folder of CSVs")
    parser.add_argument("--child", choices=("baseline", "merge", "phases"), help=argparse.SUPPRESS)
    parser.add_argument("child_folder", nargs="?", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child = {"baseline": child_baseline, "merge": child_merge, "phases": child_phases}
        result = child[args.child](args.child_folder)
        print(json.dumps(result))
        return 0

    with tempfile.TemporaryDirectory(prefix="bench_merge_") as temp:
        folder = args.folder or Path(temp) / "json"
        folder.mkdir(parents=True, exist_ok=True)
        existing = len(list(folder.glob("*.json")))
        if existing != args.n:
            if existing:
                sys.exit(f"{folder} holds {existing} exports, not {args.n}; use an empty folder")
            start = time.perf_counter()
            generate(folder, args.n)
            print(
                f"generated {args.n} exports in {time.perf_counter() - start:.1f} s "
                f"({sum(p.stat().st_size for p in folder.glob('*.json')) / 1e6:.1f} MB)"
            )
        baseline, merge = [], []
        for _ in range(args.repeat):
            baseline.append(run_child("baseline", folder))
            merge.append(run_child("merge", folder))
        phases = run_child("phases", folder)
        report(baseline, merge, phases, args.n)
        best = process_ratio(folder, BARE_JSON, args.repeat)
        report_process("JSON session files", args.n, best, TARGET_JSON_PROCESS)
        if args.csv:
            csv_folder = args.csv_folder or Path(temp) / "csv"
            csv_folder.mkdir(parents=True, exist_ok=True)
            if len(list(csv_folder.glob("*.csv"))) != args.csv:
                generate_csv(csv_folder, args.csv)
            best = process_ratio(csv_folder, BARE_CSV, args.repeat)
            report_process("tidy CSVs", args.csv, best, TARGET_CSV_PROCESS)
    return 0


def report(baseline: list[dict], merge: list[dict], phases: dict, count: int) -> None:
    base = min(baseline, key=lambda r: r["seconds"])
    best = min(merge, key=lambda r: r["seconds"])
    ratio = best["seconds"] / base["seconds"]
    cpu_ratio = best["cpu_seconds"] / base["cpu_seconds"]
    peak = max(r["peak_mb"] for r in merge)
    frame_peak = max(r["frame_peak_mb"] for r in merge)
    print(
        f"exports: {count}  workshops merged: {best['workshops']}  "
        f"skipped: {best['problems']}  level rows: {best['levels']}"
    )
    print(
        f"baseline json.load: {base['seconds']:.3f} s  (cpu {base['cpu_seconds']:.3f} s, "
        f"peak {base['peak_mb']:.0f} MB)"
    )
    print(
        f"full merge:         {best['seconds']:.3f} s  (cpu {best['cpu_seconds']:.3f} s, "
        f"peak {peak:.0f} MB)"
    )
    print(
        f"ratio merge/baseline: {ratio:.2f}x wall, {cpu_ratio:.2f}x cpu  "
        f"(target <= {TARGET_RATIO:.0f}x)  {'OK' if ratio <= TARGET_RATIO else 'ABOVE TARGET'}"
    )
    print(
        f"peak memory of the merge: {peak:.0f} MB (target < {TARGET_MB:.0f} MB)  "
        f"{'OK' if peak < TARGET_MB else 'ABOVE TARGET'}"
    )
    base_s = base["seconds"]
    print(
        f"where the time goes: read + pydantic validation {phases['validate_seconds']:.3f} s "
        f"({phases['validate_seconds'] / base_s:.2f}x baseline); + totals engine per workshop "
        f"{phases['engine_seconds']:.3f} s ({phases['engine_seconds'] / base_s:.2f}x); the rest "
        "of the merge (records, dedup, summaries) "
        f"{best['seconds'] - phases['engine_seconds']:.3f} s"
    )
    print(
        f"then the tidy frame for Python users ({best['rows']} rows): "
        f"{best['frame_seconds']:.3f} s more, peak {frame_peak:.0f} MB"
    )
    print(
        "peak memory = ru_maxrss of the child process that ran it, interpreter and pandas included"
    )
    print(
        f"all runs (s): baseline {[round(r['seconds'], 3) for r in baseline]}, "
        f"merge {[round(r['seconds'], 3) for r in merge]}"
    )


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
