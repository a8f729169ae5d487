"""Process YAML read safely, with the line of every node for error messages.

A process file is plain data: mappings, lists and scalars. Anchors, aliases,
tags and complex keys are refused with the file and line before anything is
built from the file, so an alias bomb (a few hundred bytes that expand
exponentially) is refused at once, `!!python/...` never reaches a
constructor, and `? [a, b]` keys cannot crash the key checks. Nesting depth,
numbers and dates are checked as well, each giving a named problem.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from workshop_tui.core.errors import Loc, Problem, field_path
from workshop_tui.core.limits import MAX_NESTING, MAX_NUMBER_CHARS

# libyaml's C parser where installed: the pure-Python one takes most of start-up.
LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_STARTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def compose(path: Path, text: str) -> tuple[Any, list[Problem]]:
    """The YAML node tree (for line numbers) and any problems that stop its use."""
    try:
        problems = list(_refused_constructs(path, text))
        if problems:
            return None, problems
        root = yaml.compose(text, Loader=LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        reason = getattr(error, "problem", None) or str(error)
        return None, [Problem(path, f"YAML syntax error: {reason}", line)]
    if not isinstance(root, yaml.MappingNode):
        return None, [Problem(path, "expected a mapping of keys (id, name, groups, ...)", 1)]
    problems = [
        Problem(path, f"key '{key}' appears twice", line, field)
        for key, line, field in _duplicate_keys(root, ())
    ]
    problems += [Problem(path, message, line) for message, line in _bad_scalars(root)]
    return root, problems


def construct(root: Any) -> Any:
    """Python data from a node tree that `compose` found no problem in."""
    return LOADER("").construct_document(root)


def _refused_constructs(path: Path, text: str) -> Iterator[Problem]:
    """Anchors, aliases, tags, complex keys and deep nesting, from the parser's events.

    The events come before any node is built, so nothing is expanded or constructed.
    """
    # Per open collection: True for a mapping; and for a mapping, whether a key is next.
    open_mapping: list[bool] = []
    key_next: list[bool] = []
    for event in yaml.parse(text, Loader=LOADER):
        line = event.start_mark.line + 1 if event.start_mark else 0
        at_key = bool(open_mapping) and open_mapping[-1] and key_next[-1]
        if isinstance(event, yaml.AliasEvent):
            yield Problem(path, f"aliases (*{event.anchor}) are not allowed", line)
            return
        if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            yield Problem(path, f"anchors (&{event.anchor}) are not allowed", line)
            return
        if isinstance(event, (yaml.ScalarEvent, *_STARTS)) and event.tag is not None:
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            yield Problem(path, f"tags ({tag}) are not allowed", line)
            return
        if isinstance(event, _STARTS):
            if at_key:
                yield Problem(path, "a key must be a plain name, not a list or mapping", line)
                return
            if len(open_mapping) >= MAX_NESTING:
                yield Problem(path, f"nested more than {MAX_NESTING} deep", line)
                return
            if open_mapping:
                key_next[-1] = not key_next[-1]
            open_mapping.append(isinstance(event, yaml.MappingStartEvent))
            key_next.append(True)
        elif isinstance(event, _ENDS):
            open_mapping.pop()
            key_next.pop()
        elif isinstance(event, yaml.ScalarEvent) and open_mapping:
            key_next[-1] = not key_next[-1]


def _duplicate_keys(node: Any, loc: Loc) -> Iterable[tuple[str, int, str]]:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if key.value in seen:
                yield key.value, key.start_mark.line + 1, field_path(loc)
            seen.add(key.value)
            yield from _duplicate_keys(value, (*loc, key.value))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _duplicate_keys(item, (*loc, index))


def _bad_scalars(node: Any) -> Iterator[tuple[str, int]]:
    """Numbers too long to read and dates that do not exist, with their lines."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _bad_scalars(key)
            yield from _bad_scalars(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _bad_scalars(item)
    elif isinstance(node, yaml.ScalarNode):
        line = node.start_mark.line + 1
        if node.tag in (_INT_TAG, _FLOAT_TAG) and len(node.value) > MAX_NUMBER_CHARS:
            yield f"the number is longer than {MAX_NUMBER_CHARS} characters", line
        elif node.tag == _TIMESTAMP_TAG and not _is_date(node):
            yield f"'{node.value}' is not a date; put text in quotes", line


def _is_date(node: Any) -> bool:
    try:
        value = LOADER("").construct_yaml_timestamp(node)
    except (ValueError, OverflowError, yaml.YAMLError):
        return False
    return isinstance(value, datetime.date)


def line_of(root: Any, loc: Loc) -> int | None:
    """The line of the deepest node on `loc` that exists in the file."""
    node, line = root, (root.start_mark.line + 1 if root is not None else None)
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if k.value == str(part)), None)
            if match is None:
                break
            line, node = match[0].start_mark.line + 1, match[1]
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value)
        ):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line


def located_problems(path: Path, root: object, error: ValidationError) -> list[Problem]:
    """Each of pydantic's complaints about a YAML document as a Problem with its line."""
    problems: list[Problem] = []
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] == "missing":
            message = "required field is missing"
        elif item["type"] == "extra_forbidden":
            message = "unknown field (check the spelling)"
        problems.append(Problem(path, message, line_of(root, loc), field_path(loc)))
    return problems
