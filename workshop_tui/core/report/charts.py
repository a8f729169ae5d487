"""Figure-5.6-style range charts, drawn with matplotlib into inline SVG (or PNG).

One chart per process and target group. Each level (the subprocesses, then the
total on its own scale below) gets a row: a grey bar for the range across the
workshops in this merge (lowest low to highest high), an outlined box for the
published national range with its average, small dots for the peers' midpoints,
a black tick for the mean midpoint, and, in a municipality's report, a diamond
for its own workshop's midpoint with a line across its own low-high.

The only module that imports matplotlib (an import-linter contract says so);
pyplot is never used, so no global figure state and no GUI backend.
"""

from __future__ import annotations

import io

from matplotlib import rc_context
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from workshop_tui.core.report.data import GroupReport, Level

OWN = "#c0392b"
RANGE = "#cfd8dc"
REFERENCE = "#1f4e79"
PEER = "#607d8b"
STYLE = {
    "svg.fonttype": "none",  # text stays text: smaller files, selectable, searchable
    "svg.hashsalt": "workshop-tui",  # the same chart gives the same SVG every run
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
LABELS = {
    "en": {
        "range": "Workshops in this merge: lowest–highest",
        "reference": "Published national range (avg. |)",
        "peers": "Other workshops' midpoints",
        "mean": "Mean midpoint",
        "own": "{who}: midpoint, low–high",
        "hours": "Staff hours per citizen",
    },
    "da": {
        "range": "Workshops i denne samling: laveste–højeste",
        "reference": "Offentliggjort landsinterval (gns. |)",
        "peers": "Andre workshops' midtpunkter",
        "mean": "Gennemsnitligt midtpunkt",
        "own": "{who}: midtpunkt, lav–høj",
        "hours": "Timer pr. borger",
    },
}


def _draw_rows(axes: Axes, rows: list[Level]) -> None:
    """One row per level, the first at the top."""
    for y, level in enumerate(reversed(rows)):
        axes.barh(y, level.high - level.low, left=level.low, height=0.55, color=RANGE, zorder=1)
        if level.ref_low is not None and level.ref_high is not None:
            axes.barh(
                y,
                level.ref_high - level.ref_low,
                left=level.ref_low,
                height=0.75,
                fill=False,
                edgecolor=REFERENCE,
                linewidth=1.2,
                zorder=2,
            )
            if level.ref_avg is not None:
                axes.plot([level.ref_avg] * 2, [y - 0.37, y + 0.37], color=REFERENCE, lw=1.2)
        if level.peer_mids:
            axes.scatter(
                level.peer_mids, [y] * len(level.peer_mids), s=9, color=PEER, zorder=3, lw=0
            )
        axes.plot([level.mean] * 2, [y - 0.3, y + 0.3], color="black", lw=2, zorder=4)
        if level.own_mid is not None:
            axes.plot(
                [level.own_low, level.own_high], [y, y], color=OWN, lw=1.5, zorder=5
            )
            axes.scatter([level.own_mid], [y], marker="D", s=38, color=OWN, zorder=6)
    axes.set_yticks(range(len(rows)), [level.label for level in reversed(rows)])
    axes.set_ylim(-0.6, len(rows) - 0.4)
    axes.set_xlim(left=0)
    axes.grid(axis="x", color="#eeeeee", zorder=0)
    axes.tick_params(axis="y", length=0)


def _figure(group: GroupReport, who: str | None, lang: str) -> Figure:
    text = LABELS.get(lang, LABELS["en"])
    subs = [level for level in group.levels if not level.is_total]
    total = [level for level in group.levels if level.is_total]
    figure = Figure(figsize=(7.2, 0.42 * len(group.levels) + 1.9))
    grid = figure.add_gridspec(2, 1, height_ratios=[max(len(subs), 1), 1.3], hspace=0.45)
    if subs:
        _draw_rows(figure.add_subplot(grid[0]), subs)
    bottom = figure.add_subplot(grid[1])
    _draw_rows(bottom, total)
    bottom.set_xlabel(text["hours"])
    handles = [
        Patch(color=RANGE, label=text["range"]),
        Patch(fill=False, edgecolor=REFERENCE, label=text["reference"]),
        Line2D([], [], color=PEER, marker="o", ls="", ms=3, label=text["peers"]),
        Line2D([], [], color="black", marker="|", ls="", ms=8, mew=2, label=text["mean"]),
    ]
    if who:
        handles.append(
            Line2D([], [], color=OWN, marker="D", ms=5, label=text["own"].format(who=who))
        )
    figure.legend(handles=handles, loc="lower center", ncol=2, frameon=False, fontsize=7)
    figure.subplots_adjust(left=0.32, right=0.97, top=0.97, bottom=0.30 if who else 0.27)
    return figure


def chart_svg(group: GroupReport, who: str | None, lang: str) -> str:
    """The chart as an <svg> element for inlining (no XML prologue, no date)."""
    with rc_context(STYLE):
        buffer = io.StringIO()
        _figure(group, who, lang).savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def chart_png(group: GroupReport, who: str | None, lang: str, dpi: int = 150) -> bytes:
    """The same chart as PNG, for slides."""
    with rc_context(STYLE):
        buffer = io.BytesIO()
        _figure(group, who, lang).savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()
