"""Why the grid refuses an entry, in the words the status line shows.

Kept apart from the grid's keys (estimate_grid.py): what is said about a refusal
reads on its own, and the grid's module stays about keys and the cursor.
"""

from __future__ import annotations

from workshop_tui.core.i18n import t
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.session.model import Session
from workshop_tui.core.text import NAME_LIMIT, printable
from workshop_tui.core.totals import ActivityLine
from workshop_tui.tui.widgets.grid.cells import Cell


def typing_refusal(
    process: ProcessDefinition, session: Session, line: ActivityLine, cell: Cell, lang: str
) -> str | None:
    """Why nothing may be typed into `cell` (its activity, or its group, is marked not
    applicable), or None where an entry may start."""
    name = printable(line.label(lang), limit=NAME_LIMIT)  # the room's own may be anything
    if session.entry(line.id).not_applicable:
        return t(
            "'{name}' is marked not applicable; press Ctrl+R to include it first", lang, name=name
        )
    if not session.applies(line.id, cell.group_id):
        group = process.group(cell.group_id).name.in_lang(lang)
        return t(
            "'{name}' is marked not applicable for {group}; press Ctrl+D to include it first",
            lang,
            name=name,
            group=group,
        )
    return None


def refused_message(reason: str, lang: str) -> str:
    """Why a committed entry was refused, and what the keys do with its text, now selected
    (see EntryText): the room's next figures replace it rather than being glued onto it."""
    return reason + " · " + t("typing replaces it, ← → ⌫ fix it, Esc cancels", lang)
