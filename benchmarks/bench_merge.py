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

TARGET_RATIO = 3.0
TARGET_MB = 500.0


def generate(folder: Path, count: int) -> None:
    """`count` fictitious session files, cycling through the processes and municipalities."""
    from workshop_tui.core.catalogue import load_catalogue
    from workshop_tui.core.demo import FICTITIOUS_MUNICIPALITIES, demo_session
    from workshop_tui.core.storage import session_filename, session_json

    processes = list(load_catalogue())
    for index in range(count):
        process = processes[index % len(processes)]
        municipality = FICTITIOUS_MUNICIPALITIES[index % len(FICTITIOUS_MUNICIPALITIES)]
        session = demo_session(process, municipality, seed=index)
        # Plain writes: this is throw-away input, not a user's data.
        (folder / session_filename(session)).write_text(session_json(session), encoding="utf-8")


def child_baseline(folder: Path) -> dict:
    files = sorted(folder.glob("*.json"))
    start, cpu = time.perf_counter(), time.process_time()
    for path in files:
        with open(path, encoding="utf-8") as handle:
            json.load(handle)
    return _measured(start, cpu, files=len(files))


def child_merge(folder: Path) -> dict:
    from workshop_tui.core.catalogue import load_catalogue
    from workshop_tui.core.merge import collector_paused, load_exports, summarise

    catalogue = load_catalogue()
    start, cpu = time.perf_counter(), time.process_time()
    with collector_paused():  # as merge_command does
        result = load_exports([folder], catalogue)
        summary = summarise(result, catalogue)
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

    from workshop_tui.core.catalogue import load_catalogue
    from workshop_tui.core.models import Session
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
    parser.add_argument("--child", choices=("baseline", "merge", "phases"), help=argparse.SUPPRESS)
    parser.add_argument("child_folder", nargs="?", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child = {"baseline": child_baseline, "merge": child_merge, "phases": child_phases}
        result = child[args.child](args.child_folder)
        print(json.dumps(result))
        return 0

    with tempfile.TemporaryDirectory(prefix="bench_merge_") as temp:
        folder = args.folder or Path(temp)
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
