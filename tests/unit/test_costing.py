"""`workshop-tui cost`: kroner, FTE and yearly totals against a hand computation,
the published check figures, and a broken costing file's errors."""

import json
from pathlib import Path

import pytest
import yaml

from workshop_tui.cli.main import main
from workshop_tui.core.costing import load_costing
from workshop_tui.core.demo import demo_session
from workshop_tui.core.process.catalogue import bundled_process_folder, load_catalogue
from workshop_tui.core.session.storage import save_session, session_filename
from workshop_tui.core.totals import session_totals

EXAMPLES = Path(__file__).resolve().parents[2] / "exports" / "examples"

# 35,000 a month x 12 x (1 + 20 %) / 1,200 productive hours = DKK 420 an hour.
# 42,000 a month x 12 x 1.2 / 1,440 = DKK 420 an hour too, but 1,440 hours to an FTE.
SMALL_COSTING = """\
overhead_share: 0.20
fte_hours: 1500
fte_hours_basis: assumption
fte_hours_source: test
roles:
  caseworker:
    name: {da: Sagsbehandler, en: Caseworker}
    monthly_salary_dkk: 35000
    productive_hours_per_year: 1200
    basis: assumption
    source: test
  company_consultant:
    name: {da: Virksomhedskonsulent, en: Company consultant}
    monthly_salary_dkk: 60000
    basis: assumption
    source: test
volumes:
  - {process: jobsamtaler, group: taet_paa, cases_per_year: 1000, basis: assumption,
     source: test}
checks:
  - id: per_interview
    process: jobsamtaler
    text: {da: 800 kr. pr. samtale, en: DKK 800 per interview}
    published_dkk: 800
    source: test
  - id: yearly
    process: jobsamtaler
    text: {da: "1 mio. kr. for 1.000 samtaler", en: "DKK 1 million for 1,000 interviews"}
    published_dkk: 1000000
    cases: 1000
    source: test
"""


@pytest.fixture
def two_workshops(tmp_path, interviews):
    """Two interview workshops for the close group, saved as session files."""
    folder = tmp_path / "exports"
    folder.mkdir()
    sessions = [
        demo_session(interviews, name, seed, groups=["taet_paa"])
        for seed, name in enumerate(["Aby", "Bby"])
    ]
    for session in sessions:
        save_session(session, folder / session_filename(session))
    return folder, sessions


def run_json(capsys, *argv) -> dict:
    code = main(["cost", *map(str, argv), "--format", "json", "--lang", "en"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return json.loads(captured.out)


def test_dkk_fte_and_yearly_dkk_equal_a_hand_computation(
    tmp_path, capsys, two_workshops, interviews
):
    folder, sessions = two_workshops
    costing = tmp_path / "costing.yaml"
    costing.write_text(SMALL_COSTING)
    data = run_json(capsys, folder, "--costing", costing)
    mids = [session_totals(interviews, s)["taet_paa"].total.mid for s in sessions]
    mean_mid = sum(mids) / 2
    total = next(r for r in data["costs"] if r["group_id"] == "taet_paa" and r["level"] == "total")
    assert total["n_workshops"] == 2
    assert total["hours_mid"] == pytest.approx(mean_mid)
    assert total["dkk_mid"] == pytest.approx(mean_mid * 420)  # every activity: caseworker
    assert total["cases_per_year"] == 1000
    assert total["hours_per_year"] == pytest.approx(1000 * mean_mid)
    assert total["fte"] == pytest.approx(1000 * mean_mid / 1200)
    assert total["dkk_per_year"] == pytest.approx(1000 * mean_mid * 420)
    assert data["dkk_per_hour"]["caseworker"] == pytest.approx(420)
    # The published figures beside the computed ones, with their ratios.
    checks = {c["id"]: c for c in data["checks"]}
    assert checks["per_interview"]["ratio"] == pytest.approx(mean_mid * 420 / 800)
    assert checks["per_interview"]["implied_dkk_per_hour"] == pytest.approx(800 / mean_mid)
    assert checks["yearly"]["computed_dkk"] == pytest.approx(1000 * mean_mid * 420)
    assert checks["yearly"]["ratio"] == pytest.approx(1000 * mean_mid * 420 / 1_000_000)


def test_an_activity_costs_its_roles_rate(tmp_path, capsys, two_workshops, interviews):
    """A process file that gives one activity to the company consultant (DKK 720 an
    hour: 60,000 x 12 x 1.2 / 1,200 default hours... here fte_hours 1,500 -> 576)."""
    folder, sessions = two_workshops
    definition = yaml.safe_load((bundled_process_folder() / "jobsamtaler.yaml").read_text())
    first = definition["subprocesses"][0]["activities"][0]
    first["role"] = "company_consultant"
    processes = tmp_path / "processes"
    processes.mkdir()
    (processes / "jobsamtaler.yaml").write_text(yaml.safe_dump(definition, allow_unicode=True))
    costing = tmp_path / "costing.yaml"
    costing.write_text(SMALL_COSTING)
    data = run_json(capsys, folder, "--costing", costing, "--processes", processes)
    consultant_rate = 60000 * 12 * 1.2 / 1500
    expected_dkk, expected_fte = [], []
    for session in sessions:
        lines = session_totals(interviews, session)["taet_paa"].activities
        consultant = sum(a.span.mid for a in lines if a.line.id == first["id"] and a.span)
        rest = sum(a.span.mid for a in lines if a.line.id != first["id"] and a.span)
        expected_dkk.append(consultant * consultant_rate + rest * 420)
        expected_fte.append(consultant / 1500 + rest / 1200)
    total = next(r for r in data["costs"] if r["group_id"] == "taet_paa" and r["level"] == "total")
    assert total["dkk_mid"] == pytest.approx(sum(expected_dkk) / 2)
    assert total["fte"] == pytest.approx(1000 * sum(expected_fte) / 2)


def test_published_check_figures_are_printed_with_their_ratio(capsys):
    assert main(["cost", str(EXAMPLES), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    flat = " ".join(out.split())
    assert "published: about DKK 480 million for 37,539 rehabilitation team meetings" in flat
    assert "computed from these workshops: DKK" in flat
    assert "(ratio 0.62)" in flat and "implies DKK" in flat
    assert "a little over DKK 800 per interview" in flat
    # 3-4 workshops per group in the examples: every interval is flagged
    assert main(["cost", str(EXAMPLES), "--lang", "en", "--format", "md"]) == 0
    markdown = capsys.readouterr().out
    assert "(\\* fewer than 5 workshops: too wide to trust)" in markdown
    assert "| **0.65–1.62–2.85** | **1.47–1.83 \\*** |" in markdown


def test_danish_output_uses_danish_numbers(capsys):
    assert main(["cost", str(EXAMPLES), "--lang", "da", "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert "forhold 0,62" in out and "37.539 møder" in out


def test_csv_and_xlsx_hold_every_level(tmp_path, capsys):
    assert main(["cost", str(EXAMPLES), "--format", "csv", "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("process_id,group_id,level,n_workshops,hours_low,hours_mid")
    assert len(lines) == 1 + 68  # the merge's levels table has 68 rows for the examples
    # each of the four functions' kroner, which add up to the level's
    import csv as csv_module

    rows = list(csv_module.DictReader(lines))
    functions = ("borgernaere", "tvaergaaende", "ydelse", "ledelse")
    assert all(f"dkk_mid_{f}" in rows[0] for f in functions)
    for row in rows:
        parts = sum(float(row[f"dkk_mid_{f}"]) for f in functions)
        assert parts == pytest.approx(float(row["dkk_mid"]), abs=1e-3)
    sanction_total = next(
        r for r in rows if (r["process_id"], r["level"]) == ("sanktioner", "total")
    )
    assert float(sanction_total["dkk_mid_ydelse"]) > 0  # the decision and the deduction
    out = tmp_path / "costs.xlsx"
    assert main(["cost", str(EXAMPLES), "--format", "xlsx", "--out", str(out)]) == 0
    from openpyxl import load_workbook

    assert load_workbook(out).sheetnames == [
        "costs",
        "functions",
        "municipalities",
        "checks",
        "skipped",
        "codebook",
    ]


BROKEN = """\
overhead_share: 1.5.
fte_hours: -3
roles:
  advisor:
    name: {da: Rådgiver, en: Advisor}
    monthly_salary_dkk: lots
    basis: guess
    source: x
volumes:
  - {process: jobsamtaler, group: nobody, cases_per_year: 10, basis: published, source: x}
"""


def test_a_broken_costing_file_gets_file_line_field_errors_and_exit_2(tmp_path, capsys):
    costing = tmp_path / "costing.yaml"
    costing.write_text(BROKEN)
    assert main(["cost", str(EXAMPLES), "--costing", str(costing)]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert f"{costing}:1: overhead_share:" in err
    assert f"{costing}:2: fte_hours: Input should be greater than 0" in err
    assert f"{costing}:6: roles.advisor.monthly_salary_dkk:" in err
    assert f"{costing}:7: roles.advisor.basis:" in err
    assert "fte_hours_source: required field is missing" in err
    assert "Traceback" not in err


def test_costing_file_without_the_caseworker_and_an_unknown_group(tmp_path, capsys):
    text = SMALL_COSTING.replace("  caseworker:", "  clerk:").replace(
        "group: taet_paa", "group: nobody"
    )
    costing = tmp_path / "costing.yaml"
    costing.write_text(text)
    assert main(["cost", str(EXAMPLES), "--costing", str(costing)]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "roles must include 'caseworker'" in err
    costing.write_text(SMALL_COSTING.replace("group: taet_paa", "group: nobody"))
    assert main(["cost", str(EXAMPLES), "--costing", str(costing)]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert f"{costing}:18: volumes[0]: unknown target group 'nobody' for jobsamtaler" in err


def test_municipality_volumes_csv_with_a_bad_row(tmp_path, capsys):
    (tmp_path / "volumes.csv").write_text(
        "municipality,process,group,cases_per_year\n"
        "Søby Kommune (fiktiv),jobsamtaler,taet_paa,5000\n"
        "Andeby,rehabiliteringsteam,langt_fra,120\n"
        "Andeby,jobsamtaler,taet_paa,many\n"
    )
    costing = tmp_path / "costing.yaml"
    costing.write_text(SMALL_COSTING + "municipality_volumes_csv: volumes.csv\n")
    assert main(["cost", str(EXAMPLES), "--costing", str(costing)]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "volumes.csv:4: cases_per_year: 'many' is not a number" in err
    (tmp_path / "volumes.csv").write_text(
        "\n".join((tmp_path / "volumes.csv").read_text().splitlines()[:3]) + "\n"
    )
    data = run_json(capsys, EXAMPLES, "--costing", costing)
    rows = {(r["municipality"], r["process_id"]): r for r in data["municipalities"]}
    own = rows[("Søby Kommune (fiktiv)", "jobsamtaler")]
    assert own["figures_from"] == "own" and own["n_workshops"] == 1
    assert own["dkk_per_year"] == pytest.approx(5000 * own["dkk_per_case"])
    national = rows[("Andeby", "rehabiliteringsteam")]
    assert national["figures_from"] == "national"
    costs = {(r["process_id"], r["group_id"], r["level"]): r for r in data["costs"]}
    assert national["dkk_per_case"] == pytest.approx(
        costs[("rehabiliteringsteam", "langt_fra", "total")]["dkk_mid"]
    )


def test_the_bundled_costing_file_labels_every_figure(catalogue):
    costing = load_costing(None, catalogue).file
    assert costing.overhead_share == 0.15 and costing.overhead_basis == "published"
    # the source's four functions, salaries in its 2022 prices; none of them published
    assert list(costing.functions) == ["borgernaere", "tvaergaaende", "ydelse", "ledelse"]
    assert costing.price_year == 2022
    assert {f.basis for f in costing.functions.values()} == {"assumption"}
    # the finer roles are sub-roles of a function, costed at its salary
    assert all(r.function and r.monthly_salary_dkk is None for r in costing.roles.values())
    assert costing.fte_hours_basis == "assumption"
    rehab = [v for v in costing.volumes if v.process == "rehabiliteringsteam"]
    assert sum(v.cases_per_year for v in rehab) == 37539  # table 5.2
    assert all(v.basis == "assumption" for v in rehab)  # the split over groups is ours
    interviews = [v for v in costing.volumes if v.process == "jobsamtaler"]
    assert sum(v.cases_per_year for v in interviews) == 2_400_000
    assert all(v.basis == "assumption" for v in interviews)  # the split is ours


def test_schema_costing_is_generated_from_the_model(capsys):
    assert main(["schema", "costing"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "CostingFile"
    assert {"roles", "overhead_share", "fte_hours", "volumes", "checks"} <= set(
        schema["properties"]
    )


def test_an_activity_role_unknown_to_the_costing_file(tmp_path, capsys):
    definition = yaml.safe_load((bundled_process_folder() / "jobsamtaler.yaml").read_text())
    definition["subprocesses"][1]["activities"][0]["role"] = "interpreter"
    processes = tmp_path / "processes"
    processes.mkdir()
    (processes / "jobsamtaler.yaml").write_text(yaml.safe_dump(definition, allow_unicode=True))
    load_catalogue([processes])  # a valid process file on its own
    assert main(["cost", str(EXAMPLES), "--processes", str(processes)]) == 2
    err = " ".join(capsys.readouterr().err.split())
    line = next(
        number
        for number, text in enumerate((processes / "jobsamtaler.yaml").read_text().splitlines(), 1)
        if "role: interpreter" in text
    )
    assert f"jobsamtaler.yaml:{line}: subprocesses[1].activities[0].role: role 'interpreter'" in err


def test_cost_from_a_merges_json_equals_cost_from_the_exports(tmp_path, capsys):
    merged = tmp_path / "merged.json"
    assert main(["merge", str(EXAMPLES), "--format", "json", "--out", str(merged)]) == 0
    capsys.readouterr()
    from_exports = run_json(capsys, EXAMPLES)
    from_merge = run_json(capsys, merged)
    functions_at: dict[tuple[str, str, str], int] = {}
    for row in from_exports["functions"]:
        if row["hours_mid"]:
            key = (row["process_id"], row["group_id"], row["level"])
            functions_at[key] = functions_at.get(key, 0) + 1
    exact = ("hours_low", "hours_mid", "hours_high", "dkk_mid", "fte", "dkk_per_year")
    for mine, theirs in zip(from_merge["costs"], from_exports["costs"], strict=True):
        assert (mine["process_id"], mine["level"]) == (theirs["process_id"], theirs["level"])
        for name in exact:
            if theirs[name] is None:
                assert mine[name] is None
            else:
                # the merge's JSON rounds each activity's mean to 6 decimals
                assert mine[name] == pytest.approx(theirs[name], rel=1e-5, abs=0.01), name
        # where one function does all of a level, its average rate is exact for the high too
        # (not where another function shares it: sanctions' benefit decisions, the rehab
        # team's secretariat)
        key = (mine["process_id"], mine["group_id"], mine["level"])
        if functions_at.get(key, 0) == 1:
            assert mine["dkk_high"] == pytest.approx(theirs["dkk_high"], rel=1e-5)
        assert mine["hours_ci_low"] is None  # no bootstrap without the workshops
    by_function = {
        (f["process_id"], f["group_id"], f["level"], f["function"]): f["dkk_mid"]
        for f in from_exports["functions"]
    }
    for row in from_merge["functions"]:
        key = (row["process_id"], row["group_id"], row["level"], row["function"])
        assert row["dkk_mid"] == pytest.approx(by_function[key], rel=1e-5, abs=0.01)
    ratios = [c["ratio"] for c in from_merge["checks"]]
    assert ratios == pytest.approx([c["ratio"] for c in from_exports["checks"]], rel=1e-5)


def test_a_merge_and_exports_together_or_a_report_from_a_merge_are_refused(tmp_path, capsys):
    merged = tmp_path / "merged.json"
    assert main(["merge", str(EXAMPLES), "--format", "json", "--out", str(merged)]) == 0
    assert main(["cost", str(merged), str(EXAMPLES)]) == 2
    assert "not both" in " ".join(capsys.readouterr().err.split())
    out = tmp_path / "report.html"
    assert main(["report", str(merged), "--out", str(out), "--lang", "en"]) == 2
    assert "needs the exports themselves" in " ".join(capsys.readouterr().err.split())
    broken = tmp_path / "broken-merge.json"
    broken.write_text(
        '{"unit": "hours", "levels": [{"process_id": "jobsamtaler"}], "activity_drivers": []}'
    )
    assert main(["cost", str(broken), "--lang", "en"]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "broken-merge.json: levels[0]: missing group_id, level" in err


# The source's way: a salary per function, finer roles within one.
FUNCTION_COSTING = """\
price_year: 2022
overhead_share: 0.15
fte_hours: 1380
fte_hours_basis: assumption
fte_hours_source: test
functions:
  borgernaere:
    name: {da: Borgernære, en: Citizen-facing}
    monthly_salary_dkk: 40000
    basis: assumption
    source: test
  ydelse:
    name: {da: Ydelse, en: Benefits}
    monthly_salary_dkk: 30000
    basis: assumption
    source: test
  tvaergaaende:
    name: {da: Tværgående, en: Cross-cutting}
    monthly_salary_dkk: 50000
    basis: assumption
    source: test
roles:
  company_consultant:
    name: {da: Virksomhedskonsulent, en: Company consultant}
    function: borgernaere
"""


def test_an_activity_of_another_function_costs_that_functions_salary(
    tmp_path, capsys, two_workshops, interviews
):
    folder, sessions = two_workshops
    definition = yaml.safe_load((bundled_process_folder() / "jobsamtaler.yaml").read_text())
    benefit = definition["subprocesses"][2]["activities"][0]
    benefit["role"] = "ydelse"
    definition["subprocesses"][0]["activities"][0]["role"] = "company_consultant"
    processes = tmp_path / "processes"
    processes.mkdir()
    (processes / "jobsamtaler.yaml").write_text(yaml.safe_dump(definition, allow_unicode=True))
    costing = tmp_path / "costing.yaml"
    costing.write_text(FUNCTION_COSTING)
    data = run_json(capsys, folder, "--costing", costing, "--processes", processes)
    citizen_rate, benefit_rate = (s * 12 * 1.15 / 1380 for s in (40000, 30000))
    benefit_hours = [
        sum(
            a.span.mid
            for a in session_totals(interviews, s)["taet_paa"].activities
            if a.line.id == benefit["id"] and a.span
        )
        for s in sessions
    ]
    all_hours = [session_totals(interviews, s)["taet_paa"].total.mid for s in sessions]
    mean_benefit = sum(benefit_hours) / 2
    mean_rest = sum(all_hours) / 2 - mean_benefit
    total = next(r for r in data["costs"] if r["group_id"] == "taet_paa" and r["level"] == "total")
    assert total["dkk_mid"] == pytest.approx(mean_rest * citizen_rate + mean_benefit * benefit_rate)
    functions = {
        f["function"]: f
        for f in data["functions"]
        if f["group_id"] == "taet_paa" and f["level"] == "total"
    }
    # the company consultant's hours are the citizen-facing function's
    assert set(functions) == {"borgernaere", "ydelse"}
    assert functions["ydelse"]["hours_mid"] == pytest.approx(mean_benefit)
    assert functions["ydelse"]["dkk_mid"] == pytest.approx(mean_benefit * benefit_rate)
    assert functions["borgernaere"]["dkk_mid"] == pytest.approx(mean_rest * citizen_rate)
    assert data["price_year"] == 2022


def test_an_old_costing_file_without_functions_still_loads(catalogue):
    """A file from before functions (roles only): every function's hours, the bundled
    processes' benefit activities too, cost the caseworker's salary as before."""
    path = Path(__file__).parent / "old_costing.yaml"
    costing = load_costing_text(SMALL_COSTING, path.name, catalogue)
    assert costing.file.functions == {}
    assert costing.file.hourly_cost("ydelse") == pytest.approx(420)
    assert costing.file.hourly_cost("borgernaere") == pytest.approx(420)
    assert costing.file.hourly_cost("company_consultant") == pytest.approx(60000 * 12 * 1.2 / 1500)


def load_costing_text(text, name, catalogue):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(text)
        return load_costing(path, catalogue)


def test_the_rehabilitation_check_shows_the_ratio_of_the_published_averages(capsys):
    """16.0 hours a meeting (the published averages weighted by table 5.2's meetings)
    at DKK 453 an hour x 37,539 meetings: DKK 272 million, ratio 0.57 of the 480."""
    data = run_json(capsys, EXAMPLES)
    check = next(c for c in data["checks"] if c["id"] == "rehab_480m")
    assert check["average_hours_per_case"] == pytest.approx(
        (20.5 * 16354 + 9.1 * 6400 + 14.0 * 14785) / 37539
    )
    rate = 46000 * 12 * 1.15 / 1400
    assert check["average_dkk"] == pytest.approx(check["average_hours_per_case"] * rate * 37539)
    assert round(check["average_ratio"], 2) == 0.57


def test_a_function_file_without_the_citizen_facing_function_or_with_a_stray_role(tmp_path, capsys):
    costing = tmp_path / "costing.yaml"
    costing.write_text(FUNCTION_COSTING.replace("  borgernaere:", "  citizen:"))
    assert main(["cost", str(EXAMPLES), "--costing", str(costing)]) == 2
    assert "functions must include 'borgernaere'" in " ".join(capsys.readouterr().err.split())
    costing.write_text(FUNCTION_COSTING.replace("function: borgernaere", "function: sales"))
    assert main(["cost", str(EXAMPLES), "--costing", str(costing)]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "role 'company_consultant' names function 'sales', not in functions" in err
    assert "Traceback" not in err
