"""The estimate screen's words: the session bar, the status line and undo's descriptions.

Pure functions from the session (through its editor) to text, so that the
screen only decides when to show them.
"""

from __future__ import annotations

from rich.text import Text

from workshop_tui.core.editor import Change, SessionEditor
from workshop_tui.core.hours import format_hours
from workshop_tui.core.i18n import register, t
from workshop_tui.core.numbers import format_percent
from workshop_tui.core.totals import ActivityLine
from workshop_tui.tui.widgets.grid_view import Cell

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
        "estimate.demo": {"en": "DEMO, fictitious figures", "da": "DEMO, fiktive tal"},
        "estimate.version_differs": {
            "en": "This session was recorded with version {saved} of the process; the catalogue "
            "now has {current}.",
            "da": "Sessionen er optaget med version {saved} af processen; kataloget har nu "
            "{current}.",
        },
        "estimate.typing": {
            "en": "Typing {group}, {side}: Enter saves and moves on, Esc cancels "
            "(e.g. 0,5 · 30 min · 1t 30m)",
            "da": "Indtaster {group}, {side}: Enter gemmer og går videre, Esc fortryder "
            "(fx 0,5 · 30 min · 1t 30m)",
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
            "en": "Not applicable here: left out of the totals (i to include it again)",
            "da": "Ikke relevant her: tæller ikke med i totalerne (i for at tage den med igen)",
        },
        "estimate.time_consuming": {"en": "time-consuming", "da": "tidskrævende"},
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


def session_bar(editor: SessionEditor, done: float, lang: str, demo: bool) -> tuple[Text, str]:
    """The top line: what workshop this is (DEMO marked), and how far the room has come."""
    session, process = editor.session, editor.process
    text = t(
        "estimate.bar",
        lang,
        process=process.name.in_lang(lang),
        municipality=session.municipality,
        date=session.workshop_date.isoformat(),
    )
    if demo:
        demo_word = t("estimate.demo", lang)
        text = f"[{demo_word}] {text}"
    bar = Text(text, no_wrap=True, overflow="ellipsis")
    if demo:
        bar.stylize("reverse bold", 0, len(t("estimate.demo", lang)) + 2)
    return bar, t("estimate.state", lang, done=format_percent(done, lang))


def typing_hint(editor: SessionEditor, cell: Cell, lang: str) -> Text:
    """The status line while a figure is typed: where it goes, and how to write it."""
    group = editor.process.group(cell.group_id).name.in_lang(lang)
    side = t(f"word.{cell.side}", lang).lower()
    return Text(t("estimate.typing", lang, group=group, side=side))


def cell_description(editor: SessionEditor, line: ActivityLine, cell: Cell, lang: str) -> Text:
    """The status line on a resting cell: the activity, its marks, factors and note."""
    group_name = editor.process.group(cell.group_id).name.in_lang(lang)
    entry = editor.session.entry(line.id)
    estimate = entry.estimates.get(cell.group_id)
    text = Text(line.label(lang), style="bold")
    marks = [t("estimate.time_consuming", lang)] if line.time_consuming else []
    marks += [t("estimate.local", lang)] if line.local else []
    if marks:
        text.append(f" ({', '.join(marks)})")
    if entry.not_applicable:
        text.append(" · " + t("estimate.not_applicable", lang), style="italic")
    if estimate is not None and estimate.low_above_high:
        text.append(" · " + t("estimate.low_above_high", lang, group=group_name), style="bold")
    if estimate is not None and (estimate.staff != 1 or estimate.share != 1):
        staff_share = t(
            "estimate.staff_share",
            lang,
            group=group_name,
            staff=format_hours(estimate.staff, lang),
            share=format_percent(estimate.share, lang),
        )
        text.append(" · " + staff_share)
    if entry.note:
        text.append(" · ✎ " + entry.note, style="italic")
    return text


def change_text(editor: SessionEditor, change: Change, lang: str) -> str:
    """What an undone or redone change was, for the status line."""
    if change.kind == "cost_driver_note":
        return t("change.subprocess", lang, number=change.subprocess)
    if change.kind == "notes":
        return t("change.notes", lang)
    name = ""
    if change.activity_id:
        line = next((line for line in editor.lines() if line.id == change.activity_id), None)
        local = next(
            (a.name for a in editor.session.local_activities if a.id == change.activity_id),
            change.activity_id,
        )
        name = line.label(lang) if line else local
    if change.kind == "hours" and change.group_id:
        return t(
            "change.hours",
            lang,
            side=t(f"word.{change.side}", lang),
            name=name,
            group=editor.process.group(change.group_id).name.in_lang(lang),
        )
    return t("change.other", lang, what=t(f"change.kind.{change.kind}", lang), name=name)
