"""Estimate rounds: the first figures said aloud against the figures the room agreed.

Closing a round keeps each cell's low and high as its first-round figure; later
edits are the agreed figures. Pure functions on Session; the editor saves. How far
the room moved over the rounds is core/workshop/convergence.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.session.model import Session
from workshop_tui.core.workshop.agenda import activity_subprocesses
from workshop_tui.core.workshop.model import FirstFigure, Rounds


def closed(session: Session, subprocess: int) -> bool:
    return subprocess in session.rounds.closed_at


def with_round_closed(
    session: Session, process: ProcessDefinition, subprocess: int | None, at: datetime
) -> Session:
    """The session with the first round closed for one subprocess, or all (None).

    A subprocess already closed keeps its first figures and its moment: the
    first round is the one before the room talked.
    """
    numbers = [s.number for s in process.subprocesses]
    if subprocess is not None and subprocess not in numbers:
        raise ValueError(f"unknown subprocess {subprocess}")
    closing = [n for n in numbers if n in ({subprocess} if subprocess else set(numbers))]
    closing = [n for n in closing if not closed(session, n)]
    if not closing:
        return session
    first = dict(session.rounds.first)
    for activity_id, number in activity_subprocesses(process, session).items():
        if number in closing:
            # a cell the participants' room gave first (core/room/session.py) keeps that figure
            figures = {**_first_figures(session, activity_id), **first.get(activity_id, {})}
            if figures:
                first[activity_id] = figures
    closed_at = {**session.rounds.closed_at, **dict.fromkeys(closing, at)}
    rounds = session.rounds.model_copy(update={"first": first, "closed_at": closed_at})
    return session.model_copy(update={"rounds": rounds})


def _first_figures(session: Session, activity_id: str) -> dict[str, FirstFigure]:
    """The cells of one activity with a figure in them (an empty cell has no first figure)."""
    figures = {}
    for group, estimate in session.entry(activity_id).estimates.items():
        if group in session.groups and (estimate.low is not None or estimate.high is not None):
            figures[group] = FirstFigure(low=estimate.low, high=estimate.high)
    return figures


def with_silent(session: Session, silent: bool) -> Session:
    rounds = session.rounds.model_copy(update={"silent": silent})
    return session.model_copy(update={"rounds": rounds})


def first_figure(session: Session, activity_id: str, group: str) -> FirstFigure | None:
    return session.rounds.first.get(activity_id, {}).get(group)


def moved(session: Session, activity_id: str, group: str) -> bool:
    """The cell's agreed low or high differs from its first-round figure."""
    first = first_figure(session, activity_id, group)
    if first is None:
        return False
    now = session.estimate(activity_id, group)
    return (first.low, first.high) != (now.low, now.high)


def side_moved(session: Session, activity_id: str, group: str, side: str) -> bool:
    """The cell's agreed low (or high) differs from that side's first-round figure."""
    first = first_figure(session, activity_id, group)
    if first is None:
        return False
    return bool(getattr(first, side) != getattr(session.estimate(activity_id, group), side))


def moved_cells(session: Session) -> list[tuple[str, str]]:
    """(activity id, group id) of every cell that moved since its round closed."""
    return [
        (activity_id, group)
        for activity_id, groups in session.rounds.first.items()
        for group in groups
        if moved(session, activity_id, group)
    ]


def hidden_subprocesses(process: ProcessDefinition, session: Session) -> set[int]:
    """Subprocesses whose figures are hidden: a silent round that is still open there."""
    if not session.rounds.silent:
        return set()
    return {s.number for s in process.subprocesses if not closed(session, s.number)}


def used_rounds(rounds: Rounds) -> bool:
    """A round closed, or the participants' medians were taken as a first round."""
    return bool(rounds.closed_at or rounds.first)


def workshops_with_rounds(sessions: Iterable[Session]) -> int:
    """How many workshops closed at least one round."""
    return sum(1 for session in sessions if used_rounds(session.rounds))


def redacted(process: ProcessDefinition, session: Session) -> Session:
    """The session as the room may see it: no figures where a silent round is open.

    For watch and serve: they draw this copy, so a hidden figure never reaches a
    screen or a browser. The count of filled cells per subprocess stays readable
    from `agenda.filled_cells` on the original session.
    """
    hidden = hidden_subprocesses(process, session)
    if not hidden:
        return session
    subprocess_of = activity_subprocesses(process, session)
    activities = {
        activity_id: entry.model_copy(update={"estimates": {}})
        if subprocess_of.get(activity_id) in hidden
        else entry
        for activity_id, entry in session.activities.items()
    }
    return session.model_copy(update={"activities": activities})
