"""The docs stay true to the code: the generated reference pages and pictures are
current, the site builds strictly, and the README stays a short front door."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
README = ROOT / "README.md"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_generate", DOCS / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_reference_pages_and_pictures_are_current():
    stale = [str(path.relative_to(ROOT)) for path in _generator().stale_pages()]
    assert stale == [], f"{stale} not current: run `python docs/generate.py`"


def test_the_cli_reference_has_every_command_and_option():
    from workshop_tui.cli.main import build_parser

    page = (DOCS / "reference" / "cli.md").read_text(encoding="utf-8")
    parser = build_parser()
    (commands,) = [a for a in parser._actions if a.choices and a.dest == "command"]
    for name, sub in commands.choices.items():
        assert f"\n## {name}\n" in page
        for action in sub._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert f"`{option}`" in page, (name, option)


def test_the_formats_reference_names_every_tidy_column_in_order():
    from workshop_tui.core.tidy.table import TIDY_COLUMNS

    page = (DOCS / "reference" / "formats.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d+) \| `(\w+)` \|", page, flags=re.MULTILINE)
    assert [name for _, name in rows][: len(TIDY_COLUMNS)] == list(TIDY_COLUMNS)


def test_every_screening_rule_has_its_row_in_the_analysts_guide():
    """The analyst's guide states the merge's policy: each rule in RULES has its row."""
    from workshop_tui.core.merge.screening import RULES

    guide = (DOCS / "guide" / "analyst.md").read_text(encoding="utf-8")
    assert [rule for rule in RULES if f"| `{rule}` |" not in guide] == []


def test_the_readme_is_a_short_front_door():
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 200
    assert text.count("<!-- test-command -->") == 1
    assert text.count("<!-- /test-command -->") == 1


def test_the_readmes_links_lead_to_files_that_exist():
    text = README.read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text)
    assert targets
    missing = [target for target in targets if not (ROOT / target).exists()]
    assert missing == []


def test_no_issue_numbers_in_the_docs_or_the_readme():
    pattern = re.compile(r"\bissues? ?#?\d+|(?<![\w&/])#\d{1,4}\b", re.IGNORECASE)
    found = []
    for path in [README, *DOCS.rglob("*.md")]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []


def test_the_site_builds_strictly(tmp_path):
    """What CI runs after the tests (.ci/run), here too wherever the docs extra is installed."""
    pytest.importorskip("mkdocs", reason='mkdocs is not installed: pip install -e ".[docs]"')
    pytest.importorskip("material", reason='mkdocs-material is not installed: ".[docs]"')
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert build.returncode == 0, build.stderr
    assert (tmp_path / "reference" / "cli" / "index.html").is_file()
    assert (tmp_path / "images" / "estimate-grid.svg").is_file()
