"""The participants' room in the session: what is asked, what was given, the medians taken.

Pure functions on Session; the editor saves what they return. The app copies the
room file's estimates into the session (`with_room_estimates`), so exports and
merge find them there, and the grid counts answers from the session alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime

from workshop_tui.core.i18n import t
from workshop_tui.core.room.model import (
    AskedCell,
    ParticipantEstimate,
    RoomFile,
    RoomParticipant,
    RoomQuestion,
)
from workshop_tui.core.room.spread import CellSpread
from workshop_tui.core.session.model import Session
from workshop_tui.core.workshop.model import FirstFigure

Cell = tuple[str, str]  # (activity id, group id)


def participant_label(participant: RoomParticipant, lang: str = "da") -> str:
    """The participant as the room knows them: the name they typed, else 'Deltager 3'
    ('Participant 3' in English). The session file keeps the Danish label, the room's."""
    return participant.name.strip() or t("Participant {number}", lang, number=participant.number)


def room_estimates(room: RoomFile) -> list[ParticipantEstimate]:
    """The room file's estimates as the session keeps them, each with its participant's label."""
    labels = {p.id: participant_label(p) for p in room.participants}
    return [
        ParticipantEstimate(
            participant=labels.get(e.participant_id, e.participant_id),
            participant_id=e.participant_id,
            activity_id=e.activity_id,
            group_id=e.group_id,
            low=e.low,
            high=e.high,
            submitted_at=e.submitted_at,
        )
        for e in room.estimates
    ]


def with_room_estimates(session: Session, room: RoomFile) -> Session:
    """The session holding every estimate the room file has; the same session when it has them.

    The room's latest estimate per participant and cell replaces the one kept before;
    estimates the room file no longer has stay (a participant who left, or a room file
    removed, takes nothing away). A room file of another session is ignored.
    """
    if room.session_id != session.session_id:
        return session
    kept = {_key(e): e for e in session.participant_estimates}
    kept.update({_key(e): e for e in room_estimates(room)})
    merged = sorted(kept.values(), key=lambda e: (e.submitted_at, *_key(e)))
    if merged == session.participant_estimates:
        return session
    return session.model_copy(update={"participant_estimates": merged})


def _key(estimate: ParticipantEstimate) -> tuple[str, str, str]:
    return (estimate.participant_id, estimate.activity_id, estimate.group_id)


def answer_counts(estimates: Iterable[ParticipantEstimate]) -> dict[Cell, int]:
    """How many participants gave an estimate for each cell."""
    return dict(Counter((e.activity_id, e.group_id) for e in estimates))


def asked_cells(session: Session, activity_ids: Iterable[str]) -> list[AskedCell]:
    """Every cell of these activities that counts (not marked not applicable), in grid order."""
    return [
        AskedCell(activity_id=activity_id, group_id=group)
        for activity_id in activity_ids
        for group in session.groups
        if session.applies(activity_id, group)
    ]


def with_question(session: Session, cells: list[AskedCell], at: datetime) -> Session:
    """The session asking the room for `cells` now, not revealed; no cells: nothing asked."""
    question = RoomQuestion(asked=cells, asked_at=at) if cells else None
    return session.model_copy(update={"room": question})


def with_revealed(session: Session) -> Session:
    """The question asked now, revealed to the participants; unchanged when nothing is asked."""
    if session.room is None or session.room.revealed:
        return session
    return session.model_copy(update={"room": session.room.model_copy(update={"revealed": True})})


def with_medians(session: Session, activity_id: str, group_id: str, spread: CellSpread) -> Session:
    """The cell holding the participants' median low and high, kept as its first-round figure.

    The participants' own figures are the room's first round: what the room changes
    afterwards are the agreed figures, so the rounds' Δ, the first-round view and
    the convergence in merge apply to them. A later F3 keeps this first figure.
    """
    low, high = spread.low_median, spread.high_median  # each high >= its low: so are the medians
    entry = session.entry(activity_id)
    estimate = session.estimate(activity_id, group_id).model_copy(update={"low": low, "high": high})
    entry = entry.model_copy(update={"estimates": {**entry.estimates, group_id: estimate}})
    first = dict(session.rounds.first)
    first[activity_id] = {**first.get(activity_id, {}), group_id: FirstFigure(low=low, high=high)}
    rounds = session.rounds.model_copy(update={"first": first})
    activities = {**session.activities, activity_id: entry}
    return session.model_copy(update={"activities": activities, "rounds": rounds})
