"""The catalogue commands as a user runs them: processes, reference, validate, schema."""

import csv
import io
import json
import subprocess
import sys

import pytest

from tests.waiting import LIMIT
from workshop_tui.cli.main import main
from workshop_tui.core.demo import demo_session
from workshop_tui.core.session.storage import save_session

# The published tables, as printed in the source (hours per citizen):
# table 2.1 (totals and averages), figures 5.6, 5.8 and 7.6 (subprocesses).
PUBLISHED = {
    ("jobsamtaler", "taet_paa"): ([(0.2, 0.9), (0.3, 0.8), (0.2, 0.8)], (0.8, 2.2), 1.6),
    ("jobsamtaler", "langt_fra"): ([(0.3, 1.3), (0.5, 1.0), (0.5, 1.2)], (1.3, 3.1), 2.4),
    ("jobsamtaler", "sygemeldte"): ([(0.3, 0.9), (0.5, 0.7), (0.4, 1.0)], (1.3, 2.4), 2.0),
    ("sanktioner", "taet_paa"): ([], (0.6, 2.6), 1.6),
    ("sanktioner", "langt_fra"): ([], (1.1, 6.1), 2.6),
    ("rehabiliteringsteam", "langt_fra"): (
        [(9.7, 17.1), (0.4, 1.3), (0.8, 3.6), (1.5, 4.8), (0.9, 3.3)],
        (16.0, 23.9),
        20.5,
    ),
    ("rehabiliteringsteam", "syg_til_jobafklaring"): (
        [(3.5, 5.4), (0.3, 0.8), (0.8, 1.8), (1.5, 2.0), (0.3, 2.5)],
        (8.2, 10.0),
        9.1,
    ),
    ("rehabiliteringsteam", "jobafklaring_til_jobafklaring"): (
        [(5.5, 10.9), (0.4, 1.3), (1.0, 3.4), (2.0, 2.2), (0.8, 1.5)],
        (10.2, 16.8),
        14.0,
    ),
    ("virksomhedspraktik", "taet_paa"): ([], (5.2, 15.6), 10.2),
    ("virksomhedspraktik", "langt_fra"): ([], (16.4, 55.4), 33.2),
    ("virksomhedspraktik", "sygemeldte"): ([], (11.3, 27.0), 17.2),
    ("andre_tilbud", "taet_paa"): (
        [(0.3, 1.5), (0.3, 1.0), (0.0, 0.5), (0.1, 1.5)],
        (1.1, 3.2),
        2.2,
    ),
    ("andre_tilbud", "langt_fra"): (
        [(0.3, 3.8), (0.8, 2.2), (0.3, 2.3), (1.3, 3.3)],
        (3.5, 10.7),
        7.6,
    ),
}


def expected_rows(process_id):
    rows = []
    for (pid, group), (subs, total, avg) in PUBLISHED.items():
        if pid != process_id:
            continue
        rows += [[pid, group, str(n), str(lo), str(hi), ""] for n, (lo, hi) in enumerate(subs, 1)]
        rows.append([pid, group, "total", str(total[0]), str(total[1]), str(avg)])
    return rows


@pytest.mark.parametrize(
    "process_id",
    ["jobsamtaler", "sanktioner", "rehabiliteringsteam", "virksomhedspraktik", "andre_tilbud"],
)
def test_reference_csv_reproduces_the_published_tables(process_id, capsys):
    assert main(["reference", process_id, "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["process_id", "group_id", "level", "low", "high", "avg"]
    assert rows[1:] == expected_rows(process_id)


@pytest.fixture
def wide(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")


def test_reference_table_in_danish_uses_decimal_commas(capsys, wide):
    assert main(["reference", "rehabiliteringsteam", "--lang", "da"]) == 0
    out = capsys.readouterr().out
    assert "16,0–23,9" in out and "20,5" in out and "Upload til Mediconnect" in out
    assert "timer pr. person der modtager indsatsen" in out


def test_reference_table_keeps_figures_whole_at_80_columns(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["reference", "rehabiliteringsteam", "--lang", "da"]) == 0
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= 80
    for figure in ("9,7–17,1", "0,4–1,3", "16,0–23,9", "20,5", "10,2–16,8"):
        assert figure in out


def test_reference_table_in_english(capsys, wide):
    assert main(["reference", "jobsamtaler", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "0.8–2.2" in out and "Close to the labour market" in out


def test_unknown_process_is_a_clear_error(capsys):
    assert main(["reference", "nope"]) == 2
    err = capsys.readouterr().err
    assert "Unknown process 'nope'" in err and "jobsamtaler" in err


def test_processes_json_shape(capsys):
    assert main(["processes", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 5
    for process in data:
        assert {"id", "version", "groups", "subprocesses"} <= process.keys()
        assert all(isinstance(g, str) for g in process["groups"])
        for number, sub in enumerate(process["subprocesses"], 1):
            assert sub["number"] == number and sub["id"]
            assert all(a["id"] for a in sub["activities"])


def test_processes_table_lists_names_in_danish(capsys, wide):
    assert main(["processes", "--lang", "da"]) == 0
    out = capsys.readouterr().out
    assert "Rehabiliteringsteamet" in out and "Sanktionering" in out


def test_validate_reports_every_bad_file_and_exits_2(tmp_path, interviews, capsys):
    good = tmp_path / "good.json"
    save_session(demo_session(interviews), good)
    bad_yaml = tmp_path / "bad.yaml"
    bad_yaml.write_text("id: [")
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"schema_version": 1}')
    assert main(["validate", str(good), str(bad_yaml), str(bad_json)]) == 2
    captured = capsys.readouterr()
    assert "good.json" in captured.out
    assert "bad.yaml:" in captured.err and "YAML syntax error" in captured.err
    assert "bad.json: groups: Field required" in captured.err
    assert "Traceback" not in captured.err


def test_validate_flags_session_that_does_not_fit_its_process(tmp_path, interviews, capsys):
    session = demo_session(interviews)
    session.activities["no_such_activity"] = next(iter(session.activities.values()))
    path = tmp_path / "s.json"
    save_session(session, path)
    assert main(["validate", str(path)]) == 2
    assert "unknown activity 'no_such_activity'" in capsys.readouterr().err


def test_schema_is_generated_from_the_models(capsys):
    assert main(["schema", "session"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Session"
    assert {"session_id", "process_id", "activities", "schema_version"} <= schema[
        "properties"
    ].keys()
    assert main(["schema", "process"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "ProcessDefinition"


def test_broken_extra_process_folder_exits_2_without_traceback(tmp_path):
    (tmp_path / "x.yaml").write_text("id: jobsamtaler\nversion: 1\n")
    result = subprocess.run(
        [sys.executable, "-m", "workshop_tui", "processes", "--processes", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=LIMIT,
    )
    assert result.returncode == 2
    assert "x.yaml" in result.stderr and "required field is missing" in result.stderr
    assert "Traceback" not in result.stderr
