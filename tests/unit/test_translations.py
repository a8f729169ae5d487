"""The Danish catalogue holds every text the code asks for, and nothing else.

The messages are extracted from the code with Babel, with the settings in
pyproject.toml that `pybabel extract` uses (docs/translating.md), and compared with
the committed .po; the committed .mo must be what compiling that .po gives.
"""

from __future__ import annotations

import io
import re
import tomllib
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_keywords
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from workshop_tui.core.i18n import nt, t

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "workshop_tui" / "locale" / "da" / "LC_MESSAGES"
BRACES = re.compile(r"\{(\w*)[^{}]*\}")


def extracted() -> set[str | tuple[str, str]]:
    """Every message id the code and the templates pass to t(), nt() and N_()."""
    babel = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["babel"]
    settings = babel["extract_messages"]
    method_map = [(m["pattern"], m["method"]) for m in babel["mappings"]]
    found: set[str | tuple[str, str]] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        ROOT / settings["input-paths"],
        method_map,
        keywords=parse_keywords(settings["keywords"].split()),
    ):
        found.add(message if isinstance(message, str) else (message[0], message[1]))
    return found


@pytest.fixture(scope="module")
def catalogue():
    with (LOCALE / "workshop_tui.po").open("rb") as handle:
        return read_po(handle)


@pytest.fixture(scope="module")
def in_code():
    return extracted()


def key(message) -> str | tuple[str, str]:
    return message.id if isinstance(message.id, str) else (message.id[0], message.id[1])


def test_every_text_in_the_code_has_a_danish_translation(catalogue, in_code):
    translated = {
        key(m): m.string for m in catalogue if m.id and m.string and all(m.string) and not m.fuzzy
    }
    missing = sorted(map(str, in_code - translated.keys()))
    assert not missing, f"no Danish for {len(missing)} texts, e.g. {missing[:5]}"


def test_no_translation_is_fuzzy_stale_or_obsolete(catalogue, in_code):
    fuzzy = [m.id for m in catalogue if m.id and m.fuzzy]
    stale = [m.id for m in catalogue if m.id and key(m) not in in_code]
    assert not fuzzy, f"fuzzy: {fuzzy[:5]}"
    assert not stale, f"in the catalogue but not in the code: {stale[:5]}"
    assert not catalogue.obsolete, f"obsolete: {list(catalogue.obsolete)[:5]}"


def test_a_danish_text_fills_the_same_fields_as_the_english(catalogue):
    for message in catalogue:
        if not message.id:
            continue
        english = [message.id] if isinstance(message.id, str) else list(message.id)
        danish = [message.string] if isinstance(message.string, str) else list(message.string)
        wanted = {name for text in english for name in BRACES.findall(text)}
        for text in danish:
            assert set(BRACES.findall(text)) == wanted, (message.id, text)
    assert not [error for _message, errors in catalogue.check() for error in errors]


def test_the_committed_mo_is_the_compiled_po(catalogue):
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    assert (LOCALE / "workshop_tui.mo").read_bytes() == compiled.getvalue()


def test_texts_are_danish_by_the_catalogue_and_counts_choose_the_form():
    assert t("Target group", "da") == "Målgruppe"
    assert t("Target group", "en") == "Target group"
    assert t("Wrote {path}", "da", path="x.csv") == "Skrev x.csv"
    assert nt("{count} row", "{count} rows", 1, "da", count=1) == "1 række"
    assert nt("{count} row", "{count} rows", 3, "da", count=3) == "3 rækker"
    assert nt("{count} row", "{count} rows", 1, "en", count=1) == "1 row"
