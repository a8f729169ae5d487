"""Fuzzing the readers of user files: inputs, the commands run on them, and the verdicts.

Shared by the quick profile in the test command (tests/fuzz/test_fuzz_inputs.py) and
the long run (benchmarks/fuzz_inputs.py). Inputs start from good files (a session
JSON, a process YAML, a tidy CSV) and are mutated: values swapped for any JSON
value, keys dropped or added, hostile snippets inserted, the text cut short. Every
command must answer with a documented exit code (0, 1 for merge skipping a file,
2 for a refused file) or, through the core's API, a WorkshopError: anything else
escaping is a traceback.
"""

from __future__ import annotations

import contextlib
import json
import signal
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from tests.hostile.inputs import DOCUMENTED_EXIT_CODES, good_session_data, run_command
from workshop_tui.core.errors import WorkshopError
from workshop_tui.core.exports import to_csv
from workshop_tui.core.process.catalogue import bundled_process_folder, load_catalogue
from workshop_tui.core.session.editor import SessionEditor
from workshop_tui.core.session.model import Session
from workshop_tui.core.session.watcher import SessionWatcher, catalogue_check

# Far beyond what any command takes on these small files, even on a loaded machine
# (importing pandas the first time included): only a hang reaches it.
HANG_SECONDS = 60

# --------------------------------------------------------------------- inputs

HOSTILE_TEXT = [
    "",
    " ",
    "../../etc/passwd",
    "\x00",
    "\x1b[2J\x1b]0;owned\x1b\\",
    "1_000",
    "١٢",
    "NaN",
    "-inf",
    "1e999",
    "9" * 60,
    "2024-02-05T12:00:00",
    "2024-99-99",
    "true",
    "0,5",
    '"',
    "local_x",
]
RAW_SNIPPETS = [
    "{",
    "}",
    "[",
    '"',
    ",",
    ":",
    "\\u0000",
    "NaN",
    "Infinity",
    "9" * 5000,
    "0." + "1" * 5000,
    '"a": 1, "a": 2,',
    "[" * 200,
    "{" * 40,
    "\ufeff",
    "\udcff",
]
YAML_SNIPPETS = [
    "&a",
    "*a",
    "!!python/object/apply:os.system ['true']",
    "!foo",
    "!!timestamp 2024-99-99",
    "? [a, b]\n: 1",
    "<<: {a: 1}",
    "<<: 1",
    "2024-99-99",
    "9" * 5000,
    "[" * 100,
    "{" * 60,
    "---",
    "...",
    "\t",
    "%YAML 1.1",
    "- - -",
    ".inf",
    "0x" + "f" * 50,
    "'",
    "|",
]
CSV_CELLS = [*HOSTILE_TEXT, "0,5", "50 %", "101 %", "-1", "1e5", "x", '"a""b"', "a;b"]

json_leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=12),
    st.sampled_from(HOSTILE_TEXT),
)
json_values = st.recursive(
    json_leaves,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every key path in a JSON value, containers included."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


def _set(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value
    return data


def _delete(data: Any, path: tuple[Any, ...]) -> Any:
    if not path:
        return data
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    del parent[path[-1]]
    return data


@st.composite
def _raw_mutation(draw: st.DrawFn, text: str, snippets: list[str]) -> str:
    """Text cut short, or with a snippet put in, or a stretch repeated."""
    how = draw(st.sampled_from(["cut", "insert", "insert", "repeat", "replace_all"]))
    at = draw(st.integers(0, len(text)))
    if how == "cut":
        return text[:at]
    if how == "repeat":
        end = draw(st.integers(at, min(len(text), at + 200)))
        return text[:end] + text[at:end] * draw(st.integers(1, 50)) + text[end:]
    if how == "replace_all":
        return draw(st.text(max_size=200))
    return text[:at] + draw(st.sampled_from(snippets)) + text[at:]


@st.composite
def session_texts(draw: st.DrawFn) -> str:
    data = good_session_data()
    for _ in range(draw(st.integers(1, 3))):
        how = draw(st.sampled_from(["replace", "replace", "delete", "add"]))
        path = draw(st.sampled_from(list(_paths(data))))
        if how == "replace":
            data = _set(data, path, draw(json_values))
        elif how == "delete":
            data = _delete(data, path)
        else:
            target = data
            for part in path:
                target = target[part]
            if isinstance(target, dict):
                target[draw(st.sampled_from([*HOSTILE_TEXT, "extra"]))] = draw(json_values)
    text = json.dumps(data, indent=2)
    if draw(st.booleans()):
        text = draw(_raw_mutation(text, RAW_SNIPPETS))
    return text


def good_process_text() -> str:
    return (bundled_process_folder() / "jobsamtaler.yaml").read_text(encoding="utf-8")


@st.composite
def process_texts(draw: st.DrawFn) -> str:
    text = good_process_text()
    lines = text.splitlines()
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, len(lines) - 1))
        line = lines[index]
        how = draw(st.sampled_from(["value", "insert", "drop", "raw"]))
        if how == "value" and ":" in line:
            key = line.split(":", 1)[0]
            lines[index] = f"{key}: {draw(st.sampled_from(YAML_SNIPPETS + HOSTILE_TEXT))}"
        elif how == "insert":
            lines.insert(index, draw(st.sampled_from(YAML_SNIPPETS)))
        elif how == "drop":
            del lines[index]
        else:
            lines[index] = draw(_raw_mutation(line, YAML_SNIPPETS))
    return "\n".join(lines) + "\n"


def good_csv_text() -> str:
    catalogue = load_catalogue()
    session = Session.model_validate_json(json.dumps(good_session_data()))
    return to_csv(session, catalogue.get(session.process_id)).removeprefix("\ufeff")


@st.composite
def tidy_csv_texts(draw: st.DrawFn) -> str:
    rows = [line.split(",") for line in good_csv_text().splitlines()]
    for _ in range(draw(st.integers(1, 4))):
        row = draw(st.integers(0, len(rows) - 1))
        how = draw(st.sampled_from(["cell", "cell", "cell", "drop_row", "drop_column", "raw"]))
        if how == "cell" and rows[row]:
            column = draw(st.integers(0, len(rows[row]) - 1))
            rows[row][column] = draw(st.sampled_from(CSV_CELLS) | st.text(max_size=10))
        elif how == "drop_row" and len(rows) > 1:
            del rows[row]
        elif how == "drop_column":
            column = draw(st.integers(0, len(rows[0]) - 1))
            rows = [r[:column] + r[column + 1 :] for r in rows]
    text = "\n".join(",".join(r) for r in rows) + "\n"
    if draw(st.integers(0, 5)) == 0:
        text = draw(_raw_mutation(text, RAW_SNIPPETS))
    return text


# --------------------------------------------------------------------- commands


class Hang(Exception):
    """A command ran longer than HANG_SECONDS."""


@contextlib.contextmanager
def hang_alarm(seconds: int = HANG_SECONDS) -> Iterator[None]:
    def alarm(signum: int, frame: object) -> None:
        raise Hang(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _cli(*args: str) -> None:
    code, _, err = run_command(*args)
    if code not in DOCUMENTED_EXIT_CODES:
        raise AssertionError(f"exit code {code}: {err}")


def validate(path: Path, folder: Path) -> None:
    _cli("validate", str(path))


def export(path: Path, folder: Path) -> None:
    _cli("export", str(path), "--out", str(folder / "exported.csv"))


def merge(path: Path, folder: Path) -> None:
    (folder / "good.json").write_text(json.dumps(good_session_data("9" * 32)), encoding="utf-8")
    _cli("merge", str(folder), "--format", "csv", "--out", str(folder / "merged.csv"))


def open_session(path: Path, folder: Path) -> None:
    with contextlib.suppress(WorkshopError):
        SessionEditor.open(path, load_catalogue()).close()


def watch(path: Path, folder: Path) -> None:
    watcher = SessionWatcher(path, catalogue_check(load_catalogue()))
    with contextlib.suppress(WorkshopError):
        watcher.load_first()
    watcher.poll()  # never raises, whatever the file holds


Command = Callable[[Path, Path], None]
# per kind of file: its name suffix, the inputs, and the commands that read it
KINDS: dict[str, tuple[str, Any, dict[str, Command]]] = {
    "session": (
        ".json",
        session_texts(),
        {
            "validate": validate,
            "export": export,
            "merge": merge,
            "open": open_session,
            "watch": watch,
        },
    ),
    "process": (".yaml", process_texts(), {"validate": validate}),
    "tidy_csv": (".csv", tidy_csv_texts(), {"merge": merge}),
}


@dataclass
class Verdict:
    command: str
    outcome: str  # "ok", "traceback" or "hang"
    detail: str = ""


def run_all(kind: str, text: str) -> list[Verdict]:
    """Every command for `kind` on `text`; each verdict says how it went."""
    suffix, _, commands = KINDS[kind]
    verdicts = []
    for name, command in commands.items():
        with tempfile.TemporaryDirectory() as temp:
            folder = Path(temp)
            path = folder / f"fuzzed{suffix}"
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
            try:
                with hang_alarm():
                    command(path, folder)
            except Hang as hang:
                verdicts.append(Verdict(name, "hang", str(hang)))
            except Exception as error:  # the point: anything escaping is a traceback
                verdicts.append(Verdict(name, "traceback", f"{type(error).__name__}: {error}"))
            else:
                verdicts.append(Verdict(name, "ok"))
    return verdicts
