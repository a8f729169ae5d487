"""The estimate screen's keys: declared once here, read by the screen and the help screen."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from workshop_tui.core.i18n import register

register(
    {
        "key.undo": {"en": "Undo", "da": "Fortryd"},
        "key.redo": {"en": "Redo", "da": "Gentag"},
        "key.presentation": {"en": "Present", "da": "Præsentér"},
        "key.note": {"en": "Note", "da": "Note"},
        "key.factors": {"en": "Staff/share", "da": "Antal/andel"},
        "key.not_applicable": {"en": "N/A", "da": "Ikke rel."},
        "key.time_consuming": {"en": "Time-consuming", "da": "Tidskrævende"},
        "key.add_local": {"en": "Add activity", "da": "Tilføj aktivitet"},
        "key.rename_local": {"en": "Rename activity", "da": "Omdøb aktivitet"},
        "key.remove_local": {"en": "Remove activity", "da": "Fjern aktivitet"},
        "key.cost_drivers": {"en": "Cost drivers", "da": "Omkostningsdrivere"},
        "key.session_notes": {"en": "Workshop notes", "da": "Workshopnoter"},
        "key.export": {"en": "Export", "da": "Eksportér"},
        "key.view_commands": {"en": "Live view", "da": "Live-visning"},
        "key.start": {"en": "Other workshops", "da": "Andre workshops"},
    }
)


ESTIMATE_BINDINGS: list[BindingType] = [
    Binding("ctrl+z", "undo", "key.undo"),
    Binding("ctrl+y", "redo", "key.redo", show=False),
    Binding("n", "note", "key.note"),
    Binding("i", "not_applicable", "key.not_applicable"),
    Binding("a", "add_local", "key.add_local", show=False),
    Binding("p", "presentation", "key.presentation"),
    Binding("e", "export", "key.export", show=False),
    Binding("s", "factors", "key.factors", show=False),
    Binding("t", "time_consuming", "key.time_consuming", show=False),
    Binding("r", "rename_local", "key.rename_local", show=False),
    Binding("x", "remove_local", "key.remove_local", show=False),
    Binding("c", "cost_drivers", "key.cost_drivers", show=False),
    Binding("w", "session_notes", "key.session_notes", show=False),
    Binding("v", "view_commands", "key.view_commands", show=False),
    Binding("o", "start", "key.start", show=False),
]
