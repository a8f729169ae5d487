"""Text is one text: a name is one name however it was saved, lists sort as a Dane reads
them, a typed municipality is found, mojibake is pointed out, and a municipality's report
names no other municipality in any spelling."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from workshop_tui.cli.main import main
from workshop_tui.core.costing.loader import read_municipality_volumes
from workshop_tui.core.demo import demo_session
from workshop_tui.core.exports import to_csv
from workshop_tui.core.merge import anonymise, load_exports, summarise
from workshop_tui.core.municipalities import find_municipality, near_names, sorted_names
from workshop_tui.core.session.model import LocalActivity, Session
from workshop_tui.core.session.storage import save_session

ARHUS = "Århus Kommune"
ARHUS_DECOMPOSED = unicodedata.normalize("NFD", ARHUS)  # 'A' and a combining ring


def decomposed(path: Path) -> None:
    """Rewrite a saved file with every å, æ, ø as macOS saves them: decomposed (NFD)."""
    path.write_text(unicodedata.normalize("NFD", path.read_text("utf-8")), "utf-8")


def spellings(name: str) -> list[str]:
    """Every way a page could hold `name`: composed, decomposed, upper and lower case."""
    forms = {name, name.upper(), name.lower(), name.casefold()}
    return sorted(forms | {unicodedata.normalize("NFD", form) for form in forms})


# ---------------------------------------------------------------- one name, one spelling


@pytest.fixture
def arhus_twice(interviews, tmp_path) -> Path:
    """Two workshops of Århus Kommune: one saved composed, one (JSON and CSV) decomposed,
    with a note and a room's own activity naming Århus."""
    folder = tmp_path / "exports"
    composed = demo_session(interviews, ARHUS, seed=1)
    save_session(composed, folder / "composed.json", touch=False)
    other = demo_session(interviews, ARHUS, seed=2)
    other.notes = "Som i Århus plejer vi at gøre"
    other.cost_driver_notes[1] = "ÅRHUS' egen model"
    other.local_activities.append(
        LocalActivity(id="local_model", subprocess=1, name="Århus-modellen")
    )
    save_session(other, folder / "decomposed.json", touch=False)
    decomposed(folder / "decomposed.json")
    third = demo_session(interviews, ARHUS, seed=3)
    (folder / "decomposed.csv").write_text(
        unicodedata.normalize("NFD", to_csv(third, interviews)), encoding="utf-8"
    )
    return folder


def test_a_decomposed_name_is_the_municipality_of_its_composed_spelling(arhus_twice, catalogue):
    assert ARHUS_DECOMPOSED.encode() in (arhus_twice / "decomposed.json").read_bytes()
    result = load_exports([arhus_twice], catalogue)
    assert result.problems == []
    assert len(result.records) == 3
    assert {r.municipality for r in result.records} == {ARHUS}
    summary = summarise(result, catalogue)
    assert set(summary.workshops["municipality"]) == {ARHUS}


def test_anonymising_catches_a_decomposed_name_in_notes_and_the_rooms_activities(
    arhus_twice, catalogue
):
    hidden = anonymise(load_exports([arhus_twice], catalogue), "da")
    summary = summarise(hidden, catalogue)
    texts = json.dumps(
        [
            [r.notes, r.cost_driver_notes, [name for _, _, name in r.local_activities]]
            for r in hidden.records
        ]
        + [summary.local_activities.astype(str).to_dict()],
        ensure_ascii=False,
    )
    assert "Kommune A-modellen" in texts and "Som i Kommune A plejer" in texts
    assert not [form for form in spellings("Århus") if form in texts]


def test_a_costing_files_volumes_name_the_municipality_as_the_sessions_do(catalogue, tmp_path):
    volumes = tmp_path / "volumes.csv"
    volumes.write_text(
        f"municipality,process,group,cases_per_year\n{ARHUS_DECOMPOSED},jobsamtaler,taet_paa,120\n",
        encoding="utf-8",
    )
    assert read_municipality_volumes(volumes, catalogue) == {
        (ARHUS, "jobsamtaler", "taet_paa"): 120.0
    }


# ---------------------------------------------------------------- Danish order, finding a name


def test_municipalities_sort_in_danish_order():
    names = ["Århus", "Ærø", "Zealand", "Østby", "Aabenraa", "Bjergsø", "ærø", "Ébeltoft"]
    assert sorted_names(names) == [
        "Aabenraa",
        "Bjergsø",
        "Ébeltoft",
        "Zealand",
        "Ærø",
        "ærø",
        "Østby",
        "Århus",
    ]
    assert sorted_names([ARHUS_DECOMPOSED, "Ærø Kommune"]) == ["Ærø Kommune", ARHUS_DECOMPOSED]


def test_a_municipality_is_found_whatever_its_case_and_spelling():
    names = ["Højby Kommune", "Ærø Kommune", ARHUS]
    assert find_municipality("højby kommune", names) == "Højby Kommune"
    assert find_municipality("HØJBY", names) == "Højby Kommune"
    assert find_municipality(ARHUS_DECOMPOSED.lower(), names) == ARHUS
    assert find_municipality("Odense", names) is None
    assert near_names("Hojby Komune", names) == ["Højby Kommune"]
    assert near_names("Odense", names) == []


def test_a_municipality_is_found_with_ae_oe_and_aa_written_out():
    """A keyboard without Æ, Ø and Å, or the old spelling: 'aarhus' is Århus."""
    names = ["Højby Kommune", "Ærø Kommune", ARHUS, "Aabenraa Kommune"]
    assert find_municipality("aarhus", names) == ARHUS
    assert find_municipality("Aeroe kommune", names) == "Ærø Kommune"
    assert find_municipality("hoejby", names) == "Højby Kommune"
    assert find_municipality("Åbenrå", names) == "Aabenraa Kommune"
    # the name as written wins over a spelled-out reading of another
    assert find_municipality("aarhus", ["Aarhus Kommune", ARHUS]) == "Aarhus Kommune"
    assert near_names("Aarhuss", names) == [ARHUS]


# ---------------------------------------------------------------- mojibake


def test_likely_mojibake_is_a_screening_finding_named_and_hidden_when_anonymised(
    interviews, catalogue, tmp_path
):
    folder = tmp_path / "exports"
    save_session(demo_session(interviews, "BjergsÃ¸ Kommune"), folder / "a.json", touch=False)
    save_session(demo_session(interviews, "Ærø Kommune"), folder / "b.json", touch=False)
    result = load_exports([folder], catalogue)
    [finding] = result.screening
    assert (finding.rule, finding.action) == ("likely_mojibake", "flagged")
    assert "'Bjergsø Kommune'" in finding.detail_text("en")
    assert len(result.records) == 2  # flagged, still counted
    hidden = anonymise(result, "en")
    assert "Bjergs" not in hidden.screening[0].detail_text("en")

    out = tmp_path / "merged.csv"
    argv = ["--lang", "en", "merge", str(folder), "--format", "csv", "--table", "screening"]
    assert main([*argv, "--out", str(out)]) == 0
    screening = out.read_text("utf-8")
    assert "likely_mojibake" in screening and "Bjergsø Kommune" in screening


# ---------------------------------------------------------------- the municipal report


@pytest.fixture
def hojby_and_peers(interviews, tmp_path) -> Path:
    """Højby's workshop well above its peers on every subprocess, each of its notes
    naming Ærø; Ærø's and Åby's rooms, with fewer hours, naming themselves."""
    folder = tmp_path / "exports"
    hojby = demo_session(interviews, "Højby Kommune", seed=1)
    for entry in hojby.activities.values():
        for estimate in entry.estimates.values():
            assert estimate.low is not None and estimate.high is not None
            estimate.low, estimate.high = estimate.low * 3, estimate.high * 3
    numbers = [s.number for s in interviews.subprocesses]
    hojby.cost_driver_notes = {n: "Meget dokumentation i Ærø-stil" for n in numbers}
    hojby.notes = "Vi gør som ÆRØS team"
    save_session(hojby, folder / "hojby.json", touch=False)
    peers: list[Session] = [
        demo_session(interviews, "Ærø Kommune", seed=2),
        demo_session(interviews, "Åby Kommune", seed=3),
    ]
    peers[0].cost_driver_notes = {n: "I ærø kommune holder vi korte samtaler" for n in numbers}
    peers[1].cost_driver_notes = {n: "Ærøs skabeloner sparer tid" for n in numbers}
    for peer in peers:
        name = peer.municipality.split()[0].lower()
        save_session(peer, folder / f"{name}.json", touch=False)
    decomposed(folder / "åby.json")
    return folder


def municipal_report(folder: Path, tmp_path: Path, typed: str, lang: str) -> str:
    out = tmp_path / f"report-{lang}.html"
    argv = ["report", str(folder), "--municipality", typed, "--out", str(out), "--lang", lang]
    assert main(argv) == 0
    return unicodedata.normalize("NFC", out.read_text("utf-8"))


@pytest.mark.parametrize(("lang", "label"), [("en", "Municipality"), ("da", "Kommune")])
def test_a_municipal_report_names_no_other_municipality_in_any_spelling(
    hojby_and_peers, tmp_path, lang, label
):
    page = municipal_report(hojby_and_peers, tmp_path, "højby kommune", lang)
    assert "Højby Kommune" in page  # found from the lower-case spelling
    for other in ("Ærø", "Åby"):
        assert not [form for form in spellings(other) if form in page], other
    # the room's own note, and the notes of the rooms with fewer hours, as merge
    # --anonymise writes them: Højby is A, Ærø B, Åby C in Danish order
    assert f"Meget dokumentation i {label} B-stil" in page
    assert f"I {label} B holder vi korte samtaler" in page
    assert f"{label} B skabeloner sparer tid" in page


def test_the_report_ranks_no_one_and_says_what_benchlearning_is(hojby_and_peers, tmp_path):
    english = municipal_report(hojby_and_peers, tmp_path, "Højby Kommune", "en")
    assert "Rank" not in english and " of 3<" not in english
    assert "Benchlearning: what rooms with fewer hours noted" in english
    assert "best and lasting results for the same expenditure" in english
    assert "Known cost drivers" in english
    assert "A room with " in english
    danish = municipal_report(hojby_and_peers, tmp_path, "Højby Kommune", "da")
    assert "Placering" not in danish
    assert "bedste og varige resultater med de samme udgifter" in danish
    assert "Et rum med " in danish


def test_an_unknown_municipality_names_the_near_ones_and_exits_2(hojby_and_peers, tmp_path, capsys):
    out = tmp_path / "report.html"
    argv = ["report", str(hojby_and_peers), "--municipality", "Hojby", "--out", str(out)]
    assert main([*argv, "--lang", "en"]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "No workshop from 'Hojby'" in err and "Did you mean: Højby Kommune?" in err
    assert "Municipalities: Højby Kommune; Ærø Kommune; Åby Kommune" in err
    assert "Traceback" not in err and not out.exists()


def test_the_fewest_hours_come_first_and_a_page_shows_five_notes_however_many_rooms(
    hojby_and_peers, interviews, tmp_path
):
    for seed in range(4, 9):
        peer = demo_session(interviews, f"By {seed} Kommune", seed=seed)
        peer.cost_driver_notes = {s.number: f"Note {seed}" for s in interviews.subprocesses}
        save_session(peer, hojby_and_peers / f"by{seed}.json", touch=False)
    page = municipal_report(hojby_and_peers, tmp_path, "Højby Kommune", "en")
    drivers = page.split('data-driver="')[1:]
    assert drivers
    for driver in drivers:
        hours = [float(h) for h in re.findall(r"A room with ([\d.]+) h", driver)]
        assert len(hours) == 5 and hours == sorted(hours)
        assert "and 2 more rooms with fewer hours and a note" in driver
