"""What the room records per activity: each target group's estimate, and the marks.

Part of the session file's model: the Session (session/model.py) holds them. A cell
is one activity x target group; it is left out of the totals when the whole activity
is marked not applicable, or (since schema 3) when that one group's estimate is.
"""

from pydantic import Field

from workshop_tui.core.limits import MAX_STAFF
from workshop_tui.core.model_base import Hours, StrictTypes, UserText


class Estimate(StrictTypes):
    """One activity x target group cell: low and high hours, staff and share."""

    low: Hours | None = None
    high: Hours | None = None
    staff: float = Field(
        default=1.0,
        gt=0,
        le=MAX_STAFF,
        allow_inf_nan=False,
        description="Number of staff taking part; hours are multiplied by it.",
    )
    share: float = Field(
        default=1.0,
        ge=0,
        le=1,
        allow_inf_nan=False,
        description=(
            "Share of cases in which the activity happens (0-1); hours are multiplied by it."
        ),
    )
    not_applicable: bool = Field(
        default=False,
        description="This target group does not do the activity: the cell is left out of "
        "its totals and of what counts as filled; figures typed before are kept (schema 3).",
    )

    @property
    def low_above_high(self) -> bool:
        return self.low is not None and self.high is not None and self.low > self.high


class ActivityEntry(StrictTypes):
    """What the room recorded for one activity (defined or local)."""

    estimates: dict[str, Estimate] = Field(default_factory=dict, description="Per target group id.")
    not_applicable: bool = Field(
        default=False,
        description="The activity does not happen here, for any group; left out of totals.",
    )
    time_consuming: bool | None = Field(
        default=None, description="The room's mark; None keeps the definition's flag."
    )
    note: UserText = ""

    def applies_to(self, group_id: str) -> bool:
        """Whether the cell for `group_id` counts: neither the activity nor the group is n/a."""
        if self.not_applicable:
            return False
        estimate = self.estimates.get(group_id)
        return estimate is None or not estimate.not_applicable
