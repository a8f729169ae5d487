"""Screening: the merge's one policy for input that would distort the published figures.

Every rule has a name (`RULES`), and every finding is kept as a `Finding`: it
goes into the screening table of every output format and onto standard error.

Refused (the workshop is left out, and the merge exits 1):
    low_above_high   an estimate's low is above its high (JSON or CSV);
    duplicate_row    a tidy CSV gives the same session, group and activity twice;
    hours_limit      an activity's effective hours (hours x staff x share) are
                     above MAX_HOURS per citizen;
    differing_copies two copies of one session differ and neither is newer
                     (equal or missing updated_at): the merge will not guess.
Excluded (the workshop counts, but not at that level):
    unestimated_level  a level (subprocess) the workshop did not estimate at
                       all: it is not a 0, so n leaves the workshop out there;
    incomplete_total   the total of a workshop with an unestimated level (kept
                       with --include-incomplete);
    unknown_subprocess the time log names a subprocess the process does not
                       have (a hand-edited file): those minutes are left out of
                       the actual-time table;
    outlier            with --strict only: see below.
Flagged (counted, reported):
    outlier     a workshop midpoint outside Tukey's fences (Q1 - 1.5 IQR,
                Q3 + 1.5 IQR, quartiles by linear interpolation) at its process,
                group and level, once at least OUTLIER_MIN_WORKSHOPS workshops
                count there. --strict excludes them (one pass: the fences are
                not recomputed).
    likely_mojibake  a municipality's name that reads as another when its
                letters are taken as UTF-8 ("BjergsÃ¸ Kommune" is "Bjergsø
                Kommune" read with the wrong encoding): it would otherwise
                stand silently as a municipality of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from workshop_tui.core.hours import format_hours
from workshop_tui.core.i18n import N_, t
from workshop_tui.core.limits import MAX_HOURS
from workshop_tui.core.merge.records import SessionRecord, stacked
from workshop_tui.core.text import likely_mojibake
from workshop_tui.core.tidy.table import VALUE_FIELDS

REFUSED, EXCLUDED, FLAGGED = "refused", "excluded", "flagged"
OUTLIER_MIN_WORKSHOPS = 5
TUKEY_K = 1.5
RULES = {
    "low_above_high": REFUSED,
    "duplicate_row": REFUSED,
    "hours_limit": REFUSED,
    "differing_copies": REFUSED,
    "unestimated_level": EXCLUDED,
    "incomplete_total": EXCLUDED,
    "unknown_subprocess": EXCLUDED,
    "outlier": FLAGGED,
    "likely_mojibake": FLAGGED,
}
SCREENING_COLUMNS = (
    "rule",
    "action",
    "source",
    "line",
    "session_id",
    "municipality",
    "process_id",
    "group_id",
    "level",
    "activity_id",
    "detail",
)
"""The screening table's columns, in every output format."""


DETAILS: dict[str, str] = {
    "low_above_high": N_("low {low} h is above high {high} h"),
    "hours_limit": N_(
        "{effective} h per citizen after staff x share (hours {high} x "
        "staff {staff} x share {share}) is above the limit of {limit} h"
    ),
    "duplicate_row": N_(
        "the same group and activity as line {first_line}: remove one of the two rows"
    ),
    "differing_copies": N_(
        "{n} copies of this session differ and none is newer than the "
        "others ({stamps}): the merge will not guess; remove the wrong "
        "copies and merge again"
    ),
    "differing_copies_hidden": N_(
        "{n} copies of this session differ and none is newer than the others"
    ),
    "unestimated_level": N_("not estimated at all: not counted as 0, left out of n at this level"),
    "incomplete_total": N_(
        "its total has a level it did not estimate; counted only with --include-incomplete"
    ),
    "incomplete_total_counted": N_(
        "its total has a level it did not estimate; counted (--include-incomplete)"
    ),
    "unknown_subprocess": N_(
        "the time log names subprocess {number}, which {process} does "
        "not have: its {minutes} min are left out of the actual-time "
        "table"
    ),
    "outlier": N_("midpoint {mid} h is outside Tukey's fences {lower}–{upper} h of {n} workshops"),
    "likely_mojibake": N_(
        "the municipality '{name}' reads as '{repaired}' with its letters taken as UTF-8: "
        "the file was likely saved in one encoding and read in another; correct the name "
        "and merge again"
    ),
    "likely_mojibake_hidden": N_(
        "the municipality's name looks like UTF-8 read in another encoding; correct it "
        "and merge again"
    ),
}
"""A finding's explanation, by its rule (or note)."""
ACTIONS: dict[str, str] = {
    "refused": N_("refused"),
    "excluded": N_("excluded"),
    "flagged": N_("flagged"),
    "counted": N_("counted"),
}
"""What screening did, in words, by action."""
WHERE_PARTS: dict[str, str] = {
    "group": N_("group {value}"),
    "level": N_("level {value}"),
    "activity": N_("activity {value}"),
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One screening finding: which rule, what was done, and where exactly.

    `note` names the text that explains it (screening.<note> in i18n), filled
    with `params`; `detail_text(lang)` gives it in English or Danish.
    """

    rule: str
    action: str
    source: str
    session_id: str
    municipality: str
    process_id: str
    group_id: str = ""
    level: str = ""
    activity_id: str = ""
    line: int | None = None
    note: str = ""
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def detail(self) -> str:
        return self.detail_text("en")

    def detail_text(self, lang: str = "en") -> str:
        """The explanation, numbers with the language's decimal mark."""
        params = {
            name: format_hours(value, lang, 3) if isinstance(value, float) else value
            for name, value in self.params.items()
        }
        return t(DETAILS[self.note or self.rule], lang, **params)

    def cells(self, lang: str = "en") -> list[Any]:
        values = {name: getattr(self, name) for name in SCREENING_COLUMNS if name != "detail"}
        return [
            values.get(name) if name != "detail" else self.detail_text(lang)
            for name in SCREENING_COLUMNS
        ]

    def message(self, lang: str = "en") -> str:
        """One line for standard error, naming the file, session, group and activity."""
        where = f"{self.source}:{self.line}: " if self.line else f"{self.source}: "
        where = where if self.source else ""  # anonymised: no file names
        parts = [
            t(
                "session {session} ({municipality})",
                lang,
                session=self.session_id[:8],
                municipality=self.municipality,
            )
        ]
        for name in ("group", "level", "activity"):
            value = getattr(
                self,
                "group_id" if name == "group" else f"{name}_id" if name == "activity" else name,
            )
            if value:
                parts.append(t(WHERE_PARTS[name], lang, value=value))
        action = action_text(self.action, lang)
        return f"{where}{self.rule} ({action}): {', '.join(parts)}: {self.detail_text(lang)}"


def action_text(action: str, lang: str) -> str:
    """What screening did, in words ('refused' is 'afvist' in Danish)."""
    return t(ACTIONS[action], lang)


def finding(record: SessionRecord, rule: str, **where: Any) -> Finding:
    """A finding about one record, with the action its rule prescribes."""
    fields: dict[str, Any] = {
        "action": RULES[rule],
        "source": record.source,
        "session_id": record.session_id,
        "municipality": record.municipality,
        "process_id": record.process_id,
    }
    return Finding(rule=rule, **(fields | where))


def screen_figures(records: list[SessionRecord]) -> tuple[list[SessionRecord], list[Finding]]:
    """Refuse the workshops with a low above its high or effective hours above MAX_HOURS.

    One numpy pass over every cell of every workshop; Python looks only at the
    cells found. numpy is imported here, not above: `validate` imports this module
    for its rules on every start, and needs numpy only once a session is read.
    """
    import numpy as np

    if not records:
        return records, []
    figures = stacked(records, "values", VALUE_FIELDS)
    low, high = figures[:, 0], figures[:, 1]
    with np.errstate(invalid="ignore"):  # NaN (nothing entered) compares False
        reversed_cells = low > high
        too_many = np.maximum(figures[:, 4], figures[:, 5]) > MAX_HOURS
    bad = np.flatnonzero(reversed_cells | too_many)
    if not len(bad):
        return records, []
    sizes = np.array([len(r.values) // len(VALUE_FIELDS) for r in records], dtype=np.int64)
    starts = np.cumsum(sizes) - sizes
    owners = np.searchsorted(starts, bad, side="right") - 1
    findings: list[Finding] = []
    refused: set[int] = set()
    for row, owner in zip(bad.tolist(), owners.tolist(), strict=True):
        record = records[owner]
        cell = row - int(starts[owner])
        group = record.groups[cell // len(record.lines)]
        line = record.lines[cell % len(record.lines)]
        where = {"group_id": group, "level": str(line.subprocess), "activity_id": line.id}
        if reversed_cells[row]:
            params = {"low": float(low[row]), "high": float(high[row])}
            findings.append(finding(record, "low_above_high", params=params, **where))
        if too_many[row]:
            params = {
                "effective": float(max(figures[row, 4], figures[row, 5])),
                "high": float(high[row]),
                "staff": float(figures[row, 2]),
                "share": float(figures[row, 3]),
                "limit": MAX_HOURS,
            }
            findings.append(finding(record, "hours_limit", params=params, **where))
        refused.add(owner)
    kept = [r for index, r in enumerate(records) if index not in refused]
    return kept, findings


def screen_time_logs(
    records: list[SessionRecord],
) -> tuple[list[SessionRecord], list[Finding]]:
    """Leave out the time a workshop's log gives to a subprocess its process does not have.

    The app logs time only under the process's own subprocesses; a hand-edited file
    may name another, which would otherwise stand as a row of the actual-time table.
    """
    kept: list[SessionRecord] = []
    findings: list[Finding] = []
    for record in records:
        if record.planned is None:
            kept.append(record)
            continue
        process, session = record.planned
        known = {subprocess.number for subprocess in process.subprocesses}
        logged = session.time_log.seconds
        unknown = sorted(number for number in logged if number not in known)
        if not unknown:
            kept.append(record)
            continue
        findings += [
            finding(
                record,
                "unknown_subprocess",
                level=str(number),
                params={"number": number, "process": process.id, "minutes": logged[number] / 60},
            )
            for number in unknown
        ]
        seconds = {number: value for number, value in logged.items() if number in known}
        time_log = session.time_log.model_copy(update={"seconds": seconds})
        kept.append(
            replace(record, planned=(process, session.model_copy(update={"time_log": time_log})))
        )
    return kept, findings


def screen_names(records: list[SessionRecord]) -> list[Finding]:
    """Flag each workshop whose municipality's name is likely mojibake (see the module's
    docstring); the workshop still counts, under the name as written."""
    findings = []
    for record in records:
        repaired = likely_mojibake(record.municipality)
        if repaired is not None:
            params = {"name": record.municipality, "repaired": repaired}
            findings.append(finding(record, "likely_mojibake", params=params))
    return findings


def anonymised(
    findings: list[Finding], labels: dict[str, str], ids: dict[str, str]
) -> list[Finding]:
    """The findings with municipalities and session ids replaced, and no file names."""
    return [
        replace(
            f,
            source="",
            line=None,
            municipality=labels.get(f.municipality, f.municipality),
            session_id=ids.get(f.session_id, f.session_id),
        )
        for f in findings
    ]


__all__ = [
    "EXCLUDED",
    "FLAGGED",
    "OUTLIER_MIN_WORKSHOPS",
    "REFUSED",
    "RULES",
    "SCREENING_COLUMNS",
    "Finding",
    "action_text",
    "anonymised",
    "finding",
    "screen_figures",
    "screen_names",
    "screen_time_logs",
]
