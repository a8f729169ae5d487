"""Editing a workshop session: every change a new Session, saved at once, undoable.

Pure Python, no Textual: the facilitator's app calls these methods and draws
the result. Each committed change replaces the whole Session (pydantic
`model_copy`, so unchanged parts are shared), is saved atomically before the
method returns, and goes on the undo stack. Input that cannot be used raises
an `EntryError` (an `HoursError` for hours) whose message is for the user, and
changes nothing, neither in memory nor on disk.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from workshop_tui.core import totals as totals_engine
from workshop_tui.core.catalogue import Catalogue, check_session
from workshop_tui.core.errors import Problem, WorkshopError
from workshop_tui.core.hours import HoursError, parse_hours, parse_range
from workshop_tui.core.i18n import register, t
from workshop_tui.core.limits import MAX_NAME
from workshop_tui.core.models import (
    ActivityEntry,
    Estimate,
    LocalActivity,
    ProcessDefinition,
    Session,
    local_activity_id,
)
from workshop_tui.core.numbers import EntryError, parse_share, parse_staff
from workshop_tui.core.storage import load_session, save_session, session_filename

Side = Literal["low", "high"]
SIDES: tuple[Side, Side] = ("low", "high")
UNDO_LIMIT = 1000

register(
    {
        "edit.name_empty": {
            "en": "The activity needs a name",
            "da": "Aktiviteten skal have et navn",
        },
        "edit.name_too_long": {
            "en": "The name is longer than {limit} characters",
            "da": "Navnet er længere end {limit} tegn",
        },
        "edit.not_local": {
            "en": "Only activities added in the room can be renamed or removed",
            "da": "Kun aktiviteter tilføjet i lokalet kan omdøbes eller fjernes",
        },
        "edit.date_invalid": {
            "en": "'{text}' is not a date: type e.g. 2024-03-01 or 1-3-2024",
            "da": "'{text}' er ikke en dato: skriv fx 2024-03-01 eller 1-3-2024",
        },
        "edit.save_failed": {
            "en": "Could not save {path}: {reason}. The change was not made.",
            "da": "Kunne ikke gemme {path}: {reason}. Ændringen er ikke foretaget.",
        },
    }
)


class SaveError(WorkshopError):
    """The session file could not be written; the change was rolled back."""


# Everything a caller should catch and show next to the entry.
ENTRY_ERRORS = (HoursError, EntryError)


@dataclass(frozen=True)
class Change:
    """What one committed edit touched, so the UI can redraw and point at it."""

    kind: str
    activity_id: str | None = None
    group_id: str | None = None
    side: str | None = None
    subprocess: int | None = None

    @property
    def structural(self) -> bool:
        """True when the list of rows or their marks changed, not only a value."""
        return self.kind in {
            "add_local",
            "rename_local",
            "remove_local",
            "not_applicable",
            "time_consuming",
        }


@dataclass(frozen=True)
class _Step:
    before: Session
    after: Session
    change: Change


def clean_name(name: str, lang: str = "en") -> str:
    """An activity name with spaces tidied; EntryError when empty or too long."""
    name = " ".join(name.split())
    if not name:
        raise EntryError(t("edit.name_empty", lang))
    if len(name) > MAX_NAME:
        raise EntryError(t("edit.name_too_long", lang, limit=MAX_NAME))
    return name


class SessionEditor:
    """One open workshop: its session, its process definition and its file."""

    def __init__(
        self, session: Session, process: ProcessDefinition, path: Path, lang: str = "en"
    ) -> None:
        self.session = session
        self.process = process
        self.path = Path(path)
        self.lang = lang
        self._undo: list[_Step] = []
        self._redo: list[_Step] = []

    # ------------------------------------------------------------ opening

    @classmethod
    def create(
        cls,
        process: ProcessDefinition,
        folder: Path,
        *,
        municipality: str,
        workshop_date: date,
        groups: list[str],
        facilitator: str = "",
        participants: int = 0,
        lang: str = "en",
    ) -> SessionEditor:
        """A new, empty workshop, saved at once so it shows in the resume list."""
        session = Session(
            process_id=process.id,
            process_version=process.version,
            municipality=municipality,
            workshop_date=workshop_date,
            facilitator=facilitator,
            participants=participants,
            groups=groups,
        )
        path = Path(folder) / session_filename(session)
        editor = cls(session, process, path, lang)
        editor.session = editor._write(session)
        return editor

    @classmethod
    def open(cls, path: Path, catalogue: Catalogue, lang: str = "en") -> SessionEditor:
        """A saved session with its process; a WorkshopError if they do not fit together."""
        session = load_session(path)
        process = catalogue.get(session.process_id)
        problems = check_session(session, process, Path(path))
        if problems:
            raise WorkshopError("Session does not fit its process", problems)
        return cls(session, process, Path(path), lang)

    # ------------------------------------------------------------ reading

    @property
    def version_differs(self) -> bool:
        return self.session.process_version != self.process.version

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def lines(self) -> list[totals_engine.ActivityLine]:
        return totals_engine.activity_lines(self.process, self.session)

    def line(self, activity_id: str) -> totals_engine.ActivityLine:
        return next(line for line in self.lines() if line.id == activity_id)

    def totals(self) -> dict[str, totals_engine.GroupTotals]:
        return totals_engine.session_totals(self.process, self.session)

    def completeness(self) -> float:
        return totals_engine.completeness(self.totals())

    # ------------------------------------------------------------ estimates

    def set_hours(self, activity_id: str, group_id: str, side: Side, text: str) -> Change | None:
        """Low or high hours from what was typed; empty text clears the cell."""
        self._check_cell(activity_id, group_id)
        if side not in SIDES:
            raise ValueError(f"side must be 'low' or 'high', not {side!r}")
        change = Change("hours", activity_id, group_id, side)
        both = parse_range(text, self.lang) if text.strip() else None
        if both is not None:  # "2-3" typed in either column: low and high at once
            return self._set_estimate(
                activity_id, group_id, {"low": both[0], "high": both[1]}, change
            )
        value = parse_hours(text, self.lang) if text.strip() else None
        return self._set_estimate(activity_id, group_id, {side: value}, change)

    def set_staff(self, activity_id: str, group_id: str, text: str) -> Change | None:
        """Staff taking part; the activity's hours are multiplied by it."""
        self._check_cell(activity_id, group_id)
        value = parse_staff(text, self.lang) if text.strip() else 1.0
        change = Change("staff", activity_id, group_id)
        return self._set_estimate(activity_id, group_id, {"staff": value}, change)

    def set_share(self, activity_id: str, group_id: str, text: str) -> Change | None:
        """Share of cases in which the activity happens; hours are multiplied by it."""
        self._check_cell(activity_id, group_id)
        value = parse_share(text, self.lang) if text.strip() else 1.0
        change = Change("share", activity_id, group_id)
        return self._set_estimate(activity_id, group_id, {"share": value}, change)

    def set_factors(self, activity_id: str, values: dict[str, tuple[str, str]]) -> Change | None:
        """Staff and share for several groups at once, as one change (one undo step)."""
        parsed = {}
        for group_id, (staff, share) in values.items():
            self._check_cell(activity_id, group_id)
            parsed[group_id] = {
                "staff": parse_staff(staff, self.lang) if staff.strip() else 1.0,
                "share": parse_share(share, self.lang) if share.strip() else 1.0,
            }
        session = self.session
        for group_id, update in parsed.items():
            session = self._with_estimate(session, activity_id, group_id, update)
        return self._commit(session, Change("factors", activity_id))

    def _set_estimate(
        self, activity_id: str, group_id: str, update: dict, change: Change
    ) -> Change | None:
        session = self._with_estimate(self.session, activity_id, group_id, update)
        return self._commit(session, change)

    @staticmethod
    def _with_estimate(session: Session, activity_id: str, group_id: str, update: dict) -> Session:
        entry = session.entry(activity_id)
        estimate = session.estimate(activity_id, group_id).model_copy(update=update)
        estimates = dict(entry.estimates)
        if estimate == Estimate():
            estimates.pop(group_id, None)  # an emptied cell leaves no trace in the file
        else:
            estimates[group_id] = estimate
        return _with_entry(session, activity_id, estimates=estimates)

    # ------------------------------------------------------------ activity marks

    def set_not_applicable(self, activity_id: str, value: bool) -> Change | None:
        self._check_activity(activity_id)
        return self._commit(
            self._with_entry(activity_id, not_applicable=value),
            Change("not_applicable", activity_id),
        )

    def toggle_not_applicable(self, activity_id: str) -> Change | None:
        return self.set_not_applicable(
            activity_id, not self.session.entry(activity_id).not_applicable
        )

    def set_time_consuming(self, activity_id: str, value: bool) -> Change | None:
        """The room's mark; stored only where it differs from the definition's flag."""
        self._check_activity(activity_id)
        default = self._defined_time_consuming(activity_id)
        return self._commit(
            self._with_entry(activity_id, time_consuming=None if value == default else value),
            Change("time_consuming", activity_id),
        )

    def toggle_time_consuming(self, activity_id: str) -> Change | None:
        return self.set_time_consuming(activity_id, not self.line(activity_id).time_consuming)

    def set_note(self, activity_id: str, text: str) -> Change | None:
        self._check_activity(activity_id)
        return self._commit(
            self._with_entry(activity_id, note=text.strip()), Change("note", activity_id)
        )

    # ------------------------------------------------------------ local activities

    def add_local_activity(self, subprocess: int, name: str) -> Change:
        """A new activity the room names, at the end of the subprocess."""
        if subprocess not in {s.number for s in self.process.subprocesses}:
            raise ValueError(f"unknown subprocess {subprocess}")
        name = clean_name(name, self.lang)
        taken = set(self.process.activity_ids) | {a.id for a in self.session.local_activities}
        local = LocalActivity(id=local_activity_id(name, taken), subprocess=subprocess, name=name)
        session = self.session.model_copy(
            update={"local_activities": [*self.session.local_activities, local]}
        )
        change = Change("add_local", local.id, subprocess=subprocess)
        self._commit(session, change)
        return change

    def rename_local_activity(self, activity_id: str, name: str) -> Change | None:
        local = self._local(activity_id)
        name = clean_name(name, self.lang)
        renamed = [
            a.model_copy(update={"name": name}) if a.id == local.id else a
            for a in self.session.local_activities
        ]
        return self._commit(
            self.session.model_copy(update={"local_activities": renamed}),
            Change("rename_local", activity_id, subprocess=local.subprocess),
        )

    def remove_local_activity(self, activity_id: str) -> Change:
        """Removes the activity and everything entered for it (undo brings both back)."""
        local = self._local(activity_id)
        activities = {k: v for k, v in self.session.activities.items() if k != activity_id}
        kept = [a for a in self.session.local_activities if a.id != activity_id]
        change = Change("remove_local", activity_id, subprocess=local.subprocess)
        self._commit(
            self.session.model_copy(update={"local_activities": kept, "activities": activities}),
            change,
        )
        return change

    # ------------------------------------------------------------ notes

    def set_cost_driver_note(self, subprocess: int, text: str) -> Change | None:
        if subprocess not in {s.number for s in self.process.subprocesses}:
            raise ValueError(f"unknown subprocess {subprocess}")
        notes = dict(self.session.cost_driver_notes)
        if text.strip():
            notes[subprocess] = text.strip()
        else:
            notes.pop(subprocess, None)
        return self._commit(
            self.session.model_copy(update={"cost_driver_notes": notes}),
            Change("cost_driver_note", subprocess=subprocess),
        )

    def set_notes(self, text: str) -> Change | None:
        return self._commit(
            self.session.model_copy(update={"notes": text.strip()}), Change("notes")
        )

    # ------------------------------------------------------------ undo / redo

    def undo(self) -> Change | None:
        """Go back one committed change (saved at once); None when there is none."""
        if not self._undo:
            return None
        step = self._undo[-1]
        self.session = self._write(step.before)
        self._redo.append(self._undo.pop())
        return step.change

    def redo(self) -> Change | None:
        if not self._redo:
            return None
        step = self._redo[-1]
        self.session = self._write(step.after)
        self._undo.append(self._redo.pop())
        return step.change

    # ------------------------------------------------------------ internals

    def _commit(self, session: Session, change: Change) -> Change | None:
        """Save the new session, then make it current; a no-op is neither saved nor undoable."""
        if session == self.session:
            return None
        before = self.session
        self.session = self._write(session)
        self._undo.append(_Step(before, self.session, change))
        del self._undo[:-UNDO_LIMIT]
        self._redo.clear()
        return change

    def _write(self, session: Session) -> Session:
        try:
            return save_session(session, self.path)
        except OSError as error:
            reason = error.strerror or str(error)
            raise SaveError(
                t("edit.save_failed", self.lang, path=self.path, reason=reason),
                [Problem(self.path, reason)],
            ) from None

    def _with_entry(self, activity_id: str, **update: object) -> Session:
        return _with_entry(self.session, activity_id, **update)

    def _check_activity(self, activity_id: str) -> None:
        known = set(self.process.activity_ids) | {a.id for a in self.session.local_activities}
        if activity_id not in known:
            raise ValueError(f"unknown activity {activity_id!r}")

    def _check_cell(self, activity_id: str, group_id: str) -> None:
        self._check_activity(activity_id)
        if group_id not in self.session.groups:
            raise ValueError(f"group {group_id!r} is not covered by this session")

    def _local(self, activity_id: str) -> LocalActivity:
        local = next((a for a in self.session.local_activities if a.id == activity_id), None)
        if local is None:
            raise EntryError(t("edit.not_local", self.lang))
        return local

    def _defined_time_consuming(self, activity_id: str) -> bool:
        for subprocess in self.process.subprocesses:
            for activity in subprocess.activities:
                if activity.id == activity_id:
                    return activity.time_consuming
        return False


def _with_entry(session: Session, activity_id: str, **update: object) -> Session:
    """`session` with one activity's entry changed; an entry back at defaults is dropped."""
    entry = session.entry(activity_id).model_copy(update=update)
    activities = dict(session.activities)
    if entry == ActivityEntry():
        activities.pop(activity_id, None)
    else:
        activities[activity_id] = entry
    return session.model_copy(update={"activities": activities})


_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y", "%d-%m-%y", "%d.%m.%y", "%d/%m/%y")


def parse_date(text: str, lang: str = "en") -> date:
    """'2024-03-01', '1-3-2024', '01.03.2024' or '1/3/24' (day before month, as in Denmark)."""
    cleaned = text.strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    raise EntryError(t("edit.date_invalid", lang, text=cleaned))
