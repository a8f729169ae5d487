"""The codebook sheet of every XLSX the program writes: each column's meaning and unit,
in English and Danish, so a workbook handed on explains itself.

`COLUMNS` is keyed by the column's id (the CSV and JSON name); `add_codebook`
lists the columns of the given sheets in the order they appear, with the header
as the sheet shows it (Danish under --lang da).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workshop_tui.core.i18n import t
from workshop_tui.core.xlsx import add_sheet

if TYPE_CHECKING:  # pragma: no cover - typing only
    from openpyxl import Workbook

H = "h"  # staff hours per citizen who receives the intervention


@dataclass(frozen=True)
class Column:
    unit: str
    en: str
    da: str


def _c(unit: str, en: str, da: str) -> Column:
    return Column(unit, en, da)


COLUMNS: dict[str, Column] = {
    # who, what and where
    "session_id": _c("id", "The workshop's session id", "Workshoppens session-id"),
    "municipality": _c(
        "text", "The municipality that held the workshop", "Kommunen der holdt workshoppen"
    ),
    "workshop_date": _c(
        "date", "The day of the workshop (YYYY-MM-DD)", "Workshoppens dato (ÅÅÅÅ-MM-DD)"
    ),
    "process_id": _c(
        "id", "The key process (processes/*.yaml)", "Kerneprocessen (processes/*.yaml)"
    ),
    "process_name": _c("text", "The key process's name", "Kerneprocessens navn"),
    "process_version": _c(
        "text",
        "The process definition's version the room used",
        "Versionen af procesdefinitionen lokalet brugte",
    ),
    "group_id": _c("id", "The target group", "Målgruppen"),
    "group_name": _c("text", "The target group's name", "Målgruppens navn"),
    "groups": _c(
        "id", "The target groups the workshop estimated", "Målgrupperne workshoppen estimerede"
    ),
    "level": _c(
        "id",
        "A subprocess's number, or 'total' for the whole process",
        "Delprocessens nummer, eller 'total' for hele processen",
    ),
    "level_name": _c("text", "The subprocess's name, or Total", "Delprocessens navn, eller Samlet"),
    "subprocess_no": _c(
        "number", "The subprocess's number in the process", "Delprocessens nummer i processen"
    ),
    "subprocess_name": _c("text", "The subprocess's name", "Delprocessens navn"),
    "activity_id": _c(
        "id",
        "The activity (local_...: added in the room)",
        "Aktiviteten (local_...: tilføjet i lokalet)",
    ),
    "activity_name": _c("text", "The activity's name", "Aktivitetens navn"),
    "id": _c("id", "The published check figure", "Det offentliggjorte kontroltal"),
    "text": _c("text", "The text as written", "Teksten som skrevet"),
    "note": _c("text", "The room's note on the cell", "Lokalets note til cellen"),
    "notes": _c("text", "The workshop's notes", "Workshoppens noter"),
    "source": _c("text", "The file it was read from", "Filen den blev læst fra"),
    "line": _c("number", "The line in that file (CSV)", "Linjen i filen (CSV)"),
    "format": _c("text", "The file's format (json or csv)", "Filens format (json eller csv)"),
    "participants": _c("count", "People who took part", "Deltagere"),
    "roles": _c(
        "text",
        "Who took part, counted per role (e.g. '5 sagsbehandlere, 1 teamleder')",
        "Hvem der deltog, talt pr. rolle (fx '5 sagsbehandlere, 1 teamleder')",
    ),
    "municipalities": _c(
        "text", "The municipalities that added it", "Kommunerne der tilføjede den"
    ),
    "local": _c(
        "true/false",
        "Added in the room, not in the process definition",
        "Tilføjet i lokalet, ikke i procesdefinitionen",
    ),
    "reason": _c("text", "Why it was skipped", "Hvorfor den blev sprunget over"),
    "field": _c(
        "text", "The field (column) the reason is about", "Feltet (kolonnen) grunden gælder"
    ),
    # a workshop's estimates
    "low_hours": _c(
        H,
        "The room's low estimate for one case, as typed",
        "Lokalets lave estimat for én sag, som indtastet",
    ),
    "high_hours": _c(
        H,
        "The room's high estimate for one case, as typed",
        "Lokalets høje estimat for én sag, som indtastet",
    ),
    "first_low_hours": _c(
        H,
        "The low estimate when the first round closed",
        "Det lave estimat da første runde lukkede",
    ),
    "first_high_hours": _c(
        H,
        "The high estimate when the first round closed",
        "Det høje estimat da første runde lukkede",
    ),
    "staff": _c(
        "count", "Staff taking part in the activity", "Medarbejdere der deltager i aktiviteten"
    ),
    "share": _c(
        "share",
        "Share of cases the activity happens in (0-1)",
        "Andel af sagerne aktiviteten sker i (0-1)",
    ),
    "applicable": _c(
        "true/false", "The activity applies to the group", "Aktiviteten gælder målgruppen"
    ),
    "time_consuming": _c("true/false", "Marked as time-consuming", "Markeret som tidskrævende"),
    "completeness": _c(
        "share", "Share of the expected cells filled in", "Andel af de forventede celler udfyldt"
    ),
    "cells_filled": _c("count", "Cells with both low and high", "Celler med både lavt og højt"),
    "cells_expected": _c("count", "Cells the level has", "Celler niveauet har"),
    "section": _c("text", "What the note belongs to", "Hvad noten hører til"),
    "item": _c("text", "The item the note is about", "Det noten handler om"),
    # hours across workshops
    "n_workshops": _c("count", "Workshops behind the figure", "Workshops bag tallet"),
    "low": _c(
        H,
        "Lowest low among the workshops (one workshop: its low)",
        "Laveste lave blandt workshops (én workshop: dens lave)",
    ),
    "high": _c(
        H,
        "Highest high among the workshops (one workshop: its high)",
        "Højeste høje blandt workshops (én workshop: dens høje)",
    ),
    "mid": _c(
        H, "The workshop's midpoint, (low + high) / 2", "Workshoppens midtpunkt, (lavt + højt) / 2"
    ),
    "mean": _c(H, "Mean of the workshops' midpoints", "Gennemsnit af workshoppernes midtpunkter"),
    "median": _c(H, "Median of the workshops' midpoints", "Median af workshoppernes midtpunkter"),
    "min_mid": _c(H, "Lowest workshop midpoint", "Laveste workshop-midtpunkt"),
    "max_mid": _c(H, "Highest workshop midpoint", "Højeste workshop-midtpunkt"),
    "mean_mid": _c(
        H, "Mean of the workshops' midpoints", "Gennemsnit af workshoppernes midtpunkter"
    ),
    "ref_low": _c(H, "The published reference's low", "Den offentliggjorte references lave"),
    "ref_high": _c(H, "The published reference's high", "Den offentliggjorte references høje"),
    "ref_avg": _c(
        H, "The published reference's average", "Den offentliggjorte references gennemsnit"
    ),
    "status": _c(
        "id",
        "Whether the workshop estimated the level: estimated, not_estimated, or incomplete "
        "(a total with a level not estimated)",
        "Om workshoppen estimerede niveauet: estimated (estimeret), not_estimated (ikke "
        "estimeret) eller incomplete (et total med et niveau der ikke er estimeret)",
    ),
    "median_relative_iqr": _c(
        "share",
        "How far a room's participants spread: per cell the interquartile range of the "
        "participants' midpoints over their median; the median over the rooms' cells",
        "Hvor meget et lokales deltagere spreder sig: pr. celle kvartilbredden af "
        "deltagernes midtpunkter over deres median; medianen over lokalernes celler",
    ),
    "n_cells": _c("count", "Cells the participants estimated", "Celler deltagerne estimerede"),
    "n_rooms": _c(
        "count",
        "Workshops whose participants gave their own estimates",
        "Workshops hvis deltagere gav deres egne estimater",
    ),
    "n_workshops_no_room": _c(
        "count",
        "Workshops of the process without participants' own estimates",
        "Workshops i processen uden deltagernes egne estimater",
    ),
    "no": _c("count", "The participant's number in the list", "Deltagerens nummer i listen"),
    "role": _c("text", "The participant's role", "Deltagerens rolle"),
    "group_ids": _c(
        "id", "The target groups the participant works with", "Målgrupperne deltageren arbejder med"
    ),
    "group_names": _c(
        "text",
        "The names of the target groups the participant works with",
        "Navnene på målgrupperne deltageren arbejder med",
    ),
    "initials": _c(
        "text", "The participant's initials, if given", "Deltagerens initialer, hvis givet"
    ),
    "participant": _c(
        "text",
        "The participant as the room knew them: the name typed, or 'Deltager 3'",
        "Deltageren som lokalet kendte dem: det indtastede navn eller 'Deltager 3'",
    ),
    "submitted_at": _c(
        "time",
        "When the participant gave the estimate (UTC)",
        "Hvornår deltageren gav estimatet (UTC)",
    ),
    "function": _c(
        "id",
        "The source's function doing the work: borgernaere, tvaergaaende, ydelse or ledelse",
        "Kildens funktion der udfører arbejdet: borgernære, tværgående, ydelse eller ledelse",
    ),
    "dkk_per_hour": _c(
        "DKK/h",
        "The function's cost of a productive hour: a year's salary plus overhead",
        "Funktionens pris for en produktiv time: et års løn plus overhead",
    ),
    "average_hours_per_case": _c(
        H,
        "Hours per case the source's own published averages give",
        "Timer pr. sag som kildens egne offentliggjorte gennemsnit giver",
    ),
    "average_dkk": _c(
        "DKK",
        "The published averages priced by this costing: what the costing alone gives",
        "De offentliggjorte gennemsnit prissat med denne omkostningsberegning",
    ),
    "average_ratio": _c(
        "ratio",
        "average_dkk over the published figure: the costing's own gap (the rooms' part is "
        "ratio / average_ratio)",
        "average_dkk over det offentliggjorte tal: beregningens egen afstand (lokalernes "
        "del er ratio / average_ratio)",
    ),
    "ref_municipalities": _c(
        "count",
        "Municipalities behind the published reference",
        "Kommuner bag den offentliggjorte reference",
    ),
    "n_below": _c(
        "count",
        "Workshops below the published range",
        "Workshops under det offentliggjorte interval",
    ),
    "n_within": _c(
        "count",
        "Workshops within the published range",
        "Workshops inden for det offentliggjorte interval",
    ),
    "n_above": _c(
        "count",
        "Workshops above the published range",
        "Workshops over det offentliggjorte interval",
    ),
    "vs_reference": _c(
        "text",
        "Midpoint below, within or above the published range",
        "Midtpunkt under, inden for eller over det offentliggjorte interval",
    ),
    "peer_median": _c(
        H, "Median midpoint of the other workshops", "Median-midtpunkt for de andre workshops"
    ),
    "vs_peers": _c(
        "text", "Midpoint below or above that median", "Midtpunkt under eller over den median"
    ),
    "counted": _c(
        "true/false",
        "Counted in the tables (estimated whole)",
        "Talt med i tabellerne (estimeret helt)",
    ),
    "share_of_mean": _c("share", "Share of the mean total", "Andel af det gennemsnitlige samlede"),
    "spread_share": _c(
        "share", "Share of the spread between workshops", "Andel af spredningen mellem workshops"
    ),
    "rank": _c(
        "number",
        "Order by the share of the spread (1 = most)",
        "Rækkefølge efter andel af spredningen (1 = mest)",
    ),
    "n_with": _c("count", "Workshops with the activity", "Workshops med aktiviteten"),
    "n_time_consuming": _c(
        "count",
        "Workshops that marked it time-consuming",
        "Workshops der markerede den tidskrævende",
    ),
    "n_not_applicable": _c(
        "count",
        "Workshops that marked it not applicable",
        "Workshops der markerede den ikke relevant",
    ),
    "measure": _c(
        "text",
        "Which figure of the row: low, high or average",
        "Hvilket tal rækken har: lavt, højt eller gennemsnit",
    ),
    "rule": _c("id", "The screening rule", "Screeningsreglen"),
    "action": _c(
        "text",
        "What the merge did: flagged, excluded or refused",
        "Hvad sammenlægningen gjorde: markeret, udeladt eller afvist",
    ),
    "detail": _c("text", "What was found", "Hvad der blev fundet"),
    "mean_change": _c(
        H,
        "Mean change of the midpoint from the first round",
        "Gennemsnitlig ændring af midtpunktet fra første runde",
    ),
    "mean_width_first": _c(
        H,
        "Mean width (high - low) in the first round",
        "Gennemsnitlig bredde (højt - lavt) i første runde",
    ),
    "mean_width_agreed": _c(
        H, "Mean width (high - low) agreed", "Gennemsnitlig bredde (højt - lavt) aftalt"
    ),
    "n_figures": _c("count", "Figures compared", "Sammenlignede tal"),
    "n_workshops_rounds": _c("count", "Workshops that held rounds", "Workshops der holdt runder"),
    "n_workshops_without": _c("count", "Workshops without rounds", "Workshops uden runder"),
    "chart_bar": _c(
        "text",
        "The chart's bar: level and whose range",
        "Diagrammets søjle: niveau og hvis interval",
    ),
    "chart_low": _c(
        H, "Where the bar starts (the range's low)", "Hvor søjlen starter (intervallets lave)"
    ),
    "chart_range": _c(H, "The bar's length (high - low)", "Søjlens længde (højt - lavt)"),
    "chart_kind": _c(
        "text",
        "The workshops' range or the published national one",
        "Workshoppernes interval eller det offentliggjorte nationale",
    ),
    "median_minutes": _c(
        "minutes", "Median minutes the room spent", "Median minutter lokalet brugte"
    ),
    # kroner and staff-years
    "hours_low": _c(H, "Lowest workshop's hours", "Laveste workshops timer"),
    "hours_mid": _c(
        H, "Mean of the workshops' midpoints", "Gennemsnit af workshoppernes midtpunkter"
    ),
    "hours_high": _c(H, "Highest workshop's hours", "Højeste workshops timer"),
    "hours_ci_low": _c(
        H,
        "Bootstrap 90 % interval of the mean: low",
        "Bootstrap 90 %-interval for gennemsnittet: lavt",
    ),
    "hours_ci_high": _c(
        H,
        "Bootstrap 90 % interval of the mean: high",
        "Bootstrap 90 %-interval for gennemsnittet: højt",
    ),
    "ci_trusted": _c(
        "true/false",
        "Enough workshops to trust the interval",
        "Nok workshops til at stole på intervallet",
    ),
    "dkk_low": _c(
        "DKK", "Cost of one case at the lowest workshop", "Pris for én sag ved laveste workshop"
    ),
    "dkk_mid": _c("DKK", "Cost of one case at the mean", "Pris for én sag ved gennemsnittet"),
    "dkk_high": _c(
        "DKK", "Cost of one case at the highest workshop", "Pris for én sag ved højeste workshop"
    ),
    "dkk_ci_low": _c(
        "DKK",
        "Bootstrap 90 % interval of the cost: low",
        "Bootstrap 90 %-interval for prisen: lavt",
    ),
    "dkk_ci_high": _c(
        "DKK",
        "Bootstrap 90 % interval of the cost: high",
        "Bootstrap 90 %-interval for prisen: højt",
    ),
    "fte_per_case": _c("FTE", "Staff-years one case takes", "Årsværk én sag tager"),
    "cases_per_year": _c(
        "cases a year", "Cases a year (the costing file)", "Sager om året (omkostningsfilen)"
    ),
    "volume_basis": _c(
        "text",
        "The volume's basis: published, derived or assumption",
        "Volumens grundlag: offentliggjort, afledt eller antagelse",
    ),
    "hours_per_year": _c("hours a year", "Staff hours a year", "Personaletimer om året"),
    "fte": _c(
        "FTE",
        "Staff-years a year (hours a year / productive hours)",
        "Årsværk om året (timer om året / produktive timer)",
    ),
    "dkk_per_year": _c("DKK a year", "Cost a year", "Omkostning om året"),
    "figures_from": _c(
        "text", "Own workshops or the national mean", "Egne workshops eller landsgennemsnittet"
    ),
    "hours_per_case": _c(H, "Hours of one case", "Timer for én sag"),
    "dkk_per_case": _c("DKK", "Cost of one case", "Pris for én sag"),
    "published_dkk": _c("DKK", "The published figure", "Det offentliggjorte tal"),
    "cases": _c(
        "count", "The cases the published figure covers", "Sagerne det offentliggjorte tal dækker"
    ),
    "published_dkk_per_case": _c(
        "DKK", "Published cost of one case", "Offentliggjort pris for én sag"
    ),
    "computed_dkk_per_case": _c("DKK", "Computed cost of one case", "Beregnet pris for én sag"),
    "computed_hours_per_case": _c(H, "Computed hours of one case", "Beregnede timer for én sag"),
    "computed_dkk": _c("DKK", "Computed cost of all the cases", "Beregnet pris for alle sagerne"),
    "ratio": _c("ratio", "Computed / published", "Beregnet / offentliggjort"),
    "implied_dkk_per_hour": _c(
        "DKK an hour",
        "Published cost per case / computed hours",
        "Offentliggjort pris pr. sag / beregnede timer",
    ),
    "costing_dkk_per_hour": _c(
        "DKK an hour", "The costing file's hourly cost", "Omkostningsfilens timepris"
    ),
    "weighting": _c("text", "How the groups were weighted", "Hvordan målgrupperne blev vægtet"),
}
"""Every column of every XLSX sheet, by its id."""

CODEBOOK_SHEET = {"en": "codebook", "da": "Kodebog"}


def add_codebook(
    workbook: Workbook,
    sheets: Sequence[tuple[str, Sequence[str]]],
    lang: str,
    process_ids: Collection[str] = (),
    header_rows: dict[str, int] | None = None,
) -> None:
    """A last sheet listing, per sheet, each column (id and header as shown), its
    meaning in English and Danish, and its unit. `sheets`: (sheet title, column ids);
    a process's id as a column (table 2.1 has one each) is described as such.
    `header_rows`: a sheet whose header is not its first row (the charts sheet)."""
    rows = []
    for title, ids in sheets:
        sheet = workbook[title[:31]]
        shown = [cell.value for cell in sheet[(header_rows or {}).get(title, 1)]]
        for index, column_id in enumerate(ids):
            meaning = COLUMNS.get(column_id) or (
                describe(column_id) if column_id in process_ids else UNKNOWN
            )
            as_shown = shown[index] if index < len(shown) else column_id
            rows.append(
                [sheet.title, column_id, str(as_shown), meaning.en, meaning.da, meaning.unit]
            )
    columns = [
        t("Sheet", lang),
        t("Column", lang),
        t("Header", lang),
        "Meaning (English)",
        "Betydning (dansk)",
        t("Unit", lang),
    ]
    add_sheet(workbook, CODEBOOK_SHEET["da" if lang == "da" else "en"], columns, rows)


UNKNOWN = Column("", "", "")  # a column added without its entry: a test catches it


def describe(column_id: str) -> Column:
    """A column that is a process's id (table 2.1 has one per process)."""
    return Column(
        H,
        f"The process '{column_id}': the row's figure for it",
        f"Processen '{column_id}': rækkens tal for den",
    )


__all__ = ["CODEBOOK_SHEET", "COLUMNS", "Column", "add_codebook"]
