"""Every XLSX the program writes (export, merge, cost) carries a codebook sheet naming
each column of each sheet with its meaning (English and Danish) and unit; and the
cost workbook speaks Danish under --lang da, as the merge's does."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.hostile.inputs import run_command
from tests.unit.test_report import EXAMPLES

CODEBOOK = {"en": "codebook", "da": "Kodebog"}
CHARTS = {"en": "charts", "da": "Diagrammer"}


def _workbook(tmp_path: Path, lang: str, *argv: str):
    out = tmp_path / f"{argv[0]}-{lang}.xlsx"
    code, _, _ = run_command(*argv, "--format", "xlsx", "--out", str(out), "--lang", lang)
    assert code == 0
    return load_workbook(io.BytesIO(out.read_bytes()))


def _commands() -> list[tuple[str, ...]]:
    session = str(sorted(EXAMPLES.glob("*.json"))[0])
    return [("export", session), ("merge", str(EXAMPLES)), ("cost", str(EXAMPLES))]


@pytest.mark.parametrize("lang", ["en", "da"])
@pytest.mark.parametrize("argv", _commands(), ids=["export", "merge", "cost"])
def test_the_codebook_lists_every_column_of_every_sheet(tmp_path, argv, lang):
    workbook = _workbook(tmp_path, lang, *argv)
    assert workbook.sheetnames[-1] == CODEBOOK[lang]
    book = workbook[CODEBOOK[lang]]
    entries = [[cell.value for cell in row] for row in book.iter_rows(min_row=2)]
    described: dict[str, list[str]] = {}
    for sheet, column_id, header, english, danish, unit in entries:
        assert english and danish and unit, (sheet, column_id)  # meaning in both, and a unit
        described.setdefault(sheet, []).append(header)
    for sheet in workbook.worksheets[:-1]:
        header_row = 2 if sheet.title == CHARTS[lang] else 1  # the charts' tables: under a title
        shown = [str(cell.value) for cell in sheet[header_row] if cell.value is not None]
        assert described[sheet.title] == shown, sheet.title


def test_the_cost_workbook_in_danish(tmp_path):
    english = _workbook(tmp_path, "en", "cost", str(EXAMPLES))
    danish = _workbook(tmp_path, "da", "cost", str(EXAMPLES))
    assert english.sheetnames == [
        "costs",
        "functions",
        "municipalities",
        "checks",
        "skipped",
        "codebook",
    ]
    assert danish.sheetnames == [
        "Omkostninger",
        "Funktioner",
        "Kommuner",
        "Kontroltal",
        "Sprunget over",
        "Kodebog",
    ]
    costs = [cell.value for cell in danish["Omkostninger"][1]]
    assert costs[:4] == ["Proces-id", "Målgruppe-id", "Niveau-id", "Antal workshops"]
    assert "Kr. pr. sag midt" in costs and "Årsværk" in costs
    for sheet in danish.worksheets[:-1]:  # no column left under its English id
        assert not any("_" in str(cell.value) for cell in sheet[1]), sheet.title
    # the same figures, only the words differ
    for plain, local in zip(english.worksheets[:3], danish.worksheets[:3], strict=True):
        assert _figures(plain) == _figures(local) and _figures(plain)


def _figures(sheet) -> list[list[object]]:
    return [[c.value for c in row if not isinstance(c.value, str)] for row in sheet.iter_rows()]
