"""The presentation view: one group's totals, large, for the projector.

The process total in big digits, where it sits against the national range,
and each subprocess with a wide range bar. Left/right switch the target group.
`a` switches to the activity view (the grid's current activity large, every
group's low–high: widgets/activity_large) and back; there up/down step through
the activities.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.renderables.digits import Digits
from textual.screen import Screen
from textual.widgets import Static

from workshop_tui.core.formatting import range_text
from workshop_tui.core.hours import format_hours
from workshop_tui.core.i18n import N_, nt, t
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.process.reference import TOTAL, reference_for
from workshop_tui.core.session.model import Session
from workshop_tui.core.text import printable
from workshop_tui.core.totals import GroupTotals, session_totals
from workshop_tui.tui.render import (
    FAR_FROM_REFERENCE_MARK,
    far_from_reference,
    position_text,
    range_bar,
)
from workshop_tui.tui.screens.bindings import LanguageAware
from workshop_tui.tui.widgets.agenda_line import AgendaLine
from workshop_tui.tui.widgets.big_figure import big_figure
from workshop_tui.tui.widgets.first_agreed import FIRST_AGREED_VIEW, FirstAgreed
from workshop_tui.tui.widgets.key_bar import KeyBar
from workshop_tui.tui.widgets.silent_round import SilentRound

BIG_FROM_ROWS = 30  # from this height the total is drawn 5 rows tall (120x40: yes)
WRAP_NAMES_FROM_WIDTH = 100  # from this width long subprocess names wrap rather than cut


SHOWS_FIGURES = {"toggle_activity", "activity", "first_agreed", "group"}


class PresentationScreen(LanguageAware, Screen[None]):
    """Large totals per group against the national reference."""

    CSS_PATH = "presentation.tcss"
    BINDINGS = [
        Binding("escape", "back", N_("Back")),
        Binding("pagedown,space", "scroll_stage(1)", N_("More"), key_display="PgDn"),
        Binding("p", "back", N_("Back"), show=False),
        Binding("right,tab", "group(1)", N_("Next group"), key_display="→"),
        Binding("left,shift+tab", "group(-1)", N_("Previous group"), key_display="←"),
        Binding("a", "toggle_activity", N_("Activity/totals")),
        Binding("down", "activity(1)", N_("Next activity"), key_display="↓"),
        Binding("up", "activity(-1)", N_("Previous activity"), key_display="↑"),
        Binding("ctrl+b", "first_agreed", N_("First/agreed")),
        Binding("pageup", "scroll_stage(-1)", N_("Back up"), key_display="PgUp", show=False),
    ]

    def __init__(
        self,
        process: ProcessDefinition,
        session: Session,
        group: str | None,
        activity: str | None = None,
    ) -> None:
        super().__init__()
        self.process = process
        self.session = session
        self.totals = session_totals(process, session)
        self.group = group if group in self.totals else session.groups[0]
        lines = self.totals[self.group].lines
        self.activity = activity if any(x.id == activity for x in lines) else None
        self.activity = self.activity or (lines[0].id if lines else None)
        self.showing_activity = False  # the totals; True: the activity view

    def compose(self) -> ComposeResult:
        yield AgendaLine(announce=False, id="pres-agenda")  # the workshop's time, for the room
        # scrolls where the screen is too short for every subprocess (80x24)
        with VerticalScroll(id="stage", can_focus=False):
            yield Static(id="pres-title")
            yield SilentRound(id="pres-silent", classes="-none")
            yield Static(id="pres-groups", classes="pres-figures")
            yield Static(id="pres-total-label", classes="pres-figures")
            yield Static(id="pres-total", classes="pres-figures")
            yield Static(id="pres-total-text", classes="pres-figures")
            yield Static(id="pres-total-bar", classes="pres-figures")
            yield Static(id="pres-subprocesses", classes="pres-figures")
            yield FirstAgreed(id="pres-rounds")
            yield Static(id="pres-others", classes="pres-figures")
            yield Static(id="pres-activity", classes="pres-figures")
        yield KeyBar()

    def on_mount(self) -> None:
        self.watch_app_language()

    def on_resize(self) -> None:
        self._draw()
        self.call_after_refresh(self.refresh_bindings)  # "More" only where there is more

    def apply_language(self, lang: str) -> None:
        self._draw()

    def action_back(self) -> None:
        self.dismiss()

    def action_first_agreed(self) -> None:
        """First round against agreed, or the totals (the activity view closes)."""
        if self.showing_activity:
            self.action_toggle_activity()
        self.toggle_class(FIRST_AGREED_VIEW)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Up/down only step through activities where one is shown; left/right only groups;
        in a silent round nothing that would show a figure."""
        if self.has_class("-silent") and action in SHOWS_FIGURES:
            return False
        if action == "activity":
            return self.showing_activity
        if action == "scroll_stage":  # only where there is more to see
            return not self.showing_activity and self._stage.max_scroll_y > 0
        if action == "group":
            return not self.showing_activity
        return True

    @property
    def _stage(self) -> VerticalScroll:
        return self.query_one("#stage", VerticalScroll)

    def action_scroll_stage(self, pages: int) -> None:
        stage = self._stage
        stage.scroll_to(y=stage.scroll_y + pages * max(1, stage.size.height - 2), animate=False)

    def action_toggle_activity(self) -> None:
        self.showing_activity = not self.showing_activity and self.activity is not None
        self.set_class(self.showing_activity, "-activity")
        self.refresh_bindings()
        self._draw()

    def action_activity(self, step: int) -> None:
        ids = [line.id for line in self.totals[self.group].lines]
        if self.activity in ids:
            self.activity = ids[(ids.index(self.activity) + step) % len(ids)]
            self._draw()

    def action_group(self, step: int) -> None:
        groups = self.session.groups
        self.group = groups[(groups.index(self.group) + step) % len(groups)]
        self._draw()

    # ------------------------------------------------------------ drawing

    def _show_figure(self, text: str) -> None:
        """The total in 5-row figures where the screen is tall enough, else Textual's 3-row."""
        figure = self.query_one("#pres-total", Static)
        if self.size.height >= BIG_FROM_ROWS:
            figure.update(big_figure(text))
        else:
            figure.update(Digits(text))

    def _draw(self) -> None:
        if not self.is_mounted:
            return
        lang = self.app.lang
        process, session, totals = self.process, self.session, self.totals[self.group]
        width = max(40, self.size.width - 4)
        self.query_one("#pres-title", Static).update(
            Text(
                f"{process.name.in_lang(lang)} · {printable(session.municipality)} · "
                f"{session.workshop_date.isoformat()}",
                style="bold",
            )
        )
        # a silent round open: the room sees how many cells are filled, never a figure
        silent = self.query_one(SilentRound).show(process, session, lang)
        self.set_class(silent, "-silent")
        if silent:
            return
        if self.showing_activity and self.activity is not None:
            from workshop_tui.tui.widgets.activity_large import activity_view

            # the stage less its padding, the title and the key bar
            stage = (width, self.size.height - 5)
            self.query_one("#pres-activity", Static).update(
                activity_view(process, session, self.totals, self.activity, lang, stage)
            )
            return
        self.query_one("#pres-groups", Static).update(self._group_tabs(lang))
        self.query_one("#pres-total-label", Static).update(
            t(
                "Whole process, {unit}",
                lang,
                unit=t("staff hours per citizen who receives the intervention", lang),
            )
        )
        ref = reference_for(process, self.group, TOTAL)
        if totals.filled + totals.half_filled:
            span = totals.total
            self._show_figure(
                f"{format_hours(span.low, lang, 1, False)}-"
                f"{format_hours(span.high, lang, 1, False)}"
            )
            avg = (
                t(" (average {avg})", lang, avg=format_hours(ref.avg, lang, 1, False))
                if ref and ref.avg is not None
                else ""
            )
            summary = t(
                "Midpoint {mid} · national range {ref}{avg} · {position}",
                lang,
                mid=format_hours(span.mid, lang, 1, False),
                ref=range_text(ref.low, ref.high, lang) if ref else t("not published", lang),
                avg=avg,
                position=position_text(span, ref, lang),
            )
            if far_from_reference(span, ref, totals.partial):
                summary += " · " + t(
                    "! over 2× outside the national range: worth a second look", lang
                )
            filled = nt(
                "{filled} of {expected} activity estimated",
                "{filled} of {expected} activities estimated",
                totals.expected,
                lang,
                filled=totals.filled,
                expected=totals.expected,
            )
            if totals.partial:
                partial = t("PARTIAL: not every activity has a low and a high", lang)
                filled = f"{partial} · {filled}"
            self.query_one("#pres-total-text", Static).update(
                Text.assemble((summary, "bold"), "\n", (filled, "dim"), self._spread(totals, lang))
            )
            self.query_one("#pres-total-bar", Static).update(range_bar(span, ref, width))
        else:
            self._show_figure("-")
            self.query_one("#pres-total-text", Static).update(
                t("No estimates yet for this group", lang)
            )
            self.query_one("#pres-total-bar", Static).update(range_bar(None, ref, width))
        self.query_one("#pres-subprocesses", Static).update(
            self._subprocess_table(totals, lang, width)
        )
        self.query_one("#pres-others", Static).update(self._others(lang))
        self.query_one(FirstAgreed).show(process, session, self.group, lang)

    def _spread(self, totals: GroupTotals, lang: str) -> str:
        """P10/P50/P90 of the total from sampling each activity within its range."""
        # numpy is loaded here, when the room asks for the presentation, never at start
        from workshop_tui.core.uncertainty import total_spread

        spread = total_spread(totals)
        if spread is None:
            return ""
        p10, p50, p90 = (format_hours(value, lang, 1, False) for value in spread)
        partial = t(" (of the activities estimated so far)", lang) if totals.partial else ""
        return "\n" + t(
            "If each activity lies anywhere in its range: P10 {p10} · P50 "
            "{p50} · P90 {p90}{partial}",
            lang,
            p10=p10,
            p50=p50,
            p90=p90,
            partial=partial,
        )

    def _group_tabs(self, lang: str) -> Text:
        text = Text()
        for group in self.session.groups:
            name = self.process.group(group).name.in_lang(lang)
            style = "reverse bold" if group == self.group else "dim"
            text.append(f" {name} ", style)
            text.append("  ")
        return text

    def _subprocess_table(self, totals: GroupTotals, lang: str, width: int) -> Table:
        table = Table(expand=True, box=None, padding=(0, 1), show_edge=False)
        wide = width >= WRAP_NAMES_FROM_WIDTH  # room to wrap a name whole (120x40), else cut
        table.add_column(
            t("Subprocess", lang),
            ratio=3,
            no_wrap=not wide,
            overflow="fold" if wide else "ellipsis",
            style="bold",
        )
        table.add_column(t("Workshop", lang), justify="right", no_wrap=True, style="bold")
        table.add_column(t("Mid", lang), justify="right", no_wrap=True)
        table.add_column(t("National reference", lang), justify="right", no_wrap=True)
        bar_width = max(10, min(40, width // 3))
        table.add_column("", width=bar_width, no_wrap=True)
        for sub in totals.subprocesses:
            name = self.process.subprocesses[sub.number - 1].name.in_lang(lang)
            ref = reference_for(self.process, totals.group_id, sub.number)
            counted = sub.filled + sub.half_filled
            room = range_text(sub.span.low, sub.span.high, lang) if counted else "–"
            mid = format_hours(sub.span.mid, lang, 1, False) if counted else "–"
            if counted and far_from_reference(sub.span, ref, sub.partial):
                mid += FAR_FROM_REFERENCE_MARK  # as in the totals panel
            if counted and sub.partial:
                room = "(" + t("partial", lang) + f") {room}"
            ref_text = range_text(ref.low, ref.high, lang) if ref else "–"
            table.add_row(
                Text(f"{sub.number} {name}"),
                room,
                mid,
                ref_text,
                range_bar(sub.span if counted else None, ref, bar_width),
            )
        return table

    def _others(self, lang: str) -> Text:
        from workshop_tui.tui.render import group_summary

        text = Text()
        width = max(40, self.size.width - 4)
        for group, totals in self.totals.items():
            if group != self.group:
                text.append_text(group_summary(self.process, totals, lang, width))
                text.append("\n")
        text.rstrip()
        return text
