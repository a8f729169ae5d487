"""The one totals engine: pure functions from a session to its sums.

The app, the live view, the exports and the aggregator all call these; nothing
else adds hours up. Figures are staff hours per citizen who receives the
intervention. An activity's hours are its estimate x staff taking part x share
of cases; activities marked not applicable are left out of every sum.
"""

from __future__ import annotations

from dataclasses import dataclass

from workshop_tui.models import Estimate, ProcessDefinition, Session, Subprocess, Text


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class ActivityLine:
    """An activity as the room sees it: defined in the process or added locally."""

    id: str
    subprocess: int
    name: Text | str
    time_consuming: bool
    local: bool

    def label(self, lang: str) -> str:
        return self.name if isinstance(self.name, str) else self.name.in_lang(lang)


@dataclass(frozen=True)
class ActivityTotal:
    line: ActivityLine
    span: Span | None  # None where nothing is entered yet
    applicable: bool
    low_above_high: bool


@dataclass(frozen=True)
class SubprocessTotal:
    number: int
    span: Span
    filled: int
    expected: int


@dataclass(frozen=True)
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
    mark = session.entry(activity_id).time_consuming
    return default if mark is None else mark


def estimate_span(estimate: Estimate) -> Span | None:
    """An estimate's hours after staff and share; a missing side takes the other's value."""
    if not estimate.is_filled:
        return None
    low = estimate.low if estimate.low is not None else estimate.high
    high = estimate.high if estimate.high is not None else estimate.low
    factor = estimate.staff * estimate.share
    return Span(low * factor, high * factor)


def group_totals(process: ProcessDefinition, session: Session, group_id: str) -> GroupTotals:
    """Each activity's, each subprocess's and the whole process's hours for one group."""
    activities = []
    sums: dict[int, list] = {s.number: [ZERO, 0, 0] for s in process.subprocesses}
    for line in activity_lines(process, session):
        entry = session.entry(line.id)
        estimate = entry.estimates.get(group_id) or Estimate()
        span = estimate_span(estimate)
        applicable = not entry.not_applicable
        activities.append(ActivityTotal(line, span, applicable, estimate.low_above_high))
        if not applicable:
            continue
        bucket = sums[line.subprocess]
        bucket[2] += 1
        if span is not None:
            bucket[0] += span
            bucket[1] += 1
    subprocesses = tuple(
        SubprocessTotal(number, span, filled, expected)
        for number, (span, filled, expected) in sums.items()
    )
    total = sum((s.span for s in subprocesses), ZERO)
    return GroupTotals(
        group_id,
        tuple(activities),
        subprocesses,
        total,
        filled=sum(s.filled for s in subprocesses),
        expected=sum(s.expected for s in subprocesses),
    )


def session_totals(process: ProcessDefinition, session: Session) -> dict[str, GroupTotals]:
    """group_totals for every group the session covers, in the session's order."""
    return {group: group_totals(process, session, group) for group in session.groups}


def completeness(totals: dict[str, GroupTotals]) -> float:
    """Share of applicable activity x group cells with an estimate (0-1)."""
    expected = sum(g.expected for g in totals.values())
    return sum(g.filled for g in totals.values()) / expected if expected else 0.0
