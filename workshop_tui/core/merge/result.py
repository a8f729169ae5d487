"""LoadResult: the exports loaded and checked, and the DataFrames built from them."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from workshop_tui.core.errors import Problem
from workshop_tui.core.merge.records import LEVEL_FIELDS, SessionRecord, level_code, stacked
from workshop_tui.core.merge.screening import Finding
from workshop_tui.core.tidy.table import TIDY_COLUMNS, VALUE_FIELDS, tidy_columns

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pandas as pd


@dataclass
class LoadResult:
    """Exports loaded and checked, ready for `summarise`.

    `problems` lists the files (or the sessions inside a tidy CSV) that were
    skipped, each with its reason; `notices` lists what did not stop a workshop
    being counted (a second copy of a session, an older process version, an
    incomplete session). The DataFrames are built from `records` on first use.
    """

    records: list[SessionRecord]
    problems: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)
    files: int = 0
    lang: str = "en"
    screening: list[Finding] = field(default_factory=list)
    # set by anonymise: capitalised words left in free texts, with their counts
    review_words: list[tuple[str, int]] = field(default_factory=list)
    anonymised: bool = False  # set by anonymise: outputs then number the skipped files

    @property
    def skipped(self) -> bool:
        return bool(self.problems)

    @cached_property
    def frame(self) -> pd.DataFrame:
        """The tidy frame: one row per workshop x group x activity (local ones too).

        Columns: the tidy CSV's (tidy_table.TIDY_COLUMNS) plus `local` (added in
        the room) and counted_low/counted_high/counted_mid: the hours the activity
        adds to the workshop's totals after staff x share, 0 where it is not
        applicable or has no estimate. Within a workshop and group they add up to
        the figures in `workshops`. activity_name is in the language loaded with.
        Built by tidy_table.tidy_columns, as the tidy CSV and XLSX are.
        """
        import numpy as np
        import pandas as pd

        table = tidy_columns(self.records, self.lang)
        figures = np.frombuffer(table.figures, dtype=np.float64).reshape(-1, len(VALUE_FIELDS))
        columns: dict[str, Any] = dict(table.columns)
        columns.update({name: figures[:, i] for i, name in enumerate(VALUE_FIELDS)})
        order = [*TIDY_COLUMNS, "local", "counted_low", "counted_high"]
        frame = pd.DataFrame({name: columns[name] for name in order})
        frame = frame.astype({"subprocess_no": "int64"})
        frame["counted_mid"] = (frame["counted_low"] + frame["counted_high"]) / 2
        return frame

    @cached_property
    def workshops(self) -> pd.DataFrame:
        """One row per workshop x group x level: session_id, municipality,
        workshop_date, process_id, group_id, level ('1', '2', ... or 'total'), and
        the workshop's own low, high and mid from the totals engine, with the
        number of applicable cells filled/expected."""
        frame = _level_frame(self.records)
        frame.insert(5, "level", [level_code(n) for n in frame.pop("level_no")])
        frame.insert(8, "mid", (frame["low"] + frame["high"]) / 2)
        return frame

    @cached_property
    def sessions(self) -> pd.DataFrame:
        """One row per workshop counted: session_id, municipality, workshop_date,
        process_id, process_version, groups (comma-separated), participants,
        completeness (0-1), format ('json'/'csv'), source file, notes, roles (the
        participants' count per role, where listed)."""
        return _sessions_frame(self.records)

    @cached_property
    def notes(self) -> pd.DataFrame:
        """Every note the rooms wrote: kind ('session', 'cost_driver' or 'activity'),
        process_id, session_id, municipality, subprocess_no, activity_id, text."""
        return _notes_frame(self.records)


_SESSION_COLUMNS = ("session_id", "municipality", "workshop_date", "process_id")


def _level_frame(records: list[SessionRecord]) -> pd.DataFrame:
    """Columns built from lists once (no per-row pandas work), ids repeated per row."""
    import pandas as pd

    columns: dict[str, Any] = {name: [] for name in (*_SESSION_COLUMNS, "group_id", "level_no")}
    for r in records:
        rows = len(r.groups) * len(r.level_nos)
        for name in _SESSION_COLUMNS:
            columns[name] += [getattr(r, name)] * rows
        columns["group_id"] += [group for group in r.groups for _ in r.level_nos]
        columns["level_no"] += r.level_nos * len(r.groups)
    figures = stacked(records, "levels", LEVEL_FIELDS)
    for index, name in enumerate(LEVEL_FIELDS):
        columns[name] = figures[:, index]
    return pd.DataFrame(columns).astype({"filled": "int64", "expected": "int64"})


def _sessions_frame(records: list[SessionRecord]) -> pd.DataFrame:
    import pandas as pd

    rows = [
        (
            r.session_id,
            r.municipality,
            r.workshop_date,
            r.process_id,
            r.process_version,
            ",".join(r.groups),
            r.participants,
            r.completeness,
            r.kind,
            r.source,
            r.notes,
            r.roles,
        )
        for r in records
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "session_id",
            "municipality",
            "workshop_date",
            "process_id",
            "process_version",
            "groups",
            "participants",
            "completeness",
            "format",
            "source",
            "notes",
            "roles",
        ],
    )
    frame["participants"] = frame["participants"].astype("Int64")
    return frame


def _notes_frame(records: list[SessionRecord]) -> pd.DataFrame:
    import pandas as pd

    rows: list[tuple[str, str, str, str, int | None, str | None, str]] = []
    for r in records:
        if r.notes:
            rows.append(
                ("session", r.process_id, r.session_id, r.municipality, None, None, r.notes)
            )
        for number in sorted(r.cost_driver_notes):
            if r.cost_driver_notes[number]:
                rows.append(
                    (
                        "cost_driver",
                        r.process_id,
                        r.session_id,
                        r.municipality,
                        number,
                        None,
                        r.cost_driver_notes[number],
                    )
                )
        for line in r.lines:
            if r.activity_notes.get(line.id):
                rows.append(
                    (
                        "activity",
                        r.process_id,
                        r.session_id,
                        r.municipality,
                        line.subprocess,
                        line.id,
                        r.activity_notes[line.id],
                    )
                )
    frame = pd.DataFrame(
        rows,
        columns=[
            "kind",
            "process_id",
            "session_id",
            "municipality",
            "subprocess_no",
            "activity_id",
            "text",
        ],
    )
    frame["subprocess_no"] = frame["subprocess_no"].astype("Int64")
    return frame


__all__ = ["LoadResult"]
