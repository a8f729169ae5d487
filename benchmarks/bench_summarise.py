"""Benchmark: the merge's tables after loading, in CPU seconds.

    .venv/bin/python benchmarks/bench_summarise.py FOLDER [FOLDER ...]
    .venv/bin/python benchmarks/bench_summarise.py FOLDER --tables   # the other tables too

The exports in FOLDER are loaded once (not timed); then, best of --repeat:

  levels csv   summarise + merge_csv: what `merge --format csv` prints after loading
               (target: at most 0.07 s for 10,000 JSON sessions);
  with --tables, summarise plus each table the other formats build (pandas imported
  before timing: its import is not the tables' cost).

CPU time (time.process_time), not wall time: the machine is shared.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from workshop_tui.core.merge import collector_paused, find_export_files, load_files, summarise
from workshop_tui.core.merge.output import merge_csv
from workshop_tui.core.merge.result import LoadResult
from workshop_tui.core.process.catalogue import load_catalogue

TARGET_SECONDS = 0.07  # for 10,000 JSON sessions
TABLES = ("levels", "subprocess_drivers", "activity_drivers", "workshops")


def best_cpu(work: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def levels_csv(result: LoadResult) -> Callable[[], object]:
    catalogue = load_catalogue()
    return lambda: merge_csv(summarise(result, catalogue))


def summarised(result: LoadResult, names: tuple[str, ...]) -> Callable[[], object]:
    catalogue = load_catalogue()

    def work() -> object:
        summary = summarise(result, catalogue)
        return [getattr(summary, name) for name in names]

    return work


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--tables", action="store_true")
    args = parser.parse_args()
    catalogue = load_catalogue()
    for folder in args.folders:
        with collector_paused():
            result = load_files(find_export_files([folder])[0], catalogue)
            print(f"{folder}: {len(result.records)} workshops")
            seconds = best_cpu(levels_csv(result), args.repeat)
            print(f"  levels csv             {seconds:.4f} s CPU (target {TARGET_SECONDS} s)")
            if args.tables:
                import pandas  # noqa: F401  - imported before timing

                for name in TABLES:
                    seconds = best_cpu(summarised(result, (name,)), args.repeat)
                    print(f"  + {name:20s} {seconds:.4f} s CPU")


if __name__ == "__main__":
    main()
