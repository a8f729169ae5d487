"""Benchmark: every municipality's report and the national one in one run, against `merge`.

    .venv/bin/python benchmarks/bench_report.py                 # 5,000 exports, 98 municipalities
    .venv/bin/python benchmarks/bench_report.py --n 100 --m 20  # a quick run

It writes N fictitious session files (workshop_tui.core.demo.demo_session, the five
processes in turn, M municipalities in turn, every seed different) into a
temporary folder, then times, each in a fresh child process:

  merge    load_exports + summarise: what `workshop-tui merge` computes;
  reports  the same, plus the costing (bundled file), every workshop's kroner,
           the bootstrap intervals, then each of the M municipalities' pages
           and the national page (the data, P10/P50/P90 sampling, the charts as
           inline SVG) written to disk: what `workshop-tui report
           --all-municipalities --out DIR` does (core.report.batch.all_reports).

Each is run --repeat times, alternating; the best time counts (the machine is
shared; the load average is printed beside it). Peak memory is the child's peak
resident set size (ru_maxrss), so it includes the interpreter, pandas and
matplotlib. Targets: the M + 1 pages from 5,000 exports in under 30 s on the
2-core machine, and no page over 1.5 MB (the peers are drawn as a histogram,
so a page does not grow with the exports).
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

TARGET_SECONDS = 30.0
TARGET_PAGE_MB = 1.5


def municipality_names(count: int) -> list[str]:
    return [f"Kommune {index:02d} (fiktiv)" for index in range(1, count + 1)]


def generate(folder: Path, count: int, municipalities: int) -> None:
    from workshop_tui.core.demo import demo_session
    from workshop_tui.core.process.catalogue import load_catalogue
    from workshop_tui.core.session.storage import session_filename, session_json

    processes = list(load_catalogue())
    names = municipality_names(municipalities)
    for index in range(count):
        process = processes[index % len(processes)]
        session = demo_session(process, names[index % len(names)], seed=index)
        # Plain writes: this is throw-away input, not a user's data.
        (folder / session_filename(session)).write_text(session_json(session), encoding="utf-8")


def child_merge(folder: Path) -> dict:
    from workshop_tui.core.merge import load_exports, summarise
    from workshop_tui.core.process.catalogue import load_catalogue

    catalogue = load_catalogue()
    start = time.perf_counter()
    result = load_exports([folder], catalogue)
    summarise(result, catalogue)
    return {"seconds": time.perf_counter() - start, "workshops": len(result.records)}


def child_reports(folder: Path, out: Path) -> dict:
    from workshop_tui.core.costing import DEFAULT_SEED, compute_costs, load_costing
    from workshop_tui.core.merge import load_exports, summarise
    from workshop_tui.core.process.catalogue import load_catalogue
    from workshop_tui.core.report.batch import all_reports

    catalogue = load_catalogue()
    start = time.perf_counter()
    costing = load_costing(None, catalogue)
    result = load_exports([folder], catalogue)
    summary = summarise(result, catalogue)
    costs = compute_costs(result, summary, costing, DEFAULT_SEED)
    loaded = time.perf_counter()
    sizes, national_kb = [], 0.0
    for page in all_reports(catalogue, result, summary, costs, costing, "da"):
        data = page.html.encode("utf-8")
        (out / page.filename).write_bytes(data)
        if page.municipality is None:
            national_kb = len(data) / 1024
        else:
            sizes.append(len(data))
    end = time.perf_counter()
    return {
        "seconds": end - start,
        "loading_and_costing": loaded - start,
        "reports": len(sizes),
        "per_report": (end - loaded) / (len(sizes) + 1),
        "mean_page_kb": sum(sizes) / max(len(sizes), 1) / 1024,
        "largest_page_kb": max([*sizes, national_kb * 1024]) / 1024,
        "national_kb": national_kb,
    }


def run_child(kind: str, folder: Path) -> dict:
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, __file__, "--child", kind, str(folder), out]
        completed = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(completed.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000, help="exports (default 5000)")
    parser.add_argument("--m", type=int, default=98, help="municipalities (default 98)")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, folder, out = args.child
        figures = (
            child_merge(Path(folder)) if kind == "merge" else child_reports(Path(folder), Path(out))
        )
        usage = resource.getrusage(resource.RUSAGE_SELF)
        figures["peak_mb"] = usage.ru_maxrss / 1024
        # CPU time: what the run costs a core, less swayed than wall time on a shared machine
        figures["cpu_seconds"] = usage.ru_utime + usage.ru_stime
        print(json.dumps(figures))
        return
    with tempfile.TemporaryDirectory() as folder:
        generate(Path(folder), args.n, args.m)
        best: dict[str, dict] = {}
        for _ in range(args.repeat):
            for kind in ("merge", "reports"):
                figures = run_child(kind, Path(folder))
                if kind not in best or figures["seconds"] < best[kind]["seconds"]:
                    best[kind] = figures
    merge, reports = best["merge"], best["reports"]
    load = os.getloadavg()[0]
    print(f"{args.n} exports, {args.m} municipalities (best of {args.repeat}; load {load:.1f}):")
    print(
        f"  merge    {merge['seconds']:6.2f} s   (CPU {merge['cpu_seconds']:6.2f} s)   "
        f"peak {merge['peak_mb']:5.0f} MB"
    )
    print(
        f"  reports  {reports['seconds']:6.2f} s   (CPU {reports['cpu_seconds']:6.2f} s)   "
        f"peak {reports['peak_mb']:5.0f} MB   "
        f"({reports['reports']} municipalities' pages and the national one; loading and "
        f"costing {reports['loading_and_costing']:.2f} s, then "
        f"{reports['per_report'] * 1000:.0f} ms a page; pages {reports['mean_page_kb']:.0f} KB "
        f"on average, national {reports['national_kb']:.0f} KB, largest "
        f"{reports['largest_page_kb']:.0f} KB)"
    )
    print(f"  ratio    {reports['seconds'] / merge['seconds']:6.1f} x merge")
    verdict = "met" if reports["seconds"] < TARGET_SECONDS else "NOT met"
    cpu_verdict = "met" if reports["cpu_seconds"] < TARGET_SECONDS else "NOT met"
    print(
        f"  target   every page in one run under {TARGET_SECONDS:.0f} s: {verdict} "
        f"(in CPU time: {cpu_verdict})"
    )
    size_verdict = "met" if reports["largest_page_kb"] <= TARGET_PAGE_MB * 1024 else "NOT met"
    print(f"  target   no page over {TARGET_PAGE_MB} MB: {size_verdict}")


if __name__ == "__main__":
    main()
