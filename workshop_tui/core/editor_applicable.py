"""The editor's part for not applicable per target group (schema 3).

A mixin of SessionEditor (core/editor.py), kept apart to keep each module small.
The whole activity's switch (SessionEditor.set_not_applicable) stays, and wins:
a cell counts only where neither the activity nor its group is marked. Marking a
group keeps the figures typed for it, so marking it back brings them back.
"""

from __future__ import annotations

from workshop_tui.core.history import Change
from workshop_tui.core.models import Session


class GroupApplicability:
    """Per-group not applicable for SessionEditor; needs its session and its commit."""

    session: Session

    def _commit(self, session: Session, change: Change) -> Change | None:
        raise NotImplementedError  # SessionEditor's

    def _check_cell(self, activity_id: str, group_id: str) -> None:
        raise NotImplementedError  # SessionEditor's

    @staticmethod
    def _with_estimate(
        session: Session, activity_id: str, group_id: str, update: dict[str, object]
    ) -> Session:
        raise NotImplementedError  # SessionEditor's

    def set_group_not_applicable(
        self, activity_id: str, group_id: str, value: bool
    ) -> Change | None:
        """Mark one activity x group cell not applicable (left out of the group's totals)."""
        self._check_cell(activity_id, group_id)
        session = self._with_estimate(
            self.session, activity_id, group_id, {"not_applicable": value}
        )
        return self._commit(session, Change("group_not_applicable", activity_id, group_id))

    def toggle_group_not_applicable(self, activity_id: str, group_id: str) -> Change | None:
        marked = self.session.estimate(activity_id, group_id).not_applicable
        return self.set_group_not_applicable(activity_id, group_id, not marked)
