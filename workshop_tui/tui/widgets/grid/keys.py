"""The estimate grid's own keys: moving, entering, cancelling and clearing a figure.

Descriptions are English catalogue texts (the grid's LOCALISED_BINDINGS, see screens/bindings.py).
Commands that change more than one figure are the screen's (screens/estimate_keys.py).
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

from workshop_tui.core.i18n import N_

GRID_BINDINGS: list[BindingType] = [
    Binding("up", "move(-1, 0)", N_("Move"), show=False),
    Binding("down", "move(1, 0)", N_("Move"), show=False),
    Binding("left", "move(0, -1)", N_("Move"), show=False),
    Binding("right", "move(0, 1)", N_("Move"), show=False),
    Binding("tab", "step(1)", N_("Move"), show=False),
    Binding("shift+tab", "step(-1)", N_("Move"), show=False),
    Binding("pageup", "page(-1)", N_("Move"), show=False),
    Binding("pagedown", "page(1)", N_("Move"), show=False),
    Binding("home", "edge(0)", N_("Move"), show=False),
    Binding("end", "edge(1)", N_("Move"), show=False),
    # The footer is not redrawn when an entry starts or ends (that would cost a
    # recompose per entry), so Enter's one description covers both of its uses.
    Binding("enter", "enter", N_("Edit/save")),
    Binding("f2", "enter", N_("Edit/save"), show=False),
    # Enter typed while the program starts, before it has the terminal: the terminal
    # hands it over as a newline (Ctrl+J), and "7⏎8⏎" would otherwise save 78.
    Binding("ctrl+j", "enter", N_("Edit/save"), show=False),
    Binding("escape", "cancel_entry", N_("Cancel entry"), show=False),
    Binding("delete", "clear", N_("Clear"), show=False),
]
