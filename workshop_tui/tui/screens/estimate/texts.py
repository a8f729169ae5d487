"""The estimate screen's words: the session bar, the status line and undo's descriptions.

Pure functions from the session (through its editor) to text, so that the
screen only decides when to show them.
"""

from __future__ import annotations

from rich.text import Text

from workshop_tui.core.formatting import range_text
from workshop_tui.core.hours import format_hours
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
        "estimate.totals_folded": {
            "en": "Totals on one line: F10 shows them in full again",
            "da": "Totaler på én linje: F10 viser dem helt igen",
        },
        "estimate.totals_unfolded": {"en": "Totals in full", "da": "Totaler vist helt"},
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
        ref=range_text(ref.low, ref.high, lang),
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


# The agenda and the rounds: their keys, help and messages.
register(
    {
        "rounds.closed_one": {
            "en": "First round closed for {name}: its figures are kept; changes now are agreed "
            "figures",
            "da": "Første runde lukket for {name}: tallene er gemt; ændringer nu er aftalte tal",
        },
        "rounds.closed_all": {
            "en": "First round closed for the whole workshop: changes now are agreed figures",
            "da": "Første runde lukket for hele workshoppen: ændringer nu er aftalte tal",
        },
        "rounds.showing_first": {
            "en": "Showing the FIRST-ROUND figures (italics); Ctrl+B shows the agreed ones",
            "da": "Viser FØRSTE RUNDES tal (kursiv); Ctrl+B viser de aftalte",
        },
        "rounds.showing_agreed": {
            "en": "Showing the agreed figures; Δ: moved since the first round ({moved} moved)",
            "da": "Viser de aftalte tal; Δ: flyttet siden første runde ({moved} flyttet)",
        },
        "rounds.no_first": {
            "en": "No first round yet: F3 closes one",
            "da": "Ingen første runde endnu: F3 lukker en",
        },
        "rounds.silent_on": {
            "en": "Silent round ON: other cells are hidden until their round closes (F3)",
            "da": "Tavs runde TIL: andre celler er skjult, til deres runde lukkes (F3)",
        },
        "rounds.silent_off": {"en": "Silent round off", "da": "Tavs runde fra"},
        "estimate.not_left_unsaved": {
            "en": "Not left: changes are NOT SAVED (the file cannot be written). Free the "
            'disk and wait for "all saved" first.',
            "da": "Ikke forladt: ændringer er IKKE GEMT (filen kan ikke skrives). Frigør "
            'disken og vent på "alt gemt" først.',
        },
        "estimate.saved_again": {
            "en": "Saved: the file has every change again.",
            "da": "Gemt: filen har alle ændringer igen.",
        },
        "agenda.saved": {"en": "Agenda saved", "da": "Dagsorden gemt"},
        "agenda.started": {
            "en": "Started now: the plan runs {start}–{end} today (Ctrl+Z undoes)",
            "da": "Startet nu: planen kører {start}–{end} i dag (Ctrl+Z fortryder)",
        },
        "agenda.paused": {
            "en": "Paused at {since}: the pace stands still; F11 resumes",
            "da": "Pause kl. {since}: tempoet står stille; F11 fortsætter",
        },
        "agenda.resumed": {
            "en": "Resumed: the plan moved on by {minutes} min and now ends {end}",
            "da": "Fortsat: planen er rykket {minutes} min og slutter nu {end}",
        },
        "key.start_or_pause": {"en": "Start/pause", "da": "Start/pause"},
        "key.start_now": {"en": "Start now", "da": "Start nu"},
        "key.pause_agenda": {"en": "Pause the agenda", "da": "Sæt dagsordenen på pause"},
        "key.resume_agenda": {"en": "Resume the agenda", "da": "Fortsæt dagsordenen"},
        "help.action.start_or_pause": {
            "en": "The agenda's clock: start the plan now (on another day than its own, or "
            "before its start), pause it while it runs, resume it while paused",
            "da": "Dagsordenens ur: start planen nu (på en anden dag end dens egen eller før "
            "dens start), sæt den på pause, mens den kører, fortsæt den under en pause",
        },
        "help.action.start_now": {
            "en": "Move the plan's start to now, today: its boxes follow",
            "da": "Flyt planens start til nu, i dag: tidsrammerne følger med",
        },
        "help.action.pause_agenda": {
            "en": "Pause the agenda: the pace stands still until it is resumed",
            "da": "Sæt dagsordenen på pause: tempoet står stille, til den fortsætter",
        },
        "help.action.resume_agenda": {
            "en": "Resume the agenda: the plan moves on by the time paused",
            "da": "Fortsæt dagsordenen: planen rykkes med den tid, pausen varede",
        },
        "key.agenda": {"en": "Agenda", "da": "Dagsorden"},
        "key.close_round": {"en": "Close round", "da": "Luk runde"},
        "key.toggle_first": {"en": "First/agreed", "da": "Første/aftalt"},
        "key.silent_round": {"en": "Silent round", "da": "Tavs runde"},
        "help.action.agenda": {
            "en": "Agenda: each subprocess's time box and the pause, the start and the length",
            "da": "Dagsorden: hver delproces' tidsramme og pausen, start og længde",
        },
        "help.action.close_round": {
            "en": "Close the first round (this subprocess or the whole workshop): the figures "
            "now are kept as first figures",
            "da": "Luk første runde (denne delproces eller hele workshoppen): tallene nu gemmes "
            "som første tal",
        },
        "help.action.toggle_first": {
            "en": "Show the first-round figures (italics) or the agreed ones (Δ: moved)",
            "da": "Vis første rundes tal (kursiv) eller de aftalte (Δ: flyttet)",
        },
        "help.action.silent_round": {
            "en": "Silent round on or off: while a round is open, other cells and the totals "
            "are hidden here and in watch/serve",
            "da": "Tavs runde til eller fra: mens en runde er åben, skjules andre celler og "
            "totalerne her og i watch/serve",
        },
    }
)


# Not applicable for one target group (Ctrl+D); the activity-wide switch (Ctrl+R) wins.
register(
    {
        "help.action.group_not_applicable": {
            "en": "Mark the activity not applicable for the cursor's target group only (left "
            "out of that group's totals), or include it again",
            "da": "Markér aktiviteten som ikke relevant kun for markørens målgruppe (tæller ikke "
            "med i den gruppes totaler), eller tag den med igen",
        },
        "change.kind.group_not_applicable": {
            "en": "not applicable (one group)",
            "da": "ikke relevant (én gruppe)",
        },
        "group_na.marked": {
            "en": "'{name}' is not applicable for {group}: left out of its totals and of "
            "'filled' (Ctrl+D includes it again)",
            "da": "'{name}' er ikke relevant for {group}: tæller ikke med i gruppens totaler "
            "eller i 'udfyldt' (Ctrl+D tager den med igen)",
        },
        "group_na.included": {
            "en": "'{name}' counts again for {group}",
            "da": "'{name}' tæller med igen for {group}",
        },
        "group_na.whole_activity": {
            "en": "'{name}' is marked not applicable for every group; press Ctrl+R to include "
            "it first",
            "da": "'{name}' er markeret ikke relevant for alle grupper; tryk Ctrl+R for at tage "
            "den med først",
        },
    }
)
