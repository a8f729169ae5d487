"""The benchlearning report: one self-contained HTML page per municipality (or the
national picture), with figure-5.6-style range charts as inline SVG.

    >>> data = build_report(catalogue, result, summary, costs, costing, "Søby", "da")
    >>> html = render_html(data)

matplotlib and Jinja2 are imported here (charts, page); the app never imports this.
"""

from workshop_tui.core.report.data import GroupReport, ReportData, build_report
from workshop_tui.core.report.page import render_html

__all__ = ["GroupReport", "ReportData", "build_report", "render_html"]
