"""Presentation's activity view: the activity under the grid's cursor, large.

Its name in bold, and each target group's low–high in figures as tall as the screen
allows (5 rows at 120x40, Textual's 3-row digits at 80x24, one bold line where even
those do not fit), with a line of words under each: half-filled, not applicable,
flagged, or multiplied by staff and share. The figures are the ones the room typed;
where staff × share is not 1 the hours counted in the totals are said in words.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.renderables.digits import Digits

from workshop_tui.core.formatting import range_text
from workshop_tui.core.hours import format_hours
from workshop_tui.core.i18n import t
from workshop_tui.core.numbers import format_percent
from workshop_tui.core.plausibility import WIDE_RANGE_FACTOR, cell_flag
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.session.editor import SIDE_WORDS
from workshop_tui.core.session.entries import Estimate
from workshop_tui.core.session.model import Session
from workshop_tui.core.text import printable
from workshop_tui.core.totals import ActivityTotal, GroupTotals
from workshop_tui.tui.render import MISSING_MARK, OUTSIDE_STYLE
from workshop_tui.tui.widgets.big_figure import ROWS as BIG_ROWS
from workshop_tui.tui.widgets.big_figure import big_figure, big_width
from workshop_tui.tui.wrap import wrap_words

DIGITS_ROWS = 3  # Textual's Digits


def figure_text(estimate: Estimate | None, lang: str) -> str:
    """The typed low-high ('0,9-1,75'), MISSING_MARK for a side not given; '' when empty."""
    if estimate is None or (estimate.low is None and estimate.high is None):
        return ""
    low, high = (
        MISSING_MARK if value is None else format_hours(value, lang)
        for value in (estimate.low, estimate.high)
    )
    return f"{low}-{high}"


def remarks(estimate: Estimate | None, activity: ActivityTotal | None, lang: str) -> list[str]:
    """What the room should know about one group's cell, in words."""
    if activity is not None and not activity.applicable:
        return [t("not applicable", lang)]
    if estimate is None or (estimate.low is None and estimate.high is None):
        return [t("not estimated yet", lang)]
    said = []
    if activity is not None and activity.missing_side:
        side = t(SIDE_WORDS[activity.missing_side], lang).lower()
        said.append(t("half-filled: the {side} is missing", lang, side=side))
    flag = cell_flag(estimate)
    if flag == "low_above_high":
        said.append(t("! low is above high", lang))
    elif flag == "wide_range":
        factor = format_hours(WIDE_RANGE_FACTOR, lang)
        said.append(t("! high is over {factor}× the low", lang, factor=factor))
    if activity is not None and activity.factor != 1 and activity.span is not None:
        said.append(
            t(
                "× {staff} staff × {share} of cases = {hours} counted",
                lang,
                staff=format_hours(estimate.staff, lang),
                share=format_percent(estimate.share, lang),
                hours=range_text(activity.span.low, activity.span.high, lang),
            )
        )
    return said


def figure_rows(height: int, groups: int) -> tuple[int, bool]:
    """The tallest figures for which every group fits in `height` lines (1: plain text),
    and whether a blank line still fits between the groups."""
    for rows, blank in ((BIG_ROWS, True), (DIGITS_ROWS, True), (DIGITS_ROWS, False)):
        # per group: its name, the figure, a line of words, and the blank line
        if groups * (rows + 2 + blank) - blank <= height:
            return rows, blank
    return 1, False


def _figure(text: str, rows: int, width: int, style: str) -> RenderableType:
    if rows == BIG_ROWS and big_width(text) <= width:
        return big_figure(text, style)
    if rows >= DIGITS_ROWS:
        return Digits(text.replace(MISSING_MARK, " "), style)
    return Text(text, style=style)


def activity_view(
    process: ProcessDefinition,
    session: Session,
    totals: dict[str, GroupTotals],
    activity_id: str,
    lang: str,
    size: tuple[int, int],
) -> RenderableType:
    """The activity `activity_id` large, for a stage of `size` (width, height) cells."""
    width, height = size
    first = next(iter(totals.values()), None)
    line = next((x for x in first.lines if x.id == activity_id), None) if first else None
    if line is None:
        return Text(t("The activity is no longer in the workshop", lang), style="bold")
    subprocess = process.subprocesses[line.subprocess - 1].name.in_lang(lang)
    head = Text(t("Subprocess {subprocess}", lang, subprocess=line.subprocess) + f" · {subprocess}")
    if line.time_consuming:
        head.append(" · " + t("time-consuming activity", lang))
    head.stylize("dim")
    name_lines = wrap_words(printable(line.label(lang)), width)
    parts: list[RenderableType] = [head, Text("\n".join(name_lines), style="bold"), Text("")]
    rows, blank = figure_rows(height - 2 - len(name_lines), len(session.groups))
    for index, group in enumerate(session.groups):
        activity = next((a for a in totals[group].activities if a.line.id == activity_id), None)
        estimate = session.estimate(activity_id, group)
        group_name = process.group(group).name.in_lang(lang)
        parts.append(Text(group_name, style="bold underline", no_wrap=True, overflow="fold"))
        shown = figure_text(estimate, lang)
        if shown and (activity is None or activity.applicable):
            # a figure worth a second look in the totals' orange, as in the grid
            style = OUTSIDE_STYLE if cell_flag(estimate) else "bold"
            parts.append(_figure(shown, rows, width, style))
        else:
            parts.append(Text("–", style="dim"))
        parts.append(Text(" · ".join(remarks(estimate, activity, lang)), style="italic"))
        if index < len(session.groups) - 1 and blank:
            parts.append(Text(""))
    return Group(*parts)
