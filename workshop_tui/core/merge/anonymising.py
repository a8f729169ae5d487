"""Anonymisation fit for publication: what a merged result must not give away.

- Each municipality becomes a stable label ('Municipality A', 'Kommune A' in
  Danish), given in the Danish alphabetical order of the names.
- In every free text (session notes, activity notes, cost-driver notes, the
  names of activities added in the room) each municipality's name is replaced
  in all its forms, whole words only and whatever the case: "Søby", "SØBY",
  "Søby Kommune", "Søby kommune", "Søby Kommunes", and the genitives "Søbys",
  "Søby's", "Søby'", and in compounds ("Søby-stil"). A name like "Søby Kommune
  (fiktiv)" is known by its full form and by "Søby". Names and notes are read in
  one spelling (NFC, core/model_base.py UserText), so a decomposed "Søby" is caught too.
- Session ids become the label's own ids ('A-1', 'A-2', ...), dates are cut to
  the month ('2024-03'), and no file name is kept: a reader who has seen the
  files cannot match a row to one.
- Capitalised words left in the free texts are listed (`review_words`) for the
  analyst to check before publishing: a street, a person or a neighbouring town
  is not a municipality's name and is not caught.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from workshop_tui.core.merge.records import SessionRecord
from workshop_tui.core.merge.result import LoadResult
from workshop_tui.core.merge.screening import Finding
from workshop_tui.core.municipalities import name_forms, sorted_names
from workshop_tui.core.text import nfc
from workshop_tui.core.totals import ActivityLine

_CAPITALISED = re.compile(r"(?<![\w'])[A-ZÆØÅÉÜÖÄ][\wÆØÅæøå'-]*")


def municipality_labels(names: Iterable[str], lang: str = "en") -> dict[str, str]:
    """Stable labels: the names in Danish order, then 'Municipality A', 'B', ... ('Kommune A'
    in Danish).

    The same set of names gives the same labels whatever order the files were
    read in. After Z come AA, AB, ...
    """
    word = "Kommune" if lang == "da" else "Municipality"
    return {name: f"{word} {_letters(index)}" for index, name in enumerate(sorted_names(names))}


def _letters(index: int) -> str:
    text, index = "", index + 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(ord("A") + rest) + text
    return text


class Scrubber:
    """Replaces every form of the municipalities' names in a text by their labels."""

    def __init__(self, labels: dict[str, str]):
        self.labels = {
            nfc(form).casefold(): label
            for name, label in labels.items()
            for form in name_forms(name)
        }
        stems = sorted(self.labels, key=len, reverse=True)  # the longest form first
        alternatives = "|".join(re.escape(stem) for stem in stems)
        suffix = r"(?:\s+kommune(?:s|'s|')?|'s|s|')?"
        self.pattern = (
            re.compile(rf"(?<!\w)({alternatives}){suffix}(?!\w)", re.IGNORECASE) if stems else None
        )

    def __call__(self, text: str, keep: str | None = None) -> str:
        """`text` with the names replaced; those of the municipality labelled `keep` (a
        municipality's report, which may name itself) stay as written."""
        if self.pattern is None or not text:
            return text

        def label(match: re.Match[str]) -> str:
            found = self.labels[match.group(1).casefold()]
            return match.group() if found == keep else found

        # the readers give NFC already; a text from elsewhere is matched in the same spelling
        return self.pattern.sub(label, nfc(text))


def session_labels(records: list[SessionRecord], labels: dict[str, str]) -> dict[str, str]:
    """Each session id -> its label's own id: 'A-1', 'A-2', ... by process, date and id."""
    ids: dict[str, str] = {}
    counts: Counter[str] = Counter()
    ordered = sorted(
        records,
        key=lambda r: (labels[r.municipality], r.process_id, str(r.workshop_date), r.session_id),
    )
    for r in ordered:
        letters = labels[r.municipality].rsplit(" ", 1)[-1]
        counts[letters] += 1
        ids[r.session_id] = f"{letters}-{counts[letters]}"
    return ids


def to_month(value: date | str | None) -> str | None:
    """'2024-03-01' -> '2024-03'."""
    return value.strftime("%Y-%m") if isinstance(value, date) else value


def anonymise(result: LoadResult, lang: str = "en") -> LoadResult:
    """A copy of `result` fit for publication (the rules are in the module's docstring).

    `review_words` on the copy lists the capitalised words left in free texts.
    """
    labels = municipality_labels(
        [r.municipality for r in result.records] + [f.municipality for f in result.screening],
        lang,
    )
    scrub = Scrubber(labels)
    ids = session_labels(result.records, labels)
    refused = sorted({f.session_id for f in result.screening} - set(ids))
    ids |= {session_id: f"R-{n}" for n, session_id in enumerate(refused, start=1)}

    def scrub_line(line: ActivityLine) -> ActivityLine:
        return replace(line, name=scrub(line.label(lang))) if line.local else line

    records = [
        replace(
            r,
            session_id=ids[r.session_id],
            municipality=labels[r.municipality],
            workshop_date=to_month(r.workshop_date),
            source="",
            notes=scrub(r.notes),
            roles=scrub(r.roles),
            lines=[scrub_line(line) for line in r.lines],
            activity_notes={id_: scrub(text) for id_, text in r.activity_notes.items()},
            local_activities=[(i, n, scrub(text)) for i, n, text in r.local_activities],
            cost_driver_notes={n: scrub(text) for n, text in r.cost_driver_notes.items()},
        )
        for r in result.records
    ]
    hidden = LoadResult(
        records,
        result.problems,
        result.notices,
        result.files,
        result.lang,
        screening=[_finding(f, labels, ids) for f in result.screening],
    )
    hidden.review_words = review_words(records)
    hidden.anonymised = True
    return hidden


def _finding(item: Finding, labels: dict[str, str], ids: dict[str, str]) -> Finding:
    """A finding without file names; a refused session gets an id of its own ('R-1', ...)."""
    session = ids.get(item.session_id, "")
    # their texts name the files, or the municipality
    hidden = item.rule in ("differing_copies", "likely_mojibake")
    return replace(
        item,
        source="",
        line=None,
        session_id=session,
        municipality=labels.get(item.municipality, item.municipality),
        note=f"{item.rule}_hidden" if hidden else item.note,
        params={} if hidden and item.rule == "likely_mojibake" else item.params,
    )


def review_words(records: list[SessionRecord]) -> list[tuple[str, int]]:
    """Capitalised words in the free texts, most frequent first, the labels' words left out."""
    counts: Counter[str] = Counter()
    for r in records:
        texts = [r.notes, *r.activity_notes.values(), *r.cost_driver_notes.values()]
        texts += [name for _, _, name in r.local_activities]
        for text in texts:
            counts.update(word for word in _CAPITALISED.findall(text) if len(word) > 1)
    for word in ("Municipality", "Kommune"):
        counts.pop(word, None)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


__all__ = ["Scrubber", "anonymise", "municipality_labels", "name_forms", "review_words"]
