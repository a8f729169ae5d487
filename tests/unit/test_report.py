"""`workshop-tui report` as an analyst runs it: the page, its languages, PNGs for
slides, anonymised national reports, and clear refusals."""

import re
from pathlib import Path

import pytest

from workshop_tui.cli.main import main

EXAMPLES = Path(__file__).resolve().parents[2] / "exports" / "examples"
NAMES = [
    "Søby Kommune (fiktiv)",
    "Nørreå Kommune (fiktiv)",
    "Vesterlund Kommune (fiktiv)",
    "Østerhavn Kommune (fiktiv)",
    "Bakkedal Kommune (fiktiv)",
    "Fjordby Kommune (fiktiv)",
]


def report(tmp_path, *argv) -> str:
    out = tmp_path / "report.html"
    assert main(["report", str(EXAMPLES), "--out", str(out), *argv]) == 0
    return out.read_text(encoding="utf-8")


def test_a_municipality_report_is_one_self_contained_printable_page(tmp_path):
    page = report(tmp_path, "--municipality", "Søby Kommune (fiktiv)", "--lang", "en")
    assert page.startswith("<!DOCTYPE html>")
    assert "Benchlearning report: Søby Kommune (fiktiv)" in page
    # nothing to fetch: no links, scripts, stylesheets or pictures from anywhere
    assert not re.search(r"""(src|href)=["'](?!#)""", page)
    assert "<script" not in page and "@import" not in page
    assert not re.search(r"url\((?!#)", page)  # the charts' own clip paths only
    assert "default-src 'none'" in page  # and the page forbids it besides
    assert "@page { size: A4" in page and "@media print" in page
    assert page.count("<svg") == page.count('data-chart="') >= 5  # a chart per group
    # peers are never named in a municipality's report
    for other in NAMES[1:]:
        assert other not in page
    assert "Method and provenance" in page and "assumption" in page and "published" in page


def test_the_report_in_danish_uses_danish_words_and_numbers(tmp_path):
    page = report(tmp_path, "--municipality", "Vesterlund Kommune (fiktiv)", "--lang", "da")
    assert '<html lang="da">' in page
    assert "Hvor står vi" in page and "Metode og kilder" in page
    assert "forhold 0,62" in page  # the rehabilitation check figure, decimal comma


def test_the_national_report_anonymised_names_no_municipality(tmp_path):
    page = report(tmp_path, "--anonymise", "--lang", "en")
    assert "the national picture" in page
    for name in NAMES:
        assert name not in page
        assert name.split()[0] not in page  # not inside the rooms' notes either
    assert "Municipality A" in page
    named = report(tmp_path, "--lang", "en")
    assert all(name in named for name in NAMES)


def test_png_dir_gets_a_chart_per_process_and_group(tmp_path):
    slides = tmp_path / "slides"
    report(tmp_path, "--municipality", "Fjordby Kommune (fiktiv)", "--png", str(slides))
    pictures = sorted(p.name for p in slides.iterdir())
    assert pictures and all(p.endswith(".png") for p in pictures)
    assert all((slides / p).read_bytes().startswith(b"\x89PNG") for p in pictures)


def test_the_same_exports_and_seed_give_the_same_page(tmp_path):
    first = report(tmp_path, "--municipality", "Bakkedal Kommune (fiktiv)", "--seed", "3")
    again = report(tmp_path, "--municipality", "Bakkedal Kommune (fiktiv)", "--seed", "3")
    assert first == again
    triangular = report(
        tmp_path, "--municipality", "Bakkedal Kommune (fiktiv)", "--distribution", "triangular"
    )
    assert "triangularly" in triangular or "trekantfordelt" in triangular


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--municipality", "Andeby"], "No workshop from 'Andeby' in these exports"),
        (["--municipality", "Søby Kommune (fiktiv)", "--anonymise"], "national report"),
    ],
)
def test_refusals_are_clear_and_exit_2(tmp_path, capsys, argv, message):
    out = tmp_path / "report.html"
    code = main(["report", str(EXAMPLES), "--out", str(out), "--lang", "en", *argv])
    assert code == 2
    err = " ".join(capsys.readouterr().err.split())
    assert message in err and "Traceback" not in err
    assert not out.exists()


def test_nothing_to_cost_or_report(tmp_path, capsys):
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    assert main(["cost", str(broken), "--lang", "en"]) == 1
    err = " ".join(capsys.readouterr().err.split())
    assert "broken.json" in err and "No workshops to cost." in err
    out = tmp_path / "report.html"
    assert main(["report", str(broken), "--out", str(out), "--lang", "en"]) == 1
    assert "No workshops" in " ".join(capsys.readouterr().err.split())
    assert not out.exists()
