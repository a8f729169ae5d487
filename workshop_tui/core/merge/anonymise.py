"""Municipalities replaced by stable labels, for results that are shared."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from workshop_tui.core.merge.result import LoadResult
from workshop_tui.core.totals import ActivityLine


def municipality_labels(names: Iterable[str], lang: str = "en") -> dict[str, str]:
    """Stable labels: the names sorted, then 'Municipality A', 'B', ... ('Kommune A' in Danish).

    The same set of names gives the same labels whatever order the files were
    read in. After Z come AA, AB, ...
    """
    word = "Kommune" if lang == "da" else "Municipality"
    ordered = sorted(set(names), key=lambda name: (name.casefold(), name))
    return {name: f"{word} {_letters(index)}" for index, name in enumerate(ordered)}


def _letters(index: int) -> str:
    text, index = "", index + 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(ord("A") + rest) + text
    return text


def anonymise(result: LoadResult, lang: str = "en") -> LoadResult:
    """A copy of `result` with every municipality replaced by its stable label.

    Names are replaced in the rooms' notes and local activity names too, and
    source paths (whose file names carry the municipality) are dropped.
    """
    labels = municipality_labels((r.municipality for r in result.records), lang)
    pattern = re.compile("|".join(re.escape(n) for n in sorted(labels, key=len, reverse=True)))

    def scrub(text: str) -> str:
        return pattern.sub(lambda match: labels[match.group(0)], text) if labels and text else text

    def scrub_line(line: ActivityLine) -> ActivityLine:
        return replace(line, name=scrub(line.label("en"))) if line.local else line

    records = [
        replace(
            r,
            municipality=labels[r.municipality],
            source="",
            notes=scrub(r.notes),
            lines=[scrub_line(line) for line in r.lines],
            activity_notes={id_: scrub(text) for id_, text in r.activity_notes.items()},
            local_activities=[(i, n, scrub(text)) for i, n, text in r.local_activities],
            cost_driver_notes={n: scrub(text) for n, text in r.cost_driver_notes.items()},
        )
        for r in result.records
    ]
    return LoadResult(records, result.problems, result.notices, result.files, result.lang)


__all__ = ["anonymise", "municipality_labels"]
