"""Speed: a process file read from YAML once, then from a JSON copy of its definition.

`open FILE` reads its session's own process file before its first frame. From YAML
that costs PyYAML's import and two passes of its parser (about 17 ms of CPU, some 4 %
of the start); the JSON copy, checked again by the same pydantic model, takes under
1 ms and leaves PyYAML unimported. A copy is named by a hash of the file's text and
this program's version, so an edited file is read from YAML again, and only a
definition that passed every check of the YAML is copied. The copies live in the
user's cache folder (platformdirs); one that cannot be read or written is the same as
none.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from workshop_tui import __version__
from workshop_tui.core.process.model import ProcessDefinition


def copy_path(text: str) -> Path:
    """Where the definition read from a process file with this `text` is kept."""
    from platformdirs import user_cache_dir

    key = hashlib.blake2b(f"{__version__}\n{text}".encode(), digest_size=16).hexdigest()
    return Path(user_cache_dir("workshop-tui")) / "processes" / f"{key}.json"


def read_copy(text: str) -> ProcessDefinition | None:
    """The definition kept for a process file with this `text`; None if there is none."""
    try:
        return ProcessDefinition.model_validate_json(copy_path(text).read_bytes())
    except (OSError, ValueError):  # none yet, unreadable, or not a definition (any more)
        return None


def keep_copy(text: str, definition: ProcessDefinition) -> None:
    """Keep `definition`, read from a process file with this `text`, for the next read."""
    from workshop_tui.core.session.storage import atomic_write_bytes

    try:
        atomic_write_bytes(copy_path(text), definition.model_dump_json().encode("utf-8"))
    except OSError:
        return  # a read-only home only makes the next start slower
