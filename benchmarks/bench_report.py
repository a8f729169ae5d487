"""Benchmark: a benchlearning report for every municipality, against `merge` of the same files.

    .venv/bin/python benchmarks/bench_report.py                 # 500 exports, 98 municipalities
    .venv/bin/python benchmarks/bench_report.py --n 100 --m 20  # a quick run

It writes N fictitious session files (workshop_tui.core.demo.demo_session, the five
processes in turn, M municipalities in turn, every seed different) into a
temporary folder, then times, each in a fresh child process:

  merge    load_exports + summarise: what `workshop-tui merge` computes;
  reports  the same, plus the costing (bundled file), every workshop's kroner,
           the bootstrap intervals, and for each of the M municipalities its
           report: the data, P10/P50/P90 sampling, the charts (inline SVG) and
           the HTML page written to disk - what `workshop-tui report
           --municipality NAME` does M times, with the loading done once.

Each is run --repeat times, alternating; the best time counts (the machine is
shared). Peak memory is the child's peak resident set size (ru_maxrss), so it
includes the interpreter, pandas and matplotlib. Target: all M
reports in under 60 s on the 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 60.0


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
    from workshop_tui.core.report import build_report, render_html
    from workshop_tui.core.report.charts import ChartCache
    from workshop_tui.core.report.data import MergeIndex

    catalogue = load_catalogue()
    start = time.perf_counter()
    costing = load_costing(None, catalogue)
    result = load_exports([folder], catalogue)
    summary = summarise(result, catalogue)
    costs = compute_costs(result, summary, costing, DEFAULT_SEED)
    index = MergeIndex(result, summary, costs)
    loaded = time.perf_counter()
    charts = ChartCache()
    names = sorted({r.municipality for r in result.records})
    sizes = []
    for name in names:
        data = build_report(catalogue, result, summary, costs, costing, name, "da", index=index)
        page = render_html(data, charts).encode("utf-8")
        (out / f"{name}.html").write_bytes(page)
        sizes.append(len(page))
    end = time.perf_counter()
    return {
        "seconds": end - start,
        "loading_and_costing": loaded - start,
        "reports": len(names),
        "per_report": (end - loaded) / max(len(names), 1),
        "mean_page_kb": sum(sizes) / max(len(sizes), 1) / 1024,
        "charts_drawn": len(charts.bases),
    }


def run_child(kind: str, folder: Path) -> dict:
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, __file__, "--child", kind, str(folder), out]
        completed = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(completed.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500, help="exports (default 500)")
    parser.add_argument("--m", type=int, default=98, help="municipalities (default 98)")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, folder, out = args.child
        figures = (
            child_merge(Path(folder)) if kind == "merge" else child_reports(Path(folder), Path(out))
        )
        figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
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
    print(f"{args.n} exports, {args.m} municipalities (best of {args.repeat}):")
    print(f"  merge    {merge['seconds']:6.2f} s   peak {merge['peak_mb']:5.0f} MB")
    print(
        f"  reports  {reports['seconds']:6.2f} s   peak {reports['peak_mb']:5.0f} MB   "
        f"({reports['reports']} reports; loading and costing "
        f"{reports['loading_and_costing']:.2f} s, "
        f"then {reports['per_report'] * 1000:.0f} ms a report; {reports['charts_drawn']} charts "
        f"drawn; pages {reports['mean_page_kb']:.0f} KB on average)"
    )
    print(f"  ratio    {reports['seconds'] / merge['seconds']:6.1f} x merge")
    verdict = "met" if reports["seconds"] < TARGET_SECONDS else "NOT met"
    print(f"  target   all reports under {TARGET_SECONDS:.0f} s: {verdict}")


if __name__ == "__main__":
    main()
