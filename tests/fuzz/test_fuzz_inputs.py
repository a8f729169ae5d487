"""The quick fuzz profile: hostile variants of every file a command reads.

Each example is one mutated process YAML, session JSON or tidy CSV, run through
every command that reads that kind of file (validate, export, merge, open, watch):
each must end with a documented exit code or a WorkshopError, within the hang
limit. A few dozen examples per kind keep this to a few seconds; the long run with
counts of runs, tracebacks and hangs is `python -m benchmarks.fuzz_inputs`.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from tests.fuzz.harness import KINDS, run_all

QUICK = settings(
    max_examples=30,
    deadline=None,  # hangs are caught by the harness's alarm, not by timing
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _check(kind: str, text: str) -> None:
    failures = [v for v in run_all(kind, text) if v.outcome != "ok"]
    assert not failures, f"{failures[0].command}: {failures[0].outcome}: {failures[0].detail}"


@QUICK
@given(KINDS["session"][1])
def test_every_command_survives_a_mutated_session_file(text):
    _check("session", text)


@QUICK
@given(KINDS["process"][1])
def test_validate_survives_a_mutated_process_file(text):
    _check("process", text)


@QUICK
@given(KINDS["tidy_csv"][1])
def test_merge_survives_a_mutated_tidy_csv(text):
    _check("tidy_csv", text)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_unmutated_files_pass_every_command(kind):
    import json

    from tests.fuzz.harness import good_csv_text, good_process_text
    from tests.hostile.inputs import good_session_data

    text = {
        "session": json.dumps(good_session_data()),
        "process": good_process_text(),
        "tidy_csv": good_csv_text(),
    }[kind]
    assert all(v.outcome == "ok" for v in run_all(kind, text))
