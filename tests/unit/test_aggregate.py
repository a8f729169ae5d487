"""The aggregator's core, checked figure by figure against hand-computed values.

Three job-interview workshops for the group close to the labour market, one
estimate per subprocess (hours per citizen, low-high):

    workshop    subprocess 1        subprocess 2   subprocess 3   total (own sums)
    A (Aby)     0.2-0.6             0.5-0.9        0.3-0.5        1.0-2.0  mid 1.5
    B (Bby)     0.4-0.8             0.3-0.7        0.1-0.2        0.8-1.7  mid 1.25
    C (Cby)     0.3-0.5 x 2 staff   0.4-1.4        0.2-0.4        1.2-2.8  mid 2.0
                = 0.6-1.0

A is lowest on subprocess 1, B on subprocesses 2 and 3: the lowest total (0.8,
B's) is not the sum of the subprocess lows (0.2 + 0.3 + 0.1 = 0.6), and the
highest total (2.8, C's) is not the sum of the highs (1.0 + 1.4 + 0.5 = 2.9).
"""

from __future__ import annotations

import json
import shutil
import statistics
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
import pytest

from workshop_tui.core.exports import TIDY_COLUMNS, to_csv
from workshop_tui.core.merge import (
    MERGE_CSV_COLUMNS,
    anonymise,
    load_exports,
    municipality_labels,
    summarise,
)
from workshop_tui.core.session.entries import ActivityEntry, Estimate
from workshop_tui.core.session.model import LocalActivity, Session
from workshop_tui.core.session.storage import save_session

A, B, C = "Aby Kommune", "Bby Kommune", "Cby Kommune"
# (subprocess 1, 2, 3) as (low, high) before staff; C's subprocess 1 has 2 staff
FIGURES = {
    A: ((0.2, 0.6), (0.5, 0.9), (0.3, 0.5)),
    B: ((0.4, 0.8), (0.3, 0.7), (0.1, 0.2)),
    C: ((0.3, 0.5), (0.4, 1.4), (0.2, 0.4)),
}
MIDS = {  # per level, in the order A, B, C, after staff
    "1": [0.4, 0.6, 0.8],
    "2": [0.7, 0.5, 0.9],
    "3": [0.4, 0.15, 0.3],
    "total": [1.5, 1.25, 2.0],
}


def first_activities(interviews) -> list[str]:
    return [s.activities[0].id for s in interviews.subprocesses]


def workshop(interviews, name: str) -> Session:
    ids = first_activities(interviews)
    activities = {}
    for number, (activity, (low, high)) in enumerate(zip(ids, FIGURES[name], strict=True), start=1):
        staff = 2 if (name, number) == (C, 1) else 1
        activities[activity] = ActivityEntry(
            estimates={"taet_paa": Estimate(low=low, high=high, staff=staff)}
        )
    session = Session(
        session_id={A: "a" * 32, B: "b" * 32, C: "c" * 32}[name],
        process_id=interviews.id,
        process_version=interviews.version,
        municipality=name,
        workshop_date=date(2024, 3, 1),
        groups=["taet_paa"],
        activities=activities,
        updated_at=datetime(2024, 3, 1, 12, tzinfo=UTC),
    )
    prep = [a.id for a in interviews.subprocesses[0].activities]
    if name == A:
        session.activities[prep[0]].time_consuming = True
        session.cost_driver_notes[2] = "I Aby Kommune forlænger tolken samtalen"
        session.groups.append("langt_fra")
        session.activities[prep[0]].estimates["langt_fra"] = Estimate(low=1.0, high=2.0)
    if name == B:
        session.activities[prep[3]] = ActivityEntry(not_applicable=True)
    if name == C:
        session.local_activities.append(
            LocalActivity(id="local_tolk", subprocess=2, name="Tolk (Cby Kommune)")
        )
    return session


@pytest.fixture
def folder(interviews, tmp_path) -> Path:
    folder = tmp_path / "exports"
    for name in (A, B, C):
        save_session(workshop(interviews, name), folder / f"{name[0].lower()}.json", touch=False)
    return folder


@pytest.fixture
def result(folder, catalogue):
    return load_exports([folder], catalogue)


@pytest.fixture
def summary(result, catalogue):
    return summarise(result, catalogue)


def level_row(summary, level: str, group: str = "taet_paa") -> dict:
    levels = summary.levels
    rows = levels[
        (levels["process_id"] == "jobsamtaler")
        & (levels["group_id"] == group)
        & (levels["level"] == level)
    ]
    assert len(rows) == 1
    return rows.iloc[0].to_dict()


@pytest.mark.parametrize(
    ("level", "low", "high", "mean", "median", "min_mid", "max_mid"),
    [
        ("1", 0.2, 1.0, 0.6, 0.6, 0.4, 0.8),
        ("2", 0.3, 1.4, 0.7, 0.7, 0.5, 0.9),
        ("3", 0.1, 0.5, 0.85 / 3, 0.3, 0.15, 0.4),
        ("total", 0.8, 2.8, 4.75 / 3, 1.5, 1.25, 2.0),
    ],
)
def test_every_level_is_computed_from_the_workshops_own_sums(
    summary, level, low, high, mean, median, min_mid, max_mid
):
    row = level_row(summary, level)
    assert row["n_workshops"] == 3
    assert [
        row[k] for k in ("low", "high", "mean", "median", "min_mid", "max_mid")
    ] == pytest.approx([low, high, mean, median, min_mid, max_mid])


def test_the_total_low_is_not_the_sum_of_the_subprocess_lows(summary):
    subprocess_lows = sum(level_row(summary, level)["low"] for level in ("1", "2", "3"))
    subprocess_highs = sum(level_row(summary, level)["high"] for level in ("1", "2", "3"))
    total = level_row(summary, "total")
    assert subprocess_lows == pytest.approx(0.6) and total["low"] == pytest.approx(0.8)
    assert subprocess_highs == pytest.approx(2.9) and total["high"] == pytest.approx(2.8)


def test_a_group_only_one_workshop_covered_counts_one(result, catalogue, summary):
    """A covered langt_fra with subprocess 1 only: 2 and 3 are not 0 h, they are unknown."""
    assert level_row(summary, "1", "langt_fra")["n_workshops"] == 1
    assert level_row(summary, "2", "langt_fra")["n_workshops"] == 0
    assert level_row(summary, "total", "langt_fra")["n_workshops"] == 0
    screening = summary.screening
    assert set(screening.loc[screening["group_id"] == "langt_fra", "rule"]) == {
        "unestimated_level",
        "incomplete_total",
    }
    summary = summarise(result, catalogue, include_incomplete=True)
    row = level_row(summary, "total", "langt_fra")
    assert row["n_workshops"] == 1
    assert (row["low"], row["high"], row["mean"]) == pytest.approx((1.0, 2.0, 1.5))
    assert not (summary.levels["group_id"] == "sygemeldte").any()


@pytest.mark.parametrize(
    ("level", "reference", "counts"),
    [
        ("1", (0.2, 0.9, None), (0, 3, 0)),
        ("2", (0.3, 0.8, None), (0, 2, 1)),  # C's 0.9 is above 0.3-0.8
        ("3", (0.2, 0.8, None), (1, 2, 0)),  # B's 0.15 is below 0.2-0.8
        ("total", (0.8, 2.2, 1.6), (0, 3, 0)),
    ],
)
def test_each_level_sits_beside_the_national_reference(summary, level, reference, counts):
    row = level_row(summary, level)
    low, high, avg = reference
    assert (row["ref_low"], row["ref_high"]) == (low, high)
    assert pd.isna(row["ref_avg"]) if avg is None else row["ref_avg"] == avg
    assert (row["n_below"], row["n_within"], row["n_above"]) == counts


def test_the_merge_csv_frame_has_exactly_the_documented_columns(summary):
    assert tuple(summary.merge_csv_frame().columns) == MERGE_CSV_COLUMNS
    levels = summary.levels[summary.levels["process_id"] == "jobsamtaler"]
    assert list(levels["level"][:4]) == ["1", "2", "3", "total"]


def test_the_overview_sets_workshop_midpoints_beside_the_published_spread(summary):
    """Like with like: the source's low-high is the spread between municipalities, so
    table 2.1 gives the lowest and highest workshop midpoint, not the rooms' range."""
    overview = summary.overview
    assert list(overview.columns) == [
        "group_id",
        "process_id",
        "n_workshops",
        "min_mid",
        "max_mid",
        "mean",
        "ref_low",
        "ref_high",
        "ref_avg",
        "ref_municipalities",
    ]
    row = overview[(overview["group_id"] == "taet_paa")].iloc[0]
    assert row["process_id"] == "jobsamtaler"
    mids = MIDS["total"]
    assert row["n_workshops"] == len(mids)
    assert (row["min_mid"], row["max_mid"], row["mean"]) == pytest.approx(
        (min(mids), max(mids), statistics.mean(mids))
    )
    # the rooms' own range (lowest low 0.8, highest high 2.8) stays in the levels table
    total = level_row(summary, "total")
    assert (total["low"], total["high"]) == pytest.approx((0.8, 2.8))
    assert (row["ref_low"], row["ref_high"], row["ref_avg"]) == (0.8, 2.2, 1.6)
    assert row["ref_municipalities"] == 8


def spread(part: list[float], total: list[float]) -> float:
    """cov(part, total) / var(total): the sample and population forms give the same ratio."""
    return statistics.covariance(part, total) / statistics.variance(total)


def test_subprocess_drivers_by_hand(summary):
    drivers = summary.subprocess_drivers
    drivers = drivers[drivers["group_id"] == "taet_paa"].set_index("subprocess_no")
    total = MIDS["total"]
    for number in (1, 2, 3):
        part = MIDS[str(number)]
        assert drivers.loc[number, "mean_mid"] == pytest.approx(statistics.mean(part))
        assert drivers.loc[number, "share_of_mean"] == pytest.approx(
            statistics.mean(part) / statistics.mean(total)
        )
        assert drivers.loc[number, "spread_share"] == pytest.approx(spread(part, total))
    assert drivers["spread_share"].sum() == pytest.approx(1.0)
    assert drivers["share_of_mean"].sum() == pytest.approx(1.0)
    # subprocess 2 (0.514) explains most of the spread, then 1 (0.343), then 3 (0.143)
    assert list(drivers.sort_values("rank").index) == [2, 1, 3]
    assert drivers.loc[2, "subprocess_name"] == "The interview"


def test_with_one_workshop_there_is_no_spread_to_explain(result, catalogue, summary):
    # A's langt_fra estimates subprocess 1 only: its total is left out, and so are its drivers
    assert not (summary.subprocess_drivers["group_id"] == "langt_fra").any()
    assert not (summary.activity_drivers["group_id"] == "langt_fra").any()
    counted = summarise(result, catalogue, include_incomplete=True)
    drivers = counted.subprocess_drivers
    alone = drivers[drivers["group_id"] == "langt_fra"]
    assert alone["spread_share"].isna().all()
    assert list(alone["share_of_mean"]) == [1.0, 0.0, 0.0]


def test_activity_drivers_count_marks_and_local_activities(summary, interviews):
    drivers = summary.activity_drivers
    drivers = drivers[drivers["group_id"] == "taet_paa"].set_index("activity_id")
    ids = first_activities(interviews)
    prep = [a.id for a in interviews.subprocesses[0].activities]
    assert list(drivers.sort_values("rank").index[:3]) == [ids[1], ids[0], ids[2]]
    assert drivers.loc[ids[1], "spread_share"] == pytest.approx(spread(MIDS["2"], MIDS["total"]))
    assert drivers.loc[ids[0], "mean_mid"] == pytest.approx(0.6)
    assert drivers.loc[prep[0], "n_time_consuming"] == 1  # A marked it; the definition does not
    talk = interviews.subprocesses[1].activities[0]
    assert talk.time_consuming and drivers.loc[talk.id, "n_time_consuming"] == 3
    assert drivers.loc[prep[3], "n_not_applicable"] == 1  # B
    local = drivers.loc["local_tolk"]
    assert (bool(local["local"]), local["n_with"], local["n_workshops"], local["mean_mid"]) == (
        True,
        1,
        3,
        0.0,
    )
    assert drivers["spread_share"].sum() == pytest.approx(1.0)
    assert sorted(drivers["rank"]) == list(range(1, len(drivers) + 1))


def test_local_activities_and_cost_driver_notes_are_gathered(summary):
    local = summary.local_activities.iloc[0].to_dict()
    assert local == {
        "process_id": "jobsamtaler",
        "subprocess_no": 2,
        "activity_id": "local_tolk",
        "activity_name": "Tolk (Cby Kommune)",
        "n_workshops": 1,
        "municipalities": C,
    }
    note = summary.cost_driver_notes.iloc[0].to_dict()
    assert (note["subprocess_no"], note["subprocess_name"], note["municipality"]) == (
        2,
        "The interview",
        A,
    )


def test_the_tidy_frame_adds_up_to_the_workshop_totals(result, interviews):
    frame = result.frame
    assert list(frame.columns[: len(TIDY_COLUMNS)]) == list(TIDY_COLUMNS)
    activities = len(interviews.activity_ids)
    assert len(frame) == activities * 4 + 1  # A covers two groups, C added one activity
    sums = frame.groupby(["session_id", "group_id"])[["counted_low", "counted_high"]].sum()
    totals = result.workshops[result.workshops["level"] == "total"].set_index(
        ["session_id", "group_id"]
    )
    assert sums["counted_low"].to_dict() == pytest.approx(totals["low"].to_dict())
    assert sums["counted_high"].to_dict() == pytest.approx(totals["high"].to_dict())
    c_row = frame[(frame["session_id"] == "c" * 32) & (frame["subprocess_no"] == 1)].iloc[0]
    assert (c_row["low_hours"], c_row["staff"], c_row["counted_low"]) == (0.3, 2.0, 0.6)


def test_incomplete_sessions_are_counted_and_noted(result):
    assert len(result.records) == 3 and not result.problems
    assert len([n for n in result.notices if "complete" in n.message]) == 3


# ---------------------------------------------------------------- order, copies, bad input


def test_the_same_exports_give_the_same_tables_whatever_their_order(folder, catalogue, tmp_path):
    first = summarise(load_exports([folder], catalogue), catalogue)
    renamed = tmp_path / "renamed"
    renamed.mkdir()
    for index, path in enumerate(sorted(folder.iterdir(), reverse=True)):
        shutil.copy(path, renamed / f"{index}_{path.name}")
    files = sorted(renamed.iterdir(), reverse=True)
    second = summarise(load_exports(files, catalogue), catalogue)
    for name in (
        "levels",
        "overview",
        "subprocess_drivers",
        "activity_drivers",
        "local_activities",
        "cost_driver_notes",
    ):
        pd.testing.assert_frame_equal(getattr(first, name), getattr(second, name))


def test_ties_in_the_ranking_break_by_subprocess_and_id(summary, interviews):
    drivers = summary.activity_drivers
    drivers = drivers[drivers["group_id"] == "taet_paa"].sort_values("rank")
    idle = drivers[drivers["mean_mid"] == 0]  # all zero: ordered by subprocess, then id
    keys = list(zip(idle["subprocess_no"], idle["activity_id"], strict=True))
    assert keys == sorted(keys) and len(keys) > 3


def test_two_exports_of_one_session_count_once(folder, catalogue, interviews):
    a = workshop(interviews, A)
    shutil.copy(folder / "a.json", folder / "z-copy-of-a.json")
    (folder / "a.csv").write_text(to_csv(a, interviews), encoding="utf-8")
    result = load_exports([folder], catalogue)
    assert len(result.records) == 3 and not result.problems
    duplicates = [n for n in result.notices if "same session" in n.message]
    assert sorted(n.path.name for n in duplicates) == ["a.csv", "z-copy-of-a.json"]
    kept = next(r for r in result.records if r.session_id == a.session_id)
    assert (Path(kept.source).name, kept.kind) == ("a.json", "json")  # JSON, first by path
    summary = summarise(result, catalogue)
    assert level_row(summary, "total")["n_workshops"] == 3


def test_a_newer_copy_of_a_session_wins(folder, catalogue, interviews):
    newer = workshop(interviews, A)
    newer.activities[first_activities(interviews)[0]].estimates["taet_paa"] = Estimate(
        low=0.1, high=0.3
    )
    newer.updated_at = datetime(2024, 3, 2, tzinfo=UTC)
    save_session(newer, folder / "0-newer.json", touch=False)
    result = load_exports([folder], catalogue)
    [notice] = [n for n in result.notices if "same session" in n.message]
    assert notice.path.name == "a.json" and "differ" in notice.message
    assert level_row(summarise(result, catalogue), "1")["low"] == pytest.approx(0.1)


def test_bad_files_are_skipped_with_their_name_and_reason(folder, catalogue, interviews):
    good = (folder / "a.json").read_text(encoding="utf-8")
    (folder / "corrupt.json").write_text("{not json", encoding="utf-8")
    (folder / "truncated.json").write_text(good[: len(good) // 2], encoding="utf-8")
    (folder / "empty.json").write_text("", encoding="utf-8")
    data = json.loads(good)
    for name, change in (
        ("future.json", {"schema_version": 99}),
        ("seventh.json", {"process_id": "seventh_process"}),
    ):
        (folder / name).write_text(
            json.dumps({**data, **change, "session_id": name}), encoding="utf-8"
        )
    retired = {**data, "session_id": "retired"}
    retired["activities"] = {**data["activities"], "retired_step": {"estimates": {}}}
    (folder / "retired.json").write_text(json.dumps(retired), encoding="utf-8")
    (folder / "people.xlsx").write_bytes(b"PK")
    result = load_exports([folder, folder / "people.xlsx", folder / "missing.json"], catalogue)
    reasons = {p.path.name: p.message for p in result.problems}
    assert set(reasons) == {
        "corrupt.json",
        "truncated.json",
        "empty.json",
        "future.json",
        "seventh.json",
        "retired.json",
        "people.xlsx",
        "missing.json",
    }
    assert "corrupt or truncated" in reasons["corrupt.json"]
    assert "corrupt or truncated" in reasons["truncated.json"]
    assert "schema_version 99 is not supported" in reasons["future.json"]
    assert "unknown process 'seventh_process'" in reasons["seventh.json"]
    assert "unknown activity 'retired_step'" in reasons["retired.json"]
    assert "no such file" in reasons["missing.json"]
    assert len(result.records) == 3 and result.skipped


def test_tidy_csv_exports_give_the_same_figures_as_the_json(
    folder, catalogue, interviews, tmp_path
):
    csv_folder = tmp_path / "csv"
    csv_folder.mkdir()
    for name in (A, B, C):
        (csv_folder / f"{name[0]}.csv").write_text(
            to_csv(workshop(interviews, name), interviews), encoding="utf-8"
        )
    from_csv = summarise(load_exports([csv_folder], catalogue), catalogue)
    from_json = summarise(load_exports([folder], catalogue), catalogue)
    pd.testing.assert_frame_equal(from_csv.levels, from_json.levels)
    pd.testing.assert_frame_equal(from_csv.activity_drivers, from_json.activity_drivers)


def test_nothing_to_merge_gives_empty_tables_with_their_columns(catalogue):
    summary = summarise(load_exports([], catalogue), catalogue)
    assert tuple(summary.merge_csv_frame().columns) == MERGE_CSV_COLUMNS
    assert summary.levels.empty and summary.activity_drivers.empty


# ---------------------------------------------------------------- anonymising


def test_labels_follow_the_sorted_names_not_the_reading_order():
    labels = municipality_labels(["Cby", "aby", "Bby", "Cby"])
    assert labels == {"aby": "Municipality A", "Bby": "Municipality B", "Cby": "Municipality C"}
    assert municipality_labels(["Bby", "aby", "Cby"], "da")["Cby"] == "Kommune C"
    many = municipality_labels([f"By {i:02d}" for i in range(28)])
    assert (many["By 25"], many["By 26"], many["By 27"]) == (
        "Municipality Z",
        "Municipality AA",
        "Municipality AB",
    )


def test_anonymising_replaces_the_names_everywhere(result, catalogue):
    hidden = anonymise(result, "da")
    summary = summarise(hidden, catalogue)
    assert sorted(hidden.sessions["municipality"]) == ["Kommune A", "Kommune B", "Kommune C"]
    assert set(hidden.frame["municipality"]) == {"Kommune A", "Kommune B", "Kommune C"}
    assert summary.cost_driver_notes.iloc[0]["text"] == "I Kommune A forlænger tolken samtalen"
    assert summary.local_activities.iloc[0]["activity_name"] == "Tolk (Kommune C)"
    assert set(hidden.sessions["source"]) == {""}
    text = json.dumps(
        [
            frame.astype(str).to_dict()
            for frame in (
                hidden.frame,
                hidden.sessions,
                hidden.notes,
                summary.cost_driver_notes,
                summary.local_activities,
            )
        ],
        ensure_ascii=False,
    )
    assert not [name for name in ("Aby", "Bby", "Cby") if name in text]
