"""The help screen: every key of every screen, in the current language.

Built from the screens' own BINDINGS, so it cannot fall behind them; the grid's
typing keys, which are not bindings, are listed beside them.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from workshop_tui.core.i18n import N_, t
from workshop_tui.tui.screens.bindings import (
    ACTION_HELP,
    APP_BINDINGS,
    LanguageAware,
    describe,
    key_label,
)
from workshop_tui.tui.widgets.key_bar import KeyBar


def _grid_rows(lang: str) -> list[tuple[str, str]]:
    return [
        (
            t("Any character", lang),
            t(
                "Starts an entry in the cell (no letter runs a command): 0,5 · "
                "30 min · 1t 30m · 1:30 · 1½ · 2-3 (low and high at once)",
                lang,
            ),
        ),
        ("Enter / F2", t("Save the entry and move on; on a resting cell: change its figure", lang)),
        ("Esc", t("Cancel the entry being typed", lang)),
        (
            "↑ ↓ ← →  PgUp PgDn Home End",
            t("Move (an entry being typed is saved first); ← → move inside an entry", lang),
        ),
        ("Tab / Shift+Tab", t("Next / previous cell", lang)),
        ("Delete", t("Clear the cell", lang)),
        (t("Mouse", lang), t("Click a cell to select it, double-click to change it", lang)),
    ]


def _binding_rows(bindings: list[BindingType], lang: str) -> list[tuple[str, str]]:
    """One row per action, its keys joined: '? / F1  Help'."""
    rows: dict[str, tuple[list[str], str]] = {}
    for binding in bindings:
        if not isinstance(binding, Binding):
            continue  # every binding here is a Binding, its description a catalogue text
        for key in binding.key.split(","):
            single = Binding(
                key.strip(),
                binding.action,
                binding.description,
                key_display=binding.key_display if "," not in binding.key else None,
            )
            name = binding.action.split("(")[0].removeprefix("app.")
            long = ACTION_HELP.get(name)
            text = t(long, lang) if long else describe(binding.description, lang)
            keys, _ = rows.setdefault(binding.action, ([], text))
            label = key_label(single)
            if label not in keys:
                keys.append(label)
    return [(" / ".join(keys), text) for keys, text in rows.values()]


def _section(title: str, rows: list[tuple[str, str]]) -> Table:
    table = Table(
        title=Text(title, style="bold"),
        title_justify="left",
        show_header=False,
        expand=True,
        box=None,
        padding=(0, 1),
    )
    table.add_column(no_wrap=True, style="bold", min_width=12)
    table.add_column(ratio=1)
    for keys, text in rows:
        table.add_row(keys, text)
    return table


class HelpScreen(LanguageAware, ModalScreen[None]):
    """Every key, grouped by where it works."""

    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape", "close", N_("Close")),
        Binding("question_mark", "close", N_("Close"), show=False),
        Binding("f1", "close", N_("Close"), show=False),
    ]

    def __init__(self, opened_from: Screen[object] | None = None) -> None:
        super().__init__()
        self.opened_from = opened_from

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body", classes="dialog"):
            yield Static(id="help-title", classes="dialog-title")
            yield Static(id="help-intro")
            yield Static(id="help-sections")
        yield KeyBar()

    def on_mount(self) -> None:
        self.watch_app_language()
        self.query_one("#help-body").focus()

    def apply_language(self, lang: str) -> None:
        from workshop_tui.tui.screens.estimate.screen import EstimateScreen
        from workshop_tui.tui.screens.presentation import PresentationScreen
        from workshop_tui.tui.screens.start import StartScreen

        self.query_one("#help-title", Static).update(t("Keys", lang))
        self.query_one("#help-intro", Static).update(
            Text.assemble(
                t(
                    "All hours are staff hours per citizen who receives the "
                    "intervention. Every entry is saved the moment it is committed: "
                    "there is nothing to save by hand.",
                    lang,
                ),
                "\n",
                (
                    t(
                        "Marks: * time-consuming · + added in the room · ✎ has a note · "
                        "! check the figures (low above high, high over 5× the low, a "
                        "midpoint over 2× outside the national range) · ? the empty side "
                        "of a half-filled cell (not counted as filled) · × multiplied by "
                        "staff × share (Ctrl+X shows the effective hours) · n/a not "
                        "applicable (Ctrl+R the activity, Ctrl+D one target group) · "
                        "(partial) a total with cells missing · Δ moved since the first "
                        "round (Ctrl+B shows the first) · ••• hidden during a silent "
                        "round",
                        lang,
                    ),
                    "dim",
                ),
                "\n",
                (t("Ctrl+P finds any command by name and shows its key", lang), "bold"),
                "\n",
            )
        )
        sections = [
            (t("Typing estimates", lang), _grid_rows(lang)),
            (t("Estimate screen", lang), _binding_rows(EstimateScreen.BINDINGS, lang)),
            (t("Presentation", lang), _binding_rows(PresentationScreen.BINDINGS, lang)),
            (t("Start screen", lang), _binding_rows(StartScreen.BINDINGS, lang)),
            (t("Everywhere", lang), _binding_rows(APP_BINDINGS, lang)),
        ]
        # the section for the screen the user came from goes first
        section_of: dict[type, int] = {EstimateScreen: 0, PresentationScreen: 2, StartScreen: 3}
        first = section_of.get(type(self.opened_from), 0)
        if first:
            sections.insert(0, sections.pop(first))
        from rich.console import Group

        self.query_one("#help-sections", Static).update(
            Group(*(part for title, rows in sections for part in (_section(title, rows), "")))
        )

    def action_close(self) -> None:
        self.dismiss(None)
