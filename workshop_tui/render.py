"""Rich renderables for totals against the national reference.

Shared by the facilitator's live totals, the presentation view and the
read-only live view, so all three show the same figures the same way. They only
draw what the totals engine computed.
"""

from __future__ import annotations

from rich.console import Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from workshop_tui.hours import format_hours, format_range
from workshop_tui.i18n import t
from workshop_tui.models import ProcessDefinition
from workshop_tui.reference import TOTAL, ReferenceRow, reference_for
from workshop_tui.totals import GroupTotals, Span

BAR_WIDTH = 24


def range_bar(room: Span, ref: ReferenceRow | None, width: int = BAR_WIDTH) -> Text:
    """One line: the reference range as a grey band, the room's range in colour over it.

    The scale runs from 0 to a little past the larger high, so the bar shows at a
    glance whether the room sits below, inside or above the national range.
    """
    top = max(room.high, ref.high if ref else 0.0, 0.1) * 1.1
    def cell(hours: float) -> int:
        return min(width - 1, int(hours / top * width))
    chars = [" "] * width
    styles = [""] * width
    if ref is not None:
        for i in range(cell(ref.low), cell(ref.high) + 1):
            chars[i], styles[i] = "░", "grey50"
    colour = "green" if ref is None or ref.low <= room.mid <= ref.high else "yellow"
    for i in range(cell(room.low), cell(room.high) + 1):
        chars[i], styles[i] = "━", f"bold {colour}"
    chars[cell(room.mid)] = "●"
    text = Text()
    for char, style in zip(chars, styles):
        text.append(char, style or None)
    return text


def totals_table(
    process: ProcessDefinition,
    totals: GroupTotals,
    lang: str,
    compact: bool = False,
) -> Table:
    """One group's subprocess and process totals beside the reference."""
    group_name = process.group(totals.group_id).name.in_lang(lang)
    table = Table(
        title=Text(group_name, style="bold"),
        title_justify="left",
        expand=True,
        padding=(0, 1),
        show_edge=False,
    )
    table.add_column(t("word.subprocess", lang), ratio=3, no_wrap=True, overflow="ellipsis")
    table.add_column(t("word.room", lang), justify="right", no_wrap=True)
    table.add_column(t("word.mid", lang), justify="right", no_wrap=True)
    table.add_column(t("word.reference", lang) if not compact else "Ref.", justify="right",
                     no_wrap=True)
    if not compact:
        table.add_column("", no_wrap=True, width=BAR_WIDTH)
    for sub in totals.subprocesses:
        name = process.subprocesses[sub.number - 1].name.in_lang(lang)
        ref = reference_for(process, totals.group_id, sub.number)
        table.add_row(*_cells(f"{sub.number} {escape(name)}", sub.span, ref, lang, compact))
    ref = reference_for(process, totals.group_id, TOTAL)
    table.add_row(*_cells(t("word.total", lang), totals.total, ref, lang, compact), style="bold",
                  end_section=True)
    return table


def _cells(label: str, span: Span, ref: ReferenceRow | None, lang: str, compact: bool) -> list:
    ref_text = format_range(ref.low, ref.high, lang) if ref else "–"
    if ref is not None and ref.avg is not None and not compact:
        ref_text += f" ({t('word.avg', lang).lower()} {format_hours(ref.avg, lang, 1, trim=False)})"
    cells = [label, format_range(span.low, span.high, lang),
             format_hours(span.mid, lang, 1, trim=False), ref_text]
    if not compact:
        cells.append(range_bar(span, ref))
    return cells


def all_totals(
    process: ProcessDefinition, totals: dict[str, GroupTotals], lang: str, compact: bool = False
) -> Group:
    """Every covered group's table, one under the other, with the unit stated once."""
    parts = [totals_table(process, g, lang, compact) for g in totals.values()]
    parts.append(Text(t("unit.hours_per_citizen", lang), style="dim italic"))
    return Group(*parts)
