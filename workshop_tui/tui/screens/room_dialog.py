"""The participants' room (Ctrl+U): open it, ask it, reveal, take the medians, close it.

Two faces. While no room is open: where it opens (this computer only, or the
meeting network). While it is open: the address, the code and a QR code of the
address for the participants' phones, what is asked now, and the room's
commands, each on one line with its letter. Returns the command chosen, or None.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from workshop_tui.core.i18n import N_, t
from workshop_tui.tui.screens.bindings import LanguageAware
from workshop_tui.tui.screens.estimate.room import RoomState
from workshop_tui.tui.widgets.qr_code import QrCode

# (command, its letter, what the line says): the room's commands while it is open
OPEN_COMMANDS = (
    ("ask_activity", "a", N_("Ask: the whole activity")),
    ("ask_subprocess", "s", N_("Ask: the whole subprocess")),
    ("reveal", "r", N_("Reveal the spread")),
    ("medians", "m", N_("The medians into this cell")),
    ("close_room", "c", N_("Close the room")),
    ("participants", "p", N_("Who takes part: roles and groups…")),
)
WHERE = (
    ("local", "l", N_("This computer only (to try it)")),
    ("network", "n", N_("The meeting network (phones and laptops)")),
    ("participants", "p", N_("Who takes part: roles and groups…")),
)


class RoomDialog(LanguageAware, ModalScreen[str | None]):
    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel")),
        *(Binding(key, f"choose('{name}')", show=False) for name, key, _ in OPEN_COMMANDS),
        *(Binding(key, f"choose('{name}')", show=False) for name, key, _ in WHERE[:-1]),
    ]
    DEFAULT_CSS = """
    RoomDialog > .dialog { width: 100; }
    RoomDialog .room-open { height: auto; }
    RoomDialog #room-facts { width: 1fr; height: auto; padding-left: 2; }
    RoomDialog #room-address { text-style: bold; }
    RoomDialog #room-code { text-style: bold; color: $accent; }
    RoomDialog OptionList { height: auto; max-height: 100%; margin-top: 1; }
    """

    def __init__(self, state: RoomState | None) -> None:
        super().__init__()
        self.state = state

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        state = self.state
        with Vertical(classes="dialog"):
            yield Label(t("The participants' room", lang), classes="dialog-title")
            if state is None:
                yield Label(
                    t(
                        "Each participant gives their own low and high from a phone or "
                        "laptop; you ask, reveal and take the medians here. Where "
                        "does the room open?",
                        lang,
                    ),
                    classes="dialog-hint",
                )
                yield self._options(WHERE, lang)
                return
            with Horizontal(classes="room-open"):
                yield QrCode(state.address, id="room-qr")
                with Vertical(id="room-facts"):
                    yield Label(t("Open on a phone:", lang))
                    yield Label(state.address, id="room-address")
                    yield Label(t("Code: {code}", lang, code=state.code), id="room-code")
                    yield Label(state.asked or t("Nothing asked yet", lang), id="room-asked")
                    if state.answered:
                        yield Label(state.answered, id="room-answered")
                    yield self._options(OPEN_COMMANDS, lang)

    def _options(self, commands: tuple[tuple[str, str, str], ...], lang: str) -> OptionList:
        return OptionList(
            *(Option(f"{key}  {t(text, lang)}", id=name) for name, key, text in commands),
            id="room-commands",
        )

    def on_mount(self) -> None:
        self.watch_app_language()
        self.query_one(OptionList).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose":  # only the letters of the face shown
            shown = WHERE if self.state is None else OPEN_COMMANDS
            return parameters[0] in {name for name, _, _ in shown}
        return True

    def action_choose(self, name: str) -> None:
        self.dismiss(name)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)
