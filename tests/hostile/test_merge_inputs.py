"""Merge reads every file as the other commands do: a bad one is skipped by name."""

from __future__ import annotations

import json
import os

import pytest

from tests.hostile.inputs import good_session_data, run_command, write_good_session

MERGED_GOOD = "jobsamtaler,taet_paa,total,1,"  # the good session, and only it


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_a_pipe_named_on_the_command_line_is_skipped_not_waited_for(tmp_path, suffix):
    good = write_good_session(tmp_path)
    pipe = tmp_path / f"pipe{suffix}"
    os.mkfifo(pipe)  # no writer: a plain open() would wait forever
    code, out, err = run_command("merge", str(good), str(pipe), "--format", "csv")
    assert code == 1
    assert f"{pipe}: not a regular file" in err
    assert MERGED_GOOD in out


def test_a_key_twice_deep_inside_a_session_is_refused(tmp_path):
    write_good_session(tmp_path)
    text = (tmp_path / "good.json").read_text(encoding="utf-8")
    bad = tmp_path / "bad.json"
    # the duplicate's figure would win, silently, if the file were read without the check
    bad.write_text(
        text.replace('"0123456789abcdef', '"fedcba9876543210', 1).replace(
            '"low": ', '"low": 999.0, "low": ', 1
        ),
        encoding="utf-8",
    )
    code, out, err = run_command("merge", str(tmp_path), "--format", "csv")
    assert code == 1
    assert "bad.json: key 'low' appears twice in one object" in err
    assert MERGED_GOOD in out


def test_a_number_too_long_in_an_estimate_is_refused(tmp_path):
    # 0.111...: a valid low of 0.11 h, but longer than a number the core reads
    write_good_session(tmp_path)
    data = good_session_data("fedcba98" * 4)
    activity = next(iter(data["activities"]))
    group = next(iter(data["activities"][activity]["estimates"]))
    data["activities"][activity]["estimates"][group]["low"] = 0.123456789
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data).replace("0.123456789", "0." + "1" * 60), encoding="utf-8")
    code, out, err = run_command("merge", str(tmp_path), "--format", "csv")
    assert code == 1
    assert "bad.json: a number is longer than 40 characters" in err
    assert MERGED_GOOD in out
