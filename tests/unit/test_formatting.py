"""The formatting every output shares: ranges, missing figures, amounts, level and group labels."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from workshop_tui.core.formatting import (
    DASH,
    format_millions,
    format_number,
    group_label,
    hours_text,
    level_label,
    level_name,
    missing,
    range_text,
)


@pytest.mark.parametrize("value", [None, math.nan, float("nan"), pd.NA])
def test_none_nan_and_pandas_na_are_missing_and_shown_as_a_dash(value):
    assert missing(value)
    assert hours_text(value, "da") == DASH
    assert range_text(value, 2.0, "da") == DASH
    assert range_text(1.0, value, "en") == DASH
    assert format_number(value, "da") == DASH


@pytest.mark.parametrize("value", [0, 0.0, "", False])
def test_zero_and_empty_values_are_not_missing(value):
    assert not missing(value)


def test_a_range_has_a_decimal_comma_in_danish_and_a_point_in_english():
    assert range_text(0.8, 2.25, "da", 2) == "0,80–2,25"
    assert range_text(0.8, 2.25, "en", 2) == "0.80–2.25"
    assert range_text(16, 23.9, "da") == "16,0–23,9"  # one decimal unless told


def test_the_merge_rounds_ties_up_and_the_app_as_python_does():
    assert range_text(0.625, 1.125, "en", 2, half_up=True) == "0.63–1.13"
    assert range_text(0.625, 1.125, "en", 2) == "0.62–1.12"
    assert hours_text(0.25, "da", 1, half_up=True) == "0,3"
    assert hours_text(0.25, "da", 1) == "0,2"


def test_amounts_group_thousands_by_language():
    assert range_text(1200, 34000.4, "da", grouped=True, decimals=0) == "1.200–34.000"
    assert range_text(1200, 34000.4, "en", grouped=True, decimals=0) == "1,200–34,000"
    assert format_number(-0.001, "en", 2) == "0.00"
    assert format_millions(480_000_000, "da") == "480,0"


def test_levels_are_named_by_number_and_name_or_total(interviews):
    assert level_label(interviews, "total", "en") == "Total"
    assert level_label(interviews, "2", "en") == "2 The interview"
    assert level_name(interviews, "2", "en") == "The interview"
    assert level_name(interviews, "total", "da") == "Samlet"


@pytest.mark.parametrize("level", ["0", "4", "x", "-1"])
def test_a_level_the_process_lacks_is_shown_as_it_is(interviews, level):
    assert level_label(interviews, level, "en") == level
    assert level_name(interviews, level, "en") == level
    assert level_label(None, level, "en") == level


def test_a_group_is_named_in_the_language_or_by_its_id_when_unknown(interviews):
    assert group_label(interviews, "langt_fra", "da") == "Langt fra arbejdsmarkedet"
    assert group_label(interviews, "no_such_group", "da") == "no_such_group"
