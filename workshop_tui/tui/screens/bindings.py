"""Key bindings whose footer and help texts follow the language chosen while running.

Bindings are declared with an i18n key as their description ("key.undo"); this
module swaps in the text for the current language. Textual keeps a node's
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

from workshop_tui.core.i18n import MESSAGES, register, t

if TYPE_CHECKING:  # for the types only: app.py imports the screens, never the other way
    from workshop_tui.tui.app import WorkshopApp

# Texts every screen and dialog shares.
register(
    {
        "app.title": {
            "en": "Time estimates for job-centre key processes",
            "da": "Tidsestimering af jobcentrets nøgleprocesser",
        },
        "key.back": {"en": "Back", "da": "Tilbage"},
        "key.help": {"en": "Help", "da": "Hjælp"},
        "key.palette": {"en": "Commands", "da": "Kommandoer"},
        "key.language": {"en": "Dansk", "da": "English"},
        "key.theme": {"en": "Light/dark", "da": "Lys/mørk"},
        "key.quit": {"en": "Quit", "da": "Afslut"},
        "dialog.save": {"en": "Save", "da": "Gem"},
        "dialog.cancel": {"en": "Cancel", "da": "Annullér"},
        "dialog.close": {"en": "Close", "da": "Luk"},
        "dialog.next_field": {"en": "Next field", "da": "Næste felt"},
        "dialog.previous_field": {"en": "Previous field", "da": "Forrige felt"},
        "dialog.hint_line": {
            "en": "Enter saves · Esc cancels",
            "da": "Enter gemmer · Esc annullerer",
        },
        "dialog.hint_text": {
            "en": "Ctrl+S saves · Esc cancels · Enter starts a new line",
            "da": "Ctrl+S gemmer · Esc annullerer · Enter giver ny linje",
        },
    }
)


def describe(description: str, lang: str) -> str:
    """An i18n key's text, or the description itself where it is not a key (Textual's own)."""
    return t(description, lang) if description in MESSAGES else description


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
    Binding("f1", "help", "key.help"),
    Binding("question_mark", "help", "key.help", show=False, key_display="?"),
    # declared here (Textual adds it to the app's own copy, which localising replaces)
    Binding("ctrl+p", "command_palette", "key.palette", priority=True),
    Binding("ctrl+l", "toggle_language", "key.language"),
    Binding("f9", "toggle_theme", "key.theme", show=False),
    # Ctrl+Q, not q: a letter typed by mistake must not close the room's session
    Binding("ctrl+q", "quit", "key.quit", priority=True),
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
