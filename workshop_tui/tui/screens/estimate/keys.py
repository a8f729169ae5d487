"""The estimate screen's keys: declared once here, read by the screen and the help screen."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from workshop_tui.core.i18n import register
from workshop_tui.tui.screens.estimate import texts as estimate_texts

register(
    {
        "key.undo": {"en": "Undo", "da": "Fortryd"},
        "key.redo": {"en": "Redo", "da": "Gentag"},
        "key.presentation": {"en": "Present", "da": "Præsentér"},
        "key.note": {"en": "Note", "da": "Note"},
        "key.factors": {"en": "Staff/share", "da": "Antal/andel"},
        "key.not_applicable": {"en": "N/A", "da": "Ikke rel."},
        "key.group_not_applicable": {"en": "N/A group", "da": "Ikke rel. gruppe"},
        "key.time_consuming": {"en": "Time-consuming", "da": "Tidskrævende"},
        "key.add_local": {"en": "Add activity", "da": "Tilføj aktivitet"},
        "key.rename_local": {"en": "Rename activity", "da": "Omdøb aktivitet"},
        "key.remove_local": {"en": "Remove activity", "da": "Fjern aktivitet"},
        "key.cost_drivers": {"en": "Cost drivers", "da": "Omkostningsdrivere"},
        "key.session_notes": {"en": "Workshop notes", "da": "Workshopnoter"},
        "key.export": {"en": "Export", "da": "Eksportér"},
        "key.view_commands": {"en": "Live view", "da": "Live-visning"},
        "key.fold_totals": {"en": "Totals on one line", "da": "Totaler på én linje"},
        "key.start": {"en": "Other workshops", "da": "Andre workshops"},
        "key.next_to_check": {"en": "Next to check", "da": "Næste at tjekke"},
        "key.toggle_effective": {"en": "Typed/effective", "da": "Indtastet/effektiv"},
        "key.save_now": {"en": "Save now", "da": "Gem nu"},
    }
)


assert estimate_texts  # registers the texts of the agenda and rounds keys

# No command on a key that can be text: on the grid every printable character starts
# an entry (a facilitator types what the room says), so commands use Ctrl and F-keys.
# Listed most used first: the key bar shows the `show` ones that fit, in this order;
# the command palette (Ctrl+P) and the help screen (F1) list them all.
ESTIMATE_BINDINGS: list[BindingType] = [
    Binding("ctrl+z", "undo", "key.undo"),
    Binding("ctrl+n", "note", "key.note"),
    Binding("ctrl+r", "not_applicable", "key.not_applicable"),
    Binding("ctrl+d", "group_not_applicable", "key.group_not_applicable", show=False),
    Binding("f5", "presentation", "key.presentation"),
    Binding("ctrl+g", "next_to_check", "key.next_to_check"),
    Binding("ctrl+x", "toggle_effective", "key.toggle_effective"),
    Binding("ctrl+f", "factors", "key.factors"),
    Binding("ctrl+t", "time_consuming", "key.time_consuming"),
    Binding("f4", "agenda", "key.agenda"),
    Binding("f11", "start_or_pause", "key.start_or_pause"),
    Binding("f3", "close_round", "key.close_round"),
    Binding("ctrl+b", "toggle_first", "key.toggle_first"),
    Binding("f12", "silent_round", "key.silent_round", show=False),
    Binding("ctrl+y", "redo", "key.redo", show=False),
    Binding("ctrl+a", "add_local", "key.add_local", show=False),
    Binding("f6", "rename_local", "key.rename_local", show=False),
    Binding("f8", "remove_local", "key.remove_local", show=False),
    Binding("ctrl+k", "cost_drivers", "key.cost_drivers", show=False),
    Binding("ctrl+w", "session_notes", "key.session_notes", show=False),
    Binding("ctrl+e", "export", "key.export", show=False),
    Binding("f7", "view_commands", "key.view_commands", show=False),
    Binding("f10", "fold_totals", "key.fold_totals", show=False),
    Binding("ctrl+o", "start", "key.start", show=False),
    Binding("ctrl+s", "save_now", "key.save_now", show=False),
]
