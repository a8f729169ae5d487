"""The report printed on A4 (Debian's headless Chromium, --print-to-pdf): sections run on
from page to page, so no page holds only the few lines a section spilled over, and no
level table is split between two pages."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.functional.test_serve import CHROMIUM, keep_artefact
from tests.unit.test_report import EXAMPLES
from workshop_tui.cli.main import main

MUNICIPALITY = "Vesterlund Kommune (fiktiv)"
FEWEST_LINES = 20  # a page with fewer (but the last) is a spill-over, not a page of the report
TABLE_HEAD = re.compile(r"^Level n Rooms'", re.MULTILINE)  # a group's level table starts
TABLE_END = re.compile(r"^Total \d", re.MULTILINE)  # ... and ends with its total row


def printed_pages(page: Path, pdf: Path) -> list[str]:
    """The text of each printed page, as Chromium prints the page on its @page size."""
    import pypdf

    subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={pdf.parent / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    reader = pypdf.PdfReader(pdf)
    for sheet in reader.pages:  # A4: 595 x 842 points
        assert abs(float(sheet.mediabox.width) - 595) < 2
        assert abs(float(sheet.mediabox.height) - 842) < 2
    return [sheet.extract_text() for sheet in reader.pages]


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
@pytest.mark.parametrize("who", [MUNICIPALITY, None], ids=["municipality", "national"])
def test_no_section_spills_a_few_lines_onto_a_page(tmp_path, capsys, who):
    page = tmp_path / "report.html"
    argv = ["report", str(EXAMPLES), "--out", str(page), "--lang", "en"]
    assert main([*argv, *(["--municipality", who] if who else [])]) == 0
    capsys.readouterr()
    pages = printed_pages(page, tmp_path / "report.pdf")
    keep_artefact(
        tmp_path / f"report-{'municipality' if who else 'national'}.pdf",
        (tmp_path / "report.pdf").read_bytes(),
    )
    lines = [len(text.splitlines()) for text in pages]
    assert min(lines[:-1]) >= FEWEST_LINES, lines
    tables = sum(len(TABLE_HEAD.findall(text)) for text in pages)
    assert tables == page.read_text(encoding="utf-8").count('<section class="group"') >= 5
    for number, text in enumerate(pages, 1):  # each table whole: head and total row together
        assert len(TABLE_HEAD.findall(text)) == len(TABLE_END.findall(text)), number
