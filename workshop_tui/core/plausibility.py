"""Figures worth a second look in the room: the checks every view shows alike.

Three checks, none of which refuses anything (the room may be right):
- a cell whose high is more than WIDE_RANGE_FACTOR times its low;
- a cell whose low is above its high;
- a subprocess's or the process's midpoint outside the national range by more
  than OUTSIDE_REFERENCE_FACTOR (below low / factor or above high x factor).
"""

from __future__ import annotations

from typing import Literal

from workshop_tui.core.session.entries import Estimate
from workshop_tui.core.totals import Span

WIDE_RANGE_FACTOR = 5.0
"""A high more than this many times its low is flagged as a wide range."""

OUTSIDE_REFERENCE_FACTOR = 2.0
"""A midpoint this many times above the national high (or below its low) is flagged."""

CellFlag = Literal["low_above_high", "wide_range"]
SpanFlag = Literal["far_above_reference", "far_below_reference"]


def cell_flag(estimate: Estimate | None) -> CellFlag | None:
    """Why a cell deserves a second look, or None."""
    if estimate is None or estimate.low is None or estimate.high is None:
        return None
    if estimate.low > estimate.high:
        return "low_above_high"
    if estimate.high > WIDE_RANGE_FACTOR * estimate.low:
        return "wide_range"
    return None


def is_half_filled(estimate: Estimate | None) -> bool:
    """One side typed and the other empty: not filled (the room gave one figure by accident)."""
    return estimate is not None and (estimate.low is None) != (estimate.high is None)


def is_filled(estimate: Estimate | None) -> bool:
    """Both sides typed (`2-2` gives one figure on purpose: both sides alike)."""
    return estimate is not None and estimate.low is not None and estimate.high is not None


def span_flag(span: Span, reference_low: float, reference_high: float) -> SpanFlag | None:
    """A room's midpoint far outside the national range, or None."""
    if span.mid > reference_high * OUTSIDE_REFERENCE_FACTOR:
        return "far_above_reference"
    if span.mid < reference_low / OUTSIDE_REFERENCE_FACTOR:
        return "far_below_reference"
    return None
