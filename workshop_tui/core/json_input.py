"""JSON from a file, bounded before it is parsed and with duplicate keys refused.

Python's json module recurses once per nested list or object (50,000 levels
raise RecursionError) and turns a long run of digits into an int (5,000 digits
raise ValueError); the last of two equal keys silently wins. A quick scan of
the text bounds nesting and number length first, and the parse refuses a key
given twice, so every bad file becomes a named problem instead of a traceback.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from workshop_tui.core.errors import Problem, WorkshopError
from workshop_tui.core.i18n import t
from workshop_tui.core.limits import MAX_NESTING, MAX_NUMBER_CHARS

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")
_LONG_NUMBER = re.compile(rf"[-+0-9.eE]{{{MAX_NUMBER_CHARS + 1},}}")


class _DuplicateKeyError(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def load_json(text: str, path: Path, title: str, lang: str = "en") -> Any:
    """The parsed JSON of `text`; a WorkshopError titled `title` naming `path` otherwise."""
    problem = bounds_problem(text, lang)
    if problem:
        raise WorkshopError(title, [Problem(path, problem)])
    try:
        return json.loads(text, object_pairs_hook=_refuse_duplicates)
    except json.JSONDecodeError as error:
        message = t(
            "not valid JSON, corrupt or truncated: {reason} (line {line}, column {column})",
            lang,
            reason=error.msg,
            line=error.lineno,
            column=error.colno,
        )
        raise WorkshopError(title, [Problem(path, message, error.lineno)]) from None
    except _DuplicateKeyError as error:
        message = t("key '{name}' appears twice in one object", lang, name=error.key)
        raise WorkshopError(title, [Problem(path, message)]) from None
    except (ValueError, RecursionError) as error:  # what the scan should have caught
        raise WorkshopError(title, [Problem(path, str(error))]) from None


def bounds_problem(text: str, lang: str = "en") -> str:
    """Why `text` is too deep or has too long a number to parse; "" when it is fine."""
    outside_strings = _STRING.sub('""', text)
    if _LONG_NUMBER.search(outside_strings):
        return t("a number is longer than {limit} characters", lang, limit=MAX_NUMBER_CHARS)
    depth = 0
    for match in _BRACKET.finditer(outside_strings):
        if match.group() in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return t(
                    "lists and objects are nested more than {limit} deep", lang, limit=MAX_NESTING
                )
        else:
            depth -= 1
    return ""


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKeyError(key)
        result[key] = value
    return result
