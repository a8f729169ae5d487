"""The one totals engine: pure functions from a session to its sums.

The app, the live view, the exports and the aggregator all call these; nothing
else adds hours up. Figures are staff hours per citizen who receives the
intervention. An activity's hours are its estimate x staff taking part x share
of cases. A cell (activity x group) marked not applicable - the whole activity,
or that one group's estimate - is left out of every sum and of what counts as
filled.

Speed matters here: `workshop-tui merge` runs the engine on every group of
every workshop it merges (hundreds of thousands of activity x group cells), so
a group's cells are summed in one loop that builds no object per cell and keeps
each cell's figures in a flat list; the per-activity ActivityTotal objects the
app shows are built from that list only when asked for.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from workshop_tui.core.model_base import Text
from workshop_tui.core.process.model import ProcessDefinition, Subprocess
from workshop_tui.core.session.entries import Estimate
from workshop_tui.core.session.model import Session

# The classes are plain slots dataclasses, not frozen ones: a frozen dataclass's
# __init__ costs about four times as much. Nothing changes them after the engine
# returns them.


@dataclass(slots=True)
class Span:
    """A low-high pair of hours."""

    low: float
    high: float

    @property
    def mid(self) -> float:
        return (self.low + self.high) / 2

    def __add__(self, other: Span) -> Span:
        return Span(self.low + other.low, self.high + other.high)


ZERO = Span(0.0, 0.0)


@dataclass(slots=True, frozen=True)  # shared between sessions: see _part
class ActivityLine:
    """An activity as the room sees it: defined in the process or added locally."""

    id: str
    subprocess: int
    name: Text | str
    time_consuming: bool  # the room's mark, else the definition's flag
    local: bool
    applicable: bool = True  # False where the room marked the whole activity not applicable

    def label(self, lang: str) -> str:
        return self.name if isinstance(self.name, str) else self.name.in_lang(lang)


@dataclass(slots=True)
class ActivityTotal:
    line: ActivityLine
    span: Span | None  # after staff and share; None where nothing is entered yet
    applicable: bool  # False where the activity, or this group's cell, is not applicable
    low_above_high: bool
    missing_side: str | None = None  # "low" or "high" where only the other side is entered
    factor: float = 1.0  # staff x share, by which the entered figures were multiplied


@dataclass(slots=True)
class SubprocessTotal:
    number: int
    span: Span
    filled: int  # applicable cells with both a low and a high
    expected: int
    half_filled: int = 0  # applicable cells with one side only: counted, but not filled

    @property
    def partial(self) -> bool:
        """Whether some applicable cell is empty or half-filled: the sum is not the whole."""
        return self.filled < self.expected


CELL_FIELDS = ("low", "high", "staff", "share", "counted_low", "counted_high", "applies")
"""What GroupTotals.cells holds for each activity line, one after the other: the
estimate as entered (NaN for an empty side; staff and share 1 in an empty cell),
the hours the cell adds to the sums after staff and share (0 where the cell is
not applicable or nothing is entered), and 1.0 where the cell counts, 0.0 where
the activity or this group's cell is marked not applicable."""

_APPLIES = CELL_FIELDS.index("applies")
_NAN = float("nan")
# an empty cell's CELL_FIELDS, by whether it applies
_EMPTY_CELLS = {
    applies: (_NAN, _NAN, 1.0, 1.0, 0.0, 0.0, float(applies)) for applies in (True, False)
}


@dataclass(slots=True, eq=False)
class GroupTotals:
    """One group's sums; the per-activity figures are kept flat and built on demand."""

    group_id: str
    subprocesses: list[SubprocessTotal]  # in process order
    total: Span
    filled: int
    expected: int
    lines: list[ActivityLine]  # in activity_lines order
    cells: list[float]  # CELL_FIELDS for each line, one line after the other
    _activities: list[ActivityTotal] | None = field(default=None, repr=False)  # cache
    half_filled: int = 0  # applicable cells with one side only (not in `filled`)

    @property
    def partial(self) -> bool:
        """Whether some applicable cell is empty or half-filled: the total is not the whole."""
        return self.filled < self.expected

    @property
    def activities(self) -> list[ActivityTotal]:
        """Each activity's figures in line order (built from `cells` on first use)."""
        if self._activities is None:
            width = len(CELL_FIELDS)
            self._activities = [
                _activity_total(line, self.cells[index * width : (index + 1) * width])
                for index, line in enumerate(self.lines)
            ]
        return self._activities

    def subprocess(self, number: int) -> SubprocessTotal:
        return next(s for s in self.subprocesses if s.number == number)

    def __eq__(self, other: object) -> bool:
        # by figures, as ActivityTotal objects: `cells` holds NaN, which never equals itself
        if not isinstance(other, GroupTotals):
            return NotImplemented
        return (
            self.group_id,
            self.subprocesses,
            self.total,
            self.filled,
            self.expected,
            self.half_filled,
            self.activities,
        ) == (
            other.group_id,
            other.subprocesses,
            other.total,
            other.filled,
            other.expected,
            other.half_filled,
            other.activities,
        )

    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value


def _activity_total(line: ActivityLine, cell: list[float]) -> ActivityTotal:
    """One cell's ActivityTotal from its CELL_FIELDS (NaN = an empty side)."""
    low, high = (None if math.isnan(value) else value for value in cell[:2])
    factor = cell[2] * cell[3]  # staff x share: never NaN (both default to 1)
    hours = _hours(low, high, factor)
    missing = None
    if (low is None) != (high is None):
        missing = "low" if low is None else "high"
    return ActivityTotal(
        line,
        None if hours is None else Span(*hours),
        cell[_APPLIES] == 1.0,
        low is not None and high is not None and low > high,
        missing,
        factor,
    )


def activity_lines(process: ProcessDefinition, session: Session) -> list[ActivityLine]:
    """Every activity in process order; local ones at the end of their subprocess."""
    return _Sections(process, session).lines


class _Sections:
    """A session's activity lines by subprocess, each line with the room's estimates.

    Built once per session and shared by its groups, so an activity's entry is
    looked up once per line, not once per line and group.
    """

    def __init__(self, process: ProcessDefinition, session: Session):
        # Per subprocess, in process order: its number, its lines and their {group: Estimate}
        self.parts = [_part(subprocess, session) for subprocess in process.subprocesses]
        self.lines = [line for _, part_lines, _ in self.parts for line in part_lines]


def _part(
    subprocess: Subprocess, session: Session
) -> tuple[int, list[ActivityLine], list[dict[str, Estimate]]]:
    """A subprocess's lines (defined, then added in the room) with the room's marks.

    A defined activity the room left as defined gets the subprocess's own line, shared by
    every session (ActivityLine is frozen): building 30 lines per session costs a quarter
    of the engine's time in a merge (14 of 54 µs a session), and 30 objects per record.
    """
    entries, number = session.activities, subprocess.number
    members = _defined_members(subprocess)
    if session.local_activities:
        members = members + [
            ActivityLine(a.id, number, a.name, False, True)
            for a in session.local_activities
            if a.subprocess == number
        ]
    lines, estimates = [], []
    for line in members:
        entry = entries.get(line.id)
        if entry is None:
            lines.append(line)
            estimates.append(_NO_ESTIMATES)
            continue
        marked = entry.time_consuming
        if entry.not_applicable or (marked is not None and marked != line.time_consuming):
            line = ActivityLine(
                line.id,
                number,
                line.name,
                line.time_consuming if marked is None else marked,
                line.local,
                not entry.not_applicable,
            )
        lines.append(line)
        estimates.append(entry.estimates)
    return number, lines, estimates


_NO_ESTIMATES: dict[str, Estimate] = {}

# A subprocess's defined activities as lines, by id() of the subprocess: the merge
# asks for the same few subprocesses for every session. The subprocess is kept beside
# them, so an id is never reused while it is in here; a handful of processes fit.
_DEFINED: dict[int, tuple[Subprocess, list[ActivityLine]]] = {}
_DEFINED_MAX = 256


def _defined_members(subprocess: Subprocess) -> list[ActivityLine]:
    """The line of each activity the process defines, in order, as the definition has it."""
    cached = _DEFINED.get(id(subprocess))
    if cached is not None and cached[0] is subprocess:
        return cached[1]
    members = [
        ActivityLine(a.id, subprocess.number, a.name, a.time_consuming, False)
        for a in subprocess.activities
    ]
    if len(_DEFINED) >= _DEFINED_MAX:  # processes read again and again (the app's reloads)
        _DEFINED.clear()
    _DEFINED[id(subprocess)] = (subprocess, members)
    return members


def estimate_span(estimate: Estimate) -> Span | None:
    """An estimate's hours after staff and share; a missing side takes the other's value."""
    hours = _hours(estimate.low, estimate.high, estimate.staff * estimate.share)
    return None if hours is None else Span(*hours)


def _hours(low: float | None, high: float | None, factor: float) -> tuple[float, float] | None:
    if low is None:
        if high is None:
            return None
        low = high
    elif high is None:
        high = low
    return low * factor, high * factor


def group_totals(process: ProcessDefinition, session: Session, group_id: str) -> GroupTotals:
    """Each activity's, each subprocess's and the whole process's hours for one group."""
    return _group_totals(_Sections(process, session), group_id)


def session_totals(process: ProcessDefinition, session: Session) -> dict[str, GroupTotals]:
    """group_totals for every group the session covers, in the session's order."""
    sections = _Sections(process, session)
    return {group: _group_totals(sections, group) for group in session.groups}


def _group_totals(sections: _Sections, group_id: str) -> GroupTotals:
    """One pass over the group's cells, each subprocess summed in local variables.

    Floats are summed in line order and subprocesses in process order, so the
    same session always gives bit-identical figures. A cell with both sides
    entered (nearly every cell) takes the short way, counted once as filled (the
    expected cells are the filled ones and the others); `_cell` does the rest.
    """
    cells: list[float] = []
    subprocesses: list[SubprocessTotal] = []
    total_low = total_high = 0.0
    total_filled = total_expected = total_half = 0
    for number, lines, estimates_per_line in sections.parts:
        low_sum = high_sum = 0.0
        filled = others = half = 0  # others: applicable cells empty or half-filled
        # Equal lengths by construction (_part appends to both at once). No keyword: with
        # one, zip() leaves its fast call path, and the merge's engine is 8 % slower.
        for line, estimates in zip(lines, estimates_per_line):  # noqa: B905
            estimate = estimates.get(group_id)
            if estimate is None:
                others += line.applicable
                cells += _EMPTY_CELLS[line.applicable]
                continue
            # The model's fields read from its __dict__: BaseModel defines __getattr__, so
            # CPython cannot specialise an attribute read of a model, and a subscript of
            # the dict costs less (the engine 28.5 µs a merged session instead of 30.2).
            fields = estimate.__dict__
            low, high = fields["low"], fields["high"]
            # the whole activity, or only this group's cell, may be marked not applicable
            if low is None or high is None or fields["not_applicable"] or not line.applicable:
                applicable = line.applicable and not fields["not_applicable"]
                added = _cell(cells, low, high, fields["staff"], fields["share"], applicable)
                if added is not None:  # half-filled and applicable: counted, not filled
                    low_sum += added[0]
                    high_sum += added[1]
                    half += 1
                others += applicable
                continue
            staff, share = fields["staff"], fields["share"]
            factor = staff * share
            counted_low = low * factor
            counted_high = high * factor
            low_sum += counted_low
            high_sum += counted_high
            filled += 1
            cells += (low, high, staff, share, counted_low, counted_high, 1.0)
        subprocesses.append(
            SubprocessTotal(number, Span(low_sum, high_sum), filled, filled + others, half)
        )
        # the process's sums: the subprocesses' added in process order
        total_low += low_sum
        total_high += high_sum
        total_filled += filled
        total_expected += filled + others
        total_half += half
    return GroupTotals(
        group_id,
        subprocesses,
        Span(total_low, total_high),
        total_filled,
        total_expected,
        sections.lines,
        cells,
        half_filled=total_half,
    )


def _cell(
    cells: list[float],
    low: float | None,
    high: float | None,
    staff: float,
    share: float,
    applicable: bool,
) -> tuple[float, float] | None:
    """Add a cell that is half-filled, empty or not applicable to `cells`.

    Returns the hours it adds to the sums (a half-filled applicable cell adds its
    one figure to both), or None where it adds nothing.
    """
    hours = _hours(low, high, staff * share)
    counted = hours if hours is not None and applicable else None
    counted_low, counted_high = counted if counted is not None else (0.0, 0.0)
    cells += (
        _NAN if low is None else low,
        _NAN if high is None else high,
        staff,
        share,
        counted_low,
        counted_high,
        1.0 if applicable else 0.0,
    )
    return counted


def completeness(totals: dict[str, GroupTotals]) -> float:
    """Share of applicable activity x group cells with both a low and a high (0-1)."""
    expected = sum(g.expected for g in totals.values())
    return sum(g.filled for g in totals.values()) / expected if expected else 0.0
