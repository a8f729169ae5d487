"""`cost > file` and `cost | cat`: the tables at their full width, never cut at 80
columns mid-number, as `--out FILE` writes them."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.unit.test_report import EXAMPLES


def test_cost_into_a_pipe_is_the_full_table(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    command = [sys.executable, "-m", "workshop_tui", "--lang", "en", "cost", str(EXAMPLES)]
    piped = subprocess.run(command, capture_output=True, env=env, check=True, timeout=120)
    out = tmp_path / "costs.txt"
    subprocess.run([*command, "--out", str(out)], capture_output=True, env=env, check=True)
    text = piped.stdout.decode("utf-8")
    assert text == out.read_text(encoding="utf-8")
    assert max(len(line) for line in text.splitlines()) > 80  # wider than a default console
    # a whole low-mid-high triple of kroner, as the issue saw it cut ("622–1,75")
    assert "│ 544–1,111–1,678 │" in text
