"""Loading process files: the bundled catalogue, extra folders, and clear errors."""

import subprocess
import sys
import textwrap
from importlib import resources
from pathlib import Path

import pytest

from workshop_tui.cli.main import main
from workshop_tui.core.errors import WorkshopError
from workshop_tui.core.process import cache as process_cache
from workshop_tui.core.process import catalogue as catalogue_module
from workshop_tui.core.process.catalogue import bundled_folder, load_catalogue, load_process_file
from workshop_tui.core.process.model import ProcessDefinition

VALID = textwrap.dedent(
    """\
    id: sjette
    version: "1"
    name: {da: Sjette proces, en: Sixth process}
    description: {da: En kommunes egen proces, en: A municipality's own process}
    starts: {da: Start, en: Start}
    ends: {da: Slut, en: End}
    groups:
      - id: taet_paa
        name: {da: Tæt på arbejdsmarkedet, en: Close to the labour market}
      - id: langt_fra
        name: {da: Langt fra arbejdsmarkedet, en: Far from the labour market}
    subprocesses:
      - number: 1
        id: forberedelse
        name: {da: Forberedelse, en: Preparation}
        activities:
          - id: laese_sag
            name: {da: Læse sagen, en: Read the case}
            time_consuming: true
          - id: ringe_op
            name: {da: Ringe op, en: Call the citizen}
      - number: 2
        id: moede
        name: {da: Møde, en: Meeting}
        activities:
          - id: selve_moedet
            name: {da: Selve mødet, en: The meeting}
    reference:
      source: Test source
      table: Table 1
      groups:
        - group: taet_paa
          subprocesses:
            1: {low: 0.5, high: 1.0}
          total: {low: 1.0, high: 2.0}
          avg: 1.5
    provenance:
      source: Test
      note: {da: Opdigtet, en: Made up}
    """
)


def write(tmp_path: Path, text: str, name: str = "sjette.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    lines = [i + 1 for i, line in enumerate(text.splitlines()) if needle in line]
    return lines[occurrence - 1]


def problems_for(tmp_path: Path, text: str) -> list:
    with pytest.raises(WorkshopError) as caught:
        load_process_file(write(tmp_path, text))
    return caught.value.problems


def test_valid_file_loads(tmp_path):
    process = load_process_file(write(tmp_path, VALID))
    assert process.id == "sjette"
    assert process.activity_ids == ["laese_sag", "ringe_op", "selve_moedet"]


def test_bundled_catalogue_has_the_five_processes():
    catalogue = load_catalogue()
    assert sorted(p.id for p in catalogue) == [
        "andre_tilbud",
        "jobsamtaler",
        "rehabiliteringsteam",
        "sanktioner",
        "virksomhedspraktik",
    ]
    rehab = catalogue.get("rehabiliteringsteam")
    assert rehab.group_ids == ["langt_fra", "syg_til_jobafklaring", "jobafklaring_til_jobafklaring"]
    interviews = catalogue.get("jobsamtaler")
    assert len(interviews.subprocesses) == 3 and len(interviews.activity_ids) == 8


def test_inferred_processes_say_so():
    catalogue = load_catalogue()
    for process_id in ("sanktioner", "virksomhedspraktik"):
        process = catalogue.get(process_id)
        assert all(s.inferred for s in process.subprocesses)
        assert all(a.inferred for s in process.subprocesses for a in s.activities)


def test_bad_yaml_names_the_line(tmp_path):
    text = VALID.replace("  - number: 2", "  - number: 2\n   bad: [unclosed")
    [problem] = problems_for(tmp_path, text)
    assert "YAML syntax error" in problem.message
    assert problem.line is not None and abs(problem.line - line_of(text, "bad: [unclosed")) <= 1


def test_unknown_group_in_reference(tmp_path):
    text = VALID.replace("- group: taet_paa", "- group: sygemeldte")
    [problem] = problems_for(tmp_path, text)
    assert "unknown group 'sygemeldte'" in problem.message
    assert problem.field == "reference.groups[0].group"
    assert problem.line == line_of(text, "- group: sygemeldte")


def test_duplicate_activity_id(tmp_path):
    text = VALID.replace("- id: ringe_op", "- id: laese_sag")
    [problem] = problems_for(tmp_path, text)
    assert "duplicate activity id 'laese_sag'" in problem.message
    assert problem.line == line_of(text, "- id: laese_sag", 2)


def test_duplicate_key(tmp_path):
    text = VALID.replace('version: "1"', 'version: "1"\nversion: "2"')
    [problem] = problems_for(tmp_path, text)
    assert "'version' appears twice" in problem.message
    assert problem.line == line_of(text, 'version: "2"')


def test_low_above_high(tmp_path):
    text = VALID.replace("1: {low: 0.5, high: 1.0}", "1: {low: 1.5, high: 1.0}")
    [problem] = problems_for(tmp_path, text)
    assert "low (1.5) is above high (1.0)" in problem.message
    assert problem.line == line_of(text, "1: {low: 1.5")
    assert "reference.groups[0].subprocesses" in problem.field


def test_negative_hours(tmp_path):
    text = VALID.replace("total: {low: 1.0, high: 2.0}", "total: {low: -1.0, high: 2.0}")
    [problem] = problems_for(tmp_path, text)
    assert problem.field == "reference.groups[0].total.low"
    assert "greater than or equal to 0" in problem.message
    assert problem.line == line_of(text, "low: -1.0")


def test_average_outside_range(tmp_path):
    text = VALID.replace("avg: 1.5", "avg: 2.5")
    [problem] = problems_for(tmp_path, text)
    assert "avg 2.5 is outside the total range" in problem.message
    assert problem.line == line_of(text, "- group: taet_paa")


@pytest.mark.parametrize(
    "missing, kept", [("en", "name: {da: Læse sagen}"), ("da", "name: {en: Read the case}")]
)
def test_missing_name_in_one_language(tmp_path, missing, kept):
    text = VALID.replace("name: {da: Læse sagen, en: Read the case}", kept)
    [problem] = problems_for(tmp_path, text)
    assert problem.field == f"subprocesses[0].activities[0].name.{missing}"
    assert problem.message == "required field is missing"
    assert problem.line == line_of(text, kept)


def test_every_problem_is_reported_at_once(tmp_path):
    text = VALID.replace("- id: ringe_op", "- id: laese_sag").replace(
        "- group: taet_paa", "- group: ukendt"
    )
    problems = problems_for(tmp_path, text)
    assert len(problems) == 2
    assert all(str(p).startswith(str(tmp_path / "sjette.yaml") + ":") for p in problems)


def test_unknown_key_is_refused(tmp_path):
    text = VALID.replace("time_consuming: true", "time_consumming: true")
    [problem] = problems_for(tmp_path, text)
    assert problem.field.endswith("time_consumming")
    assert "unknown field" in problem.message


def test_extra_folder_adds_and_replaces(tmp_path):
    write(tmp_path, VALID)
    replacement = VALID.replace("id: sjette", "id: jobsamtaler").replace(
        'version: "1"', 'version: "lokal-1"'
    )
    write(tmp_path, replacement, "jobsamtaler.yaml")
    catalogue = load_catalogue([tmp_path])
    assert catalogue.get("sjette").version == "1"
    assert catalogue.get("jobsamtaler").version == "lokal-1"
    assert len(catalogue) == 6


def test_broken_extra_file_stops_loading_with_its_name(tmp_path):
    write(tmp_path, "id: [", "broken.yaml")
    with pytest.raises(WorkshopError) as caught:
        load_catalogue([tmp_path])
    assert caught.value.problems[0].path.name == "broken.yaml"


def test_missing_extra_folder(tmp_path):
    with pytest.raises(WorkshopError, match="not a folder"):
        load_catalogue([tmp_path / "nowhere"])


@pytest.fixture
def no_bundled_processes(tmp_path, monkeypatch):
    """An install whose process files are missing: the bundled folder is empty."""
    empty = tmp_path / "bundled"
    empty.mkdir()
    monkeypatch.setattr(catalogue_module, "bundled_process_folder", lambda lang="en": empty)
    return empty


EXAMPLES = Path(__file__).resolve().parents[2] / "exports" / "examples"


@pytest.mark.parametrize("command", [["processes"], ["merge", str(EXAMPLES)], ["demo"]])
def test_no_process_at_all_is_an_error_naming_the_folder_not_an_empty_list(
    no_bundled_processes, command, capsys
):
    assert main(["--lang", "en", *command]) == 2
    out, err = capsys.readouterr()
    assert "No processes" in err and str(no_bundled_processes) in err
    assert "Reinstall workshop-tui, or give --processes a folder" in err
    assert out == ""


def test_no_process_at_all_is_said_in_danish_too(no_bundled_processes):
    with pytest.raises(WorkshopError) as caught:
        load_catalogue(lang="da")
    assert caught.value.title == "Ingen processer"
    assert "Geninstallér workshop-tui" in caught.value.detail


def test_an_extra_folder_fills_a_catalogue_whose_bundled_files_are_missing(
    no_bundled_processes, tmp_path
):
    write(tmp_path, VALID)
    assert [p.id for p in load_catalogue([tmp_path])] == ["sjette"]


def test_the_bundled_files_are_read_from_a_folder_on_disk():
    folder = bundled_folder("workshop_tui.processes")
    assert (folder / "__init__.py").is_file()  # a regular package: files() is a Path
    assert len(list(folder.glob("*.yaml"))) == 5
    assert folder == resources.files("workshop_tui.processes")  # found without it, the same


def test_bundled_files_of_a_namespace_package_are_refused_not_read_as_none(tmp_path, monkeypatch):
    # without an __init__.py a folder imports as a namespace package, whose files() is a
    # MultiplexedPath: str() of it is no path, and globbing that finds nothing
    (tmp_path / "loose_processes").mkdir()
    (tmp_path / "loose_processes" / "jobsamtaler.yaml").write_text("id: jobsamtaler\n")
    monkeypatch.syspath_prepend(tmp_path)
    with pytest.raises(WorkshopError) as caught:
        bundled_folder("loose_processes")
    assert "loose_processes is not a folder on disk (MultiplexedPath)" in caught.value.detail
    assert caught.value.title == "The installed files are incomplete"


def test_validate_accepts_the_bundled_process_files(capsys):
    from workshop_tui.cli.main import main
    from workshop_tui.core.process.catalogue import bundled_process_folder

    files = sorted(str(path) for path in bundled_process_folder().glob("*.yaml"))
    assert len(files) == 5
    assert main(["validate", *files]) == 0, capsys.readouterr().err


@pytest.fixture
def bundled_copy(tmp_path, monkeypatch):
    """The bundled process files copied to a folder the test may break."""
    folder = tmp_path / "bundled"
    folder.mkdir()
    for path in catalogue_module.bundled_process_folder().glob("*.yaml"):
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(catalogue_module, "bundled_process_folder", lambda lang="en": folder)
    return folder


def saved_session(folder: Path, process_id: str) -> Path:
    from workshop_tui.core.demo import demo_session
    from workshop_tui.core.session.storage import save_session, session_filename

    session = demo_session(load_catalogue().get(process_id), "Firstby")
    path = folder / session_filename(session)
    save_session(session, path, touch=False)
    return path


def test_opening_a_session_reads_its_own_process_file_and_no_other(bundled_copy, tmp_path):
    from workshop_tui.core.session.editor import SessionEditor

    path = saved_session(tmp_path, "rehabiliteringsteam")
    expected = load_catalogue().get("rehabiliteringsteam")
    (bundled_copy / "jobsamtaler.yaml").write_text("id: [broken", encoding="utf-8")
    editor = SessionEditor.open(path, None)
    try:
        assert editor.process == expected
    finally:
        editor.close()


def test_a_session_whose_process_file_is_missing_is_refused_naming_the_known_ones(
    bundled_copy, tmp_path
):
    from workshop_tui.core.session.editor import SessionEditor

    path = saved_session(tmp_path, "rehabiliteringsteam")
    (bundled_copy / "rehabiliteringsteam.yaml").unlink()
    with pytest.raises(WorkshopError) as caught:
        SessionEditor.open(path, None)
    assert "Unknown process 'rehabiliteringsteam'" in caught.value.text()
    assert "jobsamtaler" in caught.value.text()


def test_a_process_file_read_again_comes_from_its_copy_without_pyyaml(tmp_path):
    """`open FILE` reads its process file before the first frame: a second time from the
    copy kept the first time, the same definition, without PyYAML's import and parse."""
    path = write(tmp_path, VALID)
    first = load_process_file(path)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from workshop_tui.core.process.catalogue import load_process_file\n"
        f"definition = load_process_file(Path({str(path)!r}))\n"
        "print('yaml' in sys.modules)\n"
        "print(definition.model_dump_json())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    loaded_yaml, again = result.stdout.splitlines()
    assert loaded_yaml == "False"
    assert ProcessDefinition.model_validate_json(again) == first


def test_an_edited_process_file_is_read_again_not_its_copy(tmp_path):
    path = write(tmp_path, VALID)
    load_process_file(path)
    path.write_text(VALID.replace("en: Sixth process", "en: Our sixth process"), "utf-8")
    assert load_process_file(path).name.en == "Our sixth process"
    path.write_text(VALID.replace("id: sjette", "id: Sjette"), "utf-8")
    with pytest.raises(WorkshopError) as caught:  # a mistake in the edit is still named
        load_process_file(path)
    assert caught.value.problems[0].field == "id"


def test_a_damaged_or_unwritable_copy_is_the_same_as_none(tmp_path, monkeypatch):
    path = write(tmp_path, VALID)
    first = load_process_file(path)
    copy = process_cache.copy_path(VALID)
    copy.write_text('{"id": "sjette"', encoding="utf-8")  # cut short
    assert load_process_file(path) == first
    assert ProcessDefinition.model_validate_json(copy.read_bytes()) == first  # kept again
    not_a_folder = tmp_path / "cache-is-a-file"
    not_a_folder.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(not_a_folder))
    assert load_process_file(path) == first
