"""`--csv-dialect excel-da` of export, merge and cost: what Danish Excel opens by a double
click (semicolons, decimal commas, UTF-8 with a byte order mark), read back here with
Python's csv module, cell for cell against the standard CSV."""

from __future__ import annotations

import csv
import io
import re

import pytest

from tests.hostile.inputs import run_command
from tests.unit.test_report import EXAMPLES
from workshop_tui.cli.main import main

BOM = "\ufeff"
FIGURE = re.compile(r"-?\d+(\.\d+)?")


def _read(text: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _both(*argv: str) -> tuple[list[list[str]], list[list[str]]]:
    """The standard CSV and the excel-da one of the same command, each as rows."""
    code, standard, _ = run_command(*argv, "--lang", "en")
    assert code == 0 and not standard.startswith(BOM)
    code, danish, _ = run_command(*argv, "--lang", "en", "--csv-dialect", "excel-da")
    assert code == 0 and danish.startswith(BOM)  # Excel then reads the file as UTF-8
    return _read(standard, ","), _read(danish[1:], ";")


def _same_but_decimal_commas(standard, danish) -> int:
    """Every cell alike, but for the figures' decimal point; how many figures turned
    (the examples hold no text that reads as a figure: see the last test for that)."""
    assert danish[0] == standard[0]  # the header: the same column names, in order
    assert len(danish) == len(standard)
    turned = 0
    for plain, local in zip(standard[1:], danish[1:], strict=True):
        assert len(local) == len(plain)
        for name, a, b in zip(standard[0], plain, local, strict=True):
            if FIGURE.fullmatch(a):
                assert b == a.replace(".", ","), name
                turned += "." in a
            else:
                assert b == a, name  # text (ids, names, notes) is never touched
    return turned


@pytest.mark.parametrize("table", ["levels", "workshops"])
def test_merge(table):
    standard, danish = _both("merge", str(EXAMPLES), "--format", "csv", "--table", table)
    assert _same_but_decimal_commas(standard, danish) > 20


def test_cost():
    standard, danish = _both("cost", str(EXAMPLES), "--format", "csv")
    assert _same_but_decimal_commas(standard, danish) > 100
    row = dict(zip(danish[0], danish[1], strict=True))
    assert "," in row["dkk_mid"] and "." not in row["dkk_mid"]  # no thousands point either


def test_export_reads_back_into_merge_as_the_json_does(tmp_path):
    session = sorted(EXAMPLES.glob("*.json"))[0]
    out = tmp_path / "excel.csv"
    argv = ["export", str(session), "--format", "csv", "--csv-dialect", "excel-da"]
    assert run_command(*argv, "--out", str(out))[0] == 0
    data = out.read_bytes()
    assert data.startswith(BOM.encode("utf-8"))
    rows = _read(data.decode("utf-8-sig"), ";")
    assert rows[0][:3] == ["session_id", "municipality", "workshop_date"]
    assert any("," in row[rows[0].index("low_hours")] for row in rows[1:])
    from_csv = run_command("merge", str(out), "--format", "csv")
    from_json = run_command("merge", str(session), "--format", "csv")
    assert from_csv[0] == 0 and from_csv[1] == from_json[1]


@pytest.mark.parametrize("command", ["export", "merge", "cost"])
def test_the_option_is_one_for_the_three_commands(command, capsys):
    with pytest.raises(SystemExit):
        main(["--lang", "en", command, "--help"])
    assert "--csv-dialect {standard,excel-da}" in capsys.readouterr().out


def test_user_text_that_looks_like_a_figure_is_left_alone(tmp_path):
    from workshop_tui.core.csv_dialect import write_csv
    from workshop_tui.core.tidy.table import csv_number

    text = write_csv([["name", "hours"], ["1.5", csv_number(1.5)]], "excel-da")
    assert _read(text, ";") == [["name", "hours"], ["1.5", "1,5"]]
