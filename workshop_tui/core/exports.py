"""Exports of one workshop session: tidy CSV, XLSX and the canonical JSON.

The JSON session file is the lossless, versioned export (`workshop-tui schema
session`). The tidy CSV has one row per workshop x target group x activity
(local activities included) with the header in `TIDY_COLUMNS`; it is what
`workshop-tui merge` reads besides the JSON (workshop_tui/core/tidy/reader.py reads it
back into sessions; tidy/table.py defines its row). The XLSX holds the same estimates,
the subprocess and process totals per group from the totals engine, the
notes and, where the participants are listed, each one's role and target groups,
for people who open it in Excel or LibreOffice.

Text typed by users (municipality, notes, activity names) can never become a
spreadsheet formula: in CSV a cell starting with = + - @ tab or carriage return
gets a leading apostrophe (OWASP's advice for CSV injection), and in XLSX every
text is written as a string cell. The csv module quotes cells holding commas,
quotes or line breaks, so a note can never break a row.

openpyxl is imported only when an XLSX is written: the app calls this module
when the user presses the export key, and must not pay for it at start-up.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from workshop_tui.core.codebook import add_codebook
from workshop_tui.core.csv_dialect import DEFAULT_DIALECT, csv_bytes, write_csv
from workshop_tui.core.errors import Problem, WorkshopError
from workshop_tui.core.formatting import group_label
from workshop_tui.core.i18n import N_, t
from workshop_tui.core.process.model import ProcessDefinition
from workshop_tui.core.process.reference import POSITION_WORDS, TOTAL, position, reference_for
from workshop_tui.core.session.model import Session
from workshop_tui.core.session.staff import roles_summary
from workshop_tui.core.session.storage import session_json, write_file
from workshop_tui.core.tidy.table import (
    TIDY_COLUMNS,
    TidyRow,
    csv_number,
    csv_text,
    tidy_rows,
    unquote_csv_text,
)
from workshop_tui.core.totals import Span, activity_lines, group_totals
from workshop_tui.core.workshop.agenda import format_minutes
from workshop_tui.core.workshop.rounds import first_figure
from workshop_tui.core.workshop.time_spent import plan_against_actual
from workshop_tui.core.xlsx import add_sheet, new_workbook, workbook_bytes

# ---------------------------------------------------------------- tidy rows


def check_exportable(session: Session, process: ProcessDefinition, path: Path | str = "") -> None:
    """Raise a WorkshopError if the session does not fit its process definition.

    An activity unknown to the definition would have no subprocess and would be
    lost from the export, so exporting it is refused with the reason instead.
    """
    from workshop_tui.core.process.catalogue import check_session

    if session.process_id != process.id:
        raise WorkshopError(
            N_("Wrong process"),
            [Problem(Path(path), f"session is for '{session.process_id}', not '{process.id}'")],
        )
    problems = check_session(session, process, Path(path))
    if problems:
        raise WorkshopError(N_("Session does not fit its process definition"), problems)


# The first-round figures, appended after the 15 tidy columns (which stay first and
# in order): empty where the cell's round has not closed or it had no figure then.
FIRST_COLUMNS = ("first_low_hours", "first_high_hours")
EXPORT_COLUMNS = (*TIDY_COLUMNS, *FIRST_COLUMNS)


def _first(session: Session, row: TidyRow) -> list[float | None]:
    figure = first_figure(session, row.activity_id, row.group_id)
    return [figure.low, figure.high] if figure else [None, None]


def to_csv(
    session: Session, process: ProcessDefinition, lang: str = "en", dialect: str = DEFAULT_DIALECT
) -> str:
    """The tidy CSV text (CRLF line ends as RFC 4180 has them; encode with csv_bytes)."""
    rows = (
        row.csv_cells() + [csv_number(v) for v in _first(session, row)]
        for row in tidy_rows(session, process, lang)
    )
    # "\r\n" ends: a lone CR inside a note gets quoted too
    return write_csv([EXPORT_COLUMNS, *rows], dialect, lineterminator="\r\n")


# ---------------------------------------------------------------- participants

# The participants' own estimates, one row per participant and cell (`--table participants`).
PARTICIPANT_COLUMNS = (
    "session_id",
    "participant",
    "activity_id",
    "group_id",
    "low_hours",
    "high_hours",
    "submitted_at",
)


def _participant_rows(session: Session) -> Iterator[list[Any]]:
    for given in session.participant_estimates:
        yield [
            session.session_id,
            given.participant,
            given.activity_id,
            given.group_id,
            given.low,
            given.high,
            given.submitted_at.isoformat(),
        ]


def participants_csv(session: Session, dialect: str = DEFAULT_DIALECT) -> str:
    """Each participant's own low and high per cell, as given from their device."""
    rows = (
        [csv_number(v) if isinstance(v, float) else csv_text(str(v)) for v in row]
        for row in _participant_rows(session)
    )
    return write_csv([PARTICIPANT_COLUMNS, *rows], dialect)


# ---------------------------------------------------------------- XLSX


def to_xlsx(session: Session, process: ProcessDefinition, lang: str = "en") -> bytes:
    """The XLSX export: estimates (as the tidy CSV), totals per group, notes, and the
    participants' own estimates when the workshop had a participants' room."""
    workbook = new_workbook()
    add_sheet(
        workbook,
        t("Estimates", lang),
        EXPORT_COLUMNS,
        (row.cells() + _first(session, row) for row in tidy_rows(session, process, lang)),
    )
    add_sheet(
        workbook,
        t("Totals", lang),
        _totals_header(lang),
        _totals_rows(session, process, lang),
        integer_columns=(3, 8, 9),
    )
    add_sheet(
        workbook,
        t("Notes", lang),
        _notes_header(lang),
        _notes_rows(session, process, lang),
    )
    sheets = [
        (t("Estimates", lang), EXPORT_COLUMNS),
        (t("Totals", lang), TOTALS_COLUMNS),
        (t("Notes", lang), NOTES_COLUMNS),
    ]
    if session.staff:  # a session with only a count of participants has no such sheet
        add_sheet(
            workbook,
            t("Participants", lang),
            _staff_header(lang),
            _staff_rows(session, process, lang),
            integer_columns=(0,),
        )
        sheets.append((t("Participants", lang), STAFF_COLUMNS))
    if session.participant_estimates:  # a workshop with a participants' room
        title = t("Participants' estimates", lang)
        add_sheet(workbook, title, PARTICIPANT_COLUMNS, _participant_rows(session))
        sheets.append((title, PARTICIPANT_COLUMNS))
    add_codebook(workbook, sheets, lang)
    return workbook_bytes(workbook)


# The Totals and Notes sheets' columns by id (their headers are in the user's language)
TOTALS_COLUMNS = (
    "process_id",
    "group_id",
    "group_name",
    "level",
    "level_name",
    "low",
    "high",
    "mid",
    "cells_filled",
    "cells_expected",
    "ref_low",
    "ref_high",
    "ref_avg",
    "vs_reference",
)
NOTES_COLUMNS = ("section", "subprocess_name", "item", "text")


STAFF_COLUMNS = ("no", "role", "group_ids", "group_names", "initials")


def _staff_header(lang: str) -> list[str]:
    return ["no", t("Role", lang), "group_ids", t("Target groups", lang), t("Initials", lang)]


def _staff_rows(session: Session, process: ProcessDefinition, lang: str) -> Iterator[list[Any]]:
    """One row per participant, in the order listed: role, groups (ids and names), initials."""
    for number, member in enumerate(session.staff, start=1):
        names = [group_label(process, group, lang) for group in member.groups]
        yield [number, member.role, ",".join(member.groups), ", ".join(names), member.initials]


def _totals_header(lang: str) -> list[str]:
    return [
        "process_id",
        "group_id",
        t("Target group", lang),
        t("Level", lang),
        t("Name", lang),
        t("Low (h)", lang),
        t("High (h)", lang),
        t("Midpoint (h)", lang),
        t("Cells filled", lang),
        t("Cells expected", lang),
        t("Reference low (h)", lang),
        t("Reference high (h)", lang),
        t("Reference avg. (h)", lang),
        t("Midpoint vs reference", lang),
    ]


def _totals_rows(session: Session, process: ProcessDefinition, lang: str) -> Iterator[list[Any]]:
    """Each group's subprocess sums, then its total, all from the totals engine."""
    for group in session.groups:
        totals = group_totals(process, session, group)
        name_of_group = group_label(process, group, lang)
        levels: list[tuple[int | str, str, Span, int, int]] = [
            (
                s.number,
                process.subprocesses[s.number - 1].name.in_lang(lang),
                s.span,
                s.filled,
                s.expected,
            )
            for s in totals.subprocesses
        ]
        levels.append((TOTAL, t("Total", lang), totals.total, totals.filled, totals.expected))
        for level, name, span, filled, expected in levels:
            ref = reference_for(process, group, level)
            where = position(span.mid, ref)
            yield [
                process.id,
                group,
                name_of_group,
                level,
                name,
                span.low,
                span.high,
                span.mid,
                filled,
                expected,
                ref.low if ref else None,
                ref.high if ref else None,
                ref.avg if ref else None,
                t(POSITION_WORDS[where], lang) if where else None,
            ]


def _notes_header(lang: str) -> list[str]:
    return [
        t("Section", lang),
        t("Subprocess", lang),
        t("Item", lang),
        t("Text", lang),
    ]


def _notes_rows(session: Session, process: ProcessDefinition, lang: str) -> Iterator[list[Any]]:
    section = t("Session", lang)
    facts = [
        (N_("Municipality"), session.municipality),
        (N_("Workshop date"), session.workshop_date.isoformat()),
        (N_("Facilitator"), session.facilitator),
        (N_("Participants"), session.participants),
        *([(N_("Participants by role"), roles_summary(session.staff))] if session.staff else []),
        (N_("Process"), f"{process.name.in_lang(lang)} ({process.id})"),
        (N_("Process version"), session.process_version),
        (N_("Session id"), session.session_id),
        (N_("Created"), session.created_at.isoformat()),
        (N_("Last change"), session.updated_at.isoformat()),
        (N_("Unit"), t("staff hours per citizen who receives the intervention", lang)),
        (N_("Notes"), session.notes),
    ]
    for key, value in facts:
        yield [section, None, t(key, lang), value]
    names = {s.number: s.name.in_lang(lang) for s in process.subprocesses}
    for number in sorted(session.cost_driver_notes):
        yield [
            t("Cost-driver notes", lang),
            number,
            names.get(number, ""),
            session.cost_driver_notes[number],
        ]
    for line in activity_lines(process, session):
        if line.local:
            yield [
                t("Local activity", lang),
                line.subprocess,
                line.label(lang),
                t("added in the room", lang),
            ]
        note = session.entry(line.id).note
        if note:
            yield [t("Activity note", lang), line.subprocess, line.label(lang), note]
    yield from _plan_actual_rows(session, process, lang)


def _plan_actual_rows(
    session: Session, process: ProcessDefinition, lang: str
) -> Iterator[list[Any]]:
    """Each subprocess's time box against the time the room actually spent on it."""
    if session.agenda is None and not session.time_log.seconds:
        return
    names = {s.number: s.name.in_lang(lang) for s in process.subprocesses}
    for row in plan_against_actual(process, session):
        planned = str(row.planned) if row.planned is not None else t("none", lang)
        actual = format_minutes(row.actual, lang) if row.actual is not None else "0"
        text = t("planned {planned} min, actual {actual} min", lang, planned=planned, actual=actual)
        yield [t("Plan against actual", lang), row.subprocess, names[row.subprocess], text]


# ---------------------------------------------------------------- files


def default_export_path(session_path: Path, fmt: str) -> Path:
    """Beside the session file, with the same stem: 'x.json' -> 'x.csv' / 'x.xlsx'."""
    return Path(session_path).with_suffix(f".{fmt}")


def export_bytes(
    session: Session,
    process: ProcessDefinition,
    fmt: str,
    lang: str = "en",
    table: str = "estimates",
    dialect: str = DEFAULT_DIALECT,
) -> bytes:
    """The export in `fmt` ('csv', 'xlsx' or 'json') as bytes ready to write; a CSV holds
    the estimates `table` (the tidy rows) or the `participants`' own estimates, in
    `dialect` (see core/csv_dialect.py)."""
    if fmt == "csv" and table == "participants":
        return csv_bytes(participants_csv(session, dialect), dialect)
    if fmt == "csv":
        return csv_bytes(to_csv(session, process, lang, dialect), dialect)
    if fmt == "xlsx":
        return to_xlsx(session, process, lang)
    if fmt == "json":
        return session_json(session).encode("utf-8")
    raise ValueError(f"unknown export format {fmt!r}")


def export_beside(
    session: Session,
    process: ProcessDefinition,
    session_path: Path,
    formats: Iterable[str] = ("csv", "xlsx"),
    lang: str = "en",
) -> list[Path]:
    """What the app's export key does: CSV and XLSX beside the session file.

    The session file itself is the JSON export, so 'json' is never rewritten here.
    """
    check_exportable(session, process, session_path)
    written = []
    for fmt in formats:
        if fmt == "json":
            continue
        target = default_export_path(session_path, fmt)
        write_file(target, export_bytes(session, process, fmt, lang))
        written.append(target)
    return written


__all__ = [
    "EXPORT_COLUMNS",
    "FIRST_COLUMNS",
    "PARTICIPANT_COLUMNS",
    "TIDY_COLUMNS",
    "TidyRow",
    "check_exportable",
    "csv_number",
    "csv_text",
    "default_export_path",
    "export_beside",
    "export_bytes",
    "participants_csv",
    "tidy_rows",
    "to_csv",
    "to_xlsx",
    "unquote_csv_text",
]
