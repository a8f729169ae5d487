"""The CSV and XLSX exports open in LibreOffice with their values intact, and a
hostile municipality name stays text instead of becoming a formula.

LibreOffice evaluates formulas in an imported CSV (`=1+1` becomes 2), so the
apostrophe the exporter puts in front of such a cell is what keeps it text.
Each conversion uses its own LibreOffice profile, so tests can run in parallel.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.unit.test_exports import HOSTILE, hand_session
from workshop_tui.core.exports import EXPORT_COLUMNS, to_csv, to_xlsx

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui",
)
CSV_OPTIONS = "44,34,76,1"  # comma, double quote, UTF-8, from line 1
ALL_SHEETS = CSV_OPTIONS + ",,0,false,true,false,false,false,-1"  # one CSV per sheet


def convert(source: Path, tmp_path: Path, options: str = CSV_OPTIONS) -> Path:
    """`soffice --headless --convert-to csv`; the folder of CSV files it wrote."""
    out = tmp_path / "converted"
    command = [
        SOFFICE,
        f"-env:UserInstallation=file://{tmp_path / 'profile'}",
        "--headless",
        "--convert-to",
        f"csv:Text - txt - csv (StarCalc):{options}",
        "--outdir",
        str(out),
    ]
    if source.suffix == ".csv":
        command.insert(3, f"--infilter=CSV:{CSV_OPTIONS}")
    subprocess.run([*command, str(source)], capture_output=True, timeout=180, check=True)
    return out


def read(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def original(interviews) -> list[dict[str, str]]:
    return read_text(to_csv(hand_session(interviews, HOSTILE), interviews))


def read_text(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def assert_same_values(converted: list[dict[str, str]], expected: list[dict[str, str]]) -> None:
    assert len(converted) == len(expected)  # notes with line breaks did not split rows
    for got, want in zip(converted, expected, strict=True):
        for column in ("low_hours", "high_hours", "staff", "share"):
            assert (float(got[column]) if got[column] else None) == (
                pytest.approx(float(want[column])) if want[column] else None
            ), column
        for column in (
            "session_id",
            "workshop_date",
            "process_id",
            "group_id",
            "activity_id",
            "subprocess_no",
        ):
            assert got[column] == want[column], column
        assert got["applicable"].lower() == want["applicable"]


def test_the_csv_export_opens_with_values_intact_and_the_formula_as_text(interviews, tmp_path):
    source = tmp_path / "export.csv"
    source.write_text(to_csv(hand_session(interviews, HOSTILE), interviews), encoding="utf-8")
    converted = read(convert(source, tmp_path) / "export.csv")
    assert list(converted[0]) == list(EXPORT_COLUMNS)
    assert_same_values(converted, original(interviews))
    # text, not evaluated: HYPERLINK would have left only "x"
    assert {row["municipality"] for row in converted} == {"'" + HOSTILE}


def test_the_xlsx_export_opens_with_values_intact_and_the_formula_as_text(interviews, tmp_path):
    source = tmp_path / "export.xlsx"
    source.write_bytes(to_xlsx(hand_session(interviews, HOSTILE), interviews))
    folder = convert(source, tmp_path, ALL_SHEETS)
    estimates = read(folder / "export-Estimates.csv")
    assert list(estimates[0]) == list(EXPORT_COLUMNS)
    assert_same_values(estimates, original(interviews))
    assert {row["municipality"] for row in estimates} == {HOSTILE}
    notes = (folder / "export-Notes.csv").read_text(encoding="utf-8")
    assert HOSTILE.replace('"', '""') in notes and "-tolk forlænger samtalen" in notes
    totals = read(folder / "export-Totals.csv")
    total = next(r for r in totals if (r["group_id"], r["Level"]) == ("taet_paa", "total"))
    assert float(total["Reference avg. (h)"]) == 1.6


def test_the_merged_xlsx_opens_with_the_hand_computed_figures(interviews, catalogue, tmp_path):
    from tests.unit.test_aggregate import A, B, C, workshop
    from workshop_tui.core.merge import load_exports, summarise
    from workshop_tui.core.merge.output import merge_xlsx
    from workshop_tui.core.session.storage import save_session

    for name in (A, B, C):
        save_session(workshop(interviews, name), tmp_path / "in" / f"{name[0]}.json", touch=False)
    summary = summarise(load_exports([tmp_path / "in"], catalogue), catalogue)
    source = tmp_path / "merged.xlsx"
    source.write_bytes(merge_xlsx(summary))
    levels = read(convert(source, tmp_path, ALL_SHEETS) / "merged-levels.csv")
    total = next(r for r in levels if (r["group_id"], r["level"]) == ("taet_paa", "total"))
    assert (float(total["low"]), float(total["high"]), int(total["n_workshops"])) == (
        pytest.approx(0.8),
        pytest.approx(2.8),
        3,
    )
    assert float(total["mean"]) == pytest.approx(4.75 / 3)
