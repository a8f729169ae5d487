"""Not applicable for one target group (Ctrl+D on the grid): its words and its action.

The activity-wide switch (Ctrl+R) stays and wins: while the whole activity is
marked, Ctrl+D is refused with a sentence saying so. The grid, the totals and
every view read the mark from the session (core: Estimate.not_applicable).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from workshop_tui.core.i18n import N_, t
from workshop_tui.core.text import printable
from workshop_tui.core.totals import ActivityLine

if TYPE_CHECKING:  # pragma: no cover - typing only
    from workshop_tui.tui.screens.estimate.screen import EstimateScreen


def toggle_for_cursor_group(screen: EstimateScreen, line: ActivityLine, group_id: str) -> None:
    """Ctrl+D: mark or unmark `line` for `group_id`, saved and undoable; say what happened."""
    editor, lang = screen.editor, screen.lang
    name = printable(line.label(lang))
    if editor.session.entry(line.id).not_applicable:
        screen._show_status(
            error=t(
                "'{name}' is marked not applicable for every group; press Ctrl+R "
                "to include it first",
                lang,
                name=name,
            )
        )
        return
    change = screen._apply(lambda: editor.toggle_group_not_applicable(line.id, group_id))
    if change is None:
        return
    group = editor.process.group(group_id).name.in_lang(lang)
    marked = editor.session.estimate(line.id, group_id).not_applicable
    key = (
        N_(
            "'{name}' is not applicable for {group}: left out of its totals "
            "and of 'filled' (Ctrl+D includes it again)"
        )
        if marked
        else N_("'{name}' counts again for {group}")
    )
    screen._show_status(note=Text(t(key, lang, name=name, group=group), style="bold"))
