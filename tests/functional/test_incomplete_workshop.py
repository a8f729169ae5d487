"""A municipality whose workshop left a subprocess not estimated, as the analyst meets it:
its report and the workshops table say "not estimated", never 0 hours, and its
incomplete total is neither counted nor set against the published range."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from tests.functional.test_cost_recomputed import INCOMPLETE, LEFT_OUT, exports
from workshop_tui.cli.main import main

WHO = INCOMPLETE["municipality"]
PROCESS, GROUP, NUMBER = LEFT_OUT
PAIR = f"{PROCESS}/{GROUP}"


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return exports(tmp_path_factory.mktemp("incomplete") / "exports")


def page(folder: Path, tmp_path: Path, lang: str) -> str:
    out = tmp_path / f"report-{lang}.html"
    argv = ["--lang", lang, "report", str(folder), "--municipality", WHO, "--out", str(out)]
    assert main(argv) == 0
    return out.read_text(encoding="utf-8")


def cell(html: str, figure: str) -> str:
    """The text of the table cell holding `data-figure="figure"`."""
    found = re.search(rf'data-figure="{re.escape(figure)}"[^>]*>([^<]*)<', html)
    assert found, figure
    return found.group(1)


@pytest.mark.parametrize(
    ("lang", "not_estimated", "incomplete", "warning"),
    [
        ("en", "not estimated", "incomplete", "did not estimate every subprocess"),
        ("da", "ikke skønnet", "ufuldstændig", "skønnede ikke alle delprocesser"),
    ],
)
def test_the_report_marks_the_incomplete_workshop_and_its_gap(
    folder, tmp_path, lang, not_estimated, incomplete, warning
):
    html = page(folder, tmp_path, lang)
    # the group it left incomplete carries a warning; its other groups do not
    assert f'data-incomplete="{PAIR}"' in html
    assert html.count("data-incomplete=") == 1
    assert warning in html
    # the level it did not estimate: not 0,00 h and 0 kr, but "not estimated"
    assert cell(html, f"{PAIR}/{NUMBER}/own_mid") == not_estimated
    assert cell(html, f"{PAIR}/{NUMBER}/own_dkk") == not_estimated
    # the total is a sum with a part missing: shown as incomplete, not placed or costed
    assert cell(html, f"{PAIR}/total/own_mid") == incomplete
    assert cell(html, f"{PAIR}/total/own_dkk") == incomplete
    summary = html[: html.index('<section class="group"')]
    row = summary[summary.index(f'href="#{PAIR.replace("/", "-")}"') :]
    row = row[: row.index("</tr>")]
    assert incomplete in row
    for word in ("below", "within", "above", "under", "inden for", "over"):
        assert f">{word}<" not in row
    # the levels it estimated are its own figures as usual
    assert re.fullmatch(r"\d+[.,]\d\d", cell(html, f"{PAIR}/1/own_mid"))


def test_the_workshops_table_shows_the_gap_as_not_estimated(folder, capsys):
    argv = ["merge", str(folder), "--format", "csv", "--table", "workshops"]
    assert main(argv) == 0
    rows = [
        row
        for row in csv.DictReader(io.StringIO(capsys.readouterr().out))
        if row["municipality"] == WHO and row["group_id"] == GROUP
    ]
    by_level = {row["level"]: row for row in rows}
    gap = by_level[str(NUMBER)]
    assert gap["status"] == "not_estimated"
    assert (gap["low"], gap["high"], gap["mid"]) == ("", "", "")  # not 0 hours
    assert gap["vs_reference"] == gap["vs_peers"] == ""
    assert gap["counted"].lower() == "false"
    total = by_level["total"]
    assert total["status"] == "incomplete" and total["counted"].lower() == "false"
    assert total["vs_reference"] == ""  # not "below" the published range
    assert by_level["1"]["status"] == "estimated" and by_level["1"]["counted"].lower() == "true"


def test_the_human_workshops_table_says_not_estimated(folder, capsys):
    # Markdown shows every level of every workshop
    assert main(["--lang", "da", "merge", str(folder), "--format", "md"]) == 0
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if WHO in line and "Tæt på" in line]
    assert any("ikke skønnet" in line for line in lines), lines
    assert any("ufuldstændig" in line for line in lines), lines
