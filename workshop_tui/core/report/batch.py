"""Every municipality's report and the national one from one merge, in one run.

The merge is split by process and group once (MergeIndex), each chart's shared
part drawn once (ChartCache) and each workshop's P10/P50/P90 drawn once, so a
page costs a lookup of its own workshops, not another pass over the exports.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from workshop_tui.core.costing import Costing, CostResult
from workshop_tui.core.merge import LoadResult, Summary
from workshop_tui.core.process.catalogue import Catalogue
from workshop_tui.core.report.charts import ChartCache
from workshop_tui.core.report.data import MergeIndex, build_report
from workshop_tui.core.report.page import render_html
from workshop_tui.core.session.model import slug
from workshop_tui.core.uncertainty import Distribution

NATIONAL_FILE = "national.html"


@dataclass(frozen=True)
class Page:
    """One page of the run: whose (None: the national page), its file name and its HTML."""

    municipality: str | None
    filename: str
    html: str


def page_filenames(municipalities: list[str]) -> dict[str, str]:
    """'Aarhus Øst' -> 'aarhus_oest.html', unique in the folder (a second name that
    reads the same gets '_2', and none takes the national page's name)."""
    taken = {NATIONAL_FILE}
    names = {}
    for municipality in municipalities:
        base = slug(municipality) or "municipality"
        candidate, n = f"{base}.html", 2
        while candidate in taken:
            candidate, n = f"{base}_{n}.html", n + 1
        taken.add(candidate)
        names[municipality] = candidate
    return names


def all_reports(
    catalogue: Catalogue,
    result: LoadResult,
    summary: Summary,
    costs: CostResult,
    costing: Costing,
    lang: str,
    distribution: Distribution = "uniform",
) -> Iterator[Page]:
    """Each municipality's page (in the order of their names), then the national page."""
    index = MergeIndex(result, summary, costs)
    charts = ChartCache()
    names = sorted({record.municipality for record in result.records})
    filenames = page_filenames(names)
    for who in [*names, None]:
        data = build_report(
            catalogue, result, summary, costs, costing, who, lang, distribution, index=index
        )
        filename = filenames[who] if who is not None else NATIONAL_FILE
        yield Page(who, filename, render_html(data, charts))
