"""Rich renderables for totals against the national reference.

Shared by the facilitator's live totals, the presentation view and the
read-only live view, so all three show the same figures the same way. They only
draw what the totals engine computed.
"""

from __future__ import annotations

from rich.text import Text

from workshop_tui.core.formatting import range_text
from workshop_tui.core.hours import format_hours
from workshop_tui.core.i18n import N_, nt, t
from workshop_tui.core.plausibility import span_flag
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.process.reference import TOTAL, ReferenceRow, position, reference_for
from workshop_tui.core.totals import GroupTotals, Span
from workshop_tui.tui.wrap import cut, wrap_words

BAR_WIDTH = 24
MIN_BAR_WIDTH = 6  # narrower than this a range bar shows nothing
MIN_LABEL_WIDTH = 10
MIN_WRAP_WIDTH = 18  # narrower, a wrapped name takes three lines or more: cut it instead
# The figure columns' least widths: a range up to "10,7–18,6", a midpoint up to "14,6!"
COLUMN_WIDTHS = (9, 5, 0)
FAR_FROM_REFERENCE_MARK = "!"  # after a midpoint far outside the national range (core/plausibility)
MISSING_MARK = "?"  # the side of a range the room has not given yet
MULTIPLIED_MARK = "×"  # staff x share is not 1: the hours counted are not the typed ones
REF_BACKGROUND = "grey35"
SCALE_STYLE = "grey35"
# Readable on the dark and the light high-contrast theme alike (and on a projector).
WITHIN_STYLE = "bold green"
OUTSIDE_STYLE = "bold dark_orange"


def range_bar(room: Span | None, ref: ReferenceRow | None, width: int = BAR_WIDTH) -> Text:
    """One line: the reference range as a grey band, the room's range drawn over it.

    The scale runs from 0 to a little past the larger high, so the bar shows at a
    glance whether the room sits below, inside or above the national range. The
    band is a background colour, so where the two overlap both stay visible. With
    `room` None (nothing entered yet) only the reference band is drawn.
    """
    top = max(room.high if room else 0.0, ref.high if ref else 0.0, 0.1) * 1.1

    def cell(hours: float) -> int:
        return max(0, min(width - 1, int(hours / top * width)))

    # a faint baseline shows the scale from zero
    chars = ["·"] * width
    styles = [SCALE_STYLE] * width
    in_ref = [False] * width
    if ref is not None:
        for i in range(cell(ref.low), cell(ref.high) + 1):
            chars[i], styles[i], in_ref[i] = " ", "", True
    if room is not None:
        colour = WITHIN_STYLE if ref is None or ref.low <= room.mid <= ref.high else OUTSIDE_STYLE
        for i in range(cell(room.low), cell(room.high) + 1):
            chars[i], styles[i] = "━", colour
        chars[cell(room.mid)] = "●"
    text = Text()
    for char, style, band in zip(chars, styles, in_ref, strict=True):
        text.append(char, f"{style} on {REF_BACKGROUND}".strip() if band else (style or None))
    return text


# ---------------------------------------------------------------- compact blocks
# Plain Text lines with computed column widths: much cheaper to draw than a
# rich Table, which matters because the facilitator's panel redraws on every entry.


def _room_texts(
    span: Span, counted: int, lang: str, ref: ReferenceRow | None = None, partial: bool = False
) -> tuple[str, str]:
    """The room's range and midpoint (a mark after a midpoint far from the national
    range); dashes while no cell counts (nothing entered)."""
    if not counted:
        return "–", "–"
    mid = format_hours(span.mid, lang, 1, trim=False)
    if far_from_reference(span, ref, partial):
        mid += FAR_FROM_REFERENCE_MARK
    return range_text(span.low, span.high, lang), mid


def far_from_reference(span: Span, ref: ReferenceRow | None, partial: bool = False) -> bool:
    """The room's midpoint more than OUTSIDE_REFERENCE_FACTOR outside the national range.

    A partial sum only grows as cells are filled: far below is not flagged until it is whole.
    """
    if ref is None:
        return False
    flag = span_flag(span, ref.low, ref.high)
    return flag == "far_above_reference" or (flag is not None and not partial)


def _ref_text(ref: ReferenceRow | None, lang: str) -> str:
    return range_text(ref.low, ref.high, lang) if ref else "–"


def _label(text: str, partial: bool, lang: str) -> str:
    """A row's name, ending in "(partial)" where cells are missing."""
    return text + " (" + t("partial", lang) + ")" if partial else text


def filled_text(totals: GroupTotals, lang: str) -> str:
    """'7/15 filled', with '· 1 half-filled' where a cell has one side only."""
    done = t("{filled}/{expected} filled", lang, filled=totals.filled, expected=totals.expected)
    if totals.half_filled:
        done += " · " + t("{half} half-filled", lang, half=totals.half_filled)
    return done


def group_block(process: ProcessDefinition, totals: GroupTotals, lang: str, width: int) -> Text:
    """One group's subprocess and process totals beside the reference, in `width` cells.

    Columns: subprocess, the room's low–high, midpoint, the national range and,
    where there is room for it, the range bar.
    """
    rows = []
    for sub in totals.subprocesses:
        name = process.subprocesses[sub.number - 1].name.in_lang(lang)
        ref = reference_for(process, totals.group_id, sub.number)
        counted = sub.filled + sub.half_filled
        rows.append((f"{sub.number} {name}", sub.span, counted, sub.partial, ref, False))
    ref = reference_for(process, totals.group_id, TOTAL)
    counted = totals.filled + totals.half_filled
    rows.append((t("Total", lang), totals.total, counted, totals.partial, ref, True))
    cells = [
        (*_room_texts(span, counted, lang, ref, partial), _ref_text(ref, lang))
        for _, span, counted, partial, ref, _ in rows
    ]
    heads = (t("Workshop", lang), t("Mid", lang), t("National", lang))
    # The layout (column widths, where names wrap, the bar) is that of the longest texts
    # the rows can show, so the block keeps its size as cells are typed: a change of
    # height costs the screen a layout pass on that entry.
    widths = [
        max(len(head), least, *(len(c[i]) for c in cells))
        for i, (head, least) in enumerate(
            zip(heads, COLUMN_WIDTHS if totals.partial else (0, 0, 0), strict=True)
        )
    ]
    fixed = sum(widths) + 3
    # (while a cell of the group is missing any row may say "partial"; once all are filled
    # none can, and the block takes its compact size)
    longest = [_label(label, totals.partial, lang) for label, *_ in rows]
    label_width, bar = _label_layout(longest, width - fixed)

    text = Text(no_wrap=True, overflow="ellipsis")
    _title_lines(text, process.group(totals.group_id).name.in_lang(lang), totals, lang, width)
    header = " ".join(h.rjust(w) for h, w in zip(heads, widths, strict=True))
    text.append(_basis_text(ref, lang, label_width) + " " + header + "\n", "dim")
    spare = 0
    for (label, span, counted, partial, ref, is_total), most, (room, mid, ref_text) in zip(
        rows, longest, cells, strict=True
    ):
        style = "bold" if is_total else None
        # a sum of some cells says so in words
        parts = _name_lines(_label(label, partial and counted > 0, lang), label_width)
        spare += len(_name_lines(most, label_width)) - len(parts)
        text.append(cut(parts[0], label_width).ljust(label_width), style)
        text.append(f" {room:>{widths[0]}} {mid:>{widths[1]}}", style)
        text.append(f" {ref_text:>{widths[2]}}", "dim" if not is_total else "bold")
        if bar:
            text.append(" ")
            text.append_text(range_bar(span if counted else None, ref, bar))
        for part in parts[1:]:  # a long name's further lines, under its first
            text.append("\n" + cut(part, label_width), style)
        if not is_total:
            text.append("\n")
    # the lines a "(partial)" may yet take, kept at the foot of the block
    text.append("\n" * spare)
    return text


def _name_lines(label: str, width: int) -> list[str]:
    """A row's name in `width` cells: one line, or more indented under the first; cut on
    one line where the column is too narrow for wrapping to read well."""
    if len(label) <= width or width < MIN_WRAP_WIDTH:
        return [label]
    first = wrap_words(label, width)[0]
    # the rest of the name: after the first line's words, or its hyphen where it broke one
    rest = label[len(first) - 1 :] if label[len(first) - 1] != first[-1] else label[len(first) :]
    return [first, *(f"  {part}" for part in wrap_words(rest, width - 2))]


def _label_layout(labels: list[str], room: int) -> tuple[int, int]:
    """The names' width and the bar's (0: none) in `room` cells beside the figures.

    The bar only where every name fits on one line beside it: a name cut short or a
    block too tall for the panel is worse than no bar (the figures say the same).
    Names longer than the room wrap onto further lines (see group_block).
    """
    longest = max(len(label) for label in labels)
    bar = room - longest - 1
    if bar >= MIN_BAR_WIDTH:
        bar = min(bar, BAR_WIDTH)
        return room - bar - 1, bar
    return max(MIN_LABEL_WIDTH, room), 0


def _basis_text(ref: ReferenceRow | None, lang: str, width: int) -> str:
    """How many municipalities the national range spans, in the header's empty corner
    (blank where the source does not say): the range is the spread between them."""
    if ref is None or not ref.municipalities:
        return " " * width
    words = nt(
        "national: {n} municipality",
        "national: {n} municipalities",
        ref.municipalities,
        lang,
        n=ref.municipalities,
    )
    return cut(words, width).ljust(width)


def _title_lines(text: Text, group_name: str, totals: GroupTotals, lang: str, width: int) -> None:
    """The group's name in bold and how much is filled, on one line where both fit, else
    the name alone (wrapped if long) and the count right-aligned on a line of its own."""
    done = filled_text(totals, lang)
    # the longest the count can get, so that the block keeps its height as cells are typed
    # (a change of height costs the screen a layout pass)
    most = done
    if totals.partial:
        most = t(
            "{filled}/{expected} filled", lang, filled=totals.expected, expected=totals.expected
        )
        most += " · " + t("{half} half-filled", lang, half=totals.expected)
    if len(group_name) + 1 + len(most) <= width:
        text.append(group_name, "bold")
        text.append(" " * (width - len(group_name) - len(done)) + done + "\n", "dim")
        return
    for part in wrap_words(group_name, width):
        text.append(cut(part, width) + "\n", "bold")
    text.append(done.rjust(width) + "\n", "dim")


def block_lines(text: Text) -> int:
    """Screen lines of a block drawn by group_block."""
    return text.plain.count("\n") + 1


def group_summary(
    process: ProcessDefinition, totals: GroupTotals, lang: str, width: int, wrap: bool = True
) -> Text:
    """One line for a group: its process total, midpoint and the national range; with
    `wrap`, a name too long for that line on a line (or more) of its own above it."""
    ref = reference_for(process, totals.group_id, TOTAL)
    counted = totals.filled + totals.half_filled
    room, mid = _room_texts(totals.total, counted, lang, ref, totals.partial)
    if totals.partial and counted:
        room = room + " (" + t("partial", lang) + ")"
    name = process.group(totals.group_id).name.in_lang(lang)
    line = t(
        "{group}: {room}, mid {mid}, national {ref}",
        lang,
        group="",
        room=room,
        mid=mid,
        ref=_ref_text(ref, lang),
    )
    text = Text(no_wrap=True, overflow="ellipsis")
    if len(name) + len(line) <= width or not wrap:
        text.append(cut(name, max(8, width - len(line) - 1)), "bold")
        text.append(line)
        return text
    # too long for one line: the name whole (wrapped if need be), the figures under it,
    # and the national range on a line of its own where the figures do not fit on one
    for part in wrap_words(name, width):
        text.append(cut(part, width) + "\n", "bold")
    figures = "  " + line.removeprefix(": ")
    if len(figures) > width:
        ours, _, national = figures.rpartition(", ")
        figures = f"{ours},\n  {national}"
    text.append(figures)
    return text


RANGE_POSITIONS = {
    "below": N_("below the national range"),
    "within": N_("within the national range"),
    "above": N_("above the national range"),
}


def position_text(span: Span, ref: ReferenceRow | None, lang: str) -> str:
    """'within the national range' etc.; empty without a reference."""
    where = position(span.mid, ref)
    return t(RANGE_POSITIONS[where], lang) if where else ""
