"""The estimate screen's keys: declared once here, read by the screen and the help screen."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from workshop_tui.core.i18n import N_

# No command on a key that can be text: on the grid every printable character starts
# an entry (a facilitator types what the room says), so commands use Ctrl and F-keys.
# Listed most used first: the key bar shows the `show` ones that fit, in this order;
# the command palette (Ctrl+P) and the help screen (F1) list them all.
ESTIMATE_BINDINGS: list[BindingType] = [
    Binding("ctrl+z", "undo", N_("Undo")),
    Binding("ctrl+n", "note", N_("Note")),
    Binding("ctrl+r", "not_applicable", N_("N/A")),
    Binding("ctrl+d", "group_not_applicable", N_("N/A group"), show=False),
    Binding("f5", "presentation", N_("Present")),
    Binding("ctrl+g", "next_to_check", N_("Next to check")),
    Binding("ctrl+x", "toggle_effective", N_("Typed/effective")),
    Binding("ctrl+f", "factors", N_("Staff/share")),
    Binding("ctrl+t", "time_consuming", N_("Time-consuming")),
    Binding("f4", "agenda", N_("Agenda")),
    Binding("f11", "start_or_pause", N_("Start/pause")),
    Binding("f3", "close_round", N_("Close round")),
    Binding("ctrl+b", "toggle_first", N_("First/agreed")),
    Binding("f12", "silent_round", N_("Silent round"), show=False),
    # the participants: their room (own estimates from phones) and who takes part
    Binding("ctrl+u", "room", N_("Participants"), show=False),
    Binding("ctrl+y", "redo", N_("Redo"), show=False),
    Binding("ctrl+a", "add_local", N_("Add activity"), show=False),
    Binding("f6", "rename_local", N_("Rename activity"), show=False),
    Binding("f8", "remove_local", N_("Remove activity"), show=False),
    Binding("ctrl+k", "cost_drivers", N_("Cost drivers"), show=False),
    Binding("ctrl+w", "session_notes", N_("Workshop notes"), show=False),
    Binding("ctrl+e", "export", N_("Export"), show=False),
    Binding("f7", "view_commands", N_("Live view"), show=False),
    Binding("f10", "fold_totals", N_("Totals on one line"), show=False),
    Binding("ctrl+o", "start", N_("Other workshops"), show=False),
    Binding("ctrl+s", "save_now", N_("Save now"), show=False),
]
