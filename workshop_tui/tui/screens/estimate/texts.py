"""The estimate screen's words: the session bar, the status line and undo's descriptions.

Pure functions from the session (through its editor) to text, so that the
screen only decides when to show them.
"""

from __future__ import annotations

from rich.text import Text

from workshop_tui.core.hours import format_hours, format_range
from workshop_tui.core.i18n import register, t
from workshop_tui.core.numbers import format_percent
from workshop_tui.core.plausibility import (
    OUTSIDE_REFERENCE_FACTOR,
    WIDE_RANGE_FACTOR,
    cell_flag,
    is_half_filled,
)
from workshop_tui.core.process.reference import reference_for
from workshop_tui.core.session.editor import Change, SessionEditor
from workshop_tui.core.text import printable
from workshop_tui.core.totals import ActivityLine, GroupTotals
from workshop_tui.core.workshop.rounds import hidden_subprocesses
from workshop_tui.tui.render import far_from_reference
from workshop_tui.tui.widgets.grid.cells import Cell

register(
    {
        "dialog.note_title": {"en": "Note on '{name}'", "da": "Note til '{name}'"},
        "dialog.add_title": {
            "en": "New activity in subprocess {number} {name}",
            "da": "Ny aktivitet i delproces {number} {name}",
        },
        "dialog.rename_title": {"en": "New name for '{name}'", "da": "Nyt navn til '{name}'"},
        "dialog.notes_title": {"en": "Notes on the workshop", "da": "Noter om workshoppen"},
        "estimate.bar": {
            "en": "{municipality} · {process} · {date}",
            "da": "{municipality} · {process} · {date}",
        },
        "estimate.state": {"en": "{done} filled · all saved", "da": "{done} udfyldt · alt gemt"},
        "estimate.state_not_saved": {
            "en": "{done} filled · NOT SAVED",
            "da": "{done} udfyldt · IKKE GEMT",
        },
        "estimate.state_read_only": {
            "en": "{done} filled · read-only",
            "da": "{done} udfyldt · skrivebeskyttet",
        },
        "estimate.demo": {"en": "DEMO, fictitious figures", "da": "DEMO, fiktive tal"},
        "estimate.version_differs": {
            "en": "This session was recorded with version {saved} of the process; the catalogue "
            "now has {current}.",
            "da": "Sessionen er optaget med version {saved} af processen; kataloget har nu "
            "{current}.",
        },
        "estimate.typing": {
            "en": "Typing {group}, {side}: Enter saves and moves on, Esc cancels "
            "(e.g. 0,5 · 30 min · 1t 30m · 2-3 for low and high)",
            "da": "Indtaster {group}, {side}: Enter gemmer og går videre, Esc fortryder "
            "(fx 0,5 · 30 min · 1t 30m · 2-3 for lavt og højt)",
        },
        "estimate.rejected": {"en": "Not saved: {reason}", "da": "Ikke gemt: {reason}"},
        "estimate.low_above_high": {
            "en": "Low is above high for {group}: check the two figures",
            "da": "Lavt er over højt for {group}: tjek de to tal",
        },
        "estimate.staff_share": {
            "en": "{group}: {staff} staff, {share} of cases",
            "da": "{group}: {staff} medarbejdere, {share} af sagerne",
        },
        "estimate.not_applicable": {
            "en": "Not applicable here: left out of the totals (Ctrl+R to include it again)",
            "da": "Ikke relevant her: tæller ikke med i totalerne "
            "(Ctrl+R for at tage den med igen)",
        },
        "estimate.group_not_applicable": {
            "en": "Not applicable for {group}: left out of its totals (Ctrl+D to include it)",
            "da": "Ikke relevant for {group}: tæller ikke med (Ctrl+D for at tage den med)",
        },
        "estimate.time_consuming": {"en": "time-consuming", "da": "tidskrævende"},
        "estimate.showing_effective": {
            "en": "The grid shows EFFECTIVE hours: typed × staff × share (Ctrl+X: as typed)",
            "da": "Gitteret viser EFFEKTIVE timer: indtastet × antal × andel (Ctrl+X: indtastet)",
        },
        "estimate.showing_typed": {
            "en": "The grid shows the hours as typed (Ctrl+X: effective hours)",
            "da": "Gitteret viser timerne som indtastet (Ctrl+X: effektive timer)",
        },
        "estimate.nothing_to_check": {
            "en": "Nothing left to check: every cell has a low and a high, and none is flagged",
            "da": "Intet at tjekke: alle celler har et lavt og et højt tal, og ingen er markeret",
        },
        "estimate.half_filled": {
            "en": "Only the {side} is typed for {group}: not counted as filled (type the "
            "other, or e.g. 2-2 for one figure)",
            "da": "Kun {side} er indtastet for {group}: tæller ikke som udfyldt (skriv det "
            "andet, eller fx 2-2 for ét tal)",
        },
        "estimate.wide_range": {
            "en": "High is over {factor}× the low: check the two figures",
            "da": "Højt er over {factor}× lavt: tjek de to tal",
        },
        "estimate.far_from_reference": {
            "en": "Subprocess {number}: midpoint {mid} is over {factor}× outside the national "
            "{ref}",
            "da": "Delproces {number}: midtpunkt {mid} er over {factor}× uden for landsref. {ref}",
        },
        "estimate.local": {"en": "added in the room", "da": "tilføjet i lokalet"},
        "estimate.undone": {"en": "Undone: {what}", "da": "Fortrudt: {what}"},
        "estimate.redone": {"en": "Redone: {what}", "da": "Gentaget: {what}"},
        "estimate.nothing_to_undo": {"en": "Nothing to undo", "da": "Intet at fortryde"},
        "estimate.nothing_to_redo": {"en": "Nothing to redo", "da": "Intet at gentage"},
        "estimate.removed": {
            "en": "Removed '{name}'. Ctrl+Z brings it back.",
            "da": "Fjernede '{name}'. Ctrl+Z henter den tilbage.",
        },
        "estimate.only_local": {
            "en": "Only activities added in the room (marked +) can be renamed or removed",
            "da": "Kun aktiviteter tilføjet i lokalet (mærket +) kan omdøbes eller fjernes",
        },
        "change.hours": {
            "en": "{side} for '{name}', {group}",
            "da": "{side} for '{name}', {group}",
        },
        "change.other": {"en": "{what} for '{name}'", "da": "{what} for '{name}'"},
        "change.subprocess": {
            "en": "cost-driver notes for subprocess {number}",
            "da": "noter om omkostningsdrivere for delproces {number}",
        },
        "change.notes": {"en": "workshop notes", "da": "workshopnoter"},
        "change.agenda": {"en": "the agenda", "da": "dagsordenen"},
        "change.close_round": {"en": "closing the first round", "da": "lukning af første runde"},
        "change.silent_round": {"en": "the silent round", "da": "den tavse runde"},
        "change.kind.staff": {"en": "staff", "da": "antal medarbejdere"},
        "change.kind.share": {"en": "share of cases", "da": "andel af sagerne"},
        "change.kind.factors": {"en": "staff and share", "da": "antal og andel"},
        "change.kind.not_applicable": {"en": "not applicable", "da": "ikke relevant"},
        "change.kind.time_consuming": {"en": "time-consuming mark", "da": "tidskrævende-mærke"},
        "change.kind.note": {"en": "note", "da": "note"},
        "change.kind.add_local": {"en": "adding", "da": "tilføjelse"},
        "change.kind.rename_local": {"en": "new name", "da": "nyt navn"},
        "change.kind.remove_local": {"en": "removal", "da": "fjernelse"},
    }
)


def session_bar(
    editor: SessionEditor, done: float, lang: str, demo: bool, save_failed: bool = False
) -> tuple[Text, str]:
    """The top line: what workshop this is (DEMO marked), how far the room has come, and
    whether it is all saved (not while the last save failed; never when read-only)."""
    session, process = editor.session, editor.process
    text = t(
        "estimate.bar",
        lang,
        process=process.name.in_lang(lang),
        municipality=printable(session.municipality),  # a file's text, never codes
        date=session.workshop_date.isoformat(),
    )
    if demo:
        demo_word = t("estimate.demo", lang)
        text = f"[{demo_word}] {text}"
    bar = Text(text, no_wrap=True, overflow="ellipsis")
    if demo:
        bar.stylize("reverse bold", 0, len(t("estimate.demo", lang)) + 2)
    state = "estimate.state"
    if save_failed:
        state = "estimate.state_not_saved"
    elif editor.read_only:
        state = "estimate.state_read_only"
    return bar, t(state, lang, done=format_percent(done, lang))


def version_warning(editor: SessionEditor, lang: str) -> str:
    """The session was recorded with another version of the process than the catalogue's."""
    return t(
        "estimate.version_differs",
        lang,
        saved=editor.session.process_version,
        current=editor.process.version,
    )


def typing_hint(editor: SessionEditor, cell: Cell, lang: str) -> Text:
    """The status line while a figure is typed: where it goes, and how to write it."""
    group = editor.process.group(cell.group_id).name.in_lang(lang)
    side = t(f"word.{cell.side}", lang).lower()
    return Text(t("estimate.typing", lang, group=group, side=side))


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
    marks = [t("estimate.time_consuming", lang)] if line.time_consuming else []
    marks += [t("estimate.local", lang)] if line.local else []
    if marks:
        text.append(f" ({', '.join(marks)})")
    if entry.not_applicable:
        text.append(" · " + t("estimate.not_applicable", lang), style="italic")
    elif estimate is not None and estimate.not_applicable:
        na = t("estimate.group_not_applicable", lang, group=group_name)
        text.append(" · " + na, style="italic")
    if estimate is not None and estimate.low_above_high:
        text.append(" · " + t("estimate.low_above_high", lang, group=group_name), style="bold")
    if cell_flag(estimate) == "wide_range":
        factor = format_hours(WIDE_RANGE_FACTOR, lang)
        text.append(
            " · " + t("estimate.wide_range", lang, group=group_name, factor=factor), style="bold"
        )
    if is_half_filled(estimate) and estimate is not None:
        side = t("word.low" if estimate.low is not None else "word.high", lang).lower()
        text.append(" · " + t("estimate.half_filled", lang, side=side, group=group_name))
    if estimate is not None and (estimate.staff != 1 or estimate.share != 1):
        staff_share = t(
            "estimate.staff_share",
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
        "estimate.far_from_reference",
        lang,
        number=number,
        group=group_name,
        mid=format_hours(sub.span.mid, lang, 1, False),
        factor=format_hours(OUTSIDE_REFERENCE_FACTOR, lang),
        ref=format_range(ref.low, ref.high, lang),
    )
    return Text(" · " + sentence, style="bold")


def change_text(editor: SessionEditor, change: Change, lang: str) -> str:
    """What an undone or redone change was, for the status line."""
    if change.kind == "cost_driver_note":
        return t("change.subprocess", lang, number=change.subprocess)
    if change.kind in ("notes", "agenda", "close_round", "silent_round"):
        return t(f"change.{change.kind}", lang)  # the whole workshop's, no activity named
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
            "change.hours",
            lang,
            side=t(f"word.{change.side}", lang),
            name=name,
            group=editor.process.group(change.group_id).name.in_lang(lang),
        )
    return t("change.other", lang, what=t(f"change.kind.{change.kind}", lang), name=name)
