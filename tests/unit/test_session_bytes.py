"""storage.parse_session_bytes: the fast path accepts what parse_session accepts, and no more.

Every command reads a session file through it (merge thousands at a time), so
a file must get the same verdict, and the same named problem, as the bounded
`parse_session` gives it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.hostile.inputs import BAD_SESSION_TEXTS, good_session_data
from workshop_tui.core.errors import WorkshopError
from workshop_tui.core.storage import parse_session, parse_session_bytes

PATH = Path("s.json")


def _good_text(**changes: object) -> str:
    return json.dumps({**good_session_data(), **changes}, indent=2)


def _first_estimate_text(low: str) -> str:
    """The good session with its first estimate's low written as `low`, verbatim."""
    data = good_session_data()
    activity = next(iter(data["activities"]))
    group = next(iter(data["activities"][activity]["estimates"]))
    data["activities"][activity]["estimates"][group]["low"] = 0.123456789
    return json.dumps(data).replace("0.123456789", low, 1)


def _nested_duplicate(text: str) -> str:
    # a key twice inside an estimate, deep in the file: the last one would win
    return text.replace('"low": ', '"low": 900.0, "low": ', 1)


HOSTILE = {
    **{name: build(_good_text()) for name, (build, _) in BAD_SESSION_TEXTS.items()},
    "nested_duplicate": _nested_duplicate(_good_text()),
    "escaped_duplicate": _good_text().replace(
        '"municipality":', '"municipality": "X", "\\u006dunicipality":', 1
    ),
    "float_41_chars": _first_estimate_text("0." + "1" * 39),
    "int_41_digits": _first_estimate_text("1" * 41),
}


def _verdict(parse, data):
    try:
        return "ok", parse(data).model_dump()
    except WorkshopError as error:
        return error.title, error.text()


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_file_gets_the_same_named_problem_on_both_paths(name):
    text = HOSTILE[name]
    fast = _verdict(lambda data: parse_session_bytes(data, PATH), text.encode("utf-8"))
    slow = _verdict(lambda data: parse_session(data, PATH), text)
    assert fast[0] != "ok"
    assert fast == slow


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(_good_text(), id="good"),
        pytest.param("\ufeff" + _good_text(), id="byte_order_mark"),
        pytest.param(
            _good_text(notes="case 123456789012345678901234567890123456789012345"),
            id="long_digit_run_in_a_text",
        ),
        pytest.param(_first_estimate_text("0." + "1" * 38), id="float_40_chars"),
    ],
)
def test_a_good_file_is_read_the_same_on_both_paths(text):
    fast = parse_session_bytes(text.encode("utf-8"), PATH)
    assert fast == parse_session(text.lstrip("\ufeff"), PATH)
