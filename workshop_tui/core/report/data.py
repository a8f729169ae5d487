"""What a benchlearning report shows, as plain data: built from the merge and the costs.

A municipality's report puts its workshop beside the national picture for the
same process and target group: each level's range across workshops, the
published reference, the peers in this merge (never named), where it stands,
and what a case and a year cost. It ranks no one: benchlearning, as the source
means it, is learning from those with the best and lasting results for the same
expenditure. So where the workshop lies furthest above the workshops, it shows
what the rooms with fewer hours there noted as their cost drivers, beside the
cost drivers the source names. No other municipality is named in it in any
spelling: its notes pass through merge's anonymiser. The national report shows
every workshop (named, or labelled with --anonymise).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from workshop_tui.core.costing import Costing, CostResult, percentiles, sample_totals, stream
from workshop_tui.core.formatting import group_label, missing
from workshop_tui.core.frames import rows_of
from workshop_tui.core.merge import LoadResult, Summary
from workshop_tui.core.merge.anonymising import Scrubber, municipality_labels
from workshop_tui.core.merge.counting import ESTIMATED, INCOMPLETE, NOT_ESTIMATED
from workshop_tui.core.merge.records import SessionRecord
from workshop_tui.core.merge.skipped import skipped_rows
from workshop_tui.core.municipalities import sort_key
from workshop_tui.core.process.catalogue import Catalogue
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.process.reference import TOTAL, position, reference_rows
from workshop_tui.core.uncertainty import MIN_TRUSTED, Distribution

TOP_DRIVERS = 3
# Notes of rooms with fewer hours shown per subprocess: the fewest hours first, so a page
# stays one page however many workshops the merge holds.
PEER_NOTES = 5
MAX_NOTES = 8  # the rooms' notes shown per driver


@dataclass
class Level:
    """One row of a group's table and one bar of its chart."""

    key: str  # process/group/level, for the page's data-figure attributes
    label: str
    is_total: bool
    n: int
    low: float
    high: float
    mean: float
    ref_low: float | None
    ref_high: float | None
    ref_avg: float | None
    # every workshop's midpoint, own included, sorted: the chart draws their distribution
    all_mids: npt.NDArray[np.float64]
    own_mids: list[float] = field(default_factory=list)  # the own workshops', sorted
    own_low: float | None = None
    own_high: float | None = None
    own_mid: float | None = None
    dkk_mid: float = math.nan
    own_dkk: float | None = None
    # the own workshop at this level (counting.py): 'estimated', 'not_estimated' or
    # 'incomplete' (a total with a level not estimated); None without an own workshop
    own_status: str | None = None
    ref_municipalities: int | None = None  # how many the published range spans


@dataclass
class PeerNote:
    """What a room with fewer hours at a subprocess noted there, other names replaced."""

    mid: float  # that room's midpoint at the subprocess
    text: str


@dataclass
class Driver:
    label: str
    own_mid: float
    national_mean: float
    definition_drivers: list[str]
    notes: list[str]
    peer_notes: list[PeerNote] = field(default_factory=list)
    more_peer_notes: int = 0  # rooms with fewer hours and a note, beyond those shown
    more_notes: int = 0  # notes left out of the page (the merge's XLSX holds them all)


@dataclass
class WorkshopSpread:
    """P10/P50/P90 of one workshop's process total (within-workshop sampling); in the
    national report a municipality's workshops' mean P10, P50 and P90."""

    who: str
    low: float
    high: float
    p10: float
    p50: float
    p90: float
    workshops: int = 1  # nationally, a municipality's several workshops: their mean


@dataclass
class GroupReport:
    key: str  # process/group
    process_id: str
    group_id: str
    title: str
    levels: list[Level]
    n: int
    trusted: bool
    hours_ci: tuple[float, float]
    dkk_ci: tuple[float, float]
    position: str | None = None  # the own total against the published range
    drivers: list[Driver] = field(default_factory=list)
    spreads: list[WorkshopSpread] = field(default_factory=list)
    cases_per_year: float | None = None
    volume_basis: str = ""
    dkk_per_year: float | None = None
    fte: float | None = None
    own_dkk_per_year: float | None = None
    chart_svg: str = ""
    caveats: list[str] = field(default_factory=list)  # the source's, on the published figures

    @property
    def own_incomplete(self) -> bool:
        """The own workshop left a level of this group not estimated."""
        return any(level.own_status == NOT_ESTIMATED for level in self.levels)


@dataclass
class ReportData:
    municipality: str | None
    lang: str
    n_workshops: int
    n_municipalities: int
    groups: list[GroupReport]
    checks: pd.DataFrame
    costing: Costing
    seed: int
    distribution: Distribution
    processes: list[ProcessDefinition]
    skipped: list[list[Any]] = field(default_factory=list)  # skipped_rows: left out whole


def _number(value: object) -> float | None:
    return None if missing(value) else float(value)  # type: ignore[arg-type]


class MergeIndex:
    """The merge's tables split by process and group once, for every report built from
    the same merge: each level's midpoints (sorted) and each workshop's figures by
    session, so a municipality's report looks its own workshops up instead of
    filtering the national tables again; and each workshop's P10/P50/P90, drawn once."""

    def __init__(self, result: LoadResult, summary: Summary, costs: CostResult) -> None:
        workshops = costs.workshops
        self.levels: dict[Any, list[Any]] = {
            k: list(rows_of(v)) for k, v in summary.levels.groupby(["process_id", "group_id"])
        }
        self.costs: dict[Any, pd.DataFrame] = {
            k: v for k, v in costs.costs.groupby(["process_id", "group_id"])
        }
        self.workshops: dict[Any, dict[str, LevelIndex]] = {
            pair: {str(level): LevelIndex.of(rows) for level, rows in frame.groupby("level")}
            for pair, frame in workshops.groupby(["process_id", "group_id"])
        }
        self.sessions: dict[Any, set[str]] = {
            pair: set(frame["session_id"])
            for pair, frame in workshops.groupby(["process_id", "group_id"])
        }
        self.municipality_sessions: dict[str, set[str]] = {
            str(name): set(frame["session_id"]) for name, frame in workshops.groupby("municipality")
        }
        frame = result.frame
        keys = list(zip(frame["session_id"], frame["group_id"], strict=True))
        lows, highs = frame["counted_low"].to_numpy(), frame["counted_high"].to_numpy()
        rows: dict[tuple[str, str], list[int]] = {}
        for index, key in enumerate(keys):
            rows.setdefault(key, []).append(index)
        self.activities = {key: (lows[i], highs[i]) for key, i in rows.items()}
        self.records = {r.session_id: r for r in result.records}
        self._scrubbers: dict[str, tuple[dict[str, str], Scrubber]] = {}
        self._spreads: dict[tuple[str, str, int, str], tuple[float, float, float]] = {}
        self._records: dict[str, list[SessionRecord]] = {}
        for record in result.records:
            self._records.setdefault(record.municipality, []).append(record)

    def scrubber(self, lang: str) -> tuple[dict[str, str], Scrubber]:
        """merge --anonymise's labels and anonymiser for this merge, made once per language
        for every report."""
        if lang not in self._scrubbers:
            labels = municipality_labels([r.municipality for r in self.records.values()], lang)
            self._scrubbers[lang] = (labels, Scrubber(labels))
        return self._scrubbers[lang]

    def records_of(self, municipality: str) -> list[SessionRecord]:
        """The municipality's own workshops."""
        return self._records.get(municipality, [])

    def spread(
        self, session_id: str, group_id: str, seed: int, distribution: Distribution
    ) -> tuple[float, float, float]:
        """P10, P50 and P90 of one workshop's total: drawn once, whichever page asks."""
        key = (session_id, group_id, seed, distribution)
        if key not in self._spreads:
            lows, highs = self.activities[(session_id, group_id)]
            rng = stream(seed, f"{session_id}/{group_id}")
            p10, p50, p90 = percentiles(sample_totals(lows, highs, rng, distribution=distribution))
            self._spreads[key] = (p10, p50, p90)
        return self._spreads[key]


@dataclass
class LevelIndex:
    """One level of one process and group: every workshop's figures."""

    mids: npt.NDArray[np.float64]  # sorted
    by_session: dict[str, WorkshopFigures]
    rows: list[Any]  # the workshops' rows (session, municipality, low, high, mid, status, ...)

    @classmethod
    def of(cls, frame: pd.DataFrame) -> LevelIndex:
        rows = list(rows_of(frame))
        by_session = {
            str(r.session_id): WorkshopFigures(
                float(r.low), float(r.high), float(r.mid), float(r.dkk_mid), str(r.status)
            )
            for r in rows
        }
        # the distribution drawn is of the workshops that count here, as the levels
        # table counts them (core/merge/counting.py)
        counted = frame.loc[frame["counted"], "mid"].to_numpy(dtype=np.float64)
        return cls(np.sort(counted), by_session, rows)

    def own(self, sessions: set[str]) -> list[WorkshopFigures]:
        """The own workshops estimated in full at this level: what the page sets beside
        the others (a level not estimated is not 0 h)."""
        return [
            figures
            for s in sorted(sessions)
            if (figures := self.by_session.get(s)) is not None and figures.status == ESTIMATED
        ]

    def own_status(self, sessions: set[str]) -> str | None:
        """The own workshops' status at this level: the worst of them (counting.py)."""
        found = {self.by_session[s].status for s in sessions if s in self.by_session}
        for status in (NOT_ESTIMATED, INCOMPLETE, ESTIMATED):
            if status in found:
                return status
        return None


@dataclass(frozen=True)
class WorkshopFigures:
    low: float
    high: float
    mid: float
    dkk_mid: float
    status: str  # estimated, not_estimated or incomplete (counting.py)


def build_report(
    catalogue: Catalogue,
    result: LoadResult,
    summary: Summary,
    costs: CostResult,
    costing: Costing,
    municipality: str | None,
    lang: str,
    distribution: Distribution = "uniform",
    index: MergeIndex | None = None,
) -> ReportData:
    """The report for `municipality` (None: the national report). Pass one MergeIndex
    to every report of the same merge to split its tables only once."""
    index = index if index is not None else MergeIndex(result, summary, costs)
    own_sessions = index.municipality_sessions.get(municipality, set()) if municipality else set()
    groups: list[GroupReport] = []
    processes = []
    notes = _NoteSource(index, municipality, lang)
    for process in catalogue:
        wanted = [
            g.id
            for g in process.groups
            if (process.id, g.id) in index.levels
            and (not municipality or own_sessions & index.sessions[(process.id, g.id)])
        ]
        if wanted:
            processes.append(process)
        for group_id in wanted:
            pair = (process.id, group_id)
            group = _group_report(
                process,
                group_id,
                index.levels[pair],
                index.costs[pair],
                index.workshops[pair],
                own_sessions,
                lang,
            )
            records = index.records_of(municipality) if municipality else result.records
            group.drivers = _drivers(
                process, group, notes, records, index.workshops[pair], municipality, summary, lang
            )
            for driver in group.drivers:  # a page does not grow with the exports
                driver.more_notes = max(len(driver.notes) - MAX_NOTES, 0)
                driver.notes = driver.notes[:MAX_NOTES]
            group.spreads = _spreads(
                index.workshops[pair][TOTAL], index, own_sessions, costs.seed, distribution
            )
            groups.append(group)
    yearly = costs.municipalities
    if municipality and not yearly.empty:
        for group in groups:
            rows = yearly[
                (yearly["municipality"] == municipality)
                & (yearly["process_id"] == group.process_id)
                & (yearly["group_id"] == group.group_id)
            ]
            if len(rows):
                group.own_dkk_per_year = float(rows["dkk_per_year"].iloc[0])
    return ReportData(
        municipality=municipality,
        lang=lang,
        n_workshops=len(result.records),
        n_municipalities=len({r.municipality for r in result.records}),
        groups=groups,
        checks=costs.checks,
        costing=costing,
        seed=costs.seed,
        distribution=distribution,
        processes=processes,
        skipped=skipped_rows(result.problems, result.anonymised),
    )


def _group_report(
    process: ProcessDefinition,
    group_id: str,
    levels: list[Any],
    costs: pd.DataFrame,
    workshops: dict[str, LevelIndex],
    own_sessions: set[str],
    lang: str,
) -> GroupReport:
    refs = {str(r.level): r for r in reference_rows(process) if r.group_id == group_id}
    dkk = dict(zip(costs["level"], costs["dkk_mid"], strict=True))
    group_name = group_label(process, group_id, lang)
    rows = []
    for level in levels:
        at_level = workshops[level.level]
        own = at_level.own(own_sessions)
        ref = refs.get(level.level)
        is_total = level.level == TOTAL
        name = (
            ("Total" if lang == "en" else "Samlet")
            if is_total
            else f"{level.level} {process.subprocesses[int(level.level) - 1].name.in_lang(lang)}"
        )
        rows.append(
            Level(
                key=f"{process.id}/{group_id}/{level.level}",
                label=name,
                is_total=is_total,
                n=int(level.n_workshops),
                low=float(level.low),
                high=float(level.high),
                mean=float(level.mean),
                ref_low=ref.low if ref else None,
                ref_high=ref.high if ref else None,
                ref_avg=ref.avg if ref else None,
                all_mids=at_level.mids,
                own_mids=sorted(w.mid for w in own),
                own_low=min(w.low for w in own) if own else None,
                own_high=max(w.high for w in own) if own else None,
                own_mid=sum(w.mid for w in own) / len(own) if own else None,
                dkk_mid=float(dkk[level.level]),
                own_dkk=sum(w.dkk_mid for w in own) / len(own) if own else None,
                own_status=at_level.own_status(own_sessions),
                ref_municipalities=ref.municipalities if ref else None,
            )
        )
    total_costs = costs[costs["level"] == TOTAL].iloc[0]
    total = rows[-1]
    report = GroupReport(
        key=f"{process.id}/{group_id}",
        process_id=process.id,
        group_id=group_id,
        title=f"{process.name.in_lang(lang)}: {group_name}",
        levels=rows,
        n=total.n,
        trusted=total.n >= MIN_TRUSTED,
        hours_ci=(float(total_costs["hours_ci_low"]), float(total_costs["hours_ci_high"])),
        dkk_ci=(float(total_costs["dkk_ci_low"]), float(total_costs["dkk_ci_high"])),
        cases_per_year=_number(total_costs["cases_per_year"]),
        volume_basis=str(total_costs["volume_basis"]),
        dkk_per_year=_number(total_costs["dkk_per_year"]),
        fte=_number(total_costs["fte"]),
        caveats=_caveats(process, group_id, lang),
    )
    if total.own_mid is not None:
        ref = refs.get(TOTAL)
        report.position = position(total.own_mid, ref) if ref else None
    return report


def _caveats(process: ProcessDefinition, group_id: str, lang: str) -> list[str]:
    """The source's caveats on the process's and this group's published figures."""
    group = process.group_reference(group_id)
    found = [*process.reference.caveats, *(group.caveats if group else [])]
    return [caveat.in_lang(lang) for caveat in found]


class _NoteSource:
    """The rooms' cost-driver notes as a report may print them: in a municipality's
    report every other municipality's name is replaced as merge --anonymise does."""

    def __init__(self, index: MergeIndex, municipality: str | None, lang: str) -> None:
        self.by_session = index.records
        self.records = list(index.records.values())
        labels, self.scrub = index.scrubber(lang)
        self.own = labels.get(municipality or "")  # its own name it may read

    def text(self, record: SessionRecord, number: int) -> str:
        return self.shown(record.cost_driver_notes.get(number, ""))

    def shown(self, text: str) -> str:
        return self.scrub(text, keep=self.own) if self.own is not None else text


def _drivers(
    process: ProcessDefinition,
    group: GroupReport,
    notes: _NoteSource,
    records: list[SessionRecord],
    workshops: dict[str, LevelIndex],
    municipality: str | None,
    summary: Summary,
    lang: str,
) -> list[Driver]:
    """The own workshop's subprocesses furthest above the workshops' mean midpoint, with
    the room's notes and those of the rooms with fewer hours there; nationally, the
    subprocesses that explain most of the spread."""
    subs = [level for level in group.levels if not level.is_total]
    if municipality:
        ranked = sorted(
            (s for s in subs if s.own_mid is not None and s.own_mid > s.mean),
            key=lambda s: s.own_mid - s.mean if s.own_mid is not None else 0,
            reverse=True,
        )
    else:
        spread = summary.subprocess_drivers
        order = spread[
            (spread["process_id"] == process.id) & (spread["group_id"] == group.group_id)
        ].sort_values("rank")
        ranked = [subs[int(n) - 1] for n in order["subprocess_no"] if int(n) <= len(subs)]
    drivers = []
    for level in ranked[:TOP_DRIVERS]:
        number = int(level.key.rsplit("/", 1)[1])
        own_notes = [
            (text if municipality else f"{r.municipality}: {text}")
            for r in records
            if r.process_id == process.id
            and group.group_id in r.groups
            and (not municipality or r.municipality == municipality)
            and (text := notes.text(r, number))
        ]
        driver = Driver(
            label=level.label,
            own_mid=level.own_mid if level.own_mid is not None else level.mean,
            national_mean=level.mean,
            definition_drivers=[
                d.in_lang(lang).rstrip(".") for d in process.subprocesses[number - 1].cost_drivers
            ],
            notes=own_notes,
        )
        if municipality and level.own_mid is not None:
            driver.peer_notes, driver.more_peer_notes = _peer_notes(
                workshops[str(number)], notes, number, level.own_mid, municipality
            )
        drivers.append(driver)
    return drivers


def _peer_notes(
    at_level: LevelIndex, notes: _NoteSource, number: int, own_mid: float, municipality: str
) -> tuple[list[PeerNote], int]:
    """The notes of other municipalities' rooms whose midpoint at subprocess `number` is
    below `own_mid`, the fewest hours first: PEER_NOTES of them, and how many more.

    Only the notes shown pass through the anonymiser: with thousands of workshops the
    rest are only counted."""
    fewer = sorted(
        (float(r.mid), str(r.session_id))
        for r in at_level.rows
        if r.counted and r.mid < own_mid and r.municipality != municipality
    )
    shown: list[PeerNote] = []
    more = 0
    for mid, session_id in fewer:
        record = notes.by_session.get(session_id)
        text = record.cost_driver_notes.get(number, "") if record is not None else ""
        if not text:
            continue
        if len(shown) < PEER_NOTES:
            shown.append(PeerNote(mid, notes.shown(text)))
        else:
            more += 1
    return shown, more


def _spreads(
    totals: LevelIndex,
    index: MergeIndex,
    own_sessions: set[str],
    seed: int,
    distribution: Distribution,
) -> list[WorkshopSpread]:
    """P10/P50/P90 of the own workshops' totals; nationally one row per municipality
    (the mean of its workshops' percentiles), so the page grows with the
    municipalities, never with the exports. An incomplete total has a part missing, so
    it has no spread to show."""
    rows = [
        r
        for r in totals.rows
        if r.status == ESTIMATED and (not own_sessions or r.session_id in own_sessions)
    ]
    by_who: dict[str, list[Any]] = {}
    for row in sorted(rows, key=lambda r: (sort_key(r.municipality), r.session_id)):
        who = row.municipality if not own_sessions else row.session_id
        by_who.setdefault(who, []).append(row)
    spreads = []
    for who_rows in by_who.values():
        drawn = [index.spread(r.session_id, r.group_id, seed, distribution) for r in who_rows]
        p10, p50, p90 = (sum(p[i] for p in drawn) / len(drawn) for i in range(3))
        low = min(float(r.low) for r in who_rows)
        high = max(float(r.high) for r in who_rows)
        spreads.append(
            WorkshopSpread(who_rows[0].municipality, low, high, p10, p50, p90, len(who_rows))
        )
    return spreads
