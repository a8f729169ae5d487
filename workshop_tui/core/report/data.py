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

import pandas as pd

from workshop_tui.core.costing import Costing, CostResult, percentiles, sample_totals, stream
from workshop_tui.core.formatting import group_label
from workshop_tui.core.frames import rows_of
from workshop_tui.core.merge import LoadResult, Summary
from workshop_tui.core.merge.anonymise import Scrubber, municipality_labels
from workshop_tui.core.merge.counting import ESTIMATED, INCOMPLETE, NOT_ESTIMATED
from workshop_tui.core.merge.records import SessionRecord
from workshop_tui.core.municipalities import sort_key
from workshop_tui.core.process.catalogue import Catalogue
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.process.reference import TOTAL, position, reference_rows
from workshop_tui.core.uncertainty import MIN_TRUSTED, Distribution

TOP_DRIVERS = 3
# Notes of rooms with fewer hours shown per subprocess: the fewest hours first, so a page
# stays one page however many workshops the merge holds.
PEER_NOTES = 5


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
    peer_mids: list[float]
    all_mids: list[float]  # every workshop's, own included: what the shared chart shows
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


@dataclass
class WorkshopSpread:
    """P10/P50/P90 of one workshop's process total (within-workshop sampling)."""

    who: str
    low: float
    high: float
    p10: float
    p50: float
    p90: float


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


def _number(value: object) -> float | None:
    if value is None or value is pd.NA:
        return None
    number = float(value)  # type: ignore[arg-type]
    return None if math.isnan(number) else number


class MergeIndex:
    """The merge's tables split by process and group (and the activities by workshop)
    once, for every report built from the same merge."""

    def __init__(self, result: LoadResult, summary: Summary, costs: CostResult) -> None:
        workshops = costs.workshops
        self.levels: dict[Any, pd.DataFrame] = {
            k: v for k, v in summary.levels.groupby(["process_id", "group_id"])
        }
        self.costs: dict[Any, pd.DataFrame] = {
            k: v for k, v in costs.costs.groupby(["process_id", "group_id"])
        }
        self.workshops: dict[Any, dict[str, pd.DataFrame]] = {
            pair: {str(level): rows for level, rows in frame.groupby("level")}
            for pair, frame in workshops.groupby(["process_id", "group_id"])
        }
        self.sessions: dict[Any, set[str]] = {
            pair: set(frame["session_id"])
            for pair, frame in workshops.groupby(["process_id", "group_id"])
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

    def scrubber(self, lang: str) -> tuple[dict[str, str], Scrubber]:
        """merge --anonymise's labels and anonymiser for this merge, made once per language
        for every report."""
        if lang not in self._scrubbers:
            labels = municipality_labels([r.municipality for r in self.records.values()], lang)
            self._scrubbers[lang] = (labels, Scrubber(labels))
        return self._scrubbers[lang]


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
    workshops = costs.workshops
    own_sessions = (
        set(workshops.loc[workshops["municipality"] == municipality, "session_id"])
        if municipality
        else set()
    )
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
            group.drivers = _drivers(
                process, group, notes, index.workshops[pair], municipality, summary, lang
            )
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
    )


def _group_report(
    process: ProcessDefinition,
    group_id: str,
    levels: pd.DataFrame,
    costs: pd.DataFrame,
    workshops: dict[str, pd.DataFrame],
    own_sessions: set[str],
    lang: str,
) -> GroupReport:
    refs = {str(r.level): r for r in reference_rows(process) if r.group_id == group_id}
    dkk = dict(zip(costs["level"], costs["dkk_mid"], strict=True))
    group_name = group_label(process, group_id, lang)
    rows = []
    for level in rows_of(levels):
        at_level = workshops[level.level]
        is_own = at_level["session_id"].isin(own_sessions)
        own_rows = at_level[is_own]
        own = own_rows[own_rows["status"] == ESTIMATED]
        # the dots are the workshops that count here, as the levels table counts them
        counted = at_level[at_level["counted"]]
        peers = counted[~counted["session_id"].isin(own_sessions)]
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
                peer_mids=sorted(float(v) for v in peers["mid"]),
                all_mids=sorted(float(v) for v in counted["mid"]),
                own_low=float(own["low"].min()) if len(own) else None,
                own_high=float(own["high"].max()) if len(own) else None,
                own_mid=float(own["mid"].mean()) if len(own) else None,
                dkk_mid=float(dkk[level.level]),
                own_dkk=float(own["dkk_mid"].mean()) if len(own) else None,
                own_status=_own_status(own_rows),
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


def _own_status(own_rows: pd.DataFrame) -> str | None:
    """The own workshops' status at a level: the worst of them (counting.py)."""
    found = set(own_rows["status"])
    for status in (NOT_ESTIMATED, INCOMPLETE, ESTIMATED):
        if status in found:
            return status
    return None


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
    workshops: dict[str, pd.DataFrame],
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
            for r in notes.records
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
    at_level: pd.DataFrame, notes: _NoteSource, number: int, own_mid: float, municipality: str
) -> tuple[list[PeerNote], int]:
    """The notes of other municipalities' rooms whose midpoint at subprocess `number` is
    below `own_mid`, the fewest hours first: PEER_NOTES of them, and how many more.

    Only the notes shown pass through the anonymiser: with thousands of workshops the
    rest are only counted."""
    fewer = at_level[(at_level["mid"] < own_mid) & (at_level["municipality"] != municipality)]
    fewer = fewer.sort_values(["mid", "session_id"])
    shown: list[PeerNote] = []
    more = 0
    for session_id, mid in zip(fewer["session_id"], fewer["mid"], strict=True):
        record = notes.by_session.get(session_id)
        text = record.cost_driver_notes.get(number, "") if record is not None else ""
        if not text:
            continue
        if len(shown) < PEER_NOTES:
            shown.append(PeerNote(float(mid), notes.shown(text)))
        else:
            more += 1
    return shown, more


def _spreads(
    totals: pd.DataFrame,
    index: MergeIndex,
    own_sessions: set[str],
    seed: int,
    distribution: Distribution,
) -> list[WorkshopSpread]:
    """P10/P50/P90 of the own workshop's total (every workshop's, nationally); an
    incomplete total has a part missing, so it has no spread to show."""
    totals = totals[totals["status"] == ESTIMATED]
    if own_sessions:
        totals = totals[totals["session_id"].isin(own_sessions)]
    spreads = []
    ordered = totals.sort_values(
        ["municipality", "session_id"],
        key=lambda column: column.map(sort_key) if column.name == "municipality" else column,
    )
    for row in rows_of(ordered):
        lows, highs = index.activities[(row.session_id, row.group_id)]
        rng = stream(seed, f"{row.session_id}/{row.group_id}")
        p10, p50, p90 = percentiles(sample_totals(lows, highs, rng, distribution=distribution))
        spreads.append(WorkshopSpread(row.municipality, row.low, row.high, p10, p50, p90))
    return spreads
