"""What the editor remembers for undo and redo: committed changes, as whole sessions.

Each step keeps the session before and after one change (pydantic copies share
their unchanged parts, so a step costs little), and the Change that says what
it touched, for the app to redraw and point at.
"""

from __future__ import annotations

from dataclasses import dataclass

from workshop_tui.core.session.model import Session

UNDO_LIMIT = 1000

# Kinds of change after which the list of rows or their marks differ, not only a value.
STRUCTURAL_KINDS = frozenset(
    {"add_local", "rename_local", "remove_local", "not_applicable", "time_consuming"}
)


@dataclass(frozen=True)
class Change:
    """What one committed edit touched, so the UI can redraw and point at it."""

    kind: str
    activity_id: str | None = None
    group_id: str | None = None
    side: str | None = None
    subprocess: int | None = None

    @property
    def structural(self) -> bool:
        """True when the list of rows or their marks changed, not only a value."""
        return self.kind in STRUCTURAL_KINDS


@dataclass(frozen=True)
class Step:
    """One committed change: the session before and after it."""

    before: Session
    after: Session
    change: Change


class History:
    """The undo and redo stacks; the oldest steps go past UNDO_LIMIT."""

    def __init__(self, limit: int = UNDO_LIMIT) -> None:
        self.limit = limit
        self._undo: list[Step] = []
        self._redo: list[Step] = []

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def record(self, step: Step) -> None:
        """A new change: it can be undone, and what was undone before cannot be redone."""
        self._undo.append(step)
        del self._undo[: -self.limit]
        self._redo.clear()

    def next_undo(self) -> Step | None:
        return self._undo[-1] if self._undo else None

    def next_redo(self) -> Step | None:
        return self._redo[-1] if self._redo else None

    def undone(self) -> None:
        """The step from `next_undo` is now undone (called once it is saved)."""
        self._redo.append(self._undo.pop())

    def redone(self) -> None:
        """The step from `next_redo` is now redone (called once it is saved)."""
        self._undo.append(self._redo.pop())
