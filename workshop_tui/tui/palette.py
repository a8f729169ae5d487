"""Every command of the screen in Textual's command palette (Ctrl+P), with its key.

The palette lists what the screen's bindings offer, in the current language, so a
facilitator who forgets a key finds the command by name and learns its key.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from textual.app import SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

from workshop_tui.core.i18n import N_, t
from workshop_tui.tui.screens.bindings import ACTION_HELP, describe, key_label

# Moving about is not a command one looks up by name.
NOT_COMMANDS = {N_("Move"), N_("Cancel entry")}


def binding_commands(screen: Screen[object], lang: str) -> Iterable[SystemCommand]:
    """One palette entry per action bound on `screen` (its widgets', its own, the app's)."""
    keys: dict[str, list[str]] = {}
    found: dict[str, tuple[DOMNode, Binding]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.description in NOT_COMMANDS or not active.enabled:
            continue
        keys.setdefault(binding.action, [])
        label = key_label(binding)
        if label not in keys[binding.action]:
            keys[binding.action].append(label)
        found.setdefault(binding.action, (active.node, binding))
    for action, (node, binding) in found.items():
        name = action.split("(")[0]
        long = ACTION_HELP.get(name)
        text = t(long, lang) if long else describe(binding.description, lang)
        yield SystemCommand(
            describe(binding.description, lang),
            f"{' / '.join(keys[action])} · {text}",
            partial(screen.app.run_action, action, node),
        )
    # commands a screen offers by name only (no key of their own)
    offered = getattr(screen, "palette_commands", None)
    if offered is not None:
        for name, text, run in offered():
            yield SystemCommand(name, text, run)
