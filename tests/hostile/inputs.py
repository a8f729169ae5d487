"""Hostile inputs (broken and malicious session, process and CSV files), and a way to run
commands on them.

Each builder writes one file into a folder and returns its path; `run_command`
runs a `workshop-tui` command in this process and returns its exit code, with
stdout and stderr, failing the test on any exception that escapes (a traceback).
"""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Callable
from pathlib import Path

from workshop_tui.cli.main import main
from workshop_tui.core.demo import demo_session
from workshop_tui.core.process.catalogue import bundled_process_folder, load_catalogue
from workshop_tui.core.session.storage import session_json

# What the commands may answer: 0 fine, 1 merge skipped a file, 2 refused with a message.
DOCUMENTED_EXIT_CODES = {0, 1, 2}


def run_command(*args: str) -> tuple[int, str, str]:
    # a text stream over bytes: merge writes CSV to sys.stdout.buffer
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    err = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([*args])
    out.flush()
    stdout = out.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]
    return code, stdout, err.getvalue()


def good_session_data(session_id: str = "0123456789abcdef0123456789abcdef") -> dict:
    """A filled-in jobsamtaler session as its file holds it."""
    session = demo_session(load_catalogue().get("jobsamtaler"), "Søby", seed=7)
    session = session.model_copy(update={"session_id": session_id})
    return json.loads(session_json(session))


def write_good_session(folder: Path, name: str = "good.json") -> Path:
    data = good_session_data()
    path = folder / name
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


def first_cell(data: dict) -> tuple[str, str]:
    activity = next(iter(data["activities"]))
    return activity, next(iter(data["activities"][activity]["estimates"]))


def with_cell_value(value: object) -> Callable[[dict], dict]:
    def change(data: dict) -> dict:
        activity, group = first_cell(data)
        data["activities"][activity]["estimates"][group]["low"] = value
        return data

    return change


def _defined_local(data: dict) -> dict:
    activity, _ = first_cell(data)
    data["local_activities"] = [{"id": activity, "subprocess": 1, "name": "Again"}]
    return data


def _two_locals(data: dict) -> dict:
    data["local_activities"] = [
        {"id": "local_tolk", "subprocess": 1, "name": "Tolk"},
        {"id": "local_tolk", "subprocess": 2, "name": "Tolk igen"},
    ]
    data["activities"]["local_tolk"] = {"estimates": {first_cell(data)[1]: {"low": 20.0}}}
    return data


# name -> (change to a good session's data, text of the expected problem)
BAD_SESSION_CHANGES: dict[str, tuple[Callable[[dict], dict], str]] = {
    "low_true": (with_cell_value(True), "valid number"),
    "low_string": (with_cell_value("0.5"), "valid number"),
    "schema_version_true": (lambda d: {**d, "schema_version": True}, "schema_version"),
    "workshop_date_zero": (lambda d: {**d, "workshop_date": 0}, "valid date"),
    "session_id_empty": (lambda d: {**d, "session_id": ""}, "session_id must be"),
    "session_id_path": (lambda d: {**d, "session_id": "../../etc/x"}, "session_id must be"),
    "local_reuses_defined_id": (_defined_local, "already used by a defined activity"),
    "two_locals_one_id": (_two_locals, "already used by another local activity"),
}

# name -> (raw file text built from a good session's JSON text, expected problem)
BAD_SESSION_TEXTS: dict[str, tuple[Callable[[str], str], str]] = {
    "duplicate_key": (
        lambda text: text.replace(
            '"municipality":', '"municipality": "Andeby", "municipality":', 1
        ),
        "appears twice",
    ),
    "nested_50000": (lambda _: '{"a":' * 50_000 + "1" + "}" * 50_000, "nested more than"),
    "number_5000_digits": (
        lambda text: text.replace('"participants": ', '"participants": ' + "9" * 5000, 1),
        "longer than",
    ),
    "float_5000_digits": (
        lambda text: text.replace('"participants": ', '"participants": 0.' + "1" * 5000, 1),
        "longer than",
    ),
}


def write_bad_session(folder: Path, name: str) -> tuple[Path, str]:
    """The bad session `name` written into folder; returns its path and expected problem."""
    path = folder / f"{name}.json"
    if name in BAD_SESSION_CHANGES:
        change, expected = BAD_SESSION_CHANGES[name]
        path.write_text(json.dumps(change(good_session_data())), encoding="utf-8")
    else:
        build, expected = BAD_SESSION_TEXTS[name]
        good = json.dumps(good_session_data(), indent=2)
        path.write_text(build(good), encoding="utf-8")
    return path, expected


def naive_timestamp_session(folder: Path) -> Path:
    data = good_session_data("feedface" * 4)
    data["updated_at"] = data["created_at"] = "2024-02-05T12:00:00"
    path = folder / "naive.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _process_text() -> str:
    return (bundled_process_folder() / "jobsamtaler.yaml").read_text(encoding="utf-8")


def alias_bomb() -> str:
    """About 500 bytes that expand to 9**9 items when aliases are followed."""
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for number in range(1, 9):
        previous, name = chr(96 + number), chr(97 + number)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


# name -> (YAML text, expected problem)
def bad_process_texts() -> dict[str, tuple[str, str]]:
    good = _process_text()
    return {
        "alias_bomb": (alias_bomb(), "not allowed"),
        "python_tag": (
            good.replace("id: jobsamtaler", "id: !!python/object/apply:os.system ['true']", 1),
            "tags (!!python/object/apply:os.system) are not allowed",
        ),
        "local_tag": (good.replace("id: jobsamtaler", "id: !foo jobsamtaler", 1), "tags (!foo)"),
        "complex_key": ("? [a, b]\n: 1\n" + good, "a key must be a plain name"),
        "timestamp_tag": (
            good.replace("id: jobsamtaler", "id: !!timestamp 2024-99-99", 1),
            "tags (!!timestamp)",
        ),
        "impossible_date": (
            good.replace("id: jobsamtaler", "id: 2024-99-99", 1),
            "'2024-99-99' is not a date",
        ),
        "huge_integer": (
            good.replace("number: 1", "number: " + "9" * 5000, 1),
            "longer than 40 characters",
        ),
        "deep_nesting": ("a: " + "[" * 50_000 + "]" * 50_000 + "\n", "nest"),
        "anchor_only": (good.replace("id: jobsamtaler", "id: &x jobsamtaler", 1), "anchors"),
    }
