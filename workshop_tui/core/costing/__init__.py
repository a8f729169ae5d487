"""Costing: staff hours per case turned into kroner, FTE and yearly totals, with
intervals that do not overstate what the workshops know.

    >>> from workshop_tui.core.merge import load_exports, summarise
    >>> from workshop_tui.core.costing import load_costing, compute_costs
    >>> result = load_exports(["exports/examples"])
    >>> costing = load_costing(None, catalogue)          # the bundled default
    >>> costs = compute_costs(result, summarise(result), costing, seed=2024)
    >>> costs.costs        # per process, group and level: hours, DKK, FTE, per year

numpy and pandas are imported here; the app's start never imports this package.
"""

from workshop_tui.core.costing.costs import (
    COST_COLUMNS,
    CostResult,
    check_figures,
    compute_costs,
    workshop_costs,
)
from workshop_tui.core.costing.loader import Costing, bundled_costing_path, load_costing
from workshop_tui.core.costing.model import CostingFile
from workshop_tui.core.uncertainty import (
    DEFAULT_SEED,
    MIN_TRUSTED,
    bootstrap_mean_interval,
    percentiles,
    sample_totals,
    stream,
)

__all__ = [
    "COST_COLUMNS",
    "DEFAULT_SEED",
    "MIN_TRUSTED",
    "CostResult",
    "Costing",
    "CostingFile",
    "bootstrap_mean_interval",
    "bundled_costing_path",
    "check_figures",
    "compute_costs",
    "load_costing",
    "percentiles",
    "sample_totals",
    "stream",
    "workshop_costs",
]
