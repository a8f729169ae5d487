"""A file merge skips is named in every output, not only on standard error: merge's and
cost's JSON, CSV (--table skipped, in both), XLSX, Markdown and table, and the report's page."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from openpyxl import load_workbook

from tests.hostile.inputs import run_command
from tests.unit.test_report import EXAMPLES

REASON = "not valid JSON, corrupt or truncated"


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "exports"
    shutil.copytree(EXAMPLES, folder)
    (folder / "broken_søby.json").write_text('{"schema_version":', encoding="utf-8")
    return folder


def _run(*argv: str) -> str:
    code, out, err = run_command(*argv, "--lang", "en")
    assert code == 1 and "broken_søby.json" in err  # skipped: exit 1, and said on stderr
    return out


@pytest.mark.parametrize("command", ["merge", "cost"])
def test_json(folder, command):
    data = json.loads(_run(command, str(folder), "--format", "json"))
    [skipped] = data["skipped"]
    assert skipped["source"] == str(folder / "broken_søby.json")
    assert skipped["reason"].startswith(REASON) and skipped["line"] == 1


@pytest.mark.parametrize("command", ["merge", "cost"])
@pytest.mark.parametrize("fmt", ["md", "table"])
def test_markdown_and_table(folder, command, fmt, monkeypatch):
    monkeypatch.setenv("COLUMNS", "300")
    text = _run(command, str(folder), "--format", fmt).replace("\\_", "_")  # Markdown's escape
    assert "Skipped: 1 file or session" in text
    assert "broken_søby.json" in text and REASON in text


@pytest.mark.parametrize("command", ["merge", "cost"])
@pytest.mark.parametrize("lang", ["en", "da"])
def test_xlsx(folder, tmp_path, command, lang):
    out = tmp_path / f"{command}.xlsx"
    code, _, _ = run_command(
        command, str(folder), "--format", "xlsx", "--out", str(out), "--lang", lang
    )
    assert code == 1
    sheet = load_workbook(out)["skipped" if lang == "en" else "Sprunget over"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert len(rows) == 2 and rows[1][0] == str(folder / "broken_søby.json") and rows[1][1] == 1


@pytest.mark.parametrize("command", ["merge", "cost"])
def test_csv_table(folder, command):
    printed = _run(command, str(folder), "--format", "csv", "--table", "skipped")
    rows = list(csv.reader(io.StringIO(printed)))
    assert rows[0] == ["source", "line", "field", "reason"]
    assert rows[1][:2] == [str(folder / "broken_søby.json"), "1"]


def test_the_cost_csv_is_still_the_costs_without_a_table_asked(folder):
    rows = list(csv.reader(io.StringIO(_run("cost", str(folder), "--format", "csv"))))
    assert rows[0][:3] == ["process_id", "group_id", "level"] and len(rows) > 2


def test_the_report_page(folder, tmp_path):
    page = tmp_path / "national.html"
    assert run_command("report", str(folder), "--out", str(page), "--lang", "en")[0] == 1
    html = page.read_text(encoding="utf-8")
    assert 'data-skipped="1"' in html and "broken_søby.json" in html and REASON in html


def test_anonymised_outputs_number_the_files_instead_of_naming_them(folder):
    data = json.loads(_run("merge", str(folder), "--format", "json", "--anonymise"))
    assert data["skipped"][0]["source"] == "#1"
    assert "søby" not in json.dumps(data["skipped"], ensure_ascii=False).lower()
