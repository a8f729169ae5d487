"""Key bindings whose footer and help texts follow the language chosen while running.

Bindings are declared with their English description marked for the catalogue
(`N_("Undo")`); this module swaps in the text for the current language. Textual keeps a node's
bindings in `_bindings`, copied from the class at construction; replacing that
copy is the one place we reach into Textual's internals (pinned in
pyproject.toml), and it keeps every key declared once, in BINDINGS.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual import getters
from textual.binding import Binding, BindingsMap, BindingType
from textual.dom import DOMNode
from textual.screen import Screen

from workshop_tui.core.i18n import N_, t

if TYPE_CHECKING:  # for the types only: app.py imports the screens, never the other way
    from workshop_tui.tui.app import WorkshopApp

# Texts every screen and dialog shares.

ACTION_HELP = {
    "add_local": N_("Add an activity of the room's own to this subprocess"),
    "agenda": N_("Agenda: each subprocess's time box and the pause, the start and the length"),
    "close_round": N_(
        "Close the first round (this subprocess or the whole workshop): "
        "the figures now are kept as first figures"
    ),
    "cost_drivers": N_("Cost drivers of this subprocess: the source's list and the room's notes"),
    "export": N_("Write CSV and XLSX beside the session file"),
    "factors": N_(
        "Staff taking part and share of cases, per target group (they multiply the hours)"
    ),
    "fold_totals": N_(
        "Totals folded to one line below the grid, so the grid shows "
        "more activities (again: in full)"
    ),
    "group_not_applicable": N_(
        "Mark the activity not applicable for the cursor's target group "
        "only (left out of that group's totals), or include it again"
    ),
    "next_to_check": N_("Go to the next empty, half-filled or flagged cell"),
    "not_applicable": N_(
        "Mark the activity not applicable here (left out of the totals), or include it again"
    ),
    "note": N_("Note on the activity under the cursor"),
    "participants": N_(
        "Who takes part: each participant's role and the target groups they work with"
    ),
    "pause_agenda": N_("Pause the agenda: the pace stands still until it is resumed"),
    "presentation": N_("Presentation view: large totals for the projector"),
    "quit": N_("Quit (nothing to save: every entry already is)"),
    "redo": N_("Redo what was undone"),
    "remove_local": N_("Remove an activity added in the room (Ctrl+Z brings it back)"),
    "rename_local": N_("Rename an activity added in the room"),
    "room": N_(
        "The participants' room: open it (address, code, QR code), ask it for this "
        "activity or subprocess, reveal the spread, take the medians, close it"
    ),
    "resume_agenda": N_("Resume the agenda: the plan moves on by the time paused"),
    "save_now": N_("Save now what a failed save kept (saving is otherwise automatic)"),
    "session_notes": N_("Free notes on the whole workshop"),
    "silent_round": N_(
        "Silent round on or off: while a round is open, other cells and "
        "the totals are hidden here and in watch/serve"
    ),
    "start": N_("Back to the list of workshops (everything is saved)"),
    "start_now": N_("Move the plan's start to now, today: its boxes follow"),
    "start_or_pause": N_(
        "The agenda's clock: start the plan now (on another day than its "
        "own, or before its start), pause it while it runs, resume it "
        "while paused"
    ),
    "time_consuming": N_("Mark the activity time-consuming, or unmark it"),
    "toggle_activity": N_(
        "Show the grid's current activity large (every group's low–high), or the totals again"
    ),
    "toggle_effective": N_("Show the figures as typed, or the effective hours (× staff × share)"),
    "toggle_first": N_("Show the first-round figures (italics) or the agreed ones (Δ: moved)"),
    "toggle_language": N_("Switch between Danish and English"),
    "toggle_theme": N_("Light or dark high-contrast colours (projector)"),
    "undo": N_("Undo the last change (entries, marks, notes, activities)"),
    "view_commands": N_("Commands that let participants follow the totals (terminal or browser)"),
}
"""The longer description of an action for the help screen and the palette, by action name."""


def describe(description: str, lang: str) -> str:
    """A binding's description in `lang`; Textual's own, not in our catalogue, as they are."""
    return t(description, lang)


def localise_bindings(node: DOMNode, lang: str) -> None:
    """Give `node`'s bindings descriptions in `lang`."""
    merged = type(node)._merged_bindings
    if merged is None:
        return
    keys: dict[str, list[Binding]] = {
        key: [replace(b, description=describe(b.description, lang)) for b in bindings]
        for key, bindings in merged.key_to_bindings.items()
    }
    node._bindings = BindingsMap.from_keys(keys)


def key_label(binding: Binding) -> str:
    """'ctrl+z' -> 'Ctrl+Z', 'question_mark' -> '?', as shown in the help screen."""
    names = {
        "question_mark": "?",
        "escape": "Esc",
        "enter": "Enter",
        "delete": "Delete",
        "pageup": "PgUp",
        "pagedown": "PgDn",
        "shift+tab": "Shift+Tab",
        "tab": "Tab",
        "up": "↑",
        "down": "↓",
        "left": "←",
        "right": "→",
        "home": "Home",
        "end": "End",
        "backspace": "Backspace",
        "space": "Space",
        "minus": "-",
        "plus": "+",
    }
    key = binding.key_display or binding.key
    if key in names:
        return names[key]
    if "+" not in key:
        return key.upper() if key.startswith("f") and key[1:].isdigit() else key
    return "+".join(names.get(part, part.capitalize()) for part in key.split("+"))


# The app-wide keys, here rather than in app.py so that the help screen can list them
# without importing the app (which imports the screens).
APP_BINDINGS: list[BindingType] = [
    # F1, not only ?: on the estimate grid ? is text like any other character
    Binding("f1", "help", N_("Help")),
    Binding("question_mark", "help", N_("Help"), show=False, key_display="?"),
    # declared here (Textual adds it to the app's own copy, which localising replaces)
    Binding("ctrl+p", "command_palette", N_("Commands"), priority=True),
    Binding("ctrl+l", "toggle_language", N_("Dansk")),
    Binding("f9", "toggle_theme", N_("Light/dark"), show=False),
    # Ctrl+Q, not q: a letter typed by mistake must not close the room's session
    Binding("ctrl+q", "quit", N_("Quit"), priority=True),
]


if TYPE_CHECKING:
    _ScreenMixinBase = Screen[Any]
else:
    # A plain mixin at run time: Textual reads default CSS along a class's first
    # DOMNode base only, so a Screen here would hide ModalScreen's styles from dialogs.
    _ScreenMixinBase = object


class LanguageAware(_ScreenMixinBase):
    """Base of every screen and dialog: the typed app, and texts that follow `app.lang`.

    Subclasses implement `apply_language(lang)` to redraw their own texts.
    """

    if TYPE_CHECKING:
        # Every screen runs inside a WorkshopApp: Textual's typed getter, for the type
        # checker only (as Textual declares its own `app`); at run time `app` is
        # Textual's property, and this module never imports app.py (which imports us).
        app = getters.app(WorkshopApp)

    def watch_app_language(self) -> None:
        """Call from on_mount: translate now and whenever the language changes."""
        self.watch(self.app, "lang", self._language_changed, init=True)

    def _language_changed(self, lang: str) -> None:
        localise_bindings(self, lang)
        for widget in self.query("*"):
            if getattr(type(widget), "LOCALISED_BINDINGS", False):
                localise_bindings(widget, lang)
        self.apply_language(lang)
        self.refresh_bindings()

    def apply_language(self, lang: str) -> None:
        """Redraw texts in `lang`; screens override this."""
