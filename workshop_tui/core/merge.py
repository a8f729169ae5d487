"""The aggregator's core: many workshop exports in, the national tables out.

Pure functions, no printing; `workshop-tui merge` (aggregate_cli.py) and Python
users call the same two:

    >>> from workshop_tui.core.merge import load_exports, summarise
    >>> result = load_exports(["exports/examples"])
    >>> result.frame            # tidy: one row per workshop x group x activity
    >>> tables = summarise(result)
    >>> tables.levels           # per process, group and level: n, low, high, mean ...

Every figure comes from each workshop's own sums, computed by the shared totals
engine (workshop_tui.core.totals) on a Session object per workshop: a level's `low`
is the lowest workshop's low at that level, never the sum of the subprocess
lows (the municipality lowest on one subprocess is not the lowest on the
total). All hours are staff hours per citizen who receives the intervention.

Input order never matters: sessions are put in a canonical order (process id,
session id) as soon as they are read, and every sum runs in that order, so the
same exports give bit-identical tables and the same cost-driver ranking however
the files lie on disk.

pandas is imported here and in aggregate_cli only; the app never imports them.
"""

from __future__ import annotations

import gc
import json
import os
import re
import stat
from array import array
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from functools import cached_property
from operator import attrgetter
from pathlib import Path

import numpy as np
import pandas as pd
from pydantic import ValidationError

from workshop_tui.core.catalogue import Catalogue, check_session, load_catalogue
from workshop_tui.core.errors import Problem, WorkshopError
from workshop_tui.core.exports import TIDY_COLUMNS
from workshop_tui.core.models import ProcessDefinition, Session
from workshop_tui.core.reference import TOTAL, reference_rows
from workshop_tui.core.storage import parse_session
from workshop_tui.core.tidy_csv import read_tidy_csv
from workshop_tui.core.totals import ActivityLine, GroupTotals, completeness, session_totals

EXPORT_SUFFIXES = (".json", ".csv")
MERGE_CSV_COLUMNS = (
    "process_id",
    "group_id",
    "level",
    "n_workshops",
    "low",
    "high",
    "mean",
    "median",
    "min_mid",
    "max_mid",
)
"""Header of `workshop-tui merge --format csv`; `level` is a subprocess number or 'total'."""

TOTAL_LEVEL = 0  # how records number the total level; subprocesses are 1, 2, ...
_EPOCH = datetime(1, 1, 1, tzinfo=UTC)

LEVEL_FIELDS = ("low", "high", "filled", "expected")
# The tidy frame's columns for an activity line (from SessionRecord.lines and .activity_notes)
LINE_FIELDS = (
    "activity_id",
    "subprocess_no",
    "activity_name",
    "applicable",
    "time_consuming",
    "note",
    "local",
)
# The engine's per-cell figures (totals.CELL_FIELDS, in that order) as the frame names them.
VALUE_FIELDS = ("low_hours", "high_hours", "staff", "share", "counted_low", "counted_high")
_V = {name: index for index, name in enumerate(VALUE_FIELDS)}


def level_name(level_no: int) -> str:
    """'1', '2', ... or 'total', as levels are written in every table and file."""
    return TOTAL if level_no == TOTAL_LEVEL else str(level_no)


# ---------------------------------------------------------------- what loading returns


@dataclass(slots=True)  # no __dict__ per record: 10,000 of them add up
class SessionRecord:
    """What the merge keeps of one workshop: its figures, not the Session object.

    10,000 Session objects would cost hundreds of MB; these hold what the tables
    need. `lines` are the activities in process order as the totals engine
    gives them (the same for every group), `activity_notes` the rooms' notes on
    them by activity id; `level_nos` the levels of every group (its
    subprocess numbers, then TOTAL_LEVEL). `values` and `levels` are flat arrays
    of floats running group by group in the session's group order: `values`
    holds VALUE_FIELDS for each group x line (NaN where nothing was entered),
    `levels` LEVEL_FIELDS for each group x level. Flat arrays cost little memory
    and numpy reads them without a Python loop.
    """

    session_id: str
    municipality: str
    workshop_date: date | None
    process_id: str
    process_version: str
    groups: tuple[str, ...]
    participants: int | None
    completeness: float
    source: str
    kind: str  # "json" or "csv"
    updated_at: datetime | None
    notes: str
    level_nos: tuple[int, ...]
    levels: array
    lines: list[ActivityLine]
    activity_notes: dict[str, str]
    values: array
    local_activities: list[tuple[str, int, str]]  # id, subprocess number, name
    cost_driver_notes: dict[int, str]

    def preferred_to(self, other: SessionRecord) -> bool:
        """Of two copies of one session keep the newest, then JSON over CSV, then the
        first path in sorted order: the same choice whatever order they were read in."""
        mine = (self.updated_at or _EPOCH, self.kind == "json")
        theirs = (other.updated_at or _EPOCH, other.kind == "json")
        return mine > theirs or (mine == theirs and self.source < other.source)


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

    @property
    def skipped(self) -> bool:
        return bool(self.problems)

    @cached_property
    def frame(self) -> pd.DataFrame:
        """The tidy frame: one row per workshop x group x activity (local ones too).

        Columns: the tidy CSV's (exports.TIDY_COLUMNS) plus `local` (added in the
        room) and counted_low/counted_high/counted_mid: the hours the activity
        adds to the workshop's totals after staff x share, 0 where it is not
        applicable or has no estimate. Within a workshop and group they add up to
        the figures in `workshops`. activity_name is in the language loaded with.
        """
        frame = _activity_frame(self.records, self.lang)
        frame["counted_mid"] = (frame["counted_low"] + frame["counted_high"]) / 2
        return frame[[*TIDY_COLUMNS, "local", "counted_low", "counted_high", "counted_mid"]]

    @cached_property
    def workshops(self) -> pd.DataFrame:
        """One row per workshop x group x level: session_id, municipality,
        workshop_date, process_id, group_id, level ('1', '2', ... or 'total'), and
        the workshop's own low, high and mid from the totals engine, with the
        number of applicable cells filled/expected."""
        frame = _level_frame(self.records)
        frame.insert(5, "level", [level_name(n) for n in frame.pop("level_no")])
        frame.insert(8, "mid", (frame["low"] + frame["high"]) / 2)
        return frame

    @cached_property
    def sessions(self) -> pd.DataFrame:
        """One row per workshop counted: session_id, municipality, workshop_date,
        process_id, process_version, groups (comma-separated), participants,
        completeness (0-1), format ('json'/'csv'), source file, notes."""
        return _sessions_frame(self.records)

    @cached_property
    def notes(self) -> pd.DataFrame:
        """Every note the rooms wrote: kind ('session', 'cost_driver' or 'activity'),
        process_id, session_id, municipality, subprocess_no, activity_id, text."""
        return _notes_frame(self.records)


_SESSION_COLUMNS = ("session_id", "municipality", "workshop_date", "process_id")


def _level_frame(records: list[SessionRecord]) -> pd.DataFrame:
    """Columns built from lists once (no per-row pandas work), ids repeated per row."""
    columns: dict[str, object] = {name: [] for name in (*_SESSION_COLUMNS, "group_id", "level_no")}
    for r in records:
        rows = len(r.groups) * len(r.level_nos)
        for name in _SESSION_COLUMNS:
            columns[name] += [getattr(r, name)] * rows
        columns["group_id"] += [group for group in r.groups for _ in r.level_nos]
        columns["level_no"] += r.level_nos * len(r.groups)
    stacked = _stacked(records, "levels", LEVEL_FIELDS)
    for index, name in enumerate(LEVEL_FIELDS):
        columns[name] = stacked[:, index]
    return pd.DataFrame(columns).astype({"filled": "int64", "expected": "int64"})


def _activity_frame(records: list[SessionRecord], lang: str) -> pd.DataFrame:
    """One row per record x group x line: static line fields repeated per group."""
    columns: dict[str, object] = {
        name: [] for name in (*_SESSION_COLUMNS, "group_id", *LINE_FIELDS)
    }
    for r in records:
        rows = len(r.groups) * len(r.lines)
        for name in _SESSION_COLUMNS:
            columns[name] += [getattr(r, name)] * rows
        columns["group_id"] += [group for group in r.groups for _ in r.lines]
        for name, values in zip(LINE_FIELDS, zip(*_line_fields(r, lang), strict=True), strict=True):
            columns[name] += values * len(r.groups)
    stacked = _stacked(records, "values", VALUE_FIELDS)
    for index, name in enumerate(VALUE_FIELDS):
        columns[name] = stacked[:, index]
    return pd.DataFrame(columns).astype({"subprocess_no": "int64"})


def _stacked(records: list[SessionRecord], attribute: str, fields: tuple) -> np.ndarray:
    """Every record's `values` or `levels` array as one (rows x fields) array."""
    joined = b"".join(getattr(r, attribute) for r in records)  # one copy of all the bytes
    return np.frombuffer(joined, dtype=np.float64).reshape(-1, len(fields))


def _sessions_frame(records: list[SessionRecord]) -> pd.DataFrame:
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
        ],
    )
    frame["participants"] = frame["participants"].astype("Int64")
    return frame


def _line_fields(record: SessionRecord, lang: str) -> list[tuple]:
    """LINE_FIELDS for each of the record's activity lines."""
    notes = record.activity_notes
    return [
        (
            line.id,
            line.subprocess,
            line.label(lang),
            line.applicable,
            line.time_consuming,
            notes.get(line.id, ""),
            line.local,
        )
        for line in record.lines
    ]


def _notes_frame(records: list[SessionRecord]) -> pd.DataFrame:
    rows = []
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


# ---------------------------------------------------------------- finding and reading files


def find_export_files(paths: Iterable[Path | str]) -> tuple[list[Path], list[Problem]]:
    """The .json and .csv files named, or directly inside the folders named.

    Folders are not searched recursively, so `merge exports` does not pull in
    exports/examples by surprise; hidden and temporary files are ignored. Files
    in a folder come in name order.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    named = list(paths)
    for raw in named:
        path = Path(raw)
        try:
            is_folder = stat.S_ISDIR(os.stat(path).st_mode)
        except OSError:
            problems.append(Problem(path, "no such file or folder"))
            continue
        if is_folder:
            found = _exports_in(path)
            if not found:
                problems.append(Problem(path, "no .json or .csv exports in this folder"))
            files += found
        elif path.suffix.lower() in EXPORT_SUFFIXES:
            files.append(path)
        elif path.suffix.lower() == ".xlsx":
            problems.append(
                Problem(
                    path,
                    "XLSX exports are for people: merge the .json session "
                    "file or the tidy .csv instead",
                )
            )
        else:
            problems.append(
                Problem(path, "not an export: expected a .json session file or a tidy .csv")
            )
    if len(named) > 1:  # a file named twice is read once (one folder lists each once)
        files = list(dict.fromkeys(files))
    return files, problems


def _exports_in(folder: Path) -> list[Path]:
    # scandir knows each entry's type without another system call per file
    with os.scandir(folder) as entries:
        names = sorted(
            entry.name
            for entry in entries
            if entry.is_file()
            and not entry.name.startswith(".")
            and os.path.splitext(entry.name)[1].lower() in EXPORT_SUFFIXES
        )
    return [folder / name for name in names]


def load_exports(
    paths: Iterable[Path | str],
    catalogue: Catalogue | None = None,
    lang: str = "en",
    on_file: Callable[[Path], None] | None = None,
) -> LoadResult:
    """Load JSON session files and tidy CSV exports (files or folders) for merging.

    Bad input never stops the others: a corrupt, truncated, unknown-version or
    unknown-process file, or one with an activity unknown to the current process
    definitions, is skipped and listed in `problems` with its name and reason.
    Two exports of the same session (same session_id, e.g. its JSON and its CSV)
    are counted once: the newest copy is kept (JSON over CSV, then by path) and
    the other is listed in `notices`.

    Args:
        paths: files and/or folders (folders are read one level deep).
        catalogue: the process definitions; the bundled ones by default.
        lang: 'en' or 'da', for activity names in the tidy frame.
        on_file: called after each file, e.g. to advance a progress bar.

    Returns:
        A LoadResult: `frame` is the tidy DataFrame (one row per workshop x group
        x activity), `workshops` each workshop's own totals per group and level,
        `sessions` one row per workshop. Pass it to `summarise`.
    """
    catalogue = catalogue if catalogue is not None else load_catalogue()
    files, problems = find_export_files(paths)
    notices: list[Problem] = []
    kept: dict[str, SessionRecord] = {}
    with collector_paused():
        for path in files:
            records, file_problems = read_export(path, catalogue, lang)
            problems += file_problems
            for record in records:
                notices += _version_notice(record, catalogue)
                _keep(kept, record, notices)
            if on_file is not None:
                on_file(path)
    ordered = sorted(kept.values(), key=lambda r: (r.process_id, r.session_id))
    notices += [
        Problem(
            Path(r.source),
            f"session {r.session_id[:8]} is {r.completeness:.0%} complete; "
            "it is counted with the estimates it has",
        )
        for r in ordered
        if r.completeness < 1
    ]
    return LoadResult(ordered, problems, notices, files=len(files), lang=lang)


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while thousands of records pile up.

    Records and sessions hold no reference cycles, yet every collection walks
    all of them: with the collector on, loading grows quadratically slower.
    load_exports and summarise pause it themselves; wrap both in it (as the
    merge command does) to also skip the one full pass between them.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_export(
    path: Path, catalogue: Catalogue, lang: str = "en"
) -> tuple[list[SessionRecord], list[Problem]]:
    """The sessions in one export file (JSON or tidy CSV) and the problems found."""
    if path.suffix.lower() != ".csv":
        record, problems = read_session_file(path, catalogue, lang)
        return ([record] if record is not None else []), problems
    sessions, problems = read_tidy_csv(path, catalogue)
    records = []
    for item in sessions:
        session_problems = check_session(item.session, item.process, path)
        if session_problems:
            problems += session_problems
            continue
        records.append(
            session_record(
                item.session, item.process, str(path), "csv", lang, workshop_date=item.workshop_date
            )
        )
    return records, problems


def read_session_file(
    path: Path, catalogue: Catalogue, lang: str = "en"
) -> tuple[SessionRecord | None, list[Problem]]:
    """One JSON session file as a record, or None and the reasons it was skipped."""
    try:
        with open(path, "rb") as handle:  # no new Path object per file
            data = handle.read()
    except OSError as error:
        return None, [Problem(path, f"cannot be read: {error.strerror or error}")]
    if not data or data.isspace():  # isspace: no stripped copy of every file
        return None, [Problem(path, "empty file")]
    try:
        session = Session.model_validate_json(data)  # one pass in pydantic-core: the fast path
    except ValidationError:
        return None, _session_problems(path, data)
    process = catalogue.processes.get(session.process_id)
    if process is None:
        known = ", ".join(sorted(catalogue.processes))
        return None, [
            Problem(
                path,
                f"unknown process '{session.process_id}' (known: {known}; "
                "add its definition with --processes DIR)",
                field="process_id",
            )
        ]
    problems = check_session(session, process, path)
    if problems:
        return None, problems
    return session_record(session, process, str(path), "json", lang), []


def _session_problems(path: Path, data: bytes) -> list[Problem]:
    """The explicit reasons a session file is not valid (JSON, version, fields)."""
    try:
        text = data.decode("utf-8")
        json.loads(text)
    except UnicodeDecodeError as error:
        return [Problem(path, f"not UTF-8 text ({error.reason})")]
    except json.JSONDecodeError as error:
        return [
            Problem(
                path,
                f"not valid JSON, corrupt or truncated: {error.msg} (line "
                f"{error.lineno}, column {error.colno})",
                error.lineno,
            )
        ]
    try:
        parse_session(text, path)
    except WorkshopError as error:
        return error.problems or [Problem(path, error.text())]
    return [Problem(path, "not a valid session file")]


def session_record(
    session: Session,
    process: ProcessDefinition,
    source: str,
    kind: str,
    lang: str = "en",
    workshop_date: date | None = None,
) -> SessionRecord:
    """Everything the tables need from one session, computed by the totals engine.

    `workshop_date` is used for a tidy CSV (None where it has none); a JSON
    session's own date otherwise.
    """
    totals = session_totals(process, session)
    levels: list[float] = []
    flat: list[float] = []
    for group_total in totals.values():
        levels += _level_figures(group_total)
        flat += group_total.cells  # VALUE_FIELDS per activity: the engine's CELL_FIELDS
    first = next(iter(totals.values()))  # the same activities and levels in every group
    is_json = kind == "json"
    return SessionRecord(
        session_id=session.session_id,
        municipality=session.municipality,
        workshop_date=session.workshop_date if is_json else workshop_date,
        process_id=session.process_id,
        process_version=session.process_version,
        groups=tuple(session.groups),
        participants=session.participants if is_json else None,
        completeness=completeness(totals),
        source=source,
        kind=kind,
        updated_at=session.updated_at if is_json else None,
        notes=session.notes,
        level_nos=(*(sub.number for sub in first.subprocesses), TOTAL_LEVEL),
        levels=array("d", levels),
        lines=first.lines,
        activity_notes={id_: entry.note for id_, entry in session.activities.items() if entry.note},
        values=array("d", flat),
        local_activities=[(a.id, a.subprocess, a.name) for a in session.local_activities],
        cost_driver_notes={n: text for n, text in session.cost_driver_notes.items() if text},
    )


def _level_figures(group_total: GroupTotals) -> list[float]:
    """LEVEL_FIELDS for each subprocess of one group, then for its total."""
    figures: list[float] = []
    for sub in group_total.subprocesses:
        figures += (sub.span.low, sub.span.high, sub.filled, sub.expected)
    total = group_total.total
    figures += (total.low, total.high, group_total.filled, group_total.expected)
    return figures


def _keep(kept: dict[str, SessionRecord], record: SessionRecord, notices: list[Problem]) -> None:
    """Count a session once: the preferred copy stays, the other is reported."""
    other = kept.get(record.session_id)
    if other is None:
        kept[record.session_id] = record
        return
    winner, loser = (record, other) if record.preferred_to(other) else (other, record)
    kept[record.session_id] = winner
    same = (winner.groups, winner.levels) == (loser.groups, loser.levels)
    detail = "same figures" if same else "the copies differ; the newer one is used"
    notices.append(
        Problem(
            Path(loser.source),
            f"same session ({record.session_id[:8]}) as {winner.source}: counted once ({detail})",
            kind="duplicate" if same else "",
        )
    )


def _version_notice(record: SessionRecord, catalogue: Catalogue) -> list[Problem]:
    process = catalogue.processes[record.process_id]
    if record.kind == "json" and record.process_version != process.version:
        return [
            Problem(
                Path(record.source),
                f"recorded with {record.process_id} version "
                f"{record.process_version}; merged against version {process.version}",
            )
        ]
    return []


# ---------------------------------------------------------------- anonymising


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
        return replace(line, name=scrub(line.name)) if line.local else line

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


# ---------------------------------------------------------------- summaries


@dataclass
class Summary:
    """The merged tables as DataFrames; `summarise` documents their columns."""

    levels: pd.DataFrame
    overview: pd.DataFrame
    subprocess_drivers: pd.DataFrame
    activity_drivers: pd.DataFrame
    local_activities: pd.DataFrame
    cost_driver_notes: pd.DataFrame
    sessions: pd.DataFrame

    def merge_csv_frame(self) -> pd.DataFrame:
        """The levels table with exactly MERGE_CSV_COLUMNS."""
        return self.levels.loc[:, list(MERGE_CSV_COLUMNS)]


def summarise(
    result: LoadResult, catalogue: Catalogue | None = None, lang: str | None = None
) -> Summary:
    """The tables the source publishes and the cost-driver summary, from loaded exports.

    Returns a Summary of DataFrames ordered by process (catalogue order), target
    group (the process's order) and level (subprocesses 1, 2, ..., then 'total'):

    levels
        process_id, group_id, level ('1', '2', ... or 'total'), n_workshops, low
        (the lowest workshop low), high (the highest workshop high), mean and
        median of the workshop midpoints ((low + high) / 2), min_mid, max_mid;
        then the published reference ref_low, ref_high, ref_avg (NaN where none is
        published) and n_below, n_within, n_above: how many workshop midpoints
        fall below, within or above the published range (NA without one).
    overview
        The source's table 2.1 in long form: group_id, process_id, n_workshops,
        low, high, mean of the workshops' process totals.
    subprocess_drivers
        process_id, group_id, subprocess_no, subprocess_name, mean_mid,
        share_of_mean (mean subprocess midpoint / mean total midpoint),
        spread_share, rank (1 = explains most of the spread).
    activity_drivers
        process_id, group_id, subprocess_no, activity_id, activity_name, local,
        n_workshops (covering the group), n_with (workshops with the activity:
        all of them, except for local ones), mean_mid (counted hours, 0 where
        absent or not applicable), share_of_mean, spread_share,
        n_time_consuming (the room's mark, else the definition's flag),
        n_not_applicable, rank.
    local_activities
        process_id, subprocess_no, activity_id, activity_name, n_workshops,
        municipalities: the activities the rooms added.
    cost_driver_notes
        process_id, subprocess_no, subprocess_name, municipality, session_id, text.
    sessions
        result.sessions.

    spread_share says which parts explain the differences between workshops.
    For one process and group, with T the workshops' total midpoints and X a
    part's midpoints (a subprocess, or an activity's counted hours),
    spread_share = cov(X, T) / var(T) over the workshops (population moments).
    T is the sum of its parts, so the subprocesses' shares add up to 1, as do
    the activities': each part's contribution to the variance of the total. A
    negative share means the part tends to be smaller where the total is larger.
    It is NaN with fewer than two workshops or when all totals are equal.
    Ranking sorts by spread_share, then share_of_mean (both rounded to 9
    decimals, missing last), then subprocess number and id: the same exports give
    the same ranking every run.
    """
    catalogue = catalogue if catalogue is not None else load_catalogue()
    lang = lang or result.lang
    order = _Order(catalogue)
    with collector_paused():
        flat = _Flat(result.records)
        levels = _levels_table(flat, catalogue, order)
        return Summary(
            levels=levels,
            overview=levels.loc[
                levels["level"] == TOTAL,
                ["group_id", "process_id", "n_workshops", "low", "high", "mean"],
            ].reset_index(drop=True),
            subprocess_drivers=_subprocess_drivers(flat, catalogue, order, lang),
            activity_drivers=_activity_drivers(flat, order, result.lang),
            local_activities=_local_activities(result.records, order),
            cost_driver_notes=_cost_driver_notes(result.records, catalogue, order, lang),
            sessions=result.sessions,
        )


class _Order:
    """Sort keys: processes in catalogue order, groups in their process's order."""

    def __init__(self, catalogue: Catalogue):
        self.process = {p.id: i for i, p in enumerate(catalogue)}
        self.group = {(p.id, g): i for p in catalogue for i, g in enumerate(p.group_ids)}

    def key(self, process_id: str, group_id: str = "") -> tuple:
        return (
            self.process.get(process_id, len(self.process)),
            process_id,
            self.group.get((process_id, group_id), 99),
            group_id,
        )


class _Flat:
    """Every record's figures as flat numpy arrays, in the records' canonical order.

    A 'cell' is one workshop x group; `pair` numbers the (process, group) pairs;
    an activity 'row' is one cell x activity line. Python gathers each record's
    levels and lines once (lines once per record, not per group) with list
    operations; numpy spreads them over the cells and rows.
    """

    def __init__(self, records: list[SessionRecord]):
        cell_pair_keys: list[tuple[str, str]] = []
        level_nos: list[int] = []
        levels_per_cell: list[int] = []
        lines: list[ActivityLine] = []
        lines_per_cell: list[int] = []
        row_line: list[int] = []  # each activity row's index in `lines`
        for r in records:
            n_groups = len(r.groups)
            cell_pair_keys += [(r.process_id, group) for group in r.groups]
            level_nos += r.level_nos * n_groups
            levels_per_cell += [len(r.level_nos)] * n_groups
            row_line += list(range(len(lines), len(lines) + len(r.lines))) * n_groups
            lines += r.lines
            lines_per_cell += [len(r.lines)] * n_groups
        self.pairs = list(dict.fromkeys(cell_pair_keys))
        index = {pair: i for i, pair in enumerate(self.pairs)}
        self.cell_pair = np.array([index[p] for p in cell_pair_keys], dtype=np.int64)
        cells = np.arange(len(cell_pair_keys))

        levels = _stacked(records, "levels", LEVEL_FIELDS)
        self.level_cell = np.repeat(cells, levels_per_cell)
        self.level_no = np.array(level_nos, dtype=np.int64)
        self.level_low = levels[:, 0]
        self.level_high = levels[:, 1]
        # every cell has exactly one total row, so these come in cell order
        is_total = self.level_no == TOTAL_LEVEL
        self.total_mid = (self.level_low[is_total] + self.level_high[is_total]) / 2
        self.n_workshops = np.bincount(self.cell_pair, minlength=len(self.pairs))
        n = np.maximum(self.n_workshops, 1)
        self.total_mean = np.bincount(self.cell_pair, self.total_mid, len(self.pairs)) / n
        centred = self.total_mid - self.total_mean[self.cell_pair]
        self.total_centred = centred
        self.total_var = np.bincount(self.cell_pair, centred * centred, len(self.pairs)) / n

        self.lines = lines  # ActivityLine objects, once per record
        self.act_line = np.array(row_line, dtype=np.int64)
        self.act_cell = np.repeat(cells, lines_per_cell)
        values = _stacked(records, "values", VALUE_FIELDS)
        self.act_mid = (values[:, _V["counted_low"]] + values[:, _V["counted_high"]]) / 2
        self.act_time_consuming = self._line_flags("time_consuming")[self.act_line]
        self.act_applicable = self._line_flags("applicable")[self.act_line]

    def _line_flags(self, name: str) -> np.ndarray:
        return np.fromiter(map(attrgetter(name), self.lines), dtype=bool, count=len(self.lines))

    def shares(self, pair: np.ndarray, value_sum: np.ndarray, weighted_sum: np.ndarray) -> tuple:
        """mean, share of the mean total and spread share for parts of `pair`."""
        n = self.n_workshops[pair]
        mean = value_sum / n
        total_mean, total_var = self.total_mean[pair], self.total_var[pair]
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(total_mean > 0, mean / total_mean, np.nan)
            spread = np.where(
                (n >= 2) & (total_var > 1e-12), (weighted_sum / n) / total_var, np.nan
            )
        return mean, share, spread


def _levels_table(flat: _Flat, catalogue: Catalogue, order: _Order) -> pd.DataFrame:
    columns = [
        *MERGE_CSV_COLUMNS,
        "ref_low",
        "ref_high",
        "ref_avg",
        "n_below",
        "n_within",
        "n_above",
    ]
    if not flat.pairs:
        return pd.DataFrame(columns=columns)
    mid = (flat.level_low + flat.level_high) / 2
    key = flat.cell_pair[flat.level_cell] * 1000 + flat.level_no
    frame = pd.DataFrame({"key": key, "low": flat.level_low, "high": flat.level_high, "mid": mid})
    stats = frame.groupby("key", sort=True).agg(
        n_workshops=("mid", "size"),
        low=("low", "min"),
        high=("high", "max"),
        mean=("mid", "mean"),
        median=("mid", "median"),
        min_mid=("mid", "min"),
        max_mid=("mid", "max"),
    )
    references = {
        (r.process_id, r.group_id, str(r.level)): r
        for process in catalogue
        for r in reference_rows(process)
    }
    position = stats.index.get_indexer(key)  # each workshop row's line in `stats`
    rows = []
    for line, (key_value, level_stats) in enumerate(stats.iterrows()):
        process_id, group_id = flat.pairs[key_value // 1000]
        level = level_name(key_value % 1000)
        ref = references.get((process_id, group_id, level))
        counts = [pd.NA] * 3
        if ref is not None:
            mids = mid[position == line]
            below, above = int((mids < ref.low).sum()), int((mids > ref.high).sum())
            counts = [below, len(mids) - below - above, above]
        figures = [
            level_stats[name] for name in ("low", "high", "mean", "median", "min_mid", "max_mid")
        ]
        rows.append(
            [
                process_id,
                group_id,
                level,
                int(level_stats["n_workshops"]),
                *figures,
                ref.low if ref else np.nan,
                ref.high if ref else np.nan,
                ref.avg if ref is not None and ref.avg is not None else np.nan,
                *counts,
            ]
        )
    rows.sort(
        key=lambda row: (*order.key(row[0], row[1]), 10**6 if row[2] == TOTAL else int(row[2]))
    )
    table = pd.DataFrame(rows, columns=columns)
    for name in ("n_below", "n_within", "n_above"):
        table[name] = table[name].astype("Int64")
    return table


def _ranked(rows: list[dict], order: _Order, id_key: str) -> list[dict]:
    """Rank parts within each process and group; ties break the same way every run."""

    def rounded(value: float) -> float:
        return -np.inf if np.isnan(value) else round(float(value), 9)

    rows.sort(
        key=lambda row: (
            *order.key(row["process_id"], row["group_id"]),
            -rounded(row["spread_share"]),
            -rounded(row["share_of_mean"]),
            row["subprocess_no"],
            str(row[id_key]),
        )
    )
    rank, previous = 0, None
    for row in rows:
        pair = (row["process_id"], row["group_id"])
        rank = rank + 1 if pair == previous else 1
        row["rank"], previous = rank, pair
    return rows


def _subprocess_drivers(
    flat: _Flat, catalogue: Catalogue, order: _Order, lang: str
) -> pd.DataFrame:
    columns = [
        "process_id",
        "group_id",
        "subprocess_no",
        "subprocess_name",
        "mean_mid",
        "share_of_mean",
        "spread_share",
        "rank",
    ]
    parts = flat.level_no != TOTAL_LEVEL
    cells = flat.level_cell[parts]
    mids = ((flat.level_low + flat.level_high) / 2)[parts]
    keys, inverse = np.unique(
        flat.cell_pair[cells] * 1000 + flat.level_no[parts], return_inverse=True
    )
    value_sum = np.bincount(inverse, mids, len(keys))
    weighted = np.bincount(inverse, mids * flat.total_centred[cells], len(keys))
    pair = keys // 1000
    mean, share, spread = flat.shares(pair, value_sum, weighted)
    names = {(p.id, s.number): s.name.in_lang(lang) for p in catalogue for s in p.subprocesses}
    rows = []
    for i, key in enumerate(keys):
        process_id, group_id = flat.pairs[pair[i]]
        number = int(key % 1000)
        rows.append(
            {
                "process_id": process_id,
                "group_id": group_id,
                "subprocess_no": number,
                "subprocess_name": names.get((process_id, number), ""),
                "mean_mid": mean[i],
                "share_of_mean": share[i],
                "spread_share": spread[i],
            }
        )
    return pd.DataFrame(_ranked(rows, order, "subprocess_no"), columns=columns)


def _activity_drivers(flat: _Flat, order: _Order, lang: str) -> pd.DataFrame:
    columns = [
        "process_id",
        "group_id",
        "subprocess_no",
        "activity_id",
        "activity_name",
        "local",
        "n_workshops",
        "n_with",
        "mean_mid",
        "share_of_mean",
        "spread_share",
        "n_time_consuming",
        "n_not_applicable",
        "rank",
    ]
    if not flat.pairs:
        return pd.DataFrame(columns=columns)
    ids = np.array(list(map(attrgetter("id"), flat.lines)), dtype=object)
    line_code, activity_ids = pd.factorize(ids)
    activity_code = line_code[flat.act_line]
    pair_of_row = flat.cell_pair[flat.act_cell]
    keys, first, inverse = np.unique(
        pair_of_row * len(activity_ids) + activity_code, return_index=True, return_inverse=True
    )
    size = len(keys)
    value_sum = np.bincount(inverse, flat.act_mid, size)
    weighted = np.bincount(inverse, flat.act_mid * flat.total_centred[flat.act_cell], size)
    n_with = np.bincount(inverse, minlength=size)
    marked = np.bincount(inverse, flat.act_time_consuming.astype(float), size)
    not_applicable = np.bincount(inverse, (~flat.act_applicable).astype(float), size)
    pair = keys // len(activity_ids)
    mean, share, spread = flat.shares(pair, value_sum, weighted)
    rows = []
    for i, row in enumerate(first):  # name, subprocess, local flag: from the first row seen
        process_id, group_id = flat.pairs[pair[i]]
        line = flat.lines[flat.act_line[row]]
        rows.append(
            {
                "process_id": process_id,
                "group_id": group_id,
                "subprocess_no": line.subprocess,
                "activity_id": line.id,
                "activity_name": line.label(lang),
                "local": line.local,
                "n_workshops": int(flat.n_workshops[pair[i]]),
                "n_with": int(n_with[i]),
                "mean_mid": mean[i],
                "share_of_mean": share[i],
                "spread_share": spread[i],
                "n_time_consuming": int(marked[i]),
                "n_not_applicable": int(not_applicable[i]),
            }
        )
    return pd.DataFrame(_ranked(rows, order, "activity_id"), columns=columns)


def _local_activities(records: list[SessionRecord], order: _Order) -> pd.DataFrame:
    columns = [
        "process_id",
        "subprocess_no",
        "activity_id",
        "activity_name",
        "n_workshops",
        "municipalities",
    ]
    found: dict[tuple, dict] = {}
    for r in records:
        for activity_id, number, name in r.local_activities:
            item = found.setdefault(
                (r.process_id, number, activity_id),
                {"name": name, "sessions": set(), "municipalities": set()},
            )
            item["sessions"].add(r.session_id)
            item["municipalities"].add(r.municipality)
    rows = [
        [
            process_id,
            number,
            activity_id,
            item["name"],
            len(item["sessions"]),
            ", ".join(sorted(item["municipalities"])),
        ]
        for (process_id, number, activity_id), item in found.items()
    ]
    rows.sort(key=lambda row: (*order.key(row[0]), row[1], row[2]))
    return pd.DataFrame(rows, columns=columns)


def _cost_driver_notes(
    records: list[SessionRecord], catalogue: Catalogue, order: _Order, lang: str
) -> pd.DataFrame:
    names = {(p.id, s.number): s.name.in_lang(lang) for p in catalogue for s in p.subprocesses}
    rows = [
        [
            r.process_id,
            number,
            names.get((r.process_id, number), ""),
            r.municipality,
            r.session_id,
            text,
        ]
        for r in records
        for number, text in r.cost_driver_notes.items()
    ]
    rows.sort(key=lambda row: (*order.key(row[0]), row[1], row[3], row[4]))
    return pd.DataFrame(
        rows,
        columns=[
            "process_id",
            "subprocess_no",
            "subprocess_name",
            "municipality",
            "session_id",
            "text",
        ],
    )


# ---------------------------------------------------------------- plain data


def frame_records(frame: pd.DataFrame, decimals: int = 6) -> list[dict]:
    """Rows as plain dicts for JSON: NaN/NA as None, floats rounded to strip float noise."""
    return [
        {key: _plain(value, decimals) for key, value in row.items()}
        for row in frame.to_dict("records")
    ]


def _plain(value, decimals: int):
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return round(float(value), decimals)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def summary_json(summary: Summary, unit: str) -> dict:
    """The whole summary as one JSON-ready dict (what `merge --format json` prints)."""
    return {
        "unit": unit,
        "n_workshops": len(summary.sessions),
        "levels": frame_records(summary.levels),
        "overview": frame_records(summary.overview),
        "subprocess_drivers": frame_records(summary.subprocess_drivers),
        "activity_drivers": frame_records(summary.activity_drivers),
        "local_activities": frame_records(summary.local_activities),
        "cost_driver_notes": frame_records(summary.cost_driver_notes),
        "sessions": frame_records(summary.sessions.drop(columns=["notes"])),
    }


__all__ = [
    "EXPORT_SUFFIXES",
    "LoadResult",
    "collector_paused",
    "MERGE_CSV_COLUMNS",
    "SessionRecord",
    "Summary",
    "anonymise",
    "find_export_files",
    "frame_records",
    "level_name",
    "load_exports",
    "municipality_labels",
    "read_export",
    "read_session_file",
    "session_record",
    "summarise",
    "summary_json",
]
