"""The bootstrap and the within-workshop sampling: deterministic under a seed, and
right on distributions whose answer is known."""

import json
from pathlib import Path

import numpy as np
import pytest

from workshop_tui.cli.main import main
from workshop_tui.core.costing import (
    bootstrap_mean_interval,
    percentiles,
    sample_totals,
    stream,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "exports" / "examples"


def test_the_same_seed_gives_the_same_intervals_and_another_seed_others(capsys):
    def intervals(seed: int) -> list:
        assert main(["cost", str(EXAMPLES), "--format", "json", "--seed", str(seed)]) == 0
        rows = json.loads(capsys.readouterr().out)["costs"]
        return [(r["hours_ci_low"], r["hours_ci_high"], r["dkk_ci_low"]) for r in rows]

    first = intervals(7)
    assert intervals(7) == first
    assert intervals(8) != first


def test_an_interval_does_not_move_when_other_processes_join_the_merge(capsys):
    """Each level draws from its own stream: seed + its key."""
    rehab = sorted(EXAMPLES.glob("*rehabiliteringsteam*"))

    def rehab_intervals(paths) -> list:
        assert main(["cost", *map(str, paths), "--format", "json"]) == 0
        rows = json.loads(capsys.readouterr().out)["costs"]
        return [r["hours_ci_low"] for r in rows if r["process_id"] == "rehabiliteringsteam"]

    assert rehab_intervals(rehab) == rehab_intervals([EXAMPLES])


def test_bootstrap_90_percent_interval_covers_the_true_mean_about_90_percent_of_the_time():
    """600 samples of 30 from a skewed distribution (gamma, mean 4): the percentile
    bootstrap's coverage lands near 90 % (slightly under, as it is known to)."""
    truth_rng = np.random.default_rng(1)
    covered = 0
    trials = 600
    for trial in range(trials):
        sample = truth_rng.gamma(2.0, 2.0, size=30)
        low, high = bootstrap_mean_interval(sample, stream(99, f"trial {trial}"), resamples=1000)
        covered += low <= 4.0 <= high
    assert 0.84 <= covered / trials <= 0.95


def test_the_command_lines_default_seed_is_the_cores():
    """cost_args keeps its own copy so the parser loads no numpy at start."""
    from workshop_tui.cli.cost_args import DEFAULT_SEED as COMMAND_LINE_SEED
    from workshop_tui.core.costing import DEFAULT_SEED

    assert COMMAND_LINE_SEED == DEFAULT_SEED


def test_bootstrap_is_deterministic_and_refuses_a_single_workshop():
    values = [1.0, 2.5, 3.0, 4.5, 2.0]
    assert bootstrap_mean_interval(values, stream(5, "k")) == bootstrap_mean_interval(
        values, stream(5, "k")
    )
    assert all(np.isnan(bootstrap_mean_interval([2.0], stream(5, "k"))))


@pytest.mark.parametrize("distribution", ["uniform", "triangular"])
def test_p10_p50_p90_match_the_known_distribution(distribution):
    """One activity 0-10 h: uniform P10/P50/P90 = 1/5/9; the symmetric triangle's
    P10 = 10*sqrt(0.05) = 2.24, P90 = 7.76. Fresh draws fall below P10 10 % of the
    time and between P10 and P90 80 % of the time."""
    totals = sample_totals([0.0], [10.0], stream(3, "one"), 200_000, distribution)
    p10, p50, p90 = percentiles(totals)
    expected = (1, 5, 9) if distribution == "uniform" else (10 * 0.05**0.5, 5, 10 - 10 * 0.05**0.5)
    assert (p10, p50, p90) == pytest.approx(expected, abs=0.05)
    rng = np.random.default_rng(11)
    fresh = (
        rng.uniform(0, 10, 100_000)
        if distribution == "uniform"
        else rng.triangular(0, 5, 10, 100_000)
    )
    assert np.mean(fresh < p10) == pytest.approx(0.10, abs=0.01)
    assert np.mean((fresh >= p10) & (fresh <= p90)) == pytest.approx(0.80, abs=0.01)


def test_sum_of_two_uniform_activities_is_a_triangle():
    """0-1 h + 0-1 h: the total's P10 is sqrt(0.2) = 0.447, its P90 2 - 0.447."""
    totals = sample_totals([0.0, 0.0], [1.0, 1.0], stream(4, "two"), 200_000)
    p10, p50, p90 = percentiles(totals)
    assert (p10, p50, p90) == pytest.approx((0.2**0.5, 1.0, 2 - 0.2**0.5), abs=0.01)


def test_sampling_is_deterministic_and_stays_within_the_ranges():
    lows, highs = [0.5, 1.0, 0.0, 2.0], [1.5, 1.0, 3.0, 2.5]
    first = sample_totals(lows, highs, stream(1, "w"), 5000, "triangular")
    assert np.array_equal(first, sample_totals(lows, highs, stream(1, "w"), 5000, "triangular"))
    assert first.min() >= sum(lows) and first.max() <= sum(highs)
