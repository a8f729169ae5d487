"""The estimate screen's words: the session bar, the status line and undo's descriptions.

Pure functions from the session (through its editor) to text, so that the
screen only decides when to show them.
"""

from __future__ import annotations

from rich.text import Text

from workshop_tui.core.formatting import range_text
from workshop_tui.core.hours import format_hours
from workshop_tui.core.i18n import N_, t
from workshop_tui.core.numbers import format_percent
from workshop_tui.core.plausibility import (
    OUTSIDE_REFERENCE_FACTOR,
    WIDE_RANGE_FACTOR,
    cell_flag,
    is_half_filled,
)
from workshop_tui.core.process.reference import reference_for
from workshop_tui.core.session.editor import SIDE_WORDS, Change, SessionEditor
from workshop_tui.core.text import printable
from workshop_tui.core.totals import ActivityLine, GroupTotals
from workshop_tui.core.workshop.rounds import hidden_subprocesses
from workshop_tui.tui.render import far_from_reference
from workshop_tui.tui.widgets.grid.cells import Cell

WORKSHOP_CHANGES: dict[str, str] = {
    "notes": N_("workshop notes"),
    "agenda": N_("the agenda"),
    "close_round": N_("closing the first round"),
    "silent_round": N_("the silent round"),
    "participants": N_("the participants"),
}
"""What a change to the whole workshop touched, in words, by its kind."""

CHANGE_KINDS: dict[str, str] = {
    "staff": N_("staff"),
    "share": N_("share of cases"),
    "factors": N_("staff and share"),
    "not_applicable": N_("not applicable"),
    "time_consuming": N_("time-consuming mark"),
    "note": N_("note"),
    "add_local": N_("adding"),
    "rename_local": N_("new name"),
    "remove_local": N_("removal"),
    "group_not_applicable": N_("not applicable (one group)"),
    "room_medians": N_("the participants' medians"),
}
"""What a change touched, in words, by its kind."""


def session_bar(
    editor: SessionEditor, done: float, lang: str, demo: bool, save_failed: bool = False
) -> tuple[Text, str]:
    """The top line: what workshop this is (DEMO marked), how far the room has come, and
    whether it is all saved (not while the last save failed; never when read-only)."""
    session, process = editor.session, editor.process
    text = t(
        "{municipality} · {process} · {date}",
        lang,
        process=process.name.in_lang(lang),
        municipality=printable(session.municipality),  # a file's text, never codes
        date=session.workshop_date.isoformat(),
    )
    if demo:
        demo_word = t("DEMO, fictitious figures", lang)
        text = f"[{demo_word}] {text}"
    bar = Text(text, no_wrap=True, overflow="ellipsis")
    if demo:
        bar.stylize("reverse bold", 0, len(t("DEMO, fictitious figures", lang)) + 2)
    state = N_("{done} filled · all saved")
    if save_failed:
        state = N_("{done} filled · NOT SAVED")
    elif editor.read_only:
        state = N_("{done} filled · read-only")
    return bar, t(state, lang, done=format_percent(done, lang))


def version_warning(editor: SessionEditor, lang: str) -> str:
    """The session was recorded with another version of the process than the catalogue's."""
    return t(
        "This session was recorded with version {saved} of the process; "
        "the catalogue now has {current}.",
        lang,
        saved=editor.session.process_version,
        current=editor.process.version,
    )


def typing_hint(editor: SessionEditor, cell: Cell, lang: str) -> Text:
    """The status line while a figure is typed: where it goes, and how to write it."""
    group = editor.process.group(cell.group_id).name.in_lang(lang)
    side = t(SIDE_WORDS[cell.side], lang).lower()
    return Text(
        t(
            "Typing {group}, {side}: Enter saves and moves on, Esc cancels "
            "(e.g. 0,5 · 30 min · 1t 30m · 2-3 for low and high)",
            lang,
            group=group,
            side=side,
        )
    )


def cell_description(
    editor: SessionEditor,
    line: ActivityLine,
    cell: Cell,
    lang: str,
    totals: GroupTotals | None = None,
) -> Text:
    """The status line on a resting cell: the activity, its marks, factors, flags and note."""
    group_name = editor.process.group(cell.group_id).name.in_lang(lang)
    entry = editor.session.entry(line.id)
    estimate = entry.estimates.get(cell.group_id)
    text = Text(printable(line.label(lang)), style="bold")
    marks = [t("time-consuming", lang)] if line.time_consuming else []
    marks += [t("added in the room", lang)] if line.local else []
    if marks:
        text.append(f" ({', '.join(marks)})")
    if entry.not_applicable:
        text.append(
            " · "
            + t("Not applicable here: left out of the totals (Ctrl+R to include it again)", lang),
            style="italic",
        )
    elif estimate is not None and estimate.not_applicable:
        na = t(
            "Not applicable for {group}: left out of its totals (Ctrl+D to include it)",
            lang,
            group=group_name,
        )
        text.append(" · " + na, style="italic")
    if estimate is not None and estimate.low_above_high:
        text.append(
            " · "
            + t("Low is above high for {group}: check the two figures", lang, group=group_name),
            style="bold",
        )
    if cell_flag(estimate) == "wide_range":
        factor = format_hours(WIDE_RANGE_FACTOR, lang)
        text.append(
            " · "
            + t(
                "High is over {factor}× the low: check the two figures",
                lang,
                group=group_name,
                factor=factor,
            ),
            style="bold",
        )
    if is_half_filled(estimate) and estimate is not None:
        side = t(N_("Low") if estimate.low is not None else N_("High"), lang).lower()
        text.append(
            " · "
            + t(
                "Only the {side} is typed for {group}: not counted as filled "
                "(type the other, or e.g. 2-2 for one figure)",
                lang,
                side=side,
                group=group_name,
            )
        )
    if estimate is not None and (estimate.staff != 1 or estimate.share != 1):
        staff_share = t(
            "{group}: {staff} staff, {share} of cases",
            lang,
            group=group_name,
            staff=format_hours(estimate.staff, lang),
            share=format_percent(estimate.share, lang),
        )
        text.append(" · " + staff_share)
    # a silent round's sums would anchor the room as much as the figures it hides
    if totals is not None and not hidden_subprocesses(editor.process, editor.session):
        text.append_text(_far_from_reference(editor, totals, line.subprocess, group_name, lang))
    if entry.note:
        text.append(" · ✎ " + printable(entry.note), style="italic")
    return text


def _far_from_reference(
    editor: SessionEditor, totals: GroupTotals, number: int, group_name: str, lang: str
) -> Text:
    """Why the cursor's subprocess total is flagged, if it is (see core/plausibility)."""
    sub = totals.subprocess(number)
    ref = reference_for(editor.process, totals.group_id, number)
    if (
        not (sub.filled + sub.half_filled)
        or ref is None
        or not far_from_reference(sub.span, ref, sub.partial)
    ):
        return Text("")
    sentence = t(
        "Subprocess {number}: midpoint {mid} is over {factor}× outside the national {ref}",
        lang,
        number=number,
        group=group_name,
        mid=format_hours(sub.span.mid, lang, 1, False),
        factor=format_hours(OUTSIDE_REFERENCE_FACTOR, lang),
        ref=range_text(ref.low, ref.high, lang),
    )
    return Text(" · " + sentence, style="bold")


def change_text(editor: SessionEditor, change: Change, lang: str) -> str:
    """What an undone or redone change was, for the status line."""
    if change.kind == "cost_driver_note":
        return t("cost-driver notes for subprocess {number}", lang, number=change.subprocess)
    if change.kind in WORKSHOP_CHANGES:
        return t(WORKSHOP_CHANGES[change.kind], lang)  # the whole workshop's, no activity named
    name = ""
    if change.activity_id:
        line = next((line for line in editor.lines() if line.id == change.activity_id), None)
        local = next(
            (a.name for a in editor.session.local_activities if a.id == change.activity_id),
            change.activity_id,
        )
        name = printable(line.label(lang) if line else local)
    if change.kind == "hours" and change.group_id:
        return t(
            "{side} for '{name}', {group}",
            lang,
            side=t(SIDE_WORDS[change.side or "low"], lang),
            name=name,
            group=editor.process.group(change.group_id).name.in_lang(lang),
        )
    return t("{what} for '{name}'", lang, what=t(CHANGE_KINDS[change.kind], lang), name=name)


# The agenda and the rounds: their keys, help and messages.


# Not applicable for one target group (Ctrl+D); the activity-wide switch (Ctrl+R) wins.
