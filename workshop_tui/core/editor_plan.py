"""The editor's part for running the half-day: the agenda, rounds, and time spent.

A mixin of SessionEditor (core/editor.py), kept apart to keep each module small.
Every method commits like any other change: saved atomically before it
returns, and undoable. The time log is the exception: it records when changes
were made, so undo and redo never take it back (see `with_time_logged`).
"""

from __future__ import annotations

from datetime import time

from workshop_tui.core import agenda as plan
from workshop_tui.core import rounds
from workshop_tui.core.agenda import Clock
from workshop_tui.core.history import Change
from workshop_tui.core.models import ProcessDefinition, Session
from workshop_tui.core.plan_models import DEFAULT_PAUSE_MINUTES, Agenda


class PlanEditing:
    """Agenda and rounds for SessionEditor; needs its session, process, clock and _commit."""

    session: Session
    process: ProcessDefinition
    clock: Clock

    def _commit(self, session: Session, change: Change) -> Change | None:
        raise NotImplementedError  # SessionEditor's

    # ------------------------------------------------------------ agenda

    def propose_agenda(
        self,
        start: time,
        length_minutes: int,
        *,
        pause_after: int | None = None,
        pause_minutes: int = DEFAULT_PAUSE_MINUTES,
    ) -> Change | None:
        """A plan with boxes in proportion to each subprocess's cells."""
        agenda = plan.propose_agenda(
            self.process,
            self.session,
            start,
            length_minutes,
            pause_after=pause_after,
            pause_minutes=pause_minutes,
        )
        return self.set_agenda(agenda)

    def set_agenda(self, agenda: Agenda | None) -> Change | None:
        unknown = set(agenda.boxes if agenda else ()) - {
            s.number for s in self.process.subprocesses
        }
        if unknown:
            raise ValueError(f"unknown subprocess {min(unknown)}")
        return self._commit(self.session.model_copy(update={"agenda": agenda}), Change("agenda"))

    def set_box(self, subprocess: int, minutes: int) -> Change | None:
        """One box's minutes; the others keep theirs."""
        if self.session.agenda is None:
            raise ValueError("the session has no agenda")
        return self.set_agenda(plan.with_box(self.session.agenda, subprocess, minutes))

    def set_pause(self, after: int | None, minutes: int) -> Change | None:
        if self.session.agenda is None:
            raise ValueError("the session has no agenda")
        return self.set_agenda(plan.with_pause(self.session.agenda, after, minutes))

    # ------------------------------------------------------------ rounds

    def close_round(self, subprocess: int | None = None) -> Change | None:
        """Keep the figures now as the first round: one subprocess, or all (None)."""
        session = rounds.with_round_closed(self.session, self.process, subprocess, self.clock())
        return self._commit(session, Change("close_round", subprocess=subprocess))

    def set_silent_round(self, silent: bool) -> Change | None:
        return self._commit(rounds.with_silent(self.session, silent), Change("silent_round"))

    # ------------------------------------------------------------ time spent

    def with_time_logged(self, session: Session, change: Change) -> Session:
        """`session` with the current time log, and this change's moment added to it."""
        log = plan.logged(self.session.time_log, self._subprocess_of(change), self.clock())
        return session.model_copy(update={"time_log": log})

    def _subprocess_of(self, change: Change) -> int | None:
        if change.subprocess is not None or change.activity_id is None:
            return change.subprocess if change.kind != "close_round" else None
        return plan.activity_subprocesses(self.process, self.session).get(change.activity_id)
