"""`workshop-tui report --all-municipalities --out DIR`: every municipality's page and the
national page from one run, each the very page a single run writes; and a page that
does not grow with the exports (the peers drawn as a histogram, not a dot each)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.test_report import EXAMPLES, NAMES
from workshop_tui.cli.main import main
from workshop_tui.core.demo import demo_session
from workshop_tui.core.process.catalogue import load_catalogue
from workshop_tui.core.report.batch import page_filenames
from workshop_tui.core.session.storage import save_session


def test_one_run_writes_the_pages_single_runs_write(tmp_path, capsys):
    folder = tmp_path / "pages"
    assert main(["report", str(EXAMPLES), "--all-municipalities", "--out", str(folder)]) == 0
    assert f"Wrote {len(NAMES) + 1} pages to {folder}" in capsys.readouterr().err
    files = page_filenames(sorted(NAMES))
    assert sorted(p.name for p in folder.iterdir()) == sorted([*files.values(), "national.html"])
    for name in (NAMES[0], NAMES[3]):
        single = tmp_path / "single.html"
        assert main(["report", str(EXAMPLES), "--municipality", name, "--out", str(single)]) == 0
        assert (folder / files[name]).read_bytes() == single.read_bytes()
    national = tmp_path / "national.html"
    assert main(["report", str(EXAMPLES), "--out", str(national)]) == 0
    assert (folder / "national.html").read_bytes() == national.read_bytes()


def test_page_file_names_are_readable_and_never_clash():
    names = page_filenames(["Aarhus Øst", "aarhus øst", "National", "Søby"])
    assert names == {
        "Aarhus Øst": "aarhus_oest.html",
        "aarhus øst": "aarhus_oest_2.html",
        "National": "national_2.html",
        "Søby": "soeby.html",
    }


@pytest.mark.parametrize("extra", [["--municipality", NAMES[0]], ["--anonymise"]])
def test_all_municipalities_with_a_single_page_option_is_refused(tmp_path, capsys, extra):
    argv = ["report", str(EXAMPLES), "--all-municipalities", "--out", str(tmp_path), *extra]
    assert main(argv) == 2
    assert "--all-municipalities writes every municipality's page" in capsys.readouterr().err


def _exports(folder: Path, peers: int) -> Path:
    """One own workshop per process for Søby, and `peers` workshops of others."""
    processes = list(load_catalogue())
    folder.mkdir()
    for index, process in enumerate(processes):
        save_session(demo_session(process, "Søby", seed=index), folder / f"own{index}.json")
    for index in range(peers):
        process = processes[index % len(processes)]
        session = demo_session(process, f"Peer {index % 7}", seed=100 + index)
        save_session(session, folder / f"peer{index}.json")
    return folder


def test_a_page_does_not_grow_with_the_peers(tmp_path):
    pages = {}
    for peers in (10, 200):
        exports = _exports(tmp_path / f"exports{peers}", peers)
        out = tmp_path / f"soeby{peers}.html"
        assert main(["report", str(exports), "--municipality", "Søby", "--out", str(out)]) == 0
        pages[peers] = out.read_text(encoding="utf-8")
    # twenty times the peers, and hardly an element more (an axis tick or two): each
    # level's peers are one histogram (at most 24 bars in one path), never a dot each
    assert pages[200].count("<") < 1.05 * pages[10].count("<")
    assert len(pages[200]) < 1.5 * len(pages[10])


def test_the_national_page_shows_a_few_notes_per_driver_and_counts_the_rest(tmp_path):
    from workshop_tui.core.report.data import MAX_NOTES

    process = load_catalogue().get("jobsamtaler")
    folder = tmp_path / "exports"
    folder.mkdir()
    for index in range(MAX_NOTES + 12):
        session = demo_session(process, f"Kommune {index}", seed=index)
        notes = {number: f"Note {index}-{number}" for number in (1, 2, 3)}
        session = session.model_copy(update={"cost_driver_notes": notes})
        save_session(session, folder / f"{index}.json")
    out = tmp_path / "national.html"
    assert main(["report", str(folder), "--out", str(out), "--lang", "en"]) == 0
    page = out.read_text(encoding="utf-8")
    drivers = page.count("Known cost drivers")
    assert drivers >= 3
    assert page.count("“Kommune ") == drivers * MAX_NOTES  # each driver: the first few notes
    assert page.count("And 12 notes more: the merge") == drivers
