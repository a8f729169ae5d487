"""Figure-5.6-style range charts, drawn with matplotlib into inline SVG (or PNG).

One chart per process and target group. Each level (the subprocesses, then the
total on its own scale below) gets a row: a grey bar for the rooms' range
(lowest low to highest high: the rooms' own uncertainty), an outlined box for
the published national range with its average (the spread between
municipalities), a small histogram of the workshop midpoints (what compares with
it; a fixed number of bars, so a page does not grow with the exports), a black
tick for the mean midpoint, and, in a municipality's report, a diamond for its
own workshop's midpoint with a line across its own low-high.

Speed: a process and group's chart is the same in every municipality's report
but for the municipality's own marks. `ChartCache` draws it once (with the
workshops' histogram) and each report adds its own diamond and line as a few
SVG elements placed with the axes' own data-to-page transform, so 98 reports
cost a dozen matplotlib drawings, not a thousand. PNGs are drawn whole.

The only module that imports matplotlib (an import-linter contract says so);
pyplot is never used, so no global figure state and no GUI backend.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from html import escape
from typing import Any

import numpy as np
import numpy.typing as npt
from matplotlib import rc_context
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path

from workshop_tui.core.i18n import t
from workshop_tui.core.report.data import GroupReport, Level

OWN = "#c0392b"
RANGE = "#cfd8dc"
REFERENCE = "#1f4e79"
PEER = "#607d8b"
BINS = 24  # the peers' histogram: bars enough to show a shape, few enough to keep a page small
STYLE: Any = {
    "svg.fonttype": "none",  # text stays text: smaller files, selectable, searchable
    "svg.hashsalt": "workshop-tui",  # the same chart gives the same SVG every run
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def _draw_rows(axes: Axes, rows: list[Level], own: bool) -> None:
    """One row per level, the first at the top; `own`: with the municipality's marks."""
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
        if len(level.all_mids):
            _draw_distribution(axes, level.all_mids, y, (level.low, level.high))
        axes.plot([level.mean] * 2, [y - 0.3, y + 0.3], color="black", lw=2, zorder=4)
        if own and level.own_mid is not None:
            own_span = [level.own_low or level.own_mid, level.own_high or level.own_mid]
            axes.plot(own_span, [y, y], color=OWN, lw=1.5, zorder=5)
            axes.scatter([level.own_mid], [y], marker="D", s=38, color=OWN, zorder=6)
    axes.set_yticks(range(len(rows)), [level.label for level in reversed(rows)])
    axes.set_ylim(-0.6, len(rows) - 0.4)
    axes.set_xlim(left=0)
    axes.grid(axis="x", color="#eeeeee", zorder=0)
    axes.tick_params(axis="y", length=0)


def _draw_distribution(
    axes: Axes, mids: npt.NDArray[np.float64], y: float, span: tuple[float, float]
) -> None:
    """The workshops' midpoints as a histogram of BINS bars across the level's range
    (`span`, the grey bar), centred on the row, each as tall as its share of the
    fullest bin: the same few elements for 5 workshops or 5,000."""
    low, high = min(span[0], float(mids[0])), max(span[1], float(mids[-1]))
    if high - low < 1e-9:  # one value (or all alike): one narrow bar
        low, high = low - 0.005, high + 0.005
    counts, edges = np.histogram(mids, bins=BINS, range=(low, high))
    heights = counts / counts.max() * 0.7
    boxes = [
        [(x0, y - h / 2), (x1, y - h / 2), (x1, y + h / 2), (x0, y + h / 2), (x0, y - h / 2)]
        for x0, x1, h, count in zip(edges[:-1], edges[1:], heights, counts, strict=True)
        if count
    ]
    # one compound path: one SVG element for the whole histogram, drawn fast
    shape = Path.make_compound_path(*(Path(box, closed=True) for box in boxes))
    axes.add_patch(PathPatch(shape, color=PEER, alpha=0.6, lw=0, zorder=3))


def _figure(group: GroupReport, who: str | None, lang: str, own: bool) -> Figure:
    """`who` names the municipality in the legend; `own` draws its marks too."""
    subs = [level for level in group.levels if not level.is_total]
    total = [level for level in group.levels if level.is_total]
    # 72 dpi: display units are SVG points, so overlay positions need no scaling
    figure = Figure(figsize=(7.2, 0.42 * len(group.levels) + 1.9), dpi=72)
    grid = figure.add_gridspec(2, 1, height_ratios=[max(len(subs), 1), 1.3], hspace=0.45)
    if subs:
        _draw_rows(figure.add_subplot(grid[0]), subs, own)
    bottom = figure.add_subplot(grid[1])
    _draw_rows(bottom, total, own)
    bottom.set_xlabel(t("Staff hours per citizen", lang))
    handles = [
        Patch(color=RANGE, label=t("Rooms' range: lowest low–highest high", lang)),
        Patch(
            fill=False,
            edgecolor=REFERENCE,
            label=t("Published: spread between municipalities (avg. |)", lang),
        ),
        Patch(
            color=PEER,
            alpha=0.6,
            label=t("Workshop midpoints (how many where): compare with the published", lang),
        ),
        Line2D(
            [], [], color="black", marker="|", ls="", ms=8, mew=2, label=t("Mean midpoint", lang)
        ),
    ]
    if who:
        handles.append(
            Line2D(
                [],
                [],
                color=OWN,
                marker="D",
                ms=5,
                label=t("{who}: midpoint, low–high", lang, who=who),
            )
        )
    figure.legend(handles=handles, loc="lower center", ncol=2, frameon=False, fontsize=7)
    figure.subplots_adjust(left=0.32, right=0.97, top=0.97, bottom=0.30 if who else 0.27)
    return figure


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]


@dataclass
class _Base:
    """A drawn chart and, per level key, how to place a value on it (SVG points)."""

    svg: str
    # level key -> (x scale, x offset, y) with page x = scale * hours + offset
    rows: dict[str, tuple[float, float, float]]


def _base(group: GroupReport, who_legend: str | None, lang: str) -> _Base:
    figure = _figure(group, who_legend, lang, own=False)
    svg = _svg(figure)  # draws: the axes' limits and transforms are final after this
    height = figure.get_figheight() * 72
    rows: dict[str, tuple[float, float, float]] = {}
    for axes in figure.axes:
        labels = [tick.get_text() for tick in axes.get_yticklabels()]
        levels = {level.label: level for level in group.levels}
        for y, label in enumerate(labels):
            (x0, y_page), (x1, _) = axes.transData.transform([(0.0, y), (1.0, y)])
            rows[levels[label].key] = (x1 - x0, x0, height - y_page)
    return _Base(svg, rows)


def _overlay(base: _Base, group: GroupReport) -> str:
    """The municipality's marks as SVG: a line across its low-high, a diamond at its mid."""
    parts = []
    for level in group.levels:
        if level.own_mid is None or level.key not in base.rows:
            continue
        scale, offset, y = base.rows[level.key]
        low, high = (scale * v + offset for v in (level.own_low or 0.0, level.own_high or 0.0))
        mid = scale * level.own_mid + offset
        r = 4.4  # the diamond's half diagonal, as matplotlib's marker "D" at s=38
        parts.append(
            f'<line x1="{low:.2f}" y1="{y:.2f}" x2="{high:.2f}" y2="{y:.2f}" '
            f'stroke="{OWN}" stroke-width="1.5"/>'
            f'<polygon points="{mid:.2f},{y - r:.2f} {mid + r:.2f},{y:.2f} {mid:.2f},'
            f'{y + r:.2f} {mid - r:.2f},{y:.2f}" fill="{OWN}"/>'
        )
    title = escape(group.title)
    marks = "".join(parts)
    return (
        f'<g class="own-marks" data-chart="{escape(group.key)}"><title>{title}</title>{marks}</g>'
    )


@dataclass
class ChartCache:
    """Base charts shared by every report drawn with this cache (one merge, one language)."""

    bases: dict[tuple[str, bool], _Base] = field(default_factory=dict)

    def svg(self, group: GroupReport, who: str | None, lang: str) -> str:
        key = (f"{group.key}/{lang}", who is not None)
        if key not in self.bases:
            legend = t("This municipality", lang) if who else None
            with rc_context(STYLE):
                self.bases[key] = _base(group, legend, lang)
        base = self.bases[key]
        if who is None:
            return base.svg
        end = base.svg.rindex("</svg>")
        return base.svg[:end] + _overlay(base, group) + base.svg[end:]


def chart_svg(group: GroupReport, who: str | None, lang: str) -> str:
    """The chart as an <svg> element for inlining (no XML prologue, no date)."""
    return ChartCache().svg(group, who, lang)


def chart_png(group: GroupReport, who: str | None, lang: str, dpi: int = 150) -> bytes:
    """The same chart as PNG, for slides, drawn whole."""
    with rc_context(STYLE):
        buffer = io.BytesIO()
        _figure(group, who, lang, own=who is not None).savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()
