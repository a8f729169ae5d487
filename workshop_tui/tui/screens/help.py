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

from workshop_tui.core.i18n import MESSAGES, register, t
from workshop_tui.tui.screens.bindings import APP_BINDINGS, LanguageAware, describe, key_label
from workshop_tui.tui.widgets.key_bar import KeyBar

register(
    {
        "help.title": {"en": "Keys", "da": "Taster"},
        "help.intro": {
            "en": "All hours are staff hours per citizen who receives the intervention. Every "
            "entry is saved the moment it is committed: there is nothing to save by hand.",
            "da": "Alle timer er timer pr. person der modtager indsatsen. Hvert tal gemmes, så "
            "snart det er indtastet: der er intet at gemme i hånden.",
        },
        "help.grid": {"en": "Typing estimates", "da": "Indtastning af estimater"},
        "help.estimate": {"en": "Estimate screen", "da": "Estimatskærmen"},
        "help.start": {"en": "Start screen", "da": "Startskærmen"},
        "help.presentation": {"en": "Presentation", "da": "Præsentation"},
        "help.everywhere": {"en": "Everywhere", "da": "Overalt"},
        "help.typing_keys": {"en": "Any character", "da": "Ethvert tegn"},
        "help.typing": {
            "en": "Starts an entry in the cell (no letter runs a command): 0,5 · 30 min · "
            "1t 30m · 1:30 · 1½ · 2-3 (low and high at once)",
            "da": "Begynder et tal i cellen (intet bogstav er en kommando): 0,5 · 30 min · "
            "1t 30m · 1:30 · 1½ · 2-3 (lavt og højt på én gang)",
        },
        "help.palette": {
            "en": "Ctrl+P finds any command by name and shows its key",
            "da": "Ctrl+P finder enhver kommando ved navn og viser dens tast",
        },
        "help.enter": {
            "en": "Save the entry and move on; on a resting cell: change its figure",
            "da": "Gem tallet og gå videre; på en celle i ro: ret dens tal",
        },
        "help.escape": {"en": "Cancel the entry being typed", "da": "Fortryd det tal, der skrives"},
        "help.arrows": {
            "en": "Move (an entry being typed is saved first); ← → move inside an entry",
            "da": "Flyt (et tal under indtastning gemmes først); ← → flytter inde i tallet",
        },
        "help.tab": {"en": "Next / previous cell", "da": "Næste / forrige celle"},
        "help.delete": {"en": "Clear the cell", "da": "Tøm cellen"},
        "help.mouse": {"en": "Mouse", "da": "Mus"},
        "help.mouse_text": {
            "en": "Click a cell to select it, double-click to change it",
            "da": "Klik på en celle for at vælge den, dobbeltklik for at rette",
        },
        "help.marks": {
            "en": "Marks: * time-consuming · + added in the room · ✎ has a note · ! check the "
            "figures (low above high, high over 5× the low, a midpoint over 2× outside the "
            "national range) · ? the empty side of a half-filled cell (not counted as filled) "
            "· × multiplied by staff × share (Ctrl+X shows the effective hours) · n/a not "
            "applicable (Ctrl+R the activity, Ctrl+D one target group) · (partial) a "
            "total with cells missing · Δ moved since the first round (Ctrl+B shows the first) · "
            "••• hidden during a silent round",
            "da": "Mærker: * tidskrævende · + tilføjet i lokalet · ✎ har en note · ! tjek tallene "
            "(lavt over højt, højt over 5× lavt, et midtpunkt over 2× uden for landsreferencen) "
            "· ? den tomme side af en halvt udfyldt celle (tæller ikke som udfyldt) · × ganget "
            "med antal × andel (Ctrl+X viser de effektive timer) · i.r. ikke relevant (Ctrl+R "
            "aktiviteten, Ctrl+D én målgruppe) · (delvis) en total, hvor "
            "celler mangler · Δ flyttet siden første runde (Ctrl+B viser den første) · ••• "
            "skjult under en tavs runde",
        },
        "help.close": {"en": "Close", "da": "Luk"},
        # longer texts than the key bar has room for, by action
        "help.action.undo": {
            "en": "Undo the last change (entries, marks, notes, activities)",
            "da": "Fortryd den seneste ændring (tal, mærker, noter, aktiviteter)",
        },
        "help.action.redo": {"en": "Redo what was undone", "da": "Gentag det fortrudte"},
        "help.action.next_to_check": {
            "en": "Go to the next empty, half-filled or flagged cell",
            "da": "Gå til næste tomme, halvt udfyldte eller markerede celle",
        },
        "help.action.toggle_effective": {
            "en": "Show the figures as typed, or the effective hours (× staff × share)",
            "da": "Vis tallene som indtastet, eller de effektive timer (× antal × andel)",
        },
        "help.action.note": {
            "en": "Note on the activity under the cursor",
            "da": "Note til aktiviteten under markøren",
        },
        "help.action.not_applicable": {
            "en": "Mark the activity not applicable here (left out of the totals), or include it "
            "again",
            "da": "Markér aktiviteten som ikke relevant her (tæller ikke med), eller tag den med "
            "igen",
        },
        "help.action.add_local": {
            "en": "Add an activity of the room's own to this subprocess",
            "da": "Tilføj en af lokalets egne aktiviteter til delprocessen",
        },
        "help.action.presentation": {
            "en": "Presentation view: large totals for the projector",
            "da": "Præsentationsvisning: store totaler til projektoren",
        },
        "help.action.export": {
            "en": "Write CSV and XLSX beside the session file",
            "da": "Skriv CSV og XLSX ved siden af sessionsfilen",
        },
        "help.action.factors": {
            "en": "Staff taking part and share of cases, per target group (they multiply the "
            "hours)",
            "da": "Antal medarbejdere og andel af sagerne pr. målgruppe (de ganger timerne)",
        },
        "help.action.time_consuming": {
            "en": "Mark the activity time-consuming, or unmark it",
            "da": "Markér aktiviteten som tidskrævende, eller fjern mærket",
        },
        "help.action.rename_local": {
            "en": "Rename an activity added in the room",
            "da": "Omdøb en aktivitet tilføjet i lokalet",
        },
        "help.action.remove_local": {
            "en": "Remove an activity added in the room (Ctrl+Z brings it back)",
            "da": "Fjern en aktivitet tilføjet i lokalet (Ctrl+Z henter den tilbage)",
        },
        "help.action.cost_drivers": {
            "en": "Cost drivers of this subprocess: the source's list and the room's notes",
            "da": "Omkostningsdrivere for delprocessen: kildens liste og lokalets noter",
        },
        "help.action.session_notes": {
            "en": "Free notes on the whole workshop",
            "da": "Frie noter om hele workshoppen",
        },
        "help.action.view_commands": {
            "en": "Commands that let participants follow the totals (terminal or browser)",
            "da": "Kommandoer, så deltagerne kan følge totalerne (terminal eller browser)",
        },
        "help.action.fold_totals": {
            "en": "Totals folded to one line below the grid, so the grid shows more activities "
            "(again: in full)",
            "da": "Totalerne foldet til én linje under gitteret, så gitteret viser flere "
            "aktiviteter (igen: vist helt)",
        },
        "help.action.start": {
            "en": "Back to the list of workshops (everything is saved)",
            "da": "Tilbage til listen over workshops (alt er gemt)",
        },
        "help.action.toggle_language": {
            "en": "Switch between Danish and English",
            "da": "Skift mellem dansk og engelsk",
        },
        "help.action.toggle_theme": {
            "en": "Light or dark high-contrast colours (projector)",
            "da": "Lyse eller mørke farver i høj kontrast (projektor)",
        },
        "help.action.save_now": {
            "en": "Save now what a failed save kept (saving is otherwise automatic)",
            "da": "Gem nu det, en fejlet gemning beholdt (ellers gemmes der automatisk)",
        },
        "help.action.quit": {
            "en": "Quit (nothing to save: every entry already is)",
            "da": "Afslut (intet at gemme: hvert tal er allerede gemt)",
        },
    }
)


def _grid_rows(lang: str) -> list[tuple[str, str]]:
    return [
        (t("help.typing_keys", lang), t("help.typing", lang)),
        ("Enter / F2", t("help.enter", lang)),
        ("Esc", t("help.escape", lang)),
        ("↑ ↓ ← →  PgUp PgDn Home End", t("help.arrows", lang)),
        ("Tab / Shift+Tab", t("help.tab", lang)),
        ("Delete", t("help.delete", lang)),
        (t("help.mouse", lang), t("help.mouse_text", lang)),
    ]


def _binding_rows(bindings: list[BindingType], lang: str) -> list[tuple[str, str]]:
    """One row per action, its keys joined: '? / F1  Help'."""
    rows: dict[str, tuple[list[str], str]] = {}
    for binding in bindings:
        if not isinstance(binding, Binding):
            continue  # every binding here is declared as a Binding, with its i18n key
        for key in binding.key.split(","):
            single = Binding(
                key.strip(),
                binding.action,
                binding.description,
                key_display=binding.key_display if "," not in binding.key else None,
            )
            name = binding.action.split("(")[0].removeprefix("app.")
            long = f"help.action.{name}"
            text = t(long, lang) if long in MESSAGES else describe(binding.description, lang)
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
        Binding("escape", "close", "help.close"),
        Binding("question_mark", "close", "help.close", show=False),
        Binding("f1", "close", "help.close", show=False),
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

        self.query_one("#help-title", Static).update(t("help.title", lang))
        self.query_one("#help-intro", Static).update(
            Text.assemble(
                t("help.intro", lang),
                "\n",
                (t("help.marks", lang), "dim"),
                "\n",
                (t("help.palette", lang), "bold"),
                "\n",
            )
        )
        sections = [
            (t("help.grid", lang), _grid_rows(lang)),
            (t("help.estimate", lang), _binding_rows(EstimateScreen.BINDINGS, lang)),
            (t("help.presentation", lang), _binding_rows(PresentationScreen.BINDINGS, lang)),
            (t("help.start", lang), _binding_rows(StartScreen.BINDINGS, lang)),
            (t("help.everywhere", lang), _binding_rows(APP_BINDINGS, lang)),
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
