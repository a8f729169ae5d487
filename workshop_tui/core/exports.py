"""Exports of one workshop session: tidy CSV, XLSX and the canonical JSON.

The JSON session file is the lossless, versioned export (`workshop-tui schema
session`). The tidy CSV has one row per workshop x target group x activity
(local activities included) with the header in `TIDY_COLUMNS`; it is what
`workshop-tui merge` reads besides the JSON (workshop_tui/tidy_csv.py reads it
back into Session objects). The XLSX holds the same estimates,
the subprocess and process totals per group from the totals engine, and the
notes, for people who open it in Excel or LibreOffice.

Text typed by users (municipality, notes, activity names) can never become a
spreadsheet formula: in CSV a cell starting with = + - @ tab or carriage return
gets a leading apostrophe (OWASP's advice for CSV injection), and in XLSX every
text is written as a string cell. The csv module quotes cells holding commas,
quotes or line breaks, so a note can never break a row.

openpyxl is imported only when an XLSX is written: the app calls this module
when the user presses the export key, and must not pay for it at start-up.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workshop_tui.core import i18n
from workshop_tui.core.errors import Problem, WorkshopError
from workshop_tui.core.i18n import t
from workshop_tui.core.models import (
    ProcessDefinition,
    Session,
)
from workshop_tui.core.reference import TOTAL, position, reference_for
from workshop_tui.core.storage import atomic_write_bytes, session_json
from workshop_tui.core.totals import activity_lines, group_totals

if TYPE_CHECKING:  # pragma: no cover - typing only
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet


TIDY_COLUMNS = (
    "session_id",
    "municipality",
    "workshop_date",
    "process_id",
    "group_id",
    "subprocess_no",
    "activity_id",
    "activity_name",
    "low_hours",
    "high_hours",
    "staff",
    "share",
    "applicable",
    "time_consuming",
    "note",
)
"""The tidy CSV header, in order. Part of the file-format contract."""

FORMATS = ("csv", "xlsx", "json")

# Cells starting with these are read as formulas by spreadsheets (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_QUOTE = "'"
XLSX_MAX_TEXT = 32_767  # Excel's limit for one cell

i18n.register(
    {
        "export.wrote": {"en": "Wrote {path}", "da": "Skrev {path}"},
        "export.rows": {"en": "{count} rows", "da": "{count} rækker"},
        "export.json_is_session": {
            "en": "{path} is the session file itself, the canonical JSON export: nothing to write",
            "da": "{path} er selve sessionsfilen, den kanoniske JSON-eksport: intet at skrive",
        },
        "export.xlsx_needs_file": {
            "en": "XLSX cannot be written to a terminal; give --out FILE",
            "da": "XLSX kan ikke skrives til en terminal; angiv --out FIL",
        },
        "export.sheet.estimates": {"en": "Estimates", "da": "Estimater"},
        "export.sheet.totals": {"en": "Totals", "da": "Totaler"},
        "export.sheet.notes": {"en": "Notes", "da": "Noter"},
        "export.col.group_name": {"en": "Target group", "da": "Målgruppe"},
        "export.col.level": {"en": "Level", "da": "Niveau"},
        "export.col.name": {"en": "Name", "da": "Navn"},
        "export.col.low": {"en": "Low (h)", "da": "Lavt (t)"},
        "export.col.high": {"en": "High (h)", "da": "Højt (t)"},
        "export.col.mid": {"en": "Midpoint (h)", "da": "Midtpunkt (t)"},
        "export.col.filled": {"en": "Cells filled", "da": "Udfyldte felter"},
        "export.col.expected": {"en": "Cells expected", "da": "Forventede felter"},
        "export.col.ref_low": {"en": "Reference low (h)", "da": "Reference lavt (t)"},
        "export.col.ref_high": {"en": "Reference high (h)", "da": "Reference højt (t)"},
        "export.col.ref_avg": {"en": "Reference avg. (h)", "da": "Reference gns. (t)"},
        "export.col.position": {"en": "Midpoint vs reference", "da": "Midtpunkt ift. reference"},
        "export.col.section": {"en": "Section", "da": "Afsnit"},
        "export.col.subprocess_no": {"en": "Subprocess", "da": "Delproces"},
        "export.col.item": {"en": "Item", "da": "Emne"},
        "export.col.text": {"en": "Text", "da": "Tekst"},
        "export.section.session": {"en": "Session", "da": "Session"},
        "export.section.cost_drivers": {
            "en": "Cost-driver notes",
            "da": "Noter om omkostningsdrivere",
        },
        "export.section.activity": {"en": "Activity note", "da": "Note til aktivitet"},
        "export.section.local": {"en": "Local activity", "da": "Lokal aktivitet"},
        "export.local_added": {"en": "added in the room", "da": "tilføjet i lokalet"},
        "export.position.below": {"en": "below", "da": "under"},
        "export.position.within": {"en": "within", "da": "inden for"},
        "export.position.above": {"en": "above", "da": "over"},
        "export.field.municipality": {"en": "Municipality", "da": "Kommune"},
        "export.field.workshop_date": {"en": "Workshop date", "da": "Workshopdato"},
        "export.field.facilitator": {"en": "Facilitator", "da": "Facilitator"},
        "export.field.participants": {"en": "Participants", "da": "Deltagere"},
        "export.field.process": {"en": "Process", "da": "Proces"},
        "export.field.process_version": {"en": "Process version", "da": "Procesversion"},
        "export.field.session_id": {"en": "Session id", "da": "Session-id"},
        "export.field.created_at": {"en": "Created", "da": "Oprettet"},
        "export.field.updated_at": {"en": "Last change", "da": "Senest ændret"},
        "export.field.notes": {"en": "Notes", "da": "Noter"},
        "export.field.unit": {"en": "Unit", "da": "Enhed"},
    }
)


# ---------------------------------------------------------------- safe cells


def csv_text(text: str) -> str:
    """User text made safe for a CSV cell: never read as a formula.

    A text starting with = + - @ tab or carriage return gets a leading
    apostrophe, as OWASP advises; so does one that already starts with an
    apostrophe, so `unquote_csv_text` gives back exactly what was typed.
    """
    if text and (text[0] in FORMULA_STARTS or text[0] == _QUOTE):
        return _QUOTE + text
    return text


def unquote_csv_text(text: str) -> str:
    """The inverse of `csv_text`, used when a tidy CSV is read back."""
    if (
        text.startswith(_QUOTE)
        and len(text) > 1
        and (text[1] in FORMULA_STARTS or text[1] == _QUOTE)
    ):
        return text[1:]
    return text


def csv_number(value: float | None) -> str:
    """A number as the tidy CSV writes it: decimal point, no separators, no exponent."""
    if value is None:
        return ""
    text = repr(float(value))
    if "e" in text or "E" in text:
        text = f"{value:.12f}".rstrip("0").rstrip(".")
    return text[:-2] if text.endswith(".0") else text


def csv_bool(value: bool) -> str:
    return "true" if value else "false"


# ---------------------------------------------------------------- tidy rows


@dataclass(frozen=True)
class TidyRow:
    """One workshop x target group x activity, as in the tidy CSV.

    low_hours/high_hours are what the room typed (before staff and share);
    None where nothing was entered.
    """

    session_id: str
    municipality: str
    workshop_date: date | None
    process_id: str
    group_id: str
    subprocess_no: int
    activity_id: str
    activity_name: str
    low_hours: float | None
    high_hours: float | None
    staff: float
    share: float
    applicable: bool
    time_consuming: bool
    note: str

    def csv_cells(self) -> list[str]:
        return [
            csv_text(self.session_id),
            csv_text(self.municipality),
            self.workshop_date.isoformat() if self.workshop_date else "",
            self.process_id,
            self.group_id,
            str(self.subprocess_no),
            self.activity_id,
            csv_text(self.activity_name),
            csv_number(self.low_hours),
            csv_number(self.high_hours),
            csv_number(self.staff),
            csv_number(self.share),
            csv_bool(self.applicable),
            csv_bool(self.time_consuming),
            csv_text(self.note),
        ]


def check_exportable(session: Session, process: ProcessDefinition, path: Path | str = "") -> None:
    """Raise a WorkshopError if the session does not fit its process definition.

    An activity unknown to the definition would have no subprocess and would be
    lost from the export, so exporting it is refused with the reason instead.
    """
    from workshop_tui.core.catalogue import check_session

    if session.process_id != process.id:
        raise WorkshopError(
            "Wrong process",
            [Problem(Path(path), f"session is for '{session.process_id}', not '{process.id}'")],
        )
    problems = check_session(session, process, Path(path))
    if problems:
        raise WorkshopError("Session does not fit its process definition", problems)


def tidy_rows(session: Session, process: ProcessDefinition, lang: str = "en") -> list[TidyRow]:
    """The session as tidy rows: every covered group x every activity, in process order.

    Activity names are in `lang`; local activities keep the name the room gave them.
    """
    lines = activity_lines(process, session)
    rows = []
    for group in session.groups:
        for line in lines:
            entry = session.entry(line.id)
            estimate = session.estimate(line.id, group)
            rows.append(
                TidyRow(
                    session.session_id,
                    session.municipality,
                    session.workshop_date,
                    session.process_id,
                    group,
                    line.subprocess,
                    line.id,
                    line.label(lang),
                    estimate.low,
                    estimate.high,
                    estimate.staff,
                    estimate.share,
                    not entry.not_applicable,
                    line.time_consuming,
                    entry.note,
                )
            )
    return rows


def to_csv(session: Session, process: ProcessDefinition, lang: str = "en") -> str:
    """The tidy CSV text (UTF-8 when written, CRLF line ends as RFC 4180 has them)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # default "\r\n" ends: a lone CR inside a note gets quoted too
    writer.writerow(TIDY_COLUMNS)
    writer.writerows(row.csv_cells() for row in tidy_rows(session, process, lang))
    return buffer.getvalue()


# ---------------------------------------------------------------- XLSX


def xlsx_text(text: str) -> str:
    """Text an XLSX cell can hold: no XML-illegal control characters, within Excel's limit."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)
    return text if len(text) <= XLSX_MAX_TEXT else text[: XLSX_MAX_TEXT - 1] + "…"


def add_sheet(
    workbook: Workbook,
    title: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    number_format: str = "0.00",
    integer_columns: Iterable[int] = (),
) -> Worksheet:
    """A sheet with a bold, frozen header, a filter, column widths and number formats.

    Every str becomes a string cell (never a formula, even if it starts with
    '='); floats get `number_format`, dates ISO format; integer_columns (0-based)
    are shown without decimals.
    """
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title=title[:31])
    widths = [len(str(name)) for name in header]
    integers = set(integer_columns)
    _put_row(sheet, 1, header, widths, integers, number_format)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    count = 1
    for count, row in enumerate(rows, start=2):
        _put_row(sheet, count, row, widths, integers, number_format)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 8), 60)
    sheet.freeze_panes = "A2"
    if header:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(count, 1)}"
    return sheet


def _put_row(sheet, row_no: int, values, widths: list[int], integers: set[int], fmt: str) -> None:
    for col, value in enumerate(values):
        cell = sheet.cell(row=row_no, column=col + 1)
        if isinstance(value, str):
            cell.value = xlsx_text(value)
            cell.data_type = "s"  # openpyxl would otherwise make '=...' a formula
            if value[:1] in FORMULA_STARTS:
                cell.quotePrefix = True  # and Excel/LibreOffice keep it text when edited
            width = max((len(part) for part in value.splitlines()), default=0)
        elif isinstance(value, bool) or value is None:
            cell.value = value
            width = 5
        elif isinstance(value, (date, datetime)):
            cell.value = value.replace(tzinfo=None) if isinstance(value, datetime) else value
            cell.number_format = "yyyy-mm-dd hh:mm" if isinstance(value, datetime) else "yyyy-mm-dd"
            width = 16 if isinstance(value, datetime) else 10
        else:
            cell.value = value
            if isinstance(value, float) and col not in integers:
                cell.number_format = fmt
            width = len(f"{value:.2f}" if isinstance(value, float) else str(value))
        if col < len(widths):
            widths[col] = max(widths[col], width)
        else:
            widths.append(width)


def new_workbook() -> Workbook:
    """An empty workbook (openpyxl's default sheet removed)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_xlsx(session: Session, process: ProcessDefinition, lang: str = "en") -> bytes:
    """The XLSX export: estimates (as the tidy CSV), totals per group, notes."""
    workbook = new_workbook()
    rows = tidy_rows(session, process, lang)
    add_sheet(
        workbook,
        t("export.sheet.estimates", lang),
        TIDY_COLUMNS,
        (
            [
                r.session_id,
                r.municipality,
                r.workshop_date,
                r.process_id,
                r.group_id,
                r.subprocess_no,
                r.activity_id,
                r.activity_name,
                r.low_hours,
                r.high_hours,
                r.staff,
                r.share,
                r.applicable,
                r.time_consuming,
                r.note,
            ]
            for r in rows
        ),
    )
    add_sheet(
        workbook,
        t("export.sheet.totals", lang),
        _totals_header(lang),
        _totals_rows(session, process, lang),
        integer_columns=(3, 8, 9),
    )
    add_sheet(
        workbook,
        t("export.sheet.notes", lang),
        _notes_header(lang),
        _notes_rows(session, process, lang),
    )
    return workbook_bytes(workbook)


def _totals_header(lang: str) -> list[str]:
    return [
        "process_id",
        "group_id",
        t("export.col.group_name", lang),
        t("export.col.level", lang),
        t("export.col.name", lang),
        t("export.col.low", lang),
        t("export.col.high", lang),
        t("export.col.mid", lang),
        t("export.col.filled", lang),
        t("export.col.expected", lang),
        t("export.col.ref_low", lang),
        t("export.col.ref_high", lang),
        t("export.col.ref_avg", lang),
        t("export.col.position", lang),
    ]


def _totals_rows(session: Session, process: ProcessDefinition, lang: str) -> Iterable[list]:
    """Each group's subprocess sums, then its total, all from the totals engine."""
    for group in session.groups:
        totals = group_totals(process, session, group)
        group_name = _group_name(process, group, lang)
        levels = [
            (
                s.number,
                process.subprocesses[s.number - 1].name.in_lang(lang),
                s.span,
                s.filled,
                s.expected,
            )
            for s in totals.subprocesses
        ]
        levels.append((TOTAL, t("word.total", lang), totals.total, totals.filled, totals.expected))
        for level, name, span, filled, expected in levels:
            ref = reference_for(process, group, level)
            where = position(span.mid, ref)
            yield [
                process.id,
                group,
                group_name,
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
                t(f"export.position.{where}", lang) if where else None,
            ]


def _group_name(process: ProcessDefinition, group: str, lang: str) -> str:
    known = {g.id: g for g in process.groups}
    return known[group].name.in_lang(lang) if group in known else group


def _notes_header(lang: str) -> list[str]:
    return [
        t("export.col.section", lang),
        t("export.col.subprocess_no", lang),
        t("export.col.item", lang),
        t("export.col.text", lang),
    ]


def _notes_rows(session: Session, process: ProcessDefinition, lang: str) -> Iterable[list]:
    section = t("export.section.session", lang)
    facts = [
        ("export.field.municipality", session.municipality),
        ("export.field.workshop_date", session.workshop_date.isoformat()),
        ("export.field.facilitator", session.facilitator),
        ("export.field.participants", session.participants),
        ("export.field.process", f"{process.name.in_lang(lang)} ({process.id})"),
        ("export.field.process_version", session.process_version),
        ("export.field.session_id", session.session_id),
        ("export.field.created_at", session.created_at.isoformat()),
        ("export.field.updated_at", session.updated_at.isoformat()),
        ("export.field.unit", t("unit.hours_per_citizen", lang)),
        ("export.field.notes", session.notes),
    ]
    for key, value in facts:
        yield [section, None, t(key, lang), value]
    names = {s.number: s.name.in_lang(lang) for s in process.subprocesses}
    for number in sorted(session.cost_driver_notes):
        yield [
            t("export.section.cost_drivers", lang),
            number,
            names.get(number, ""),
            session.cost_driver_notes[number],
        ]
    for line in activity_lines(process, session):
        if line.local:
            yield [
                t("export.section.local", lang),
                line.subprocess,
                line.label(lang),
                t("export.local_added", lang),
            ]
        note = session.entry(line.id).note
        if note:
            yield [t("export.section.activity", lang), line.subprocess, line.label(lang), note]


# ---------------------------------------------------------------- files


def write_file(path: Path, data: bytes) -> None:
    """atomic_write_bytes, with a folder that cannot be written to told as a user error."""
    try:
        atomic_write_bytes(Path(path), data)
    except OSError as error:
        raise WorkshopError(
            "Cannot write the file", [Problem(Path(path), error.strerror or str(error))]
        ) from None


def default_export_path(session_path: Path, fmt: str) -> Path:
    """Beside the session file, with the same stem: 'x.json' -> 'x.csv' / 'x.xlsx'."""
    return Path(session_path).with_suffix(f".{fmt}")


def export_bytes(session: Session, process: ProcessDefinition, fmt: str, lang: str = "en") -> bytes:
    """The export in `fmt` ('csv', 'xlsx' or 'json') as bytes ready to write."""
    if fmt == "csv":
        return to_csv(session, process, lang).encode("utf-8")
    if fmt == "xlsx":
        return to_xlsx(session, process, lang)
    if fmt == "json":
        return session_json(session).encode("utf-8")
    raise ValueError(f"unknown export format {fmt!r}")


def write_export(
    session: Session, process: ProcessDefinition, fmt: str, path: Path, lang: str = "en"
) -> Path:
    """Write one export atomically to `path`; returns the path."""
    if fmt != "json":
        check_exportable(session, process, path)
    write_file(Path(path), export_bytes(session, process, fmt, lang))
    return Path(path)


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
    "TIDY_COLUMNS",
    "TidyRow",
    "add_sheet",
    "check_exportable",
    "csv_number",
    "csv_text",
    "default_export_path",
    "export_beside",
    "export_bytes",
    "new_workbook",
    "write_file",
    "tidy_rows",
    "to_csv",
    "to_xlsx",
    "unquote_csv_text",
    "workbook_bytes",
    "write_export",
]
