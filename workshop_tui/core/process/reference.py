"""The published national reference figures, as rows and lookups.

Levels are a subprocess number or "total"; the average is published for the
total only. Used by the `reference` command, the app's totals and the merge.
"""

from __future__ import annotations

from dataclasses import dataclass

from workshop_tui.core.i18n import N_
from workshop_tui.core.model_base import Text
from workshop_tui.core.process.model import ProcessDefinition

TOTAL = "total"


@dataclass(frozen=True)
class ReferenceRow:
    process_id: str
    group_id: str
    level: int | str  # subprocess number or "total"
    low: float
    high: float
    avg: float | None
    # how many municipalities the range spans (None: the source does not say), and
    # the source's caveats on the process's and this group's figures
    municipalities: int | None = None
    caveats: tuple[Text, ...] = ()


def reference_rows(process: ProcessDefinition) -> list[ReferenceRow]:
    """Every published figure, group by group, subprocesses first, then the total."""
    rows = []
    reference = process.reference
    for ref in reference.groups:
        basis = (reference.municipalities, (*reference.caveats, *ref.caveats))
        for number in sorted(ref.subprocesses):
            span = ref.subprocesses[number]
            rows.append(
                ReferenceRow(process.id, ref.group, number, span.low, span.high, None, *basis)
            )
        rows.append(
            ReferenceRow(
                process.id, ref.group, TOTAL, ref.total.low, ref.total.high, ref.avg, *basis
            )
        )
    return rows


def reference_for(
    process: ProcessDefinition, group_id: str, level: int | str
) -> ReferenceRow | None:
    """The published figure for one group and level, or None where none is published."""
    return next(
        (r for r in reference_rows(process) if r.group_id == group_id and r.level == level), None
    )


POSITION_WORDS: dict[str, str] = {
    "below": N_("below"),
    "within": N_("within"),
    "above": N_("above"),
}
"""Where a figure lies against a range, in one word, by `position()`'s answer."""


def position(value: float, row: ReferenceRow | None) -> str | None:
    """'below', 'within' or 'above' the published range (None without a reference)."""
    if row is None:
        return None
    if value < row.low:
        return "below"
    return "above" if value > row.high else "within"
