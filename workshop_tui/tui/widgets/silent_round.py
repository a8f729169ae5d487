"""A silent round's totals: how many cells are filled, never their figures.

While a silent first round is open, the facilitator's totals panel and the
read-only live view (watch, and serve, which runs it) show these instead of the
totals: a room that saw a running total would anchor on it just the same.
Blocks have as many lines as the totals' blocks, so switching costs no layout.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from workshop_tui.core.formatting import range_text
from workshop_tui.core.i18n import N_, nt, t
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.session.model import Session
from workshop_tui.core.totals import GroupTotals
from workshop_tui.core.workshop.agenda import cell_counts, filled_cells
from workshop_tui.core.workshop.rounds import hidden_subprocesses
from workshop_tui.tui.render import filled_text
from workshop_tui.tui.wrap import cut


def silent_block(
    process: ProcessDefinition,
    totals: GroupTotals,
    lang: str,
    width: int,
    hidden: frozenset[int] = frozenset(),
) -> Text:
    """One group in a silent round: cells filled per subprocess whose round is open (all
    where `hidden` is empty), the figures of those closed already, and cells filled in all."""
    text = Text(no_wrap=True, overflow="ellipsis")
    name = process.group(totals.group_id).name.in_lang(lang)
    done = filled_text(totals, lang)
    title = cut(name, max(1, width - len(done) - 1))
    text.append(title, "bold")
    text.append(" " * max(1, width - len(title) - len(done)) + done + "\n", "dim")
    text.append(
        cut(t("Silent round: figures are shown when the round closes", lang), width) + "\n",
        "italic",
    )
    rows = [
        (f"{sub.number} {process.subprocesses[sub.number - 1].name.in_lang(lang)}", sub)
        for sub in totals.subprocesses
    ]
    for label, sub in rows:
        count = t("{filled}/{expected} filled", lang, filled=sub.filled, expected=sub.expected)
        if hidden and sub.number not in hidden and (sub.filled or sub.half_filled):
            count = range_text(sub.span.low, sub.span.high, lang)  # closed: the room saw it
        text.append(cut(label, max(1, width - len(count) - 1)).ljust(width - len(count)))
        text.append(count + "\n")
    count = t("{filled}/{expected} filled", lang, filled=totals.filled, expected=totals.expected)
    text.append(t("Total", lang).ljust(max(1, width - len(count))) + count, "bold")
    return text


def silent_summary(process: ProcessDefinition, totals: GroupTotals, lang: str, width: int) -> Text:
    """One line for a group in a silent round."""
    name = process.group(totals.group_id).name.in_lang(lang)
    count = t("{filled}/{expected} filled", lang, filled=totals.filled, expected=totals.expected)
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(cut(name, max(8, width - len(count) - 3)), "bold")
    text.append(f": {count}")
    return text


def silent_lines(process: ProcessDefinition, session: Session, lang: str) -> Text | None:
    """The live view's text while a silent round is open anywhere; None when none is."""
    hidden = hidden_subprocesses(process, session)
    if not hidden:
        return None
    cells, done = cell_counts(process, session), filled_cells(process, session)
    text = Text()
    expected = sum(cells.values())
    text.append(
        nt(
            "Silent round · {filled} of {expected} cell filled",
            "Silent round · {filled} of {expected} cells filled",
            expected,
            lang,
            filled=sum(done.values()),
            expected=expected,
        )
        + "\n",
        "bold",
    )
    text.append(t("Silent round: figures are shown when the round closes", lang) + "\n", "italic")
    for subprocess in process.subprocesses:
        number = subprocess.number
        state = t(N_("round open") if number in hidden else N_("round closed"), lang)
        count = t(
            "{filled}/{expected} filled",
            lang,
            filled=done.get(number, 0),
            expected=cells.get(number, 0),
        )
        text.append(f"\n{number} {subprocess.name.in_lang(lang)}: {count} ({state})")
    return text


class SilentRound(Static):
    """The live view's stand-in for the totals and estimates while a silent round is open."""

    DEFAULT_CSS = """
    SilentRound { padding: 1 2; height: auto; }
    SilentRound.-none { display: none; }
    """

    def show(self, process: ProcessDefinition, session: Session, lang: str) -> bool:
        """Draw the counts; True while a silent round hides figures."""
        text = silent_lines(process, session, lang)
        self.set_class(text is None, "-none")
        if text is not None:
            self.update(text)
        return text is not None
