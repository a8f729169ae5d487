"""The long fuzz run: hostile process YAML, session JSON and tidy CSV against every command.

    .venv/bin/python -m benchmarks.fuzz_inputs [EXAMPLES_PER_KIND] [SEED]

Uses the same inputs and commands as the quick profile in the test command
(tests/fuzz/harness.py) and prints, per kind of file and command, how many runs
there were and how many ended in a traceback or a hang (no answer within the
harness's HANG_SECONDS), then the first example of each distinct traceback.
"""

from __future__ import annotations

import sys
import time
from collections import Counter

from hypothesis import HealthCheck, given, seed, settings

from tests.fuzz.harness import KINDS, run_all


def main(argv: list[str]) -> int:
    examples = int(argv[0]) if argv else 500
    chosen_seed = int(argv[1]) if len(argv) > 1 else 0
    runs: Counter[tuple[str, str]] = Counter()
    bad: Counter[tuple[str, str, str]] = Counter()
    first: dict[str, str] = {}
    started = time.perf_counter()
    current = [""]  # the kind being fuzzed (@given refuses default arguments)
    for kind, (_, inputs, _) in KINDS.items():
        current[0] = kind

        @seed(chosen_seed)
        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(inputs)
        def one(text: str) -> None:
            kind = current[0]
            for verdict in run_all(kind, text):
                command = verdict.command
                runs[kind, command] += 1
                if verdict.outcome != "ok":
                    bad[kind, command, verdict.outcome] += 1
                    key = verdict.detail.split(":")[0] + f" in {kind}/{command}"
                    first.setdefault(key, f"{verdict.detail[:300]!r}\n      input: {text[:200]!r}")

        one()
    seconds = time.perf_counter() - started
    print(f"fuzz: {examples} examples per kind, seed {chosen_seed}, {seconds:.0f} s")
    print(f"{'kind':10} {'command':48} {'runs':>6} {'tracebacks':>11} {'hangs':>6}")
    for (kind, command), count in sorted(runs.items()):
        tracebacks, hangs = bad[kind, command, "traceback"], bad[kind, command, "hang"]
        print(f"{kind:10} {command:48} {count:6} {tracebacks:11} {hangs:6}")
    total = sum(runs.values())
    print(
        f"{'all':10} {'':48} {total:6} "
        f"{sum(v for k, v in bad.items() if k[2] == 'traceback'):11} "
        f"{sum(v for k, v in bad.items() if k[2] == 'hang'):6}"
    )
    for key, example in first.items():
        print(f"\n  {key}\n      {example}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
