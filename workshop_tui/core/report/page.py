"""The report as one self-contained HTML page: Jinja2 template, inline SVG, no network.

The page loads nothing: no fonts, scripts, stylesheets or images from anywhere
(a Content-Security-Policy in the page says so too), so it opens offline,
prints on A4 and can be mailed as one file. Figures sit in cells with
`data-figure="process/group/level/name"` and the raw value in `data-value`, so
a test (or a curious analyst) can hold them against `merge` and `cost`.
"""

from __future__ import annotations

from dataclasses import dataclass

import jinja2

from workshop_tui.core.costing.texts import BASIS_WORDS, check_lines
from workshop_tui.core.formatting import (
    format_millions,
    format_number,
    hours_text,
    published_text,
    range_text,
)
from workshop_tui.core.i18n import N_, nt, t
from workshop_tui.core.merge.counting import INCOMPLETE, NOT_ESTIMATED, STATUS_WORDS
from workshop_tui.core.process.reference import POSITION_WORDS
from workshop_tui.core.report.charts import ChartCache
from workshop_tui.core.report.data import Level, ReportData
from workshop_tui.core.uncertainty import MIN_TRUSTED

_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.PackageLoader("workshop_tui.core.report", "templates"),
    autoescape=True,  # the rooms' notes and names are user text
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)

DISTRIBUTIONS = {
    "uniform": N_("uniformly"),
    "triangular": N_("triangularly (peaked at the midpoint)"),
}
"""How the sampling spreads between low and high, by the distribution's name."""

OWN_STATUS_WORDS = {status: STATUS_WORDS[status] for status in (NOT_ESTIMATED, INCOMPLETE)}
"""What the own workshop's cell says where it has no figure to count (counting.py)."""


@dataclass
class CostingFigure:
    basis: str
    what: str
    value: str
    source: str


def render_html(data: ReportData, charts: ChartCache | None = None) -> str:
    """The page. Pass one ChartCache to every report of the same merge and language:
    the charts' shared parts are then drawn once."""
    lang = data.lang
    who = data.municipality
    charts = charts if charts is not None else ChartCache()
    for group in data.groups:
        group.chart_svg = charts.svg(group, who, lang)

    def hours(value: float | None, decimals: int = 2) -> str:
        return hours_text(value, lang, decimals)

    def span(low: float | None, high: float | None, decimals: int = 1) -> str:
        return range_text(low, high, lang, decimals)

    def published(level: Level) -> str:
        return published_text(
            level.ref_low, level.ref_high, level.ref_avg, level.ref_municipalities, lang
        )

    def own_hours(level: Level) -> str:
        """The own midpoint, or why there is none (counting.py's rule)."""
        if level.own_status in OWN_STATUS_WORDS:
            return t(OWN_STATUS_WORDS[level.own_status], lang)
        return hours_text(level.own_mid, lang)

    title = (
        t("Benchlearning report: {who}", lang, who=who)
        if who
        else t("Benchlearning report: the national picture", lang)
    )
    lead = t(
        "{workshops} from {municipalities}. All hours are {unit}.",
        lang,
        workshops=nt("{n} workshop", "{n} workshops", data.n_workshops, lang, n=data.n_workshops),
        municipalities=nt(
            "{n} municipality",
            "{n} municipalities",
            data.n_municipalities,
            lang,
            n=data.n_municipalities,
        ),
        unit=t("staff hours per citizen who receives the intervention", lang),
    )
    checks = [
        {"id": row.id, "ratio": row.ratio, "text": text}
        for row, text in zip(
            data.checks.itertuples(index=False), check_lines(data.checks, lang), strict=True
        )
        if row.process_id in {g.process_id for g in data.groups}
    ]
    return _ENVIRONMENT.get_template("report.html.j2").render(
        lang=lang,
        title=title,
        lead=lead,
        own=who,
        groups=data.groups,
        checks=checks,
        processes=[_process_provenance(p, lang) for p in data.processes],
        skipped=data.skipped,
        costing_name=data.costing.path.name,
        costing_figures=_costing_figures(data),
        seed=data.seed,
        distribution=data.distribution,
        min_trusted=MIN_TRUSTED,
        t=lambda message, /, **values: t(message, lang, **values),
        nt=lambda singular, plural, count, /, **values: nt(singular, plural, count, lang, **values),
        positions=POSITION_WORDS,
        bases=BASIS_WORDS,
        distributions=DISTRIBUTIONS,
        hours=hours,
        span=span,
        published=published,
        own_hours=own_hours,
        statuses=OWN_STATUS_WORDS,
        number=lambda value, decimals=0: format_number(value, lang, decimals),
        millions=lambda value: format_millions(value, lang),
    )


def _process_provenance(process: object, lang: str) -> dict[str, object]:
    from workshop_tui.core.process.model import ProcessDefinition

    assert isinstance(process, ProcessDefinition)
    inferred = sum(s.inferred for s in process.subprocesses) + sum(
        a.inferred for s in process.subprocesses for a in s.activities
    )
    return {
        "name_text": process.name.in_lang(lang),
        "source": process.reference.source,
        "table": process.reference.table,
        "inferred": inferred,
    }


def _costing_figures(data: ReportData) -> list[CostingFigure]:
    """Every costing figure the page uses, with its basis and source."""
    lang = data.lang
    file = data.costing.file
    figures = [
        CostingFigure(
            file.overhead_basis,
            t("Overhead", lang),
            format_number(file.overhead_share * 100, lang) + " %",
            file.overhead_source,
        ),
        CostingFigure(
            file.fte_hours_basis,
            t("Productive hours in one FTE", lang),
            format_number(file.fte_hours, lang),
            file.fte_hours_source,
        ),
    ]
    salaried = [*file.functions.items()] + [
        (role_id, role) for role_id, role in file.roles.items() if role.monthly_salary_dkk
    ]
    for cost_id, payer in salaried:
        value = t(
            "DKK {salary} a month, DKK {rate} an hour",
            lang,
            salary=format_number(file.monthly_salary(cost_id), lang),
            rate=format_number(file.hourly_cost(cost_id), lang),
        )
        basis, source = payer.basis or "assumption", payer.source or ""
        figures.append(CostingFigure(basis, payer.name.in_lang(lang), value, source))
    shown = {(g.process_id, g.group_id) for g in data.groups}
    for volume in file.volumes:
        if (volume.process, volume.group) in shown:
            figures.append(
                CostingFigure(
                    volume.basis,
                    t(
                        "Cases a year, {process}/{group}",
                        lang,
                        process=volume.process,
                        group=volume.group,
                    ),
                    format_number(volume.cases_per_year, lang),
                    volume.source,
                )
            )
    return figures
