"""What counts: the one rule every table, cost and report applies to a workshop's levels.

A level (subprocess) a workshop did not estimate at all is not 0 hours: it is
"not estimated" and left out of that level's n, range, mean, kroner and FTE.
The total of a workshop with such a level is "incomplete": a sum with a part
missing, left out of the total's figures unless the analyst asks for it
(`merge --include-incomplete`). merge (level_screening.py), cost, the reports
and the workshops table all take their answer from `level_status`.
"""

from __future__ import annotations

import numpy as np

from workshop_tui.core.i18n import N_

ESTIMATED = "estimated"
NOT_ESTIMATED = "not_estimated"
INCOMPLETE = "incomplete"
STATUS_WORDS = {
    ESTIMATED: N_("estimated"),
    NOT_ESTIMATED: N_("not estimated"),
    INCOMPLETE: N_("incomplete"),
}
"""A workshop's level as `level_status` names it (the workshops table's `status`), in words."""


def uncounted_levels(
    level_no: np.ndarray,
    filled: np.ndarray,
    expected: np.ndarray,
    level_cell: np.ndarray,
    n_cells: int,
    total_level: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Per level row (a workshop x group x level): is it a subprocess the workshop did
    not estimate at all, and is it the total of a workshop x group with such a level."""
    unestimated = (filled == 0) & (expected > 0) & (level_no != total_level)
    incomplete_cell = np.bincount(level_cell[unestimated], minlength=n_cells) > 0
    incomplete_total = (level_no == total_level) & incomplete_cell[level_cell]
    return unestimated, incomplete_total


def level_status(unestimated: np.ndarray, incomplete_total: np.ndarray) -> np.ndarray:
    """Each level row's status: ESTIMATED, NOT_ESTIMATED or INCOMPLETE (an object array)."""
    status = np.full(len(unestimated), ESTIMATED, dtype=object)
    status[unestimated] = NOT_ESTIMATED
    status[incomplete_total] = INCOMPLETE
    return status


__all__ = [
    "ESTIMATED",
    "INCOMPLETE",
    "NOT_ESTIMATED",
    "STATUS_WORDS",
    "level_status",
    "uncounted_levels",
]
