"""The one totals engine: pure functions from a session to its sums.

The app, the live view, the exports and the aggregator all call these; nothing
else adds hours up. Figures are staff hours per citizen who receives the
intervention. An activity's hours are its estimate x staff taking part x share
of cases; activities marked not applicable are left out of every sum.
"""

from __future__ import annotations

from dataclasses import dataclass

from workshop_tui.models import ActivityEntry, Estimate, ProcessDefinition, Session, Subprocess, Text


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class ActivityLine:
    """An activity as the room sees it: defined in the process or added locally."""

    id: str
    subprocess: int
    name: Text | str
    time_consuming: bool
    local: bool

    def label(self, lang: str) -> str:
        return self.name if isinstance(self.name, str) else self.name.in_lang(lang)


@dataclass(frozen=True, slots=True)
class ActivityTotal:
    line: ActivityLine
    span: Span | None  # None where nothing is entered yet
    applicable: bool
    low_above_high: bool


@dataclass(frozen=True, slots=True)
class SubprocessTotal:
    number: int
    span: Span
    filled: int
    expected: int


@dataclass(frozen=True, slots=True)
class GroupTotals:
    group_id: str
    activities: tuple[ActivityTotal, ...]
    subprocesses: tuple[SubprocessTotal, ...]
    total: Span
    filled: int
    expected: int

    def subprocess(self, number: int) -> SubprocessTotal:
        return next(s for s in self.subprocesses if s.number == number)


def activity_lines(process: ProcessDefinition, session: Session) -> list[ActivityLine]:
    """Every activity in process order; local ones at the end of their subprocess."""
    lines = []
    for subprocess in process.subprocesses:
        lines += _lines_of(subprocess, session)
    return lines


def _lines_of(subprocess: Subprocess, session: Session) -> list[ActivityLine]:
    defined = [
        ActivityLine(
            a.id, subprocess.number, a.name,
            _marked(session, a.id, a.time_consuming), local=False,
        )
        for a in subprocess.activities
    ]
    local = [
        ActivityLine(a.id, subprocess.number, a.name, _marked(session, a.id, False), local=True)
        for a in session.local_activities
        if a.subprocess == subprocess.number
    ]
    return defined + local


def _marked(session: Session, activity_id: str, default: bool) -> bool:
    entry = session.activities.get(activity_id)
    mark = entry.time_consuming if entry is not None else None
    return default if mark is None else mark


def estimate_span(estimate: Estimate) -> Span | None:
    """An estimate's hours after staff and share; a missing side takes the other's value."""
    low, high = estimate.low, estimate.high
    if low is None and high is None:
        return None
    if low is None:
        low = high
    elif high is None:
        high = low
    factor = estimate.staff * estimate.share
    return Span(low * factor, high * factor)


def group_totals(
    process: ProcessDefinition,
    session: Session,
    group_id: str,
    lines: list[ActivityLine] | None = None,
) -> GroupTotals:
    """Each activity's, each subprocess's and the whole process's hours for one group.

    `lines` (from activity_lines) may be passed in when totalling several groups
    of one session, so they are built once.
    """
    if lines is None:
        lines = activity_lines(process, session)
    activities = []
    # Per subprocess: low, high, filled, expected; plain floats summed in line order.
    sums: dict[int, list] = {s.number: [0.0, 0.0, 0, 0] for s in process.subprocesses}
    for line in lines:
        entry = session.activities.get(line.id) or _NO_ENTRY
        estimate = entry.estimates.get(group_id) or _NO_ESTIMATE
        span = estimate_span(estimate)
        applicable = not entry.not_applicable
        activities.append(ActivityTotal(line, span, applicable, estimate.low_above_high))
        if not applicable:
            continue
        bucket = sums[line.subprocess]
        bucket[3] += 1
        if span is not None:
            bucket[0] += span.low
            bucket[1] += span.high
            bucket[2] += 1
    subprocesses = tuple(
        SubprocessTotal(number, Span(low, high), filled, expected)
        for number, (low, high, filled, expected) in sums.items()
    )
    low = high = 0.0
    for sub in subprocesses:
        low += sub.span.low
        high += sub.span.high
    return GroupTotals(
        group_id,
        tuple(activities),
        subprocesses,
        Span(low, high),
        filled=sum(s.filled for s in subprocesses),
        expected=sum(s.expected for s in subprocesses),
    )


_NO_ENTRY = ActivityEntry()
_NO_ESTIMATE = Estimate()


def session_totals(process: ProcessDefinition, session: Session) -> dict[str, GroupTotals]:
    """group_totals for every group the session covers, in the session's order."""
    lines = activity_lines(process, session)
    return {group: group_totals(process, session, group, lines) for group in session.groups}


def completeness(totals: dict[str, GroupTotals]) -> float:
    """Share of applicable activity x group cells with an estimate (0-1)."""
    expected = sum(g.expected for g in totals.values())
    return sum(g.filled for g in totals.values()) / expected if expected else 0.0
