"""storage.parse_session_bytes: the fast path accepts what parse_session accepts, and no more.

Every command reads a session file through it (merge thousands at a time), so
a file must get the same verdict, and the same named problem, as the bounded
`parse_session` gives it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.hostile.inputs import BAD_SESSION_TEXTS, good_session_data
from workshop_tui.core.errors import WorkshopError
from workshop_tui.core.limits import MAX_NUMBER_CHARS
from workshop_tui.core.session.storage import parse_session, parse_session_bytes

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
    "negative_exponent_41_chars": _first_estimate_text("-1.5e-" + "1" * 35),
    "a_number_alone": "1" * 41,
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


def _every_part_filled() -> dict:
    """The good session with every optional part filled: each object kind a file can hold."""
    data = good_session_data()
    activity, group = next(
        (a, g) for a, entry in data["activities"].items() for g in entry["estimates"]
    )
    data["local_activities"] = [{"id": "lokal_samtale", "subprocess": 1, "name": "Samtale"}]
    data["cost_driver_notes"] = {"1": "Tolk: 'i Søby'"}
    data["agenda"] = {"start": "09:00:00", "boxes": {"1": 30}, "pause_after": 1}
    data["time_log"] = {"seconds": {"1": 600}, "last_change_at": "2024-03-01T10:00:00Z"}
    data["rounds"] = {
        "silent": True,
        "closed_at": {"1": "2024-03-01T09:30:00Z"},
        "first": {activity: {group: {"low": 0.5, "high": 1.0}}},
    }
    return data


_KEY = re.compile(r'"((?:[^"\\]|\\.)*)"(\s*):')


def _each_key_given_twice(text: str) -> list[tuple[str, str]]:
    """Each key in `text` and the text with that key given twice (the first time null).

    Pydantic lets the last of two equal keys win, so each of these validates: only
    the check for a key given twice can refuse them.
    """
    return [
        (
            json.loads(f'"{key.group(1)}"'),
            f'{text[: key.start()]}"{key.group(1)}"{key.group(2)}: null, {text[key.start() :]}',
        )
        for key in _KEY.finditer(text)
    ]


@pytest.mark.parametrize(
    "dump",
    [
        pytest.param(lambda data: json.dumps(data, indent=2), id="indented"),
        pytest.param(lambda data: json.dumps(data, separators=(",", ":")), id="compact"),
        pytest.param(lambda data: json.dumps(data, separators=(",", " \n\t: ")), id="spaced"),
    ],
)
def test_any_key_given_twice_is_refused_by_name_on_the_fast_path(dump):
    # the fast path rules a key twice out by counting keys; no key may slip past the count
    text = dump(_every_part_filled())
    assert parse_session_bytes(text.encode("utf-8"), PATH) == parse_session(text, PATH)
    twice = _each_key_given_twice(text)
    assert len(twice) > 200
    for name, duplicated in twice:
        with pytest.raises(WorkshopError) as raised:
            parse_session_bytes(duplicated.encode("utf-8"), PATH)
        assert f"key '{name}' appears twice in one object" in raised.value.text()


def test_a_text_holding_quote_colon_cannot_hide_a_key_given_twice():
    # '\":' in a text counts like a key; with one key missing a space before its colon,
    # the counts would match if white space were not taken out first
    data = {**_every_part_filled(), "notes": 'she said "yes": and "no"  :'}
    text = json.dumps(data, indent=2)
    duplicated = text.replace('"high": ', '"high" : 9.0, "high": ', 1)
    with pytest.raises(WorkshopError, match="key 'high' appears twice"):
        parse_session_bytes(duplicated.encode("utf-8"), PATH)
    assert parse_session_bytes(text.encode("utf-8"), PATH).notes == data["notes"]


def test_a_good_file_with_every_part_is_parsed_once(monkeypatch):
    # the key count settles it: the second parse (jiter) is only for files it cannot
    def second_parse(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed a second time")

    monkeypatch.setattr("workshop_tui.core.session.storage.jiter.from_json", second_parse)
    for text in (json.dumps(_every_part_filled(), indent=2), json.dumps(_every_part_filled())):
        assert parse_session_bytes(text.encode("utf-8"), PATH) == parse_session(text, PATH)


_WHITE = st.text(alphabet=" \t\r\n", max_size=3)


_DIGITS = st.text(alphabet="0123456789", max_size=50)


@st.composite
def _long_numbers(draw: st.DrawFn) -> str:
    """A JSON number longer than MAX_NUMBER_CHARS: its digits, fraction or exponent long."""
    runs = [draw(st.sampled_from(["", "-"])) + draw(st.sampled_from("123456789")) + draw(_DIGITS)]
    runs.append(draw(st.sampled_from(["", "."])))
    runs.append(draw(st.sampled_from(["", "e", "E", "e+", "E-"])))
    runs[1:] = [mark and mark + draw(_DIGITS) + "0" for mark in runs[1:]]
    padded = draw(st.sampled_from([index for index, run in enumerate(runs) if run]))
    runs[padded] += "7" * max(0, MAX_NUMBER_CHARS + 1 - len("".join(runs)))
    return "".join(runs)


@settings(max_examples=150, deadline=None)
@given(number=_long_numbers(), before=_WHITE, after=_WHITE, field=st.sampled_from(["low", "high"]))
def test_a_number_too_long_is_refused_by_name_wherever_it_stands(number, before, after, field):
    # the fast path looks for long numbers only where a number can start: never one missed
    data = good_session_data()
    activity = next(iter(data["activities"]))
    group = next(iter(data["activities"][activity]["estimates"]))
    data["activities"][activity]["estimates"][group][field] = 0.123456789
    text = json.dumps(data, indent=2).replace(
        f'"{field}": 0.123456789', f'"{field}"{before}:{after}{number}', 1
    )
    fast = _verdict(lambda data: parse_session_bytes(data, PATH), text.encode("utf-8"))
    slow = _verdict(lambda data: parse_session(data, PATH), text)
    assert fast == slow
    assert f"a number is longer than {MAX_NUMBER_CHARS} characters" in fast[1]


@settings(max_examples=100, deadline=None)
@given(
    before=st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=3),
    run=st.text(alphabet="0123456789", min_size=13, max_size=80),
)
def test_a_long_run_of_digits_in_a_text_is_read_as_on_the_slow_path(before, run):
    # a text may hold any digits after any character; only a number is bounded
    text = _good_text(notes=before + run, session_id="a" + run[:40])
    assert parse_session_bytes(text.encode("utf-8"), PATH) == parse_session(text, PATH)
