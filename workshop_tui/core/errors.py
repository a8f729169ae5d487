"""Errors meant for users: each names the file, the line (where known) and the field."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# Where in a file: keys and list positions, as pydantic gives them.
Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One mistake in one file."""

    path: Path
    message: str
    line: int | None = None
    field: str = ""
    kind: str = ""  # lets a report group alike notes, e.g. "duplicate"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class WorkshopError(Exception):
    """A failure the user can fix; the CLI shows it as a panel and exits with code 2."""

    def __init__(self, title: str, problems: list[Problem] | None = None, detail: str = ""):
        self.title = title
        self.problems = problems or []
        self.detail = detail
        super().__init__(self.text())

    def text(self) -> str:
        lines = [self.detail] if self.detail else []
        lines += [str(p) for p in self.problems]
        return "\n".join(lines) or self.title


def field_path(loc: Loc) -> str:
    """('subprocesses', 0, 'name', 'en') -> 'subprocesses[0].name.en'."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
